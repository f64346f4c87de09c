import type { AnyDetector } from "../define.ts";
import {
  nginxAccessProducerDetector,
  nginxAccessStatusDetector,
  nginxClientTimeoutDetector,
  nginxPrefaceAsRequestDetector,
} from "./access.ts";
import { ingressNoEndpointsDetector } from "./ingress-controller.ts";
import { nginxTempStorageDetector } from "./temp-storage.ts";
import { nginxTlsKongClientDetector } from "./tls-kong-client.ts";
import {
  nginxLoopbackRefusedDetector,
  nginxUpstreamConnectionDetector,
  nginxUpstreamResponseDetector,
} from "./upstream.ts";

export const NGINX_DETECTORS: readonly AnyDetector[] = [
  nginxTempStorageDetector,
  nginxUpstreamResponseDetector,
  nginxUpstreamConnectionDetector,
  nginxLoopbackRefusedDetector,
  nginxTlsKongClientDetector,
  nginxAccessStatusDetector,
  nginxAccessProducerDetector,
  nginxPrefaceAsRequestDetector,
  nginxClientTimeoutDetector,
  ingressNoEndpointsDetector,
];
