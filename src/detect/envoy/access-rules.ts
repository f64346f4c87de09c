import { transportFailureKind } from "../../evidence/envoy/vocabulary.ts";
import type { FindingCode } from "../../model/finding.ts";
import { type AccessGroupView, type GroupRule, groupDetector, hasFlag, resetReasonIs } from "./access-groups.ts";

const CONNECT_FAILURE_REASONS = [
  "connection_failure",
  "local_connection_failure",
  "remote_connection_failure",
  "connection_timeout",
];

function failureKind(view: AccessGroupView): string | undefined {
  return view.transportFailure ? transportFailureKind(view.transportFailure) : undefined;
}

function isConnectFailure(view: AccessGroupView): boolean {
  return hasFlag(view, "UF") || resetReasonIs(view, ...CONNECT_FAILURE_REASONS);
}

function detailsAre(view: AccessGroupView, ...details: string[]): boolean {
  return details.includes(view.group.details);
}

/**
 * Istio sends traffic for destinations it does not know to BlackHoleCluster, which has no hosts,
 * when the outbound traffic policy is REGISTRY_ONLY; some versions log TCP connections to it with
 * no cluster at all.
 */
function isBlackHole(view: AccessGroupView): boolean {
  const cluster = view.group.cluster;
  return hasFlag(view, "UH") && (cluster === "BlackHoleCluster" || (cluster === "-" && view.group.status === 0));
}

/**
 * Details that alone name a refusal Envoy answers itself, wherever they are read (an access log, a
 * debug log's `Sending local reply with details …`), with the status it sends.
 */
export const REFUSAL_DETAILS: Readonly<
  Record<string, { readonly id: string; readonly code: FindingCode; readonly status: number; readonly why: string }>
> = {
  upgrade_failed: {
    id: "envoy-access-upgrade-failed",
    code: "PD1227",
    status: 403,
    why: "the route or listener does not allow the requested protocol switch",
  },
  low_version: {
    id: "envoy-access-http10-refused",
    code: "PD1228",
    status: 426,
    why: "the client spoke HTTP/1.0, which Envoy does not accept by default",
  },
  request_payload_too_large: {
    id: "envoy-access-payload-too-large",
    code: "PD1230",
    status: 413,
    why: "a buffering filter refused a body over its limit",
  },
};

const HEADER_LIMIT_DETAILS = /^(?:http1\.headers_too_large|http1\.too_many_headers|http2\.too_many_headers)$/;

