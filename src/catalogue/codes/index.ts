import type { FindingDef } from "../../model/cause.ts";
import { BINARY_FINDINGS } from "./binary.ts";
import { CAPTURE_FINDINGS } from "./capture.ts";
import { CONFIG_FINDINGS } from "./config.ts";
import { APP_CLIENT_FINDINGS } from "./evidence-app-client.ts";
import { BROWSER_FINDINGS } from "./evidence-browser.ts";
import { CLOUD_LB_FINDINGS } from "./evidence-cloud-lb.ts";
import { CURL_FINDINGS } from "./evidence-curl.ts";
import { ENVOY_FINDINGS } from "./evidence-envoy.ts";
import { GO_FINDINGS } from "./evidence-go.ts";
import { GRPC_FINDINGS } from "./evidence-grpc.ts";
import { HAPROXY_FINDINGS } from "./evidence-haproxy.ts";
import { MESH_FINDINGS } from "./evidence-mesh.ts";
import { NETWORK_FINDINGS } from "./evidence-network.ts";
import { NGHTTP_FINDINGS } from "./evidence-nghttp.ts";
import { NGINX_FINDINGS } from "./evidence-nginx.ts";
import { PROXIES_FINDINGS } from "./evidence-proxies.ts";
import { GENERAL_FINDINGS } from "./general.ts";
import { HTTP1_FINDINGS } from "./http1.ts";
import { HTTP2_FINDINGS } from "./http2.ts";
import { TRANSPORT_FINDINGS } from "./transport.ts";

/**
 * Every finding code, by family:
 * - PD10xx curl and nghttp (PD1060–PD1079), PD11xx browsers;
 * - PD12xx Envoy access logs, PD13xx Envoy debug logs;
 * - PD14xx proxy error logs: PD1401–PD1436 nginx/Kong, PD1450–PD1465 HAProxy, PD1470–PD1499 Traefik,
 *   Caddy, Apache httpd and Linkerd;
 * - PD15xx Go, client-go and gRPC-Go (PD1560–PD1599 gRPC clients in other languages);
 * - PD16xx application HTTP clients (PD1601–PD1649) and cloud load balancers and CDNs (PD1650–PD1699);
 * - PD17xx Istio control plane and Kubernetes, PD18xx network tools, PD19xx general;
 * - PD2xxx HTTP/1 wire, PD3xxx HTTP/2 wire, PD40xx probe and watch, PD41xx–PD49xx captures;
 * - PD5xxx configuration, PD6xxx binaries and environment.
 */
export const ALL_FINDINGS: readonly FindingDef[] = [
  ...CURL_FINDINGS,
  ...NGHTTP_FINDINGS,
  ...BROWSER_FINDINGS,
  ...ENVOY_FINDINGS,
  ...NGINX_FINDINGS,
  ...HAPROXY_FINDINGS,
  ...PROXIES_FINDINGS,
  ...GO_FINDINGS,
  ...GRPC_FINDINGS,
  ...APP_CLIENT_FINDINGS,
  ...CLOUD_LB_FINDINGS,
  ...MESH_FINDINGS,
  ...NETWORK_FINDINGS,
  ...GENERAL_FINDINGS,
  ...HTTP1_FINDINGS,
  ...HTTP2_FINDINGS,
  ...TRANSPORT_FINDINGS,
  ...CAPTURE_FINDINGS,
  ...CONFIG_FINDINGS,
  ...BINARY_FINDINGS,
];
