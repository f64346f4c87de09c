import type { AnyDetector } from "../define.ts";
import { callEndedAtLimit } from "./call-at-limit.ts";
import { grpcClientErrors } from "./grpc.ts";
import { httpTransportErrors } from "./http-transport.ts";
import { http2ConnectionErrors } from "./http2-connection.ts";
import { http2StreamErrors } from "./http2-stream.ts";
import { kubeAgentBeforeHealthCheck } from "./kube-agent.ts";
import { kubeClientEvents } from "./kube-client.ts";
import { oldGoNoCachedConnection } from "./old-go-no-cached.ts";
import { requestNeverAnswered } from "./round-trip.ts";
import { tcpAndTlsErrors } from "./tcp-tls.ts";

export const GO_DETECTORS: readonly AnyDetector[] = [
  http2ConnectionErrors,
  http2StreamErrors,
  httpTransportErrors,
  tcpAndTlsErrors,
  kubeClientEvents,
  requestNeverAnswered,
  kubeAgentBeforeHealthCheck,
  oldGoNoCachedConnection,
  grpcClientErrors,
  callEndedAtLimit,
];
