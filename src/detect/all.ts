import { APP_CLIENT_DETECTORS } from "./app-client/index.ts";
import { BINARY_DETECTORS } from "./binary/index.ts";
import { BROWSER_DETECTORS } from "./browser/index.ts";
import { CAPTURE_DETECTORS } from "./capture/index.ts";
import { CLOUD_LB_DETECTORS } from "./cloud-lb/index.ts";
import { CONFIG_DETECTORS } from "./config/index.ts";
import { CURL_DETECTORS } from "./curl/index.ts";
import type { AnyDetector } from "./define.ts";
import { ENVOY_DETECTORS } from "./envoy/index.ts";
import { GO_DETECTORS } from "./go/index.ts";
import { GRPC_DETECTORS } from "./grpc/index.ts";
import { HAPROXY_DETECTORS } from "./haproxy/index.ts";
import { MESH_DETECTORS } from "./mesh/index.ts";
import { NETWORK_DETECTORS } from "./network/index.ts";
import { NGHTTP_DETECTORS } from "./nghttp/index.ts";
import { NGINX_DETECTORS } from "./nginx/index.ts";
import { PROBE_DETECTORS } from "./probe/index.ts";
import { PROXIES_DETECTORS } from "./proxies/index.ts";
import { TEXT_DETECTORS } from "./text/index.ts";
import { WIRE_DETECTORS } from "./wire/index.ts";

/** Every detector, by family. */
export const ALL_DETECTORS: readonly AnyDetector[] = [
  ...APP_CLIENT_DETECTORS,
  ...BINARY_DETECTORS,
  ...BROWSER_DETECTORS,
  ...CAPTURE_DETECTORS,
  ...CLOUD_LB_DETECTORS,
  ...CONFIG_DETECTORS,
  ...CURL_DETECTORS,
  ...ENVOY_DETECTORS,
  ...GO_DETECTORS,
  ...GRPC_DETECTORS,
  ...HAPROXY_DETECTORS,
  ...MESH_DETECTORS,
  ...NETWORK_DETECTORS,
  ...NGHTTP_DETECTORS,
  ...NGINX_DETECTORS,
  ...PROBE_DETECTORS,
  ...PROXIES_DETECTORS,
  ...TEXT_DETECTORS,
  ...WIRE_DETECTORS,
];
