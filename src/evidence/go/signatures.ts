import type { Correlation } from "../../model/observations/base.ts";
import type { GoEmitter, GoSignatureId, GoWordingEra } from "../../model/observations/go.ts";

type Groups = Readonly<Record<string, string | undefined>>;

/**
 * One recognised wording. A wrapper (a watch that ended, a leader election that failed) names
 * the context; the reader keeps matching the rest of the message for the error it wraps.
 */
export interface GoSignature {
  readonly id: GoSignatureId;
  readonly pattern: RegExp;
  readonly wrapper?: boolean;
  /** Set when the wording alone names the program that printed it. */
  readonly emitter?: GoEmitter;
  readonly era?: (groups: Groups) => GoWordingEra | undefined;
  readonly correlation?: (groups: Groups) => Correlation;
}

const H2_CODE = "[A-Z][A-Z_0-9]*|unknown error code 0x[0-9a-fA-F]+";
const TCP_OP = String.raw`(?<op>read|write|dial) tcp[46]? (?<local>[^\s>]+?)(?:->(?<remote>\S+?))?: (?:\w+: )?`;

function lock(groups: Groups): Correlation {
  return groups.namespace ? { namespace: groups.namespace } : {};
}

function remoteAddress(groups: Groups): Correlation {
  const remote = groups.remote ?? (groups.op === "dial" ? groups.local : undefined);
  return remote ? { upstream: remote } : {};
}

