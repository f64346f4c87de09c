import { defineFindings } from "../define.ts";

const JAVA = "grpc-java";
const DOTNET = "grpc-dotnet Grpc.Net.Client";
const JS = "grpc-node @grpc/grpc-js";
const CORE = "grpc core (grpc-python)";

/**
 * gRPC client errors from libraries other than grpc-go. The weights follow the Go codes for the
 * same condition (PD1516–PD1521, PD1527–PD1531, PD1541), so one failure weighs the same whatever
 * language the client is written in.
 */
export const GRPC_FINDINGS = defineFindings([
  {
    code: "PD1560",
    name: "GrpcClientConnectionRefused",
    severity: "error",
    summary: "{library} could not connect to {subject}: the connection was refused ({status})",
    detail:
      "The RPC failed before a connection existed: the TCP connect was answered with a reset. Nothing listens on that address and port (the server is down, listens on another port or only on localhost inside its container), or a policy rejects the connection.",
    reference: `${JAVA} (AnnotatedConnectException); ${DOTNET} (Error connecting to subchannel, SocketException 111); ${CORE} (Failed to connect to remote host: Connection refused)`,
    causes: [{ cause: "upstream.connection-refused", weight: 0.55 }],
  },
  {
    code: "PD1561",
    name: "GrpcClientConnectionReset",
    severity: "warning",
    summary: "{subject} reset the gRPC connection of a {library} client ({status}: {details})",
    detail:
      "A TCP RST ended the connection under the RPC. On a connection that sat idle it is a proxy or load balancer dropping it first; on a fresh connection the peer refused what it got, as a port that expects mutual TLS does with plaintext.",
    reference: `${CORE} (Connection reset by peer, errno 104); ${JAVA} (IOException: Connection reset); ${DOTNET} (SocketException 104)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1562",
    name: "GrpcClientConnectionClosed",
    severity: "warning",
    summary: "The connection under a {library} RPC to {subject} closed: {reason}",
    detail:
      "The peer closed the connection without a gRPC status or GOAWAY reason: a proxy idle timeout, a server restart, or a connection age limit without grace. When it happens on the first RPC of a new connection, the other side usually could not parse what it got, such as plaintext on a TLS port.",
    reference: `${JAVA} (Network closed for unknown reason); ${JS} (Connection dropped); ${CORE} (Socket closed)`,
    causes: [
      { cause: "connection.goaway", weight: 0.25 },
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.15 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1563",
    name: "GrpcClientDeadlineExceeded",
    severity: "warning",
    summary: "A {library} RPC to {subject} ran out of its deadline: {details}",
    detail:
      "The client's own deadline expired before the server's status arrived. The stream was open, so the request went out and the answer was slow: the server or a proxy in front of it took longer than the deadline, or a proxy held the stream without passing the response on.",
    reference: `${JAVA} (deadline exceeded after …s. [closed=…, open=…]); ${JS} (4 DEADLINE_EXCEEDED); ${CORE} (Deadline Exceeded)`,
    causes: [
      { cause: "timeout.route", weight: 0.3 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1564",
    name: "GrpcClientDeadlineBeforeConnection",
    severity: "warning",
    summary: "A {library} RPC to {subject} ran out of its deadline while still waiting for a connection",
    detail:
      "grpc-java lists the stream as `waiting_for_connection`: the deadline expired before the channel had a ready connection, so the server never saw the request. Connects that are dropped or refused, or a name that resolves to dead addresses, keep the channel in backoff.",
    reference: `${JAVA} (DelayedClientTransport, deadline exceeded … waiting_for_connection)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1565",
    name: "GrpcClientTlsHandshakeFailed",
    severity: "error",
    summary: "The TLS handshake of a {library} client with {subject} failed: {reason}",
    detail:
      "The connection never carried an RPC because TLS did not complete: the client rejected the server's certificate (unknown authority, wrong name, expired), the server rejected the client's (mutual TLS), or the two sides disagree on whether the port speaks TLS at all.",
    reference: `${CORE} (Ssl handshake failed); ${JAVA} (SSLHandshakeException); ${DOTNET} (The SSL connection could not be established)`,
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1566",
    name: "GrpcClientPlaintextAnswerToTls",
    severity: "error",
    summary: "A {library} client started TLS with {subject} and got plaintext back ({reason})",
    detail:
      "The first bytes back were not a TLS record: the client uses TLS credentials towards a plaintext port (an h2c gRPC server, a sidecar's plaintext listener), or something in between terminates TLS already.",
    reference: `${JAVA} (NotSslRecordException); ${CORE} (SSL routines: WRONG_VERSION_NUMBER); ${DOTNET} (Cannot determine the frame size or a corrupted frame was received)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1567",
    name: "GrpcClientTlsAnswerToPlaintext",
    severity: "error",
    summary: "A plaintext {library} client got a TLS record from {subject} (first bytes {hex})",
    detail:
      "The client sent the HTTP/2 preface in the clear and the answer began with a TLS record header (0x15 alert or 0x16 handshake, then 0x03): the port expects TLS or mutual TLS, as a STRICT mesh port or a TLS-only server does. Give the client TLS credentials or point it at the plaintext port.",
    reference: `${JAVA} Netty Http2ConnectionHandler (First received frame was not SETTINGS. Hex dump for first 5 bytes); RFC 8446 §5.1`,
    causes: [
      { cause: "tls.mismatch", weight: 0.6 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1568",
    name: "GrpcClientGotHttp1Answer",
    severity: "error",
    summary: "{subject} answered a {library} client in HTTP/1.x instead of HTTP/2 ({reason})",
    detail:
      "gRPC needs HTTP/2 end to end, and the answer was HTTP/1: the port is served by an HTTP/1 server, or a proxy in front of it does not forward HTTP/2 (or h2c without TLS). A plaintext client on a TLS port gets the same: nginx and ingress-nginx answer a plain request on their TLS port with `400 The plain HTTP request was sent to HTTPS port`, in HTTP/1. In grpc-java the hex dump starts with 485454502f, which is `HTTP/`; the response itself (curl the port, or the proxy's access log) tells the two apart.",
    reference: `${JAVA} Netty Http2ConnectionHandler (First received frame was not SETTINGS); ${DOTNET} (Response protocol downgraded to HTTP/1.1); ${CORE} (Trying to connect an http1.x server); nginx ngx_http_request.c (The plain HTTP request was sent to HTTPS port)`,
    causes: [
      { cause: "protocol.mismatch", weight: 0.45 },
      { cause: "tls.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1569",
    name: "GrpcClientNoHttp2Handshake",
    severity: "error",
    summary: "A {library} client could not set up HTTP/2 with {subject}: {reason}",
    detail:
      "The connection opened but the HTTP/2 handshake did not finish: the server closed it or sent something other than its SETTINGS frame. The usual reasons are the two sides disagreeing on TLS (plaintext client, TLS port, or the reverse) or on HTTP/2 (an HTTP/1-only endpoint).",
    reference: `${DOTNET} (the server did not complete the HTTP/2 handshake); ${JAVA} (Connection closed while performing protocol negotiation)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.4 },
    ],
  },
  {
    code: "PD1570",
    name: "GrpcClientGotNonGrpcResponse",
    severity: "error",
    summary: "A {library} client got a response without gRPC status from {subject} ({reason})",
    detail:
      "An ordinary HTTP response came back (an error page, a redirect, a 404) instead of a gRPC one: a proxy or load balancer in the path answered itself, or routes gRPC to a backend that is not a gRPC server. The status is the proxy's, not the service's.",
    reference: `${JAVA} (HTTP status code …, invalid content-type); ${DOTNET} (Bad gRPC response); ${CORE} (Received http2 header with status)`,
    causes: [{ cause: "protocol.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1571",
    name: "GrpcClientStreamRefused",
    severity: "warning",
    summary: "{subject} refused the stream of a {library} RPC ({reason})",
    detail:
      "The server or a proxy reset the stream with REFUSED_STREAM: it did not process the request, so it is safe to retry. Servers do this when a connection is draining after GOAWAY or when the stream would exceed their concurrent-stream limit; one line does not say which, so the server's or proxy's log of the same moment is needed.",
    reference: `${JS} (Stream refused by server); ${JAVA} (HTTP/2 error code: REFUSED_STREAM); RFC 9113 §8.7`,
    causes: [
      { cause: "connection.goaway", weight: 0.35 },
      { cause: "limits.connection-pool", weight: 0.15 },
    ],
  },
  {
    code: "PD1572",
    name: "GrpcClientStreamReset",
    severity: "error",
    summary: "The stream of a {library} RPC to {subject} was reset ({reason})",
    detail:
      "The RPC's stream was reset before the gRPC status trailers arrived, while the connection lived on: usually a proxy giving up on the response after the upstream reset or stopped sending, or a session that closed under the stream.",
    reference: `${JAVA} (RST_STREAM closed stream. HTTP/2 error code); ${CORE} (Stream removed, Received RST_STREAM with error code); RFC 9113 §6.4`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.3 },
      { cause: "upstream.malformed-header", weight: 0.1 },
    ],
  },
  {
    code: "PD1573",
    name: "GrpcClientStreamProtocolError",
    severity: "error",
    summary: "The stream of a {library} RPC to {subject} ended with PROTOCOL_ERROR",
    detail:
      "One side broke the HTTP/2 rules for a message on this stream: a header the peer may not accept (upper case, connection-specific, a bad pseudo-header), a header section above the peer's limit, or a length that does not match the data.",
    reference: `${JAVA} (HTTP/2 error code: PROTOCOL_ERROR, Received Rst Stream); RFC 9113 §8.2`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1574",
    name: "GrpcClientGoaway",
    severity: "warning",
    summary: "{subject} sent GOAWAY ({h2Code}) under a {library} RPC",
    detail:
      "The server or proxy ended the connection with GOAWAY while the RPC was on it or about to go on it: a connection age limit, a drain on restart, or an error the peer found. RPCs the peer did not process may be retried on a new connection; a steady stream of these points at connection recycling that clients are not prepared for.",
    reference: `${JAVA} NettyClientHandler (Connection closed after GOAWAY, Abrupt GOAWAY closed sent stream); ${CORE} (GOAWAY received)`,
    causes: [{ cause: "connection.goaway", weight: 0.5 }],
  },
  {
    code: "PD1575",
    name: "GrpcClientMessageTooLarge",
    severity: "error",
    summary: "A {library} RPC to {subject} failed on a message above the size limit ({reason})",
    detail:
      "A message was larger than the receiving side's maximum (4 MiB by default in every gRPC library). The limit is the application's setting, not the network's: raise the maximum receive size where the message is read, or send smaller messages (paging, streaming).",
    reference: `${JS} (Received message larger than max); ${JAVA} (gRPC message exceeds maximum size); ${DOTNET} (message exceeds the maximum configured message size)`,
    causes: [
      { cause: "upstream.app-error", weight: 0.35 },
      { cause: "network.path-loss", weight: -0.2 },
    ],
  },
  {
    code: "PD1576",
    name: "GrpcClientNameNotResolved",
    severity: "error",
    summary: "A {library} client could not resolve the name of its target ({reason})",
    detail:
      "The channel's target name did not resolve, so no connection was tried: a misspelt Service or host, the wrong namespace, or a DNS name that does not exist from where the client runs.",
    reference: `${CORE} (DNS resolution failed); ${JAVA} (Unable to resolve host); ${JS} (Name resolution failed for target)`,
    causes: [{ cause: "routing.no-route", weight: 0.3 }],
  },
  {
    code: "PD1577",
    name: "GrpcClientCouldNotConnect",
    severity: "warning",
    summary: "A {library} client could not connect to {subject}: {details}",
    detail:
      "The channel had no working connection for the RPC, and the error does not say why (no refusal, reset or TLS error is quoted with it). Connects that time out, a refused port, or a handshake that failed all end this way; the client's debug output or the server's side tells which.",
    reference: `${CORE} (failed to connect to all addresses); ${JS} (No connection established); ${DOTNET} (Error connecting to subchannel); ${JAVA} (io exception)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.15 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1578",
    name: "GrpcClientSocketError",
    severity: "warning",
    summary: "A socket call failed under a {library} RPC to {subject} (OS Error)",
    detail:
      "gRPC core reports `OS Error` when a read or write on the connection's socket failed, and without the errno it does not say which. The usual failures are a reset (a peer that refuses what it got, such as a mutual-TLS port receiving plaintext, or an idle connection dropped by a proxy), a refused connect, or a broken path.",
    reference: `${CORE} (tcp_posix: OS Error from recvmsg/sendmsg)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.2 },
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "upstream.connection-refused", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1579",
    name: "GrpcClientConnectTimeout",
    severity: "warning",
    summary: "A {library} client's connection to {subject} timed out",
    detail:
      "The TCP connect (or an established connection) got no answer in time: the SYN was dropped by a firewall or NetworkPolicy, the address is dead, or the path loses packets. It is not an answer from the server.",
    reference: `${JAVA} (ConnectTimeoutException: connection timed out); ${CORE} (Connection timed out, errno 110)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.1 },
    ],
  },
]);
