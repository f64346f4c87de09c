import type { MeshOrigin, MeshSignalId } from "../../model/observations/mesh.ts";
import { requiredLiterals } from "../gate/literals.ts";

/** A message that matched a signature, with the values the signature names. */
export interface SignatureHit {
  readonly signal: MeshSignalId;
  readonly details: Readonly<Record<string, string>>;
}

interface Signature {
  readonly signal: MeshSignalId;
  /** Cheap test before the regular expression runs (a substring the message must hold). */
  readonly needle: string;
  readonly pattern: RegExp;
  /** Only in these kinds of evidence, for wordings too common to trust elsewhere. */
  readonly origins?: readonly MeshOrigin[];
  /** Names of the pattern's groups to keep, or a function of the match. */
  readonly details?: (match: RegExpExecArray) => Record<string, string>;
}

const groups = (match: RegExpExecArray): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(match.groups ?? {})) if (value !== undefined) out[key] = value.trim();
  return out;
};

const SHUTTING_DOWN =
  /Envoy proxy is NOT ready: .*current state is: DRAINING|There are still (?<connections>\d+) active connections|\bAborting proxy\b|Envoy aborted normally|Graceful termination period is \d+s, starting|Agent draining Proxy/;

/**
 * Signatures, most specific first: a line that says both "Envoy proxy is NOT ready" and
 * "rejected" is a rejection. Messages are matched case-sensitively unless the pattern says
 * otherwise, because the programs print them with fixed wording.
 */