/** One rule per signature of an access-log group (status, flags, details, cluster). */
const RULES: readonly GroupRule[] = [
  {
    id: "envoy-access-upstream-protocol-error",
    description: "UPE or a protocol_error reset: Envoy refused the upstream's response",
    code: "PD1201",
    producer: "envoy",
    matches: (v) => hasFlag(v, "UPE") || resetReasonIs(v, "protocol_error"),
  },
  {
    id: "envoy-access-connection-termination",
    description: "UC or a connection_termination reset before the response",
    code: "PD1202",
    producer: "envoy",
    matches: (v) => resetReasonIs(v, "connection_termination") || (hasFlag(v, "UC") && v.reset === undefined),
  },
  {
    id: "envoy-access-no-healthy-upstream",
    description: "UH / no_healthy_upstream",
    code: "PD1203",
    producer: "envoy",
    matches: (v) => (hasFlag(v, "UH") && !isBlackHole(v)) || detailsAre(v, "no_healthy_upstream"),
  },
  {
    id: "envoy-access-black-hole",
    description:
      "UH into Istio's BlackHoleCluster, or a TCP connection with UH and no cluster: an unregistered destination",
    code: "PD1229",
    producer: "envoy",
    matches: isBlackHole,
  },
  {
    id: "envoy-access-no-route",
    description: "NR with route_not_found (or no details) on an HTTP request",
    code: "PD1204",
    producer: "envoy",
    matches: (v) =>
      detailsAre(v, "route_not_found", "route_configuration_not_found") ||
      (hasFlag(v, "NR") && v.group.details === "-"),
  },
  {
    id: "envoy-access-filter-chain-not-found",
    description: "filter_chain_not_found on a connection",
    code: "PD1205",
    producer: "envoy",
    matches: (v) => detailsAre(v, "filter_chain_not_found"),
  },
  {
    id: "envoy-access-route-timeout",
    description: "UT with response_timeout (or no details)",
    code: "PD1206",
    producer: "envoy",
    matches: (v) => detailsAre(v, "response_timeout") || (hasFlag(v, "UT") && v.group.details === "-"),
  },
  {
    id: "envoy-access-per-try-timeout",
    description: "upstream_per_try_timeout / upstream_per_try_idle_timeout",
    code: "PD1207",
    producer: "envoy",
    matches: (v) => detailsAre(v, "upstream_per_try_timeout", "upstream_per_try_idle_timeout"),
  },
  {
    id: "envoy-access-connect-failure",
    description: "UF without a transport failure that says refused, unreachable or TLS",
    code: "PD1208",
    producer: "envoy",
    matches: (v) => isConnectFailure(v) && !["refused", "tls", "unreachable"].includes(failureKind(v) ?? ""),
  },
  {
    id: "envoy-access-connection-refused",
    description: "UF with connect error 111 / Connection refused",
    code: "PD1209",
    producer: "envoy",
    matches: (v) => isConnectFailure(v) && failureKind(v) === "refused",
  },
  {
    id: "envoy-access-tls-failure",
    description: "a TLS reason in the upstream transport failure",
    code: "PD1210",
    producer: "envoy",
    matches: (v) => failureKind(v) === "tls",
  },
  {
    id: "envoy-access-remote-reset",
    description: "UR / remote_reset before the response",
    code: "PD1211",
    producer: "envoy",
    matches: (v) =>
      resetReasonIs(v, "remote_reset", "remote_refused_stream_reset") || (hasFlag(v, "UR") && v.reset === undefined),
  },
  {
    id: "envoy-access-overflow",
    description: "UO / overflow: circuit breaking",
    code: "PD1212",
    producer: "envoy",
    matches: (v) => hasFlag(v, "UO") || resetReasonIs(v, "overflow") || detailsAre(v, "maintenance_mode"),
  },
  {
    id: "envoy-access-cluster-not-found",
    description: "NC / cluster_not_found",
    code: "PD1213",
    producer: "envoy",
    matches: (v) => hasFlag(v, "NC") || detailsAre(v, "cluster_not_found"),
  },
  {
    id: "envoy-access-client-disconnected",
    description: "DC or DR: the client went away",
    code: "PD1214",
    matches: (v) => hasFlag(v, "DC", "DR") || detailsAre(v, "downstream_remote_disconnect"),
  },
  {
    id: "envoy-access-reset-after-response-started",
    description: "upstream_reset_after_response_started: the body was cut",
    code: "PD1215",
    matches: (v) => v.reset?.when === "after",
  },
  {
    id: "envoy-access-app-error",
    description: "5xx via_upstream: the application answered with the error",
    code: "PD1216",
    producer: "app",
    matches: (v) => v.group.details === "via_upstream" && v.group.status >= 500,
  },
  {
    id: "envoy-access-retries-exhausted",
    description: "URX: retries used up",
    code: "PD1218",
    matches: (v) => hasFlag(v, "URX"),
  },
  {
    id: "envoy-access-stream-idle-timeout",
    description: "SI / stream_idle_timeout",
    code: "PD1219",
    producer: "envoy",
    matches: (v) => hasFlag(v, "SI") || detailsAre(v, "stream_idle_timeout"),
  },
  {
    id: "envoy-access-max-stream-duration",
    description: "UMSDR / upstream_max_stream_duration_reached",
    code: "PD1220",
    producer: "envoy",
    matches: (v) => hasFlag(v, "UMSDR") || detailsAre(v, "upstream_max_stream_duration_reached"),
  },
  {
    id: "envoy-access-downstream-protocol-error",
    description: "DPE or a codec error from the client (not a header limit)",
    code: "PD1221",
    producer: "envoy",
    matches: (v) =>
      !HEADER_LIMIT_DETAILS.test(v.group.details) &&
      (hasFlag(v, "DPE") || /^(?:codec_error|http1\.|http2\.)/.test(v.group.details)),
  },
  {
    id: "envoy-access-headers-too-large",
    description: "header size or count limits in the details, or status 431",
    code: "PD1222",
    producer: "envoy",
    matches: (v) =>
      HEADER_LIMIT_DETAILS.test(v.group.details) || (v.group.status === 431 && v.group.details !== "via_upstream"),
  },
  {
    id: "envoy-access-direct-response-500",
    description:
      "500 with direct_response: a route configured to answer 500 itself, a Gateway API route without a valid backend",
    code: "PD1231",
    producer: "envoy",
    matches: (v) => v.group.status === 500 && detailsAre(v, "direct_response"),
  },
  {
    id: "envoy-access-host-unreachable",
    description: "connect error 113 / no route to host",
    code: "PD1225",
    producer: "envoy",
    matches: (v) => failureKind(v) === "unreachable",
  },
  {
    id: "envoy-access-local-reset",
    description: "LR / local_reset",
    code: "PD1226",
    producer: "envoy",
    matches: (v) =>
      resetReasonIs(v, "local_reset", "local_refused_stream_reset") || (hasFlag(v, "LR") && v.reset === undefined),
  },
  ...Object.entries(REFUSAL_DETAILS).map(
    ([details, refusal]): GroupRule => ({
      id: refusal.id,
      description: `${refusal.status} ${details}: ${refusal.why}`,
      code: refusal.code,
      producer: "envoy",
      matches: (v) => detailsAre(v, details),
    }),
  ),
];

export const ACCESS_GROUP_DETECTORS = RULES.map(groupDetector);
