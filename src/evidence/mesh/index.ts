import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { envoyClustersReader } from "./envoy-clusters-reader.ts";
import { etcdReader, meshTextReader } from "./etcd-reader.ts";
import { istioLogReader } from "./istio-log-reader.ts";
import { kubeReader } from "./kube-reader.ts";
import { metricsReader } from "./metrics-reader.ts";
import { proxyStatusReader } from "./proxy-status-reader.ts";

/** Most specific first; the bare-message reader last, since it looks only for signatures. */
export const MESH_LINE_READERS: readonly LineReaderFactory[] = [
  envoyClustersReader,
  proxyStatusReader,
  metricsReader,
  kubeReader,
  etcdReader,
  istioLogReader,
  meshTextReader,
];
export const MESH_FILE_READERS: readonly FileReaderFactory[] = [];
