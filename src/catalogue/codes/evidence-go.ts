import { defineFindings } from "../define.ts";

const XNET = "golang.org/x/net http2";

export const GO_FINDINGS = defineFindings([
  {
    code: "PD1501",
    name: "Http2ClientConnectionLost",
    severity: "warning",
    summary: "{emitter} closed its HTTP/2 connection to {subject}: the PING health check got no answer",
    detail:
      "Go's HTTP/2 transport pings a connection that has been silent for ReadIdleTimeout and closes it when the PING is not acknowledged within PingTimeout, failing every request still on it. client-go turns this check on (30 s idle, 15 s ping) since Kubernetes 1.19/1.20. The error means the check worked: packets were lost or black-holed on the path, or the server was frozen. One line does not say which; repeated TCP connects and HTTP/2 PINGs along the path do.",
    reference: `${XNET} transport.go (closeForLostPing); kubernetes#95981`,
    causes: [{ cause: "network.path-loss", weight: 0.4 }],
  },
  {
    code: "PD1502",
    name: "Http2NoCachedConnection",
    severity: "error",
    summary: "{emitter} failed a request to {subject} with `http2: no cached connection was available`",
    detail:
      "The HTTP/2 pool had no usable connection for a request that may only use a pooled one. net/http normally recognises this error and dials a new connection; it reaches the caller when the net/http copy of HTTP/2 and a vendored golang.org/x/net/http2 do not recognise each other's error value (Go 1.13 with x/net older than January 2018), so the client never reconnects after the server restarts.",
    reference: `${XNET} (ErrNoCachedConn, isNoCachedConnError, commit ab555f36); golang/go#22091`,
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.45 }],
  },
  {
    code: "PD1503",
    name: "Http2GoawayNoErrorInFlight",
    severity: "warning",
    summary: "{subject} sent GOAWAY (NO_ERROR, last stream {lastStream}) and closed while a request was in flight",
    detail:
      "The server shut the connection down gracefully (max connection age, max requests per connection, drain on restart) and closed it before this request finished. Requests above the last stream id were never processed and are safe to retry; this one was pending when the TCP connection went away.",
    reference: `${XNET} (GoAwayError); RFC 9113 §6.8`,
    causes: [
      { cause: "connection.goaway", weight: 0.45 },
      { cause: "client.go-h2-pool-bug", weight: 0.25 },
    ],
  },
  {
    code: "PD1504",
    name: "Http2GoawayWithError",
    severity: "error",
    summary: '{subject} ended the connection with GOAWAY {code} (debug "{debug}")',
    detail:
      "A GOAWAY carrying an error code is the server's verdict on the connection: PROTOCOL_ERROR or COMPRESSION_ERROR mean it found invalid frames or headers (often header sections too large or malformed), ENHANCE_YOUR_CALM that it is rate-limiting the client, INTERNAL_ERROR a failure inside the server. The debug text often names the reason.",
    reference: `${XNET} (GoAwayError); RFC 9113 §7`,
    causes: [
      { cause: "connection.goaway", weight: 0.3 },
      { cause: "upstream.malformed-header", weight: 0.2 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1505",
    name: "Http2GracefulGoawayNotRetried",
    severity: "warning",
    summary: "A request to {subject} was cut by the server's GOAWAY and could not be retried",
    detail:
      "Go retries requests that a graceful GOAWAY aborted, on a new connection, when it can replay the body. Seeing this error means it could not (a body without GetBody, or GOAWAY with an error code on the first stream): the server or proxy is recycling connections under load.",
    reference: `${XNET} transport.go (errClientConnGotGoAway, setGoAway)`,
    causes: [{ cause: "connection.goaway", weight: 0.5 }],
  },
  {
    code: "PD1506",
    name: "Http2StreamResetByPeer",
    severity: "error",
    summary: "The peer reset HTTP/2 stream {stream} with {code}",
    detail:
      "One stream failed while the connection lived on. INTERNAL_ERROR, CANCEL or NO_ERROR from a proxy usually mean it gave up on the response after the headers: the upstream stopped sending, or the proxy could not buffer the body. Since x/net of September 2021 the message ends in `received from peer` when the reset came from the other side; older clients print the code alone.",
    reference: `${XNET} errors.go (StreamError); RFC 9113 §6.4`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.35 },
      { cause: "proxy.temp-storage-failure", weight: 0.1 },
    ],
  },
  {
    code: "PD1507",
    name: "Http2StreamRefused",
    severity: "warning",
    summary: "HTTP/2 stream {stream} was refused with {code}",
    detail:
      "REFUSED_STREAM says the server did not process the stream (at its concurrency limit or draining), so the request may be retried; ENHANCE_YOUR_CALM says the server is throttling this client. Both point at the server's connection management rather than at the request.",
    reference: `${XNET} errors.go; RFC 9113 §8.7`,
    causes: [{ cause: "connection.goaway", weight: 0.35 }],
  },
  {
    code: "PD1508",
    name: "Http2StreamProtocolError",
    severity: "error",
    summary: "HTTP/2 stream {stream} failed with PROTOCOL_ERROR ({cause})",
    detail:
      "A stream was ended because one side broke the HTTP/2 rules for a message: an upper-case or connection-specific header, a bad pseudo-header, a Content-Length that disagrees with the body. With `received from peer` the other side judged our message; with any other cause text Go judged the peer's.",
    reference: `${XNET} errors.go; RFC 9113 §8.2, §8.1.1`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1509",
    name: "GoClientTimeoutAwaitingHeaders",
    severity: "warning",
    summary: "The request to {subject} timed out waiting for response headers",
    detail:
      "The client's Client.Timeout or ResponseHeaderTimeout ran out after the request was sent and before the status line arrived: the server or a proxy in front of it was slow or queueing. Go 1.14 renamed the message to `context deadline exceeded (Client.Timeout …)`; older releases print `net/http: request canceled (Client.Timeout …)`.",
    reference: "Go net/http transport.go (errRequestCanceled); canonical/snapd#8500",
    causes: [
      { cause: "timeout.route", weight: 0.3 },
      { cause: "client.gave-up", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1510",
    name: "GoClientTimeoutWaitingForConnection",
    severity: "warning",
    summary: "The request to {subject} timed out before a connection was ready",
    detail:
      "Go before 1.14 says `request canceled while waiting for connection` when Client.Timeout expired during dialing, the TLS handshake or the wait for a pooled connection: the server never saw the request. Dropped SYNs, an unreachable proxy from HTTPS_PROXY, or a slow DNS are the usual reasons.",
    reference: "Go net/http transport.go (errRequestCanceledConn)",
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1511",
    name: "UseOfClosedNetworkConnection",
    severity: "warning",
    summary: "{emitter} used a connection to {subject} that was already closed",
    detail:
      "The client kept a dead connection in its pool and failed on it. Before the HTTP/2 health check (x/net March 2020, on by default in client-go from Kubernetes 1.19/1.20) a kubelet or controller could fail this way for about 15 minutes, until TCP gave up, after a load balancer or network device silently dropped the flow.",
    reference: "golang/go#39750, golang/go#40213, kubernetes#87615",
    causes: [
      { cause: "client.go-h2-pool-bug", weight: 0.35 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD1512",
    name: "GoMalformedMimeHeader",
    severity: "error",
    summary: "Go rejected a header line from {subject}: {headerLine}",
    detail:
      "Go's textproto reader refused a line of the HTTP/1 header section: no colon, whitespace before the colon, or bytes that are not allowed in a field name. The peer that wrote the header is at fault; lenient clients such as curl may accept the same response.",
    reference: "Go net/textproto reader.go (ReadMIMEHeader); RFC 9112 §5",
    causes: [{ cause: "upstream.malformed-header", weight: 0.6 }],
  },
  {
    code: "PD1513",
    name: "Http1ClientGotHttp2Bytes",
    severity: "error",
    summary: "An HTTP/1 client read HTTP/2 frames from {subject}: {bytes}",
    detail:
      "The bytes Go could not parse as an HTTP/1 status line start with an HTTP/2 frame header (length, then type 0x04 SETTINGS): the client spoke HTTP/1.1 to a port that only speaks HTTP/2 or h2c, such as a gRPC port or an OTLP gRPC endpoint.",
    reference: "Go net/http transport.go (malformed HTTP response); RFC 9113 §3.4",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
  {
    code: "PD1514",
    name: "GoMalformedHttpResponse",
    severity: "error",
    summary: "Go could not parse the HTTP/1 response from {subject}: {broken}",
    detail:
      "The HTTP/1 connection broke while reading the response: the status line or header section was not HTTP, or the body length disagreed with Content-Length. Either the upstream writes a broken response or something that is not an HTTP/1 server answered.",
    reference: "Go net/http transport.go (HTTP/1.x transport connection broken)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.35 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1515",
    name: "GoUnexpectedEof",
    severity: "warning",
    summary: "The response from {subject} ended early (unexpected EOF)",
    detail:
      "The stream ended before the declared length or the final chunk: the upstream or a proxy cut the response after the headers. In access logs the same request often shows a healthy status code.",
    reference: "Go io.ErrUnexpectedEOF; net/http body reader",
    causes: [
      { cause: "upstream.truncated-body", weight: 0.35 },
      { cause: "upstream.keepalive-race", weight: 0.1 },
    ],
  },
  {
    code: "PD1516",
    name: "GoTcpIoTimeout",
    severity: "warning",
    summary: "A TCP {op} to {subject} timed out",
    detail:
      "`dial tcp …: i/o timeout` means the SYN was never answered (firewall, NetworkPolicy, a dead address, a lossy path); a read or write timeout on an open connection means the peer went silent. Neither is an answer from the server.",
    reference: "Go net package (i/o timeout)",
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.1 },
    ],
  },
  {
    code: "PD1517",
    name: "GoConnectionResetByPeer",
    severity: "warning",
    summary: "{subject} reset the TCP connection during {op}",
    detail:
      "The peer or a device in between sent a TCP RST. On a reused keep-alive connection this is the idle-timeout race (the server closed first); on a fresh connection the peer refused what it got, for instance plaintext into a port that expects mutual TLS, or a PROXY protocol header it does not expect.",
    reference: "Go net package (ECONNRESET)",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
      { cause: "protocol.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1518",
    name: "GoConnectionRefused",
    severity: "error",
    summary: "Nothing accepted the connection to {subject}",
    detail:
      "The connection attempt was refused: no process listens on that address and port, or a policy rejects it. For kubectl, `localhost:8080` means no kubeconfig was loaded. Run in a meshed pod, a refusal for any address, even a remote one, can come from the sidecar's redirect: outbound connections go to the sidecar's own port, which refuses them until the sidecar is up (an init container or a job that starts before it) or after it has exited.",
    reference: "Go net package (ECONNREFUSED); kubectl connection messages; Istio holdApplicationUntilProxyStarts",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.55 },
      { cause: "lifecycle.sidecar-ordering", weight: 0.1 },
    ],
  },
  {
    code: "PD1519",
    name: "GoTlsHandshakeTimeout",
    severity: "warning",
    summary: "The TLS handshake with {subject} did not finish in time",
    detail:
      "TCP connected but the handshake did not complete within the transport's TLSHandshakeTimeout (10 s in DefaultTransport): a lossy path or an MTU black hole dropping large handshake records, an overloaded TLS terminator, or a middlebox in the way.",
    reference: "Go net/http transport.go (TLS handshake timeout)",
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1520",
    name: "GoCertificateRejected",
    severity: "error",
    summary: "A certificate was rejected on the way to {subject}: {reason}",
    detail:
      "`x509:` means this client refused the server's certificate (unknown authority, wrong name, expired); `remote error: tls:` means the peer refused ours, typically a missing or untrusted client certificate under mutual TLS.",
    reference: "Go crypto/x509, crypto/tls alerts",
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1521",
    name: "GoPlaintextAnswerToTls",
    severity: "error",
    summary: "{subject} answered a TLS client in plaintext",
    detail:
      "The client started TLS but the first bytes back were plain HTTP (or something else that is not a TLS record): the URL says https for a plaintext port, or a proxy in between terminates TLS.",
    reference: "Go net/http client.go (server gave HTTP response to HTTPS client); crypto/tls",
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1522",
    name: "KubeWatchStreamBroken",
    severity: "info",
    summary: "The watch of {resource} from the API server broke: {inner}",
    detail:
      "An informer's watch ended with an error and will list and watch again by itself. Now and then this is harmless; many at the same time across clients point at the network path or the API server.",
    reference: "k8s.io/apimachinery pkg/watch/streamwatcher.go",
    causes: [{ cause: "network.path-loss", weight: 0.15 }],
  },
  {
    code: "PD1523",
    name: "KubeClientSideThrottling",
    severity: "info",
    summary: "client-go delayed requests for {wait} by its own rate limiter",
    detail:
      "The client's token bucket (QPS 5, burst 10 by default) held the request back before it was sent. The delay is inside the client, not in the network or the API server, so it argues against a timeout elsewhere.",
    reference: "k8s.io/client-go rest/request.go (tryThrottle)",
    causes: [
      { cause: "timeout.route", weight: -0.2 },
      { cause: "network.path-loss", weight: -0.1 },
    ],
  },
  {
    code: "PD1524",
    name: "KubeLeaderElectionFailing",
    severity: "warning",
    summary: "Leader election on {subject} failed: {inner}",
    detail:
      "A controller could not read or renew its lock, so it stops (or never starts) doing its work. The wrapped error tells why; leader election is where a broken API-server connection becomes visible first.",
    reference: "k8s.io/client-go tools/leaderelection",
    causes: [
      { cause: "network.path-loss", weight: 0.1 },
      { cause: "client.go-h2-pool-bug", weight: 0.1 },
    ],
  },
  {
    code: "PD1525",
    name: "KubeRequestNeverAnswered",
    severity: "warning",
    summary: "client-go logged {method} {url} with no response status after {millis} ms",
    detail:
      "The round-tripper printed an empty status: the request failed inside the client before any answer arrived (no connection, or a pooled connection that could not take it). The API server did not produce this failure.",
    reference: "k8s.io/client-go transport/round_trippers.go",
    causes: [
      { cause: "client.go-h2-pool-bug", weight: 0.2 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1526",
    name: "OldGoClientWithNoCachedConnection",
    severity: "error",
    summary: "A client built with Go before 1.14 failed with `no cached connection` ({url})",
    detail:
      "The error wraps the URL without quotes, which Go did before 1.14, so the client is an older build: exactly the era in which net/http's HTTP/2 copy and an old vendored x/net disagree on the no-cached-connection error and the request is never retried.",
    reference: "Go 1.14 release (url.Error quoting); golang.org/x/net commit ab555f36",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.35 }],
  },
  {
    code: "PD1527",
    name: "GrpcTransportClosing",
    severity: "warning",
    summary: "The gRPC connection under an RPC closed: {desc}",
    detail:
      "grpc-go lost the connection the RPC was using: the peer closed TCP (proxy idle timeout, server restart, max connection age without grace) or a GOAWAY came first. Clients should retry UNAVAILABLE; if it is periodic, compare it with the proxy's and server's connection-age settings.",
    reference: "grpc-go internal/transport (ErrConnClosing, http2_client.go)",
    causes: [
      { cause: "connection.goaway", weight: 0.25 },
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1528",
    name: "GrpcStreamReset",
    severity: "error",
    summary: "The gRPC stream was reset with code {rstCode}",
    detail:
      "The server or a proxy reset the RPC's stream before the gRPC status trailers: code 0 (NO_ERROR) typically when a proxy's upstream reset after the headers, code 2 (INTERNAL_ERROR) on a proxy codec error or a session closed by GOAWAY.",
    reference: "grpc-js subchannel-call.ts; grpc-go http2_client.go",
    causes: [
      { cause: "upstream.truncated-body", weight: 0.3 },
      { cause: "upstream.malformed-header", weight: 0.1 },
    ],
  },
  {
    code: "PD1529",
    name: "GrpcKeepaliveFailed",
    severity: "warning",
    summary: "A gRPC keepalive PING to {subject} got no ACK in time",
    detail:
      "grpc-go's keepalive found the connection dead, as Go's HTTP/2 health check does: packets are being lost or the peer is frozen.",
    reference: "grpc-go internal/transport/http2_client.go (keepalive)",
    causes: [{ cause: "network.path-loss", weight: 0.4 }],
  },
  {
    code: "PD1530",
    name: "GrpcTooManyPings",
    severity: "error",
    summary: "The server closed the connection for too many pings",
    detail:
      "The client pings more often than the server's keepalive enforcement allows (grpc-go servers accept one ping per 5 minutes by default), so the server sends GOAWAY ENHANCE_YOUR_CALM with `too_many_pings` and drops the connection with every RPC on it.",
    reference: "grpc-go keepalive EnforcementPolicy; http2_server.go",
    causes: [{ cause: "connection.goaway", weight: 0.7 }],
  },
  {
    code: "PD1531",
    name: "GrpcGotNonGrpcResponse",
    severity: "error",
    summary: "A proxy answered the gRPC call with HTTP {status} ({contentType})",
    detail:
      "Something in the path returned an ordinary HTTP response, usually an HTML error page, instead of gRPC: an ingress or load balancer that does not speak HTTP/2 or gRPC to the backend, or that could not reach it. The status is the proxy's, not the service's.",
    reference: "grpc-go internal/transport http2_client.go (unexpected HTTP status code)",
    causes: [{ cause: "protocol.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1536",
    name: "KubeClientBeforeHealthCheckDefault",
    severity: "info",
    summary: "{binary} {kubeVersion} (from its User-Agent) predates client-go's HTTP/2 health check",
    detail:
      "The client's User-Agent names a Kubernetes release before 1.18.18, 1.19.5 and 1.20, the versions whose client-go pings idle HTTP/2 connections. Such a client can keep a dead connection for minutes, and was built in the years when Go and vendored x/net disagreed on the no-cached-connection error. Reading the binary itself tells its Go and x/net versions.",
    reference: "kubernetes#95981, #96778, #100376; client-go transport User-Agent",
    causes: [{ cause: "client.go-h2-pool-bug", weight: 0.2 }],
  },
  {
    code: "PD1537",
    name: "GoServerClosedIdleConnection",
    severity: "warning",
    summary: "{subject} closed a pooled HTTP/1 connection just as the client reused it",
    detail:
      "The server's keep-alive timeout ran out while the connection sat in the client's pool, and the client sent the next request on it at the same moment. Go retries such requests when they are idempotent or can be replayed; this one could not be. The client's idle timeout should be shorter than the server's keep-alive.",
    reference: "Go net/http transport.go (errServerClosedIdle); golang/go#19943",
    causes: [{ cause: "upstream.keepalive-race", weight: 0.45 }],
  },
  {
    code: "PD1538",
    name: "Http2RetryImpossibleBodySent",
    severity: "warning",
    summary: "A request to {subject} could not be retried after its body was sent: {retryError}",
    detail:
      "A failure Go would normally retry on a new connection (a GOAWAY, a refused stream, a dead connection) hit a request whose body had already been read and has no GetBody to read it again. The underlying error says which; the usual trigger is a server or proxy recycling connections.",
    reference: "golang.org/x/net http2 transport (cannot retry after Request.Body was written)",
    causes: [
      { cause: "connection.goaway", weight: 0.35 },
      { cause: "upstream.keepalive-race", weight: 0.1 },
    ],
  },
  {
    code: "PD1539",
    name: "Http2AlpnMismatch",
    severity: "error",
    summary: 'An HTTP/2-only Go client could not get h2 from {subject} (got "{got}")',
    detail:
      "The client insists on HTTP/2 but TLS negotiation chose something else, typically http/1.1 from a load balancer or proxy that terminates TLS without offering h2, or a TLS-inspecting middlebox.",
    reference: "golang.org/x/net http2 transport (unexpected ALPN protocol); RFC 7301",
    causes: [{ cause: "protocol.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1540",
    name: "GoEofBeforeResponse",
    severity: "warning",
    summary: "{subject} closed the connection before answering (EOF)",
    detail:
      "Go wrote the request and the connection ended without a single response byte. On a reused keep-alive connection this is the server closing it as the request went out; Go retries only idempotent requests that it can replay. On a fresh connection the peer refused what it got, for example a TLS port receiving plaintext or a proxy rejecting the request outright.",
    reference: "Go net/http transport.go (io.EOF from a persistConn read)",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.35 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1541",
    name: "GrpcBadServerPreface",
    severity: "error",
    summary: "The gRPC client could not read an HTTP/2 server preface: {prefaceError}",
    detail:
      "grpc-go opened the connection and expected the server's HTTP/2 SETTINGS frame, but the first bytes back were something else. `http2: frame too large` means they were read as a frame header with an absurd length: a TLS record (the client speaks plaintext to a TLS port) or an HTTP/1 response (the port, or a proxy in front, does not speak HTTP/2 without TLS). `EOF` means the peer closed instead, as a TLS server or a proxy does with bytes it cannot parse. Make both sides agree on TLS (client credentials vs insecure) and on HTTP/2 (h2c, or a proxy that forwards gRPC as HTTP/2).",
    reference: "grpc-go internal/transport/http2_client.go (reader: error reading server preface)",
    causes: [
      { cause: "tls.mismatch", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.4 },
    ],
  },
  {
    code: "PD1542",
    name: "GoCallEndedAtTimeLimit",
    severity: "error",
    summary: "{operation} ran {seconds} s, about a {limit} s limit, and its stream broke",
    detail:
      "client-go traced the call as slow, and it ended at a round number of seconds with a stream or connection error: the server or a proxy on the way stopped it at its request time limit (kube-apiserver ends requests at `--request-timeout`, 60 s by default, with an HTTP/2 INTERNAL_ERROR). Retrying the same call hits the same limit; make the call smaller (paginate lists with a limit, narrow the selector), or raise the limit where it is set.",
    reference: "k8s.io/utils/trace (total time); kube-apiserver --request-timeout (default 1m0s)",
    causes: [{ cause: "timeout.route", weight: 0.6 }],
  },
  {
    code: "PD1543",
    name: "GoClientTimeoutReadingBody",
    severity: "warning",
    summary: "The request to {subject} timed out while its response body was still arriving",
    detail:
      "The status line and headers had arrived; the client's Client.Timeout (or its context) ran out during the body. Small answers that arrive while large ones stall point to the path: packets above some size are lost (an MTU mismatch or a black hole for fragments), or the link drops data. A server that streams slowly, or a body too large for the timeout, gives the same message.",
    reference: "Go net/http client.go (Client.Timeout or context cancellation while reading body)",
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "client.gave-up", weight: 0.2 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
  {
    code: "PD1544",
    name: "GrpcXdsBootstrapFileMissing",
    severity: "error",
    summary: "The gRPC client could not start its xDS client: the bootstrap file {file} does not exist",
    detail:
      "A proxyless gRPC client reads its xDS bootstrap (control-plane address, node identity, certificates) from the file GRPC_XDS_BOOTSTRAP names. In Istio that file is written by istio-agent after it starts; a client that starts first finds nothing and fails to build its resolver. `holdApplicationUntilProxyStarts` and an agent readiness wait fix the order; a file that never appears means the agent or the injection template is missing.",
    reference:
      "grpc-go xds/internal/xdsclient/bootstrap (failed to read bootstrap file); Istio proxyless gRPC (grpc-agent template)",
    causes: [
      { cause: "lifecycle.sidecar-ordering", weight: 0.5 },
      { cause: "mesh.bootstrap-failure", weight: 0.3 },
      { cause: "mesh.injection-failure", weight: 0.15 },
    ],
  },
  {
    code: "PD1545",
    name: "GrpcXdsBootstrapInvalid",
    severity: "error",
    summary: "The gRPC client could not start its xDS client: {error}",
    detail:
      "The xDS bootstrap is not set (GRPC_XDS_BOOTSTRAP or GRPC_XDS_BOOTSTRAP_CONFIG empty) or cannot be used: the client has no control plane to ask for listeners and clusters, so every xds:/// target fails.",
    reference: "grpc-go xds/internal/xdsclient/bootstrap",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.55 },
      { cause: "mesh.injection-failure", weight: 0.2 },
    ],
  },
  {
    code: "PD1546",
    name: "ApiServerRequestTimeout",
    severity: "error",
    summary: "The Kubernetes API server gave up on the request itself (its request timeout ran out)",
    detail:
      "`Timeout: request did not complete within requested timeout` is the API server's own 504: while it handled the request, something it called did not answer in time. Most often that is an admission webhook the API server cannot reach (a NetworkPolicy or firewall drops its connections, so each call waits for the webhook's timeout) or one that is too slow; an overloaded API server or etcd gives the same answer. The API server's log names the webhook (`failed calling webhook … context deadline exceeded`).",
    reference:
      "k8s.io/apiserver timeout filter (StatusReasonTimeout); admission webhook timeoutSeconds; kubernetes/kubernetes#128162",
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "timeout.route", weight: 0.2 },
      { cause: "mesh.control-plane-overload", weight: 0.15 },
    ],
  },
  {
    code: "PD1547",
    name: "GoServerRequestBodyCut",
    severity: "warning",
    summary: "The server saw the request body stop arriving before its end (the client or a proxy in front closed it)",
    detail:
      "A Go server (the Docker registry, an API behind an ingress) was reading an upload when the connection closed. Either the client gave up, or a proxy in front cut the request at its own limit: a read or idle timeout (Traefik's 60 s `respondingTimeouts.readTimeout`, nginx `client_body_timeout`, a load balancer's idle timeout) or a body size limit. Long uploads that always stop at the same elapsed time point to the proxy's timeout.",
    reference: "distribution/distribution (client disconnected during blob PATCH); Go net/http request body reads",
    causes: [
      { cause: "client.gave-up", weight: 0.3 },
      { cause: "timeout.route", weight: 0.3 },
    ],
  },
  {
    code: "PD1548",
    name: "GrpcCallFailedAfterServerGoaway",
    severity: "warning",
    summary:
      'A gRPC call failed on a connection the server had closed with GOAWAY ({goawayCode}, debug data "{debug}")',
    detail:
      "grpc-go names the GOAWAY the server sent before the connection went. `max_age` is the server's `MaxConnectionAge` (with `MaxConnectionAgeGrace`): the server ends every connection after that age, and a call still running when the grace runs out, or sent on the connection as it closed, fails with Unavailable. `NO_ERROR` without debug data is a drain or a restart. Lengthen the grace to cover the longest call (streams included), retry Unavailable on idempotent calls, or stop ageing connections that a load balancer already spreads.",
    reference:
      "grpc-go internal/transport (received prior goaway); grpc-go keepalive.ServerParameters MaxConnectionAge, MaxConnectionAgeGrace; dapr/dapr#7329",
    causes: [
      { cause: "connection.goaway", weight: 0.6 },
      { cause: "network.path-loss", weight: -0.2 },
    ],
  },
  {
    code: "PD1549",
    name: "GrpcXdsMaxRequestsExceeded",
    severity: "error",
    summary: "A proxyless gRPC client refused a call itself: max requests {limit} exceeded on {service}",
    detail:
      "gRPC clients that take their configuration from xDS (Istio's proxyless gRPC, Traffic Director) apply the cluster's circuit breaker in the client: when as many calls are in flight as `max_requests` allows, the next one fails at once with UNAVAILABLE, without reaching the network. 1024 is the default when the control plane sends no limit. Raise it in the cluster's circuit breakers (in Istio, the DestinationRule's `connectionPool.http.http2MaxRequests`; check that the control plane passes it on to proxyless clients) or keep fewer calls in flight.",
    reference:
      "grpc-go xds/internal/balancer/clusterimpl (max requests exceeded); Envoy circuit_breakers max_requests; istio/istio#55202",
    causes: [{ cause: "limits.connection-pool", weight: 0.75 }],
  },
  {
    code: "PD1550",
    name: "ConsulAgentRefusedProxyHandshake",
    severity: "error",
    summary: "The Consul agent's gRPC server refused a TLS handshake from {client}: {error}",
    detail:
      "A Consul agent's gRPC port serves the xDS configuration of the Envoy proxies it manages. When it runs with TLS (the `grpc_tls` port, 8503 by default) and the proxy's bootstrap connects in plain text, or the reverse, the agent logs this and the proxy gets no configuration: listeners never appear and every connection through it fails. `tls: first record does not look like a TLS handshake` is a plaintext client. Make `consul connect envoy` use TLS to that port (`-grpc-addr https://…`, `CONSUL_GRPC_ADDR`, `-grpc-ca-file`, or `CONSUL_HTTP_SSL=true` in older versions) or point it at the plaintext port.",
    reference:
      "grpc-go server.go (Server.Serve failed to complete security handshake); Consul ports grpc and grpc_tls; hashicorp/consul#7473",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.6 },
      { cause: "tls.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1551",
    name: "GrpcServerRefusedHandshake",
    severity: "error",
    summary: "A gRPC server refused a TLS handshake from {client}: {error}",
    detail:
      "The server expects TLS and the client's first bytes were something else (`first record does not look like a TLS handshake`: a plaintext client), or the handshake failed on certificates or versions. Give the client TLS credentials for this port, or serve plaintext where the client cannot do TLS (behind a mesh sidecar that already encrypts, for example).",
    reference: "grpc-go server.go (Server.Serve failed to complete security handshake); Go crypto/tls",
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1552",
    name: "GrpcStreamResetNoError",
    severity: "error",
    summary: "The gRPC stream was reset with code NO_ERROR before its status arrived",
    detail:
      "Whoever sent the reset considered the stream finished, yet the call had no gRPC status: a proxy ended a stream it had already started answering. Envoy does this when a timeout fires after the response headers went out: the route timeout (15 s by default, which streaming and long calls outlive unless the route sets `timeout: 0s` or a longer one), `max_stream_duration`, or an idle timeout; the upstream resetting after its headers ends the same way. If the calls fail after the same number of seconds each time, it is the timeout.",
    reference:
      "grpc-go http2_client.go (stream terminated by RST_STREAM with error code: NO_ERROR); grpc-js; Envoy route timeout (default 15 s); envoyproxy/envoy#35812",
    causes: [
      { cause: "upstream.truncated-body", weight: 0.3 },
      { cause: "timeout.route", weight: 0.25 },
      { cause: "connection.goaway", weight: 0.1 },
    ],
  },
  {
    code: "PD1553",
    name: "KubectlUpgradeRequired",
    severity: "error",
    summary: "The API server answered kubectl's exec, attach or port-forward with 400 Upgrade request required",
    detail:
      "`kubectl exec`, `attach`, `cp` and `port-forward` switch the connection to SPDY or WebSocket streams with an Upgrade request. The API server got the request without its Upgrade and Connection headers, so something in between did not pass the switch on: an AWS Application Load Balancer (it does not support SPDY; a Network Load Balancer passes the bytes through), an HTTP proxy or API gateway in front of the API server, or an ingress without upgrade support. Put the API server behind a layer-4 load balancer, or enable the upgrade on the proxy; recent kubectl versions can fall back to WebSockets, which more proxies pass.",
    reference:
      "Kubernetes apiserver (Upgrade request required, 400); kubectl remotecommand (SPDY, WebSocket); kubernetes-sigs/aws-load-balancer-controller#3023",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
  {
    code: "PD1554",
    name: "ClientReportedPayloadTooLarge",
    severity: "warning",
    summary: "{emitter}: the server answered {status} Payload Too Large to a request for {subject}",
    detail:
      "A client (a registry push, a remote-write or log shipper) reports that its request body was refused with 413. Registries and collectors accept large bodies themselves, so the refusal usually comes from a proxy in front with a lower body limit: nginx's `client_max_body_size`, ingress-nginx's `proxy-body-size`, a CDN's upload cap. The proxy's error log or the page's `Server` header tells which.",
    reference:
      "RFC 9110 section 15.5.14 (413); Docker distribution client (received unexpected HTTP status); Prometheus remote write",
    causes: [{ cause: "limits.body-too-large", weight: 0.5 }],
  },
  {
    code: "PD1555",
    name: "ClientReportedBadGateway",
    severity: "warning",
    summary: "{emitter}: a proxy answered {status} Bad Gateway to a request for {subject}",
    detail:
      "A client reports 502: a proxy on the way got no valid answer from the server behind it (a refused or reset connection, a pooled connection the server had closed, a response it could not parse). The client's line cannot say which; the proxy's error log at the same moment does.",
    reference: "RFC 9110 section 15.6.3 (502); Docker distribution client; Prometheus remote write",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "upstream.connection-refused", weight: 0.1 },
      { cause: "upstream.app-error", weight: -0.2 },
    ],
  },
  {
    code: "PD1556",
    name: "ClientReportedServiceUnavailable",
    severity: "warning",
    summary: "{emitter}: the server answered {status} Service Unavailable to a request for {subject}",
    detail:
      "A client reports 503: a proxy without a healthy endpoint for the route, one whose connection limits are full, or the service itself shedding load. The response's `Server` header or the proxy's access log says who answered.",
    reference: "RFC 9110 section 15.6.4 (503); Docker distribution client; Prometheus remote write",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.2 },
      { cause: "limits.connection-pool", weight: 0.1 },
    ],
  },
  {
    code: "PD1557",
    name: "ClientReportedGatewayTimeout",
    severity: "warning",
    summary: "{emitter}: a proxy answered {status} Gateway Timeout to a request for {subject}",
    detail:
      "A client reports 504: a proxy on the way stopped waiting for the server behind it. Long uploads (image layers, large batches) meet the proxy's read or send timeout most often: nginx's `proxy_read_timeout` and `proxy_send_timeout` (60 s), a load balancer's idle timeout. Compare how long the request ran with the proxy's limits.",
    reference: "RFC 9110 section 15.6.5 (504); Docker distribution client; Prometheus remote write",
    causes: [{ cause: "timeout.route", weight: 0.35 }],
  },
  {
    code: "PD1558",
    name: "GrpcGotNonGrpcReplyOfUnknownStatus",
    severity: "error",
    summary:
      "Something in the path answered the gRPC call with a plain HTTP reply ({contentType}); the client did not say its status",
    detail:
      "Older grpc-go releases name only the content type of a reply that is not gRPC. Something other than the gRPC server answered: an ingress or load balancer that speaks HTTP/1 to the backend, a default backend that got the request because no host or path rule matched (ingress-nginx's `default backend - 404` is text/plain), or a proxy's error page for an upstream it could not reach. The status of the same request in the proxy's access log separates them; `grpcurl -v` or `curl -v --http2` against the same address shows it too.",
    reference: "grpc-go internal/transport http2_client.go (received the unexpected content-type)",
    causes: [
      { cause: "protocol.mismatch", weight: 0.35 },
      { cause: "routing.no-route", weight: 0.25 },
      { cause: "routing.no-healthy-upstream", weight: 0.1 },
    ],
  },
  {
    code: "PD1559",
    name: "AdmissionWebhookUnreachable",
    severity: "error",
    summary: "The API server could not reach the admission webhook {subject} in time ({inner})",
    detail:
      "The API server calls the webhook's Service from the control plane. When the call times out, packets from the control plane to the webhook pod are dropped: on private GKE clusters the firewall lets the control plane reach nodes only on 443 and 10250, so a webhook served on another port (ingress-nginx's 8443) needs a firewall rule; a NetworkPolicy or a mesh that requires mutual TLS on the pod has the same effect. Every create or update the webhook validates fails while it lasts.",
    reference:
      "Kubernetes admission webhooks (failed calling webhook); GKE private clusters: control plane firewall rules for webhooks",
    causes: [{ cause: "network.path-loss", weight: 0.55 }],
  },
  {
    code: "PD1580",
    name: "AdmissionWebhookRefused",
    severity: "error",
    summary: "The API server's call to the admission webhook {subject} was refused ({inner})",
    detail:
      "The webhook's Service resolved to an address where nothing listens: the webhook pod is not running or not ready, listens on another port than the Service's targetPort, or its Service points at the wrong pods. Requests the webhook validates are refused until it answers again.",
    reference: "Kubernetes admission webhooks (failed calling webhook … connection refused)",
    causes: [{ cause: "upstream.connection-refused", weight: 0.6 }],
  },
  {
    code: "PD1581",
    name: "AdmissionWebhookCertificateRejected",
    severity: "error",
    summary: "The API server rejected the certificate of the admission webhook {subject} ({inner})",
    detail:
      "The API server verifies the webhook's serving certificate against the `caBundle` of its configuration and the Service's DNS name. A certificate regenerated without updating the caBundle (a reinstall, an expired cert-manager certificate, a patch job that did not run) or issued for another name fails the check.",
    reference: "Kubernetes admission webhooks (clientConfig.caBundle, service name)",
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1582",
    name: "Http2GoawayCalmWithoutReason",
    severity: "error",
    summary: "{subject} ended the connection with GOAWAY ENHANCE_YOUR_CALM and no debug text",
    detail:
      "ENHANCE_YOUR_CALM says the server will not take what the client sends. gRPC servers and Go's own server name the reason in the debug text (`too_many_pings`, too many resets); an empty debug text is nginx's way: a request's header field or whole header section is over `http2_max_field_size`/`http2_max_header_size` (since 1.19.7 `large_client_header_buffers`, 8 KiB a line by default). A large bearer token (OIDC, a long JWT) sent by kubectl or another client through nginx in front of the API server is the common case. Raise the limit on the proxy, or make the token smaller.",
    reference: `${XNET} (GoAwayError); nginx ngx_http_v2_module (http2_max_field_size, ENHANCE_YOUR_CALM on oversized headers); RFC 9113 §7`,
    causes: [
      { cause: "limits.header-too-large", weight: 0.45 },
      { cause: "connection.goaway", weight: 0.2 },
    ],
  },
  {
    code: "PD1583",
    name: "ClientReportedHeaderFieldsTooLarge",
    severity: "error",
    summary: "{emitter}: the server answered {status} Request Header Fields Too Large to a request for {subject}",
    detail:
      "A client reports that its request's headers were refused as too large (431). Between services the refusal usually comes from a proxy: Envoy's `max_request_headers_kb` (60 KiB) or an HTTP/2 peer's header-list limit (8 KiB in gRPC's SETTINGS_MAX_HEADER_LIST_SIZE), nginx's `large_client_header_buffers`. Large cookies, long tokens or metadata added by interceptors add up. Make the headers smaller, or raise the limit on the hop that answered (the status's `server` header or trailer names it).",
    reference: "RFC 6585 section 5 (431); Envoy max_request_headers_kb; gRPC header list size",
    causes: [{ cause: "limits.header-too-large", weight: 0.55 }],
  },
  {
    code: "PD1584",
    name: "GrpcStreamEndedWithoutTrailers",
    severity: "error",
    summary: "grpc-go: the server closed the RPC's stream without sending trailers",
    detail:
      "The response ended (END_STREAM) with no `grpc-status` trailers: what answered did not speak gRPC to the end. The usual reason is a hop that carries the call as plain HTTP: a proxy or mesh gateway that talks HTTP/1.1 to the gRPC server (an Istio DestinationRule or Service port not marked for HTTP/2 — `h2UpgradePolicy`, `useClientProtocol`, `appProtocol: grpc`), a proxy answering with its own non-gRPC body, or a proxy that ends the stream when its own timeout fires. Check every hop's protocol to the server, then the proxies' timeouts for long or streaming calls.",
    reference: "grpc-go internal/transport/http2_client.go (errors for a stream that ends without trailers)",
    causes: [
      { cause: "protocol.mismatch", weight: 0.4 },
      { cause: "upstream.truncated-body", weight: 0.15 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
]);