/** Most specific first: the first non-wrapper that matches names the line. */
export const GO_SIGNATURES: readonly GoSignature[] = [
  {
    id: "watch-stream-broken",
    wrapper: true,
    emitter: "client-go",
    pattern:
      /(?:watch of \*?(?<resource>[\w./-]+) ended with: )?(?:an error on the server \(")?unable to decode an event from the watch stream: (?<inner>[^"]+)/,
  },
  {
    id: "leader-election",
    wrapper: true,
    emitter: "client-go",
    pattern:
      /(?<what>error retrieving resource lock|failed to renew lease|Failed to update lock|error initially creating leader election record|failed to acquire lease) (?<namespace>[a-z0-9][a-z0-9.-]*)\/(?<name>[a-z0-9][a-z0-9.-]*)(?::? (?<inner>.*))?/,
    correlation: lock,
  },
  {
    id: "client-throttling",
    emitter: "client-go",
    pattern:
      /(?:Waited for (?<wait>[\d.]+[mµn]?s) due to client-side throttling, not priority and fairness|Throttling request took (?<took>[\d.]+[mµn]?s)), request: (?<request>\S+)/,
  },
  {
    // Proxyless gRPC: istio-agent (or another agent) writes the file the client reads at start.
    id: "grpc-xds-bootstrap",
    emitter: "grpc-go",
    pattern:
      /xds: (?:failed to read bootstrap file|Failed to read bootstrap config|bootstrap env vars are unspecified|failed to create xds-client)(?:[^\n]*?(?<file>\/\S+\.json): (?<missing>no such file or directory)|(?<error>[^\n]*))/,
  },
  {
    id: "grpc-too-many-pings",
    pattern:
      /too_many_pings|[Gg]ot too many pings from the client|Bandwidth exhausted or memory limit exceeded|received GoAway with http2\.ErrCodeEnhanceYourCalm/,
  },
  {
    id: "grpc-unexpected-http-status",
    pattern:
      /(?:unexpected HTTP status code received from server: (?<status>\d{3}) \((?<text>[^)]+)\)(?:; (?:transport: received (?:the )?unexpected content-type "(?<contentType>[^"]+)"|malformed header: missing HTTP content-type))?|Received HTTP status code (?<jsStatus>\d{3})|transport: received (?:the )?unexpected content-type "(?<loneContentType>[^"]{1,200})")/,
  },
  {
    // The API server could not call an admission webhook; what it got back says which hop failed.
    id: "admission-webhook-failed",
    emitter: "kubectl",
    pattern:
      /failed calling webhook "(?<webhook>(?![^"]{0,253}sidecar-injector)[^"]{1,253})": (?:failed to call webhook: )?Post "?(?<url>https:\/\/[^"\s?]{1,500})[^"\s]{0,500}"?: (?<inner>context deadline exceeded|(?:dial tcp [^:\s]{1,100}:\d{1,5}: )?(?:i\/o timeout|connect: connection refused|connect: no route to host)|x509: [^"\n]{1,200})/,
  },
  {
    // Clients that name the status a server gave instead of the answer they wanted: the registry
    // client of Docker and containerd, Prometheus remote write, Loki and Mimir clients, and
    // client-go for an answer that is not a Kubernetes Status (a proxy's page in front of the API server).
    id: "unexpected-http-status",
    pattern:
      /(?:[Rr]eceived unexpected HTTP status|server returned HTTP status|unexpected status code from server|error parsing HTTP|the server responded with the status code):? (?<httpStatus>[1-5]\d\d)(?::? (?<statusText>[A-Z][A-Za-z -]{1,40}))?\b/,
  },
  {
    id: "grpc-keepalive-failed",
    emitter: "grpc-go",
    pattern: /keepalive ping failed to receive ACK within timeout/,
  },
  {
    id: "grpc-no-trailers",
    emitter: "grpc-go",
    pattern: /server closed the stream without sending trailers/,
  },
  {
    id: "grpc-rst-stream",
    pattern:
      /(?:Received RST_STREAM with code (?<jsCode>\d+)(?: \((?<jsText>[^)]*)\)| triggered by internal client error: (?<inner>.+))?|stream terminated by RST_STREAM with error code: (?<goCode>[A-Z_0-9]+))/,
  },
  {
    id: "grpc-server-preface",
    emitter: "grpc-go",
    pattern: /error reading server preface: (?<prefaceError>[^"\n]{1,200})/,
  },
  {
    // The API server's answer to an exec, attach or port-forward that reached it without its Upgrade.
    id: "kubectl-upgrade-required",
    emitter: "kubectl",
    pattern: /\bUpgrade request required\b/,
  },
  {
    // grpc-go's xDS cluster_impl balancer: the cluster's circuit breaker (max_requests) is full.
    id: "grpc-xds-max-requests",
    emitter: "grpc-go",
    pattern: /max requests (?<limit>\d{1,9}) exceeded on service (?<service>\S{1,300})/,
  },
  {
    // grpc-go adds the server's GOAWAY to the error of a call that failed on the closing connection.
    id: "grpc-prior-goaway",
    emitter: "grpc-go",
    pattern: /received prior goaway: code: (?<code>[A-Z_0-9]+), debug data: \\?"?(?<debug>[^"\\\n]{0,100})/,
  },
  {
    id: "grpc-transport-closing",
    emitter: "grpc-go",
    pattern:
      /code = Unavailable desc = (?<desc>transport is closing|error reading from server: (?<readError>[^"\n]{1,200})|closing transport due to: (?<why>[^\n]{1,300}))/,
  },
  {
    id: "h2-cannot-retry-body",
    pattern: /http2: Transport: cannot retry err \[(?<retryError>[^\]\n]{1,300})\] after Request\.Body was written/,
  },
  { id: "h2-client-connection-lost", pattern: /http2: client connection lost/ },
  { id: "h2-no-cached-connection", pattern: /http2: no cached connection was available/ },
  {
    id: "h2-goaway-closed",
    pattern: new RegExp(
      `http2 ?: server sent GOAWAY and closed the connection; LastStreamID=(?<lastStream>\\d+), ErrCode=(?<code>${H2_CODE}), debug="(?<debug>[^"]*)"`,
    ),
  },
  {
    id: "h2-graceful-goaway",
    pattern:
      /http2: Transport received (?:Server's graceful shutdown GOAWAY|GOAWAY from server ErrCode:(?<code>[A-Z_0-9]+))/,
  },
  {
    id: "client-go-trace",
    emitter: "client-go",
    // k8s.io/utils/trace: `Trace[id]: "Reflector ListAndWatch" name:… (30-Jun-2022 13:09:26.848) (total time: 64391ms):`
    pattern: /^Trace\[\d+\]: "(?<operation>[^"]{1,200})".*\(total time: (?<totalMs>\d{1,9})ms\)/,
  },
  {
    id: "h2-stream-error",
    pattern: new RegExp(`stream error: stream ID (?<stream>\\d+); (?<code>${H2_CODE})(?:; (?<cause>[^"\\n]+))?`),
  },
  {
    id: "h2-alpn-mismatch",
    pattern:
      /http2: (?:unexpected ALPN protocol "(?<got>[^"]*)"; want "h2"|could not negotiate protocol mutually|unencrypted HTTP\/2 not enabled)/,
  },
  { id: "server-closed-idle", pattern: /http: server closed idle connection/ },
  { id: "h2-timeout-awaiting-headers", pattern: /(?:http2|net\/http): timeout awaiting response headers/ },
  {
    // A Go server reading a request whose body stopped arriving (docker registry, net/http handlers).
    id: "request-body-cut",
    pattern:
      /client disconnected during (?:blob )?(?<method>[A-Z]+)|(?:error|failed) reading (?:the )?request body:? (?<error>unexpected EOF|connection reset by peer|i\/o timeout)/,
  },
  {
    // kube-apiserver's own 504 (StatusReasonTimeout): its deadline for the request ran out.
    id: "apiserver-request-timeout",
    emitter: "client-go",
    pattern:
      /Timeout: request did not complete within (?:the )?requested timeout(?: - (?<inner>.*))?|\(Timeout\): the server was unable to return a response in the time allotted/,
  },
  {
    id: "client-timeout",
    pattern:
      /(?<prefix>context deadline exceeded|net\/http: request canceled(?<waiting> while waiting for connection)?) \(Client\.Timeout (?:exceeded while awaiting headers|or context cancellation while (?<body>reading body))(?:\)|$)/,
    era: (groups) => (groups.prefix === "context deadline exceeded" ? "go1.14-or-later" : "before-go1.14"),
  },
  { id: "tls-handshake-timeout", pattern: /net\/http: TLS handshake timeout/ },
  {
    // A Go gRPC server's side of a failed handshake; Consul's agent prefixes its own lines with `agent:`.
    id: "grpc-server-handshake-failed",
    emitter: "grpc-go",
    pattern:
      /(?<agent>agent: )?grpc: Server\.Serve failed to complete security handshake from "(?<client>[^"]{1,100})": (?<error>[^\n]{1,300})/,
  },
  {
    id: "http-response-to-https-client",
    pattern: /http: server gave HTTP response to HTTPS client|tls: first record does not look like a TLS handshake/,
  },
  {
    id: "x509",
    pattern:
      /(?:x509: (?<reason>[^"\n]{1,300})|remote error: tls: (?<alert>bad certificate|unknown certificate authority|handshake failure|certificate required|unknown certificate|expired certificate))/,
  },
  {
    id: "malformed-mime-header",
    // Go 1.20 and later: `malformed MIME header: missing colon: "…"`.
    pattern: /malformed MIME header(?: (?:initial )?line)?: ?(?:missing colon: )?(?<headerLine>[^\n]{0,300})/,
  },
  {
    id: "malformed-http-response",
    pattern:
      /(?:malformed HTTP (?:response|status code|version) "(?<bytes>(?:[^"\\]|\\.){0,300})"|net\/http: HTTP\/1\.x transport connection broken: (?<broken>[^\n]{1,300}))/,
  },
  {
    id: "closed-network-connection",
    pattern: new RegExp(`(?:${TCP_OP})?use of closed network connection`),
    correlation: remoteAddress,
  },
  {
    id: "connection-refused",
    pattern:
      /(?:dial tcp[46]? (?<local>\S+?): (?:connect|getsockopt): connection refused|The connection to the server (?<server>\S+) was refused|No connection established\. Last error: (?:Error: )?connect ECONNREFUSED (?<jsAddress>[^\s.]+(?:\.[^\s.]+)*))/,
    correlation: (groups) => {
      const address = groups.local ?? groups.server ?? groups.jsAddress;
      return address ? { upstream: address } : {};
    },
  },
  {
    id: "connection-reset",
    pattern: new RegExp(`${TCP_OP}connection reset by peer`),
    correlation: remoteAddress,
  },
  {
    id: "io-timeout",
    pattern: new RegExp(`${TCP_OP}i/o timeout`),
    correlation: remoteAddress,
  },
  {
    id: "eof-before-response",
    pattern: /\b(?:Get|Post|Put|Patch|Delete|Head|Options) "?https?:\/\/[^\s"]+"?: EOF(?:$|[\s"),;])/,
  },
  { id: "unexpected-eof", pattern: /(?:^|: )unexpected EOF(?:$|[\s"),;])/ },
];
