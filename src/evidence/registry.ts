import { APP_CLIENT_LINE_READERS } from "./app-client/index.ts";
import { BINARY_FILE_READERS, BINARY_LINE_READERS } from "./binary/index.ts";
import { BROWSER_FILE_READERS, BROWSER_LINE_READERS, WEBSOCKET_LINE_READERS } from "./browser/index.ts";
import { CAPTURE_FILE_READERS, CAPTURE_LINE_READERS } from "./capture/index.ts";
import { CLOUD_LB_FILE_READERS, CLOUD_LB_LINE_READERS } from "./cloud-lb/index.ts";
import { CONFIG_FILE_READERS, CONFIG_LINE_READERS } from "./config/index.ts";
import { CURL_FILE_READERS, CURL_LINE_READERS } from "./curl/index.ts";
import { ENVOY_FILE_READERS, ENVOY_LINE_READERS } from "./envoy/index.ts";
import { GO_FILE_READERS, GO_LINE_READERS } from "./go/index.ts";
import { GRPC_LINE_READERS } from "./grpc/index.ts";
import { HAPROXY_FILE_READERS, HAPROXY_LINE_READERS } from "./haproxy/index.ts";
import { MESH_FILE_READERS, MESH_LINE_READERS } from "./mesh/index.ts";
import { NETWORK_FILE_READERS, NETWORK_LINE_READERS } from "./network/index.ts";
import { NGHTTP_FILE_READERS, NGHTTP_LINE_READERS } from "./nghttp/index.ts";
import { NGINX_FILE_READERS, NGINX_LINE_READERS } from "./nginx/index.ts";
import { PROBE_FILE_READERS, PROBE_LINE_READERS } from "./probe/index.ts";
import { PROXIES_FILE_READERS, PROXIES_LINE_READERS } from "./proxies/index.ts";
import type { FileReaderFactory, LineReaderFactory } from "./reader.ts";
import { TEXT_LINE_READERS } from "./text/index.ts";
import { WIRE_FILE_READERS, WIRE_LINE_READERS } from "./wire/index.ts";

/**
 * Every text reader, most specific first: when two could take a line, the earlier one wins
 * (a reader inside a multi-line block is always offered the next line first).
 */
export const LINE_READERS: readonly LineReaderFactory[] = [
  ...ENVOY_LINE_READERS,
  ...PROXIES_LINE_READERS,
  ...NGINX_LINE_READERS,
  ...HAPROXY_LINE_READERS,
  ...WEBSOCKET_LINE_READERS,
  ...CLOUD_LB_LINE_READERS,
  ...CURL_LINE_READERS,
  ...NGHTTP_LINE_READERS,
  ...GO_LINE_READERS,
  ...GRPC_LINE_READERS,
  ...APP_CLIENT_LINE_READERS,
  ...MESH_LINE_READERS,
  ...BROWSER_LINE_READERS,
  ...NETWORK_LINE_READERS,
  ...WIRE_LINE_READERS,
  ...PROBE_LINE_READERS,
  ...CAPTURE_LINE_READERS,
  ...BINARY_LINE_READERS,
  ...CONFIG_LINE_READERS,
  ...TEXT_LINE_READERS,
];

/** Whole-file readers, tried in order on the first bytes of each file. */
export const FILE_READERS: readonly FileReaderFactory[] = [
  ...CAPTURE_FILE_READERS,
  ...BINARY_FILE_READERS,
  ...PROBE_FILE_READERS,
  ...BROWSER_FILE_READERS,
  ...CLOUD_LB_FILE_READERS,
  ...ENVOY_FILE_READERS,
  ...NGINX_FILE_READERS,
  ...HAPROXY_FILE_READERS,
  ...PROXIES_FILE_READERS,
  ...CURL_FILE_READERS,
  ...NGHTTP_FILE_READERS,
  ...GO_FILE_READERS,
  ...MESH_FILE_READERS,
  ...NETWORK_FILE_READERS,
  ...WIRE_FILE_READERS,
  ...CONFIG_FILE_READERS,
];