const SIGNATURES: readonly Signature[] = [
  {
    signal: "istioctl-analyze",
    needle: "[IST",
    pattern:
      /(?<level>Error|Warning|Info) \[(?<code>IST\d{4})\] \((?<kind>[A-Za-z]+) (?<resource>[^\s)]+)[^)]*\) (?<message>.+)$/,
    details: (match) => {
      const out = groups(match);
      const namespace = /^([a-z0-9-]+)\//.exec(out.resource ?? "")?.[1];
      return namespace ? { ...out, namespace } : out;
    },
  },
  {
    signal: "xds-nack",
    needle: "ACK ERROR",
    pattern: /ADS:(?<xdsType>[A-Z]+): ACK ERROR (?<proxy>\S+)\s*(?<error>.*)$/,
    details: groups,
  },
  {
    signal: "xds-nack",
    needle: "rejected",
    pattern: /config received from (?:XDS server|Pilot), but was rejected:?\s*(?<error>.*)$/,
    details: groups,
  },
  {
    signal: "xds-nack",
    needle: "rejected",
    pattern: /(?:gRPC|delta) config for (?<xdsType>\S+) rejected: (?<error>.*)$/,
    details: groups,
  },
  {
    // The same rejection when a paste wrapped Envoy's line, leaving the reason on a line of its own,
    // or as a control plane quotes the NACK's reason (Kuma: `"reason": "Error adding/updating …"`).
    signal: "xds-nack",
    needle: "Error adding/updating listener",
    pattern: /(?:^|rejected:\s*|"reason":\s*")(?<error>Error adding\/updating listener\(s\)[^"]*)/,
    details: (match) => ({ ...groups(match), xdsType: "Listener" }),
  },
  {
    // Istio puts these filters in front of a port whose name says mysql, mongo or redis.
    signal: "protocol-filter-decode-error",
    needle: "decoding error",
    pattern:
      /(?<filter>mysql_proxy|mongo_proxy|postgres_proxy|redis|kafka_broker|zookeeper_proxy): decoding error:?\s*(?<error>.*)$/,
    details: groups,
  },
  {
    // Kong's ingress controller posting declarative configuration that the Kong gateway refuses.
    signal: "xds-nack",
    needle: "failed posting new config",
    pattern: /failed posting new config to \/config: got status code (?<status>4\d\d)/,
    details: (match) => ({
      xdsType: "Kong declarative",
      error: `the gateway's /config answered ${match.groups?.status ?? "4xx"}`,
    }),
  },
  {
    // A controller-runtime controller (AWS Load Balancer Controller and others) whose cloud API call was refused.
    signal: "controller-reconcile-rejected",
    needle: "Reconciler error",
    pattern:
      /"msg":"Reconciler error".*?"error":"(?<error>[^"]*(?:ValidationError|InvalidParameter|InvalidConfiguration)[^"]*)"/,
    details: groups,
  },
  {
    // Emissary's ambex (its xDS server) has a cluster without endpoints.
    signal: "no-endpoints-for-cluster",
    needle: "no endpoints for cluster",
    pattern: /no endpoints for cluster (?<cluster>[^\s:"]+)/,
    details: groups,
  },
  {
    // The API server calling an admission webhook (or any Service) that has no ready endpoint.
    signal: "service-no-endpoints",
    needle: "no endpoints available for service",
    pattern: /no endpoints available for service "(?:(?<namespace>[a-z0-9-]+)\/)?(?<service>[a-z0-9.-]+)"/,
    details: groups,
  },
  {
    // ztunnel refuses a connection its policy does not allow; with no peer identity, it was not mutual TLS.
    signal: "ztunnel-policy-rejection",
    needle: "policy rejection",
    pattern: /^(?!.*\bsrc\.identity=).*direction="?inbound"?.*error="connection closed due to policy rejection"/,
    details: (match) => {
      const text = match[0];
      const field = (name: string): string | undefined => new RegExp(`\\b${name}="?([^"\\s]+)"?`).exec(text)?.[1];
      const out: Record<string, string> = {};
      for (const name of ["src.addr", "dst.service", "dst.workload", "dst.namespace"]) {
        const value = field(name.replace(".", "\\."));
        if (value) out[name.replace(".", "_")] = value;
      }
      return out;
    },
  },
  {
    // ztunnel's outbound connect to a peer's HBONE port timed out; it names the usual culprit.
    signal: "ztunnel-hbone-blocked",
    needle: "HBONE port",
    pattern:
      /(?:dst\.addr=(?<address>[^\s"]+).*)?error="?connection timed out, maybe a NetworkPolicy is blocking HBONE port (?<port>\d{1,5})/,
    details: groups,
  },
  {
    // A DNS cluster whose lookup failed: since Envoy 1.31 a failed resolution can empty the cluster.
    signal: "dns-cluster-emptied",
    needle: "removed",
    pattern: /membership update for (?:TLS )?cluster (?<cluster>\S+) added 0 removed (?<removed>[1-9]\d{0,5})\b/,
    details: groups,
  },
  {
    // ztunnel could not set up a pod's in-pod proxy (its sockets in the pod's network namespace).
    signal: "ztunnel-inpod-failed",
    needle: "inpod",
    pattern:
      /inpod::\w+\s+(?<error>(?:retrying workload failed|failed to (?:add|start|bind)|workload .{0,40}failed).*)$/,
    details: groups,
  },
  {
    signal: "gateway-server-rejected",
    needle: "gateway",
    pattern:
      /skipping server on gateway (?<gateway>[^\s,]+).*?(?<reason>duplicate host names?|conflict with existing server|non unique port name)/,
    details: groups,
  },
  {
    signal: "inbound-listener-conflict",
    needle: "onflicting inbound listener",
    pattern: /[Cc]onflicting inbound listener:?\s*(?<port>\d+)?\.?\s*(?<what>.*)$/,
    details: groups,
  },
  {
    signal: "config-validation-denied",
    needle: "denied the request",
    pattern: /admission webhook "(?<webhook>[^"]*istio[^"]*)" denied the request:\s*(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "tracing-provider-missing",
    needle: "tracing provider",
    pattern: /could not find cluster for tracing provider "?(?<provider>[^"\s]*)"?/,
    details: groups,
  },
  {
    signal: "push-failed",
    needle: "Send failure",
    pattern: /(?<xdsType>[A-Z]+): (?:VHDS: )?Send failure for node:? ?(?<proxy>[^\s,:]+)(?<error>.*)$/,
    details: groups,
  },
  {
    signal: "push-failed",
    needle: "Timeout writing",
    pattern: /Timeout writing (?<proxy>\S+)/,
    details: groups,
  },
  {
    signal: "push-failed",
    needle: "ail",
    // `git push` prints "failed to push some refs": only an Istio component's log counts.
    origins: ["istio"],
    pattern: /\b[Ff]ailed to (?:push|send push)\b(?<error>.*)$/,
    details: groups,
  },
  {
    signal: "discovery-address-invalid",
    needle: "no such host",
    pattern: /lookup (?<address>[^\s:]*(?:istiod|istio-pilot|discovery)[^\s:]*)(?: on [^\s]+)?: no such host/,
    details: (match) => {
      const address = match.groups?.address ?? "";
      return { address, malformed: address.includes("/") ? "true" : "false" };
    },
  },
  {
    signal: "discovery-address-invalid",
    needle: "iscovery",
    pattern:
      /[Dd]iscovery ?[Aa]ddress\W+(?<address>[^\s"']+)["']?:? (?:is )?(?:not a valid hostname or an IP(?:v4)? address|invalid)/,
    details: (match) => ({ address: match.groups?.address ?? "", malformed: "true" }),
  },
  // pilot-agent stopping the sidecar: draining, waiting for connections, then aborting Envoy.
  ...[
    "DRAINING",
    "active connections",
    "Aborting proxy",
    "Envoy aborted",
    "Graceful termination",
    "Agent draining",
  ].map((needle): Signature => ({ signal: "proxy-shutting-down", needle, pattern: SHUTTING_DOWN, details: groups })),
  {
    signal: "proxy-config-not-received",
    needle: "NOT ready",
    pattern: /Envoy proxy is NOT ready: (?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "proxy-ready",
    needle: "proxy is ready",
    origins: ["istio"],
    pattern: /\bEnvoy proxy is ready\s*$/,
    details: groups,
  },
  {
    signal: "xds-connection-error",
    needle: "Error while dialing",
    // Every gRPC client prints this; elsewhere than an Istio log it must name istiod's ports.
    origins: ["istio"],
    pattern: /connection error: desc = "transport: Error while dialing:? ?(?<error>[^"]*)"?/,
    details: groups,
  },
  {
    signal: "xds-connection-error",
    needle: "Error while dialing",
    pattern: /connection error: desc = "transport: Error while dialing:? ?(?<error>[^"]*(?:15012|15010|istiod)[^"]*)"?/,
    details: groups,
  },
  {
    signal: "xds-connection-error",
    needle: "gRPC config stream to ",
    // xds-grpc in Istio, local_agent in Consul, xds_cluster in Envoy Gateway and plain Envoy.
    pattern:
      /(?:StreamAggregatedResources|DeltaAggregatedResources) gRPC config stream to (?<cluster>[\w.:[\]-]+) closed(?: since \d+s ago)?: (?<code>\d+), (?<error>.*)$/,
    details: groups,
  },
  {
    signal: "xds-connection-error",
    needle: "XDS",
    pattern: /(?:XDS client connection error|upstream XDS server.{0,40}(?:error|failed))(?<error>.*)$/i,
    details: groups,
  },
  {
    signal: "istio-token-mount-failed",
    needle: "istio-token",
    pattern: /MountVolume\.SetUp failed for volume "istio-token"\s*:?\s*(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "istio-token-mount-failed",
    needle: "istio-token",
    pattern: /failed to (?:fetch|read) token from file:? (?<reason>.*istio-token.*)$/,
    details: groups,
  },
  {
    signal: "injection-webhook-failed",
    needle: "webhook",
    pattern: /failed calling webhook "(?<webhook>[^"]*sidecar-injector[^"]*)"\s*:?\s*(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "iptables-raw-table-missing",
    needle: "unable to initialize table",
    pattern: /(?<tool>ip6?tables(?:-restore)?): unable to initialize table '(?<table>[a-z]+)'/,
    details: groups,
  },
  {
    signal: "iptables-permission-denied",
    needle: "Permission denied",
    pattern:
      /(?<tool>ip6?tables(?:-restore|-legacy|-nft)?)(?: v[\d.]+(?: \([a-z_]+\))?)?: can't initialize (?:ip6?tables )?table [`'](?<table>[a-z]+)': Permission denied/,
    details: groups,
  },
  {
    // iptables-restore's own error: the rules file failed at a line (a chain that exists already
    // when istio-init runs a second time in the same network namespace).
    signal: "iptables-restore-failed",
    needle: "iptables-restore: line",
    pattern: /(?<command>ip6?tables-restore(?:-legacy|-nft)?): (?<status>line \d{1,6} failed)/,
    details: groups,
  },
  {
    signal: "iptables-restore-failed",
    needle: "Failed to execute",
    pattern: /Failed to execute: (?<command>ip6?tables(?:-restore)?\b[^,]*)(?:, (?<status>exit status \d+))?/,
    details: groups,
  },
  {
    signal: "cni-validation-failed",
    needle: "iptables validation failed",
    pattern: /iptables validation failed; workload is not ready for Istio\.?(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "pilot-agent-wait-failed",
    needle: "pilot-agent wait",
    pattern:
      /Exec lifecycle hook \(\[pilot-agent wait\]\) for Container "(?<container>[^"]+)" in Pod "(?<pod>[^_"]+)_(?<namespace>[^(_"]+)[^"]*" failed(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "pilot-agent-wait-failed",
    needle: "waiting for Envoy proxy",
    pattern: /timeout waiting for Envoy proxy to become ready(?<reason>.*)$/,
    details: groups,
  },
  {
    signal: "sidecar-probe-failed",
    needle: "15021",
    pattern: /(?<probe>Readiness|Startup|Liveness) probe failed: (?<reason>.*:15021\/.*)$/,
    details: groups,
  },
  {
    // A probe answered 502 or 504, a gateway's status (503 is also what a health check says when it
    // is not ready): a proxy in the pod, a mesh sidecar that takes the probe, answered for the
    // application it could not get an answer from.
    signal: "probe-proxy-status",
    needle: "probe failed: HTTP probe failed with statuscode: 50",
    pattern:
      /(?<probe>Readiness|Startup|Liveness) probe failed: HTTP probe failed with statuscode: (?<status>50[24])\b/,
    details: groups,
  },
  {
    // The kubelet takes a pod that fails its readiness probe out of its Services' endpoints.
    signal: "readiness-probe-failed",
    needle: "Readiness probe failed",
    pattern:
      /Readiness probe failed: (?![^\n]{0,200}:15021\/)(?<reason>HTTP probe failed with statuscode: \d{3}|Get "[^"]{1,500}": [^\n]{1,200}|dial tcp [^\n]{1,200}|command [^\n]{1,200})/,
    details: groups,
  },
  {
    signal: "container-backoff",
    needle: "Back-off restarting failed container",
    pattern:
      /Back-off restarting failed container (?<container>[a-z0-9-]+)(?: in pod (?<pod>[a-z0-9][a-z0-9.-]*?)(?:_(?<namespace>[a-z0-9-]+))?(?:\(|$|\s))?/,
    details: groups,
  },
  {
    signal: "etcd-leader-changed",
    needle: "leader",
    pattern:
      /etcdserver: leader changed|\blost leader (?<lost>\S+) at term \d+|changed leader from (?<from>\S+) to (?<to>\S+) at term \d+/,
    details: groups,
  },
  {
    signal: "etcd-request-timeout",
    needle: "timed out",
    pattern: /etcdserver: request timed out(?<why>.*)$/,
    details: groups,
  },
  {
    signal: "etcd-heartbeat-late",
    needle: "heartbeat on time",
    pattern: /failed to send out heartbeat on time(?<why>.*)$/,
    details: groups,
  },
  {
    signal: "etcd-slow-disk",
    needle: "sync",
    pattern: /slow fdatasync(?<why>.*)$|sync duration of (?<took>\S+), expected less than/,
    details: groups,
  },
  {
    signal: "etcd-slow-disk",
    needle: "apply entries took too long",
    pattern: /apply entries took too long \[(?<took>[\d.]+m?s)/,
    details: groups,
  },
];

const MAX_MESSAGE = 4096;

/** One scan for any needle first: most lines carry none, and then no signature is tried. */
const ANY_NEEDLE = new RegExp([...new Set(SIGNATURES.map((s) => s.needle))].map(escapeRegExp).join("|"));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The first signature a message from the given kind of evidence matches, with its named values. */
export function classifyMeshMessage(message: string, origin: MeshOrigin): SignatureHit | undefined {
  const cut = message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) : message;
  // JSON logs carry multi-line messages (one rejected listener a line): read them as one line.
  const text = cut.includes("\n") ? cut.replace(/\s*\n\s*/g, " ") : cut;
  if (!ANY_NEEDLE.test(text)) return undefined;
  for (const signature of SIGNATURES) {
    if (!text.includes(signature.needle)) continue;
    if (signature.origins && !signature.origins.includes(origin)) continue;
    const match = signature.pattern.exec(text);
    if (match) return { signal: signature.signal, details: signature.details ? signature.details(match) : {} };
  }
  return undefined;
}

/**
 * Text one of which every message holds that a signature for this kind of evidence matches: per
 * signature the longer of its needle and its pattern's literals, and a line break, since a text
 * with line breaks (a quoted status message) is read with them as spaces.
 */
export function signatureNeedles(origin: MeshOrigin): string[] {
  const out = new Set<string>(["\n"]);
  for (const signature of SIGNATURES) {
    if (signature.origins && !signature.origins.includes(origin)) continue;
    const literals = requiredLiterals(signature.pattern);
    const best = literals && shortest(literals) > signature.needle.length ? literals : [signature.needle];
    for (const literal of best) out.add(literal);
  }
  return [...out];
}

function shortest(literals: readonly string[]): number {
  return Math.min(...literals.map((literal) => literal.length));
}
