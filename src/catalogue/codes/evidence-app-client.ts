import { defineFindings } from "../define.ts";

const NODE = "Node.js http/net/tls and undici";
const PY = "Python http.client, ssl, urllib3/requests, aiohttp, httpx";
const JAVA = "JDK java.net, Apache HttpClient, OkHttp, Reactor Netty";
const DOTNET = ".NET System.Net.Http";
const RUST = "Rust reqwest, hyper, tonic, rustls";
const RUBY = "Ruby Net::HTTP, Faraday";
const PHP = "PHP cURL, Guzzle";

/**
 * Errors of application HTTP clients outside Go (Node.js, Python, Java, .NET, Rust, Ruby, PHP). Each failure weighs as the Go code for the same
 * condition does (PD1509, PD1512–PD1521, PD1540, PD1543), or the curl or gRPC code where Go has
 * none (PD1010 for an unreachable host, PD1567 and PD1576 for a TLS answer and a name that does
 * not resolve), so one failure weighs the same whatever language the client is written in.
 */
export const APP_CLIENT_FINDINGS = defineFindings([
  {
    code: "PD1601",
    name: "AppClientConnectionRefused",
    severity: "error",
    summary: "{library} could not connect to {subject}: the connection was refused",
    detail:
      "The TCP connect was answered with a reset, so the request never left the client: nothing listens on that address and port (the server is down, listens on another port or only on localhost inside its container), or a firewall rejects the connection.",
    reference: `${NODE} (connect ECONNREFUSED); ${PY} (Errno 111, NewConnectionError); ${JAVA} (ConnectException: Connection refused, HttpHostConnectException); ${DOTNET} (actively refused it); ${RUST} (Connection refused (os error 111)); ${RUBY} (Errno::ECONNREFUSED); ${PHP} (cURL error 7)`,
    causes: [{ cause: "upstream.connection-refused", weight: 0.55 }],
  },
  {
    code: "PD1602",
    name: "AppClientTcpTimeout",
    severity: "warning",
    summary: "A TCP {op} from {library} to {subject} timed out ({reason})",
    detail:
      "A connect timeout means the SYN was never answered: a firewall or NetworkPolicy drops it, the address is dead, or the path loses packets. A read or write timeout at the TCP level (Node's read ETIMEDOUT) means an open connection went silent. Neither is an answer from the server.",
    reference: `${NODE} (connect ETIMEDOUT, UND_ERR_CONNECT_TIMEOUT); ${PY} (ConnectTimeoutError, connect timeout=); ${JAVA} (Connect timed out, HttpConnectTimeoutException); ${DOTNET} (did not properly respond after a period of time); ${RUST} (error trying to connect: operation timed out); ${RUBY} (Net::OpenTimeout)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.1 },
    ],
  },
  {
    code: "PD1603",
    name: "AppClientHostUnreachable",
    severity: "error",
    summary: "{library} found no route to {subject} ({reason})",
    detail:
      "The kernel or a router answered the connect with host or network unreachable: there is no route to the address, or an ICMP reject from a firewall. The packets never reached a server.",
    reference: `${NODE} (EHOSTUNREACH, ENETUNREACH); ${PY} (Errno 113, Errno 101); ${JAVA} (NoRouteToHostException)`,
    causes: [{ cause: "network.path-loss", weight: 0.35 }],
  },
  {
    code: "PD1604",
    name: "AppClientNameNotResolved",
    severity: "error",
    summary: "{library} could not resolve the name of {subject} ({reason})",
    detail:
      "The host name did not resolve, so no connection was tried: a misspelt Service or host, the wrong namespace, or a DNS name that does not exist from where the client runs. EAI_AGAIN and `Temporary failure` mean the resolver itself did not answer.",
    reference: `${NODE} (getaddrinfo ENOTFOUND, EAI_AGAIN); ${PY} (NameResolutionError, Errno -2); ${JAVA} (UnknownHostException); ${DOTNET} (No such host is known); ${RUST} (dns error: failed to lookup address information); ${RUBY} (getaddrinfo); ${PHP} (cURL error 6)`,
    causes: [{ cause: "routing.no-route", weight: 0.3 }],
  },
  {
    code: "PD1605",
    name: "AppClientConnectionReset",
    severity: "warning",
    summary: "{subject} reset the connection of a {library} request ({reason})",
    detail:
      "A TCP RST ended the connection under the request. On a pooled keep-alive connection it is the server or a proxy dropping the idle connection as the request went out; on a fresh connection the peer refused what it got, as a port that expects mutual TLS does with plaintext. The client's wording does not say which; its pool settings and the server's keep-alive timeout do.",
    reference: `${NODE} (read ECONNRESET); ${PY} (ConnectionResetError 104); ${JAVA} (SocketException: Connection reset); ${DOTNET} (forcibly closed by the remote host, SocketException 104); ${RUST} (Connection reset by peer (os error 104)); ${RUBY} (Errno::ECONNRESET); ${PHP} (cURL error 56)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1606",
    name: "AppClientClosedBeforeResponse",
    severity: "warning",
    summary: "{subject} closed the connection before a {library} request got any response ({reason})",
    detail:
      "The request was written and the connection ended without a byte of response. On a reused keep-alive connection this is the server's idle timeout closing it just as the request went out; clients retry it only for idempotent requests, and only some do. On a fresh connection the peer refused what it got, such as plaintext on a TLS port or a proxy rejecting the request outright. One line does not tell which: the client's keep-alive settings and the server's timeout do.",
    reference: `${NODE} (socket hang up, SocketError: other side closed); ${PY} (RemoteDisconnected, ServerDisconnectedError); ${JAVA} (NoHttpResponseException, unexpected end of stream on, PrematureCloseException BEFORE response, header parser received no bytes); ${DOTNET} (The response ended prematurely); ${RUST} (hyper IncompleteMessage: connection closed before message completed); ${RUBY} (EOFError: end of file reached); ${PHP} (cURL error 52: Empty reply from server)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.35 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1607",
    name: "GatewayClientResponseTimeout",
    severity: "warning",
    summary: "{library}'s request to {subject} timed out waiting for the response ({reason})",
    detail:
      "The error comes from an HTTP client running inside a gateway (Zuul, Spring Cloud Gateway, YARP, Ocelot, http-proxy): the connection was open and the request sent, and the gateway's own read timeout towards the service ran out before the answer. That timeout is the route's: the gateway answers its caller 504 or 500. Raise the route's read timeout (Zuul/Ribbon `ReadTimeout`, Spring Cloud Gateway `response-timeout`, YARP `ActivityTimeout`) for routes that legitimately take longer, or make the service answer sooner.",
    reference: `${JAVA} (SocketTimeoutException: Read timed out under ZuulException); Spring Cloud Gateway (response-timeout); ${DOTNET} (YARP ActivityTimeout)`,
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },

  {
    code: "PD1608",
    name: "AppClientBodyTimeout",
    severity: "warning",
    summary: "A {library} request to {subject} timed out while the response body was arriving ({reason})",
    detail:
      "The status and headers had arrived; the body stalled past the client's read timeout. When small answers arrive and large ones stall, packets above some size are lost on the path (an MTU black hole); a server that streams slowly or a body too large for the timeout gives the same error.",
    reference: `${NODE} (UND_ERR_BODY_TIMEOUT); ${PY} (urllib3 Read timed out. while reading the body)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "client.gave-up", weight: 0.2 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
  {
    code: "PD1609",
    name: "AppClientBodyCut",
    severity: "warning",
    summary: "The response from {subject} ended before its body was complete ({library}: {reason})",
    detail:
      "The status and headers came, then the connection closed before the length the response declared or its last chunk: the upstream or a proxy cut the response. In access logs the same request often shows a healthy status code.",
    reference: `${NODE} (TypeError: terminated, ERR_STREAM_PREMATURE_CLOSE, aborted); ${PY} (IncompleteRead, ChunkedEncodingError, ClientPayloadError); ${JAVA} (Premature end of Content-Length delimited message body, PrematureCloseException DURING response); ${DOTNET} (ended prematurely, with at least … additional bytes expected)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.35 },
      { cause: "upstream.keepalive-race", weight: 0.1 },
    ],
  },
  {
    code: "PD1610",
    name: "AppClientPlaintextAnswerToTls",
    severity: "error",
    summary: "{library} started TLS with {subject} and got something that is not TLS back ({reason})",
    detail:
      "The first bytes back were not a TLS record, usually because the port speaks plain HTTP: the URL says https for a plaintext port, HTTPS_PROXY points at a proxy with an https:// scheme it does not speak, or something in between already terminates TLS.",
    reference: `${PY} ([SSL: WRONG_VERSION_NUMBER]); ${NODE} (EPROTO … wrong version number); ${JAVA} (SSLException: Unsupported or unrecognized SSL message); ${DOTNET} (Cannot determine the frame size or a corrupted frame was received); ${RUST} (rustls received corrupt message of type InvalidContentType); ${RUBY} (SSL_connect … wrong version number)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1611",
    name: "AppClientTlsAnswerToPlaintext",
    severity: "error",
    summary: "A plaintext {library} request got a TLS record back from {subject} ({reason})",
    detail:
      "The client sent HTTP in the clear and the answer began with a TLS record header (0x15 alert or 0x16 handshake, then 0x03): the port expects TLS or mutual TLS. Use https for it, or point the client at the plaintext port.",
    reference: `${PY} (BadStatusLine('\\x15\\x03…')); ${NODE} (Parse Error: Expected HTTP/, rawPacket 15 03); RFC 8446 §5.1`,
    causes: [
      { cause: "tls.mismatch", weight: 0.6 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1612",
    name: "AppClientCertificateRejected",
    severity: "error",
    summary: "A certificate was rejected between {library} and {subject} ({reason})",
    detail:
      "The client refused the server's certificate (unknown or private authority, a name that does not match, expired), or the server refused the client's under mutual TLS (bad_certificate, certificate_required). A TLS-inspecting proxy on the way is a common source of an unknown authority.",
    reference: `${PY} (CERTIFICATE_VERIFY_FAILED); ${NODE} (self-signed certificate, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ERR_TLS_CERT_ALTNAME_INVALID); ${JAVA} (PKIX path building failed); ${DOTNET} (The remote certificate is invalid); ${RUST} (rustls invalid peer certificate: UnknownIssuer); ${RUBY} (certificate verify failed); ${PHP} (cURL error 60)`,
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1613",
    name: "AppClientTlsHandshakeFailed",
    severity: "error",
    summary: "The TLS handshake of {library} with {subject} failed ({reason})",
    detail:
      "The connection was fresh and closed or failed during the handshake, before any HTTP: the peer does not speak TLS on that port the way the client expects (no TLS, a different version or cipher list, SNI it does not know), or a proxy or middlebox cut the handshake.",
    reference: `${NODE} (Client network socket disconnected before secure TLS connection was established); ${PY} (SSLEOFError, UNEXPECTED_EOF_WHILE_READING); ${JAVA} (Remote host terminated the handshake); ${DOTNET} (The SSL connection could not be established)`,
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1614",
    name: "AppClientRejectedMalformedHeader",
    severity: "error",
    summary: "{library} refused a malformed header in the response from {subject} ({reason})",
    detail:
      "A strict HTTP/1 parser refused the response's header section: a control character or bare CR in a value, a space in a field name, or two Content-Length headers that disagree. The upstream that wrote the header is at fault; lenient clients (curl, browsers) may accept the same response, which is why only some callers fail.",
    reference: `${NODE} llhttp (HPE_INVALID_HEADER_TOKEN, HPE_UNEXPECTED_CONTENT_LENGTH); ${PY} (HeaderParsingError); ${DOTNET} (Received an invalid header name); RFC 9112 §5`,
    causes: [{ cause: "upstream.malformed-header", weight: 0.6 }],
  },
  {
    code: "PD1615",
    name: "AppClientMalformedResponse",
    severity: "error",
    summary: "{library} could not read the response from {subject} as valid HTTP ({reason})",
    detail:
      "What came back was not an HTTP/1 status line (or its chunked framing was broken): the upstream writes a broken response, or something that is not an HTTP/1 server answered on that port, such as an HTTP/2-only or gRPC port, a database, or SSH. Over HTTP/2 the same failure is a stream reset with PROTOCOL_ERROR (the h2 crate's `stream error received: unspecific protocol error detected`): one side found the other's messages malformed, often a header a proxy or the upstream writes.",
    reference: `${NODE} llhttp (HPE_INVALID_CONSTANT: Expected HTTP/); ${PY} (BadStatusLine); ${JAVA} (ProtocolException: Invalid status line); ${DOTNET} (The server returned an invalid or unrecognized response); ${RUST} (invalid HTTP version parsed, h2 PROTOCOL_ERROR); ${PHP} (cURL error 1: Received HTTP/0.9)`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.35 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1616",
    name: "TlsServerGotPlainHttp",
    severity: "error",
    summary: "A TLS server received a plain HTTP request on its TLS port ({reason})",
    detail:
      "OpenSSL's `http request` error is written by the server side: the first bytes on its TLS port were an HTTP request line, not a ClientHello. A proxy in front (an ingress, a sidecar, a load balancer) talks plain HTTP to a backend that expects HTTPS: the backend protocol is not set (ingress-nginx `backend-protocol: HTTPS`, a DestinationRule or Service `appProtocol: https`), or the setting belongs to another controller than the one running.",
    reference: "OpenSSL SSL_R_HTTP_REQUEST (SSL23_GET_CLIENT_HELLO / ssl3_get_record: http request)",
    causes: [
      { cause: "tls.mismatch", weight: 0.6 },
      { cause: "protocol.mismatch", weight: 0.25 },
    ],
  },
  {
    code: "PD1617",
    name: "AppClientResponseHeadersTooLarge",
    severity: "error",
    summary:
      "{library} refused the response from {subject}: its header section is larger than the client accepts ({reason})",
    detail:
      "HTTP clients cap the response head they will read: Node.js at 16 KiB (8 KiB before Node 13; `--max-http-header-size`, `maxHeaderSize`), Python's http.client at 65,536 bytes a line and 100 fields, .NET at 64 KiB (`MaxResponseHeadersLength`), the JDK and Netty clients at their own limits. A server or a proxy on the way (large cookies, many Set-Cookie or Link fields, a WAF or CDN adding its own) sent more. Browsers and curl take more, which is why only this client fails. Raise the client's limit or make the response's headers smaller.",
    reference: `${NODE} llhttp (HPE_HEADER_OVERFLOW, --max-http-header-size); ${PY} http.client (_MAXLINE, _MAXHEADERS); ${DOTNET} (MaxResponseHeadersLength)`,
    causes: [{ cause: "limits.header-too-large", weight: 0.65 }],
  },
  {
    code: "PD1618",
    name: "AppClientGoawayReceived",
    severity: "error",
    summary: "{library} failed a request on an HTTP/2 connection {subject} ended with GOAWAY ({reason})",
    detail:
      "The server or the proxy in front sent GOAWAY: it will take no new streams on that connection, and a well-behaved client moves to a new one and retries what the GOAWAY says was not processed. Some clients fail the request instead (the JDK HttpClient, older OkHttp and Netty versions). Servers send GOAWAY routinely: nginx after `keepalive_requests` requests (1000) or `keepalive_timeout`, Envoy on drain or `max_connection_duration`, gRPC servers at `MaxConnectionAge`. Upgrade or configure the client to retry, or use HTTP/1.1 towards that server.",
    reference:
      "RFC 9113 section 6.8 (GOAWAY); JDK java.net.http (GOAWAY received); nginx keepalive_requests; apache/maven-resolver#1256",
    causes: [{ cause: "connection.goaway", weight: 0.6 }],
  },
  {
    code: "PD1619",
    name: "AppClientConcurrencyLimit",
    severity: "error",
    summary: "{library} refused a call itself: its concurrency limit for {subject} is full ({reason})",
    detail:
      "The call never left the process: a bulkhead in the client (Hystrix's semaphore, 10 by default per command and 100 per Zuul route; a thread pool) had no free slot, so it failed at once, usually as a 500 or 503 from the gateway. Slow upstreams hold slots longer and make it come sooner. Raise the limit (`maxConcurrentRequests`, `zuul.semaphore.maxSemaphores`, the thread pool's size) in line with the upstream's capacity, or make the calls faster.",
    reference:
      "Netflix Hystrix (could not acquire a semaphore for execution); Spring Cloud Netflix Zuul semaphore isolation",
    causes: [{ cause: "limits.connection-pool", weight: 0.65 }],
  },
  {
    code: "PD1620",
    name: "AppClientLoadBalancerNoServer",
    severity: "error",
    summary: "{library}'s client-side load balancer has no server for the service it was asked for ({reason})",
    detail:
      "A client-side load balancer (Ribbon, Spring Cloud LoadBalancer) chose among the instances it knows for the service, and its list was empty: discovery is turned off or points elsewhere (`ribbon.eureka.enabled=false` without a `listOfServers`), the service registers under another name, or every instance is down. The request never left the client.",
    reference: "Netflix Ribbon (Load balancer does not have available server for client); Spring Cloud Netflix",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1621",
    name: "GunicornWorkerTimeout",
    severity: "error",
    summary: "gunicorn killed worker {pid}: it spent longer than its timeout on one request (WORKER TIMEOUT)",
    detail:
      "A sync gunicorn worker that does not report back within `--timeout` (30 s by default) is killed and replaced; the request it served is lost, and the proxy in front logs a reset or `upstream prematurely closed connection` and answers 502. The request was slow (a large upload read through a sync worker, a slow query or call), or a slow client held the worker: without a buffering proxy in front, sync workers wait on the client too. Raise `--timeout` for legitimately long requests, use async workers, or let the proxy buffer the request body.",
    reference: "gunicorn arbiter.py (WORKER TIMEOUT); gunicorn settings timeout; benoitc/gunicorn#1801",
    causes: [
      { cause: "timeout.route", weight: 0.35 },
      { cause: "upstream.app-error", weight: 0.3 },
    ],
  },
  {
    code: "PD1622",
    name: "UwsgiGotPlainHttp",
    severity: "error",
    summary: "uWSGI read plain HTTP on its uwsgi socket (block size {size} is an HTTP method's first letters)",
    detail:
      "uWSGI's `socket` speaks the binary uwsgi protocol, whose first four bytes carry the request's size; when a proxy sends HTTP there, the method's letters are read as that size (`GET ` gives 21573, `POST` 21327) and uWSGI drops the request. The proxy must speak uwsgi (`uwsgi_pass` and `include uwsgi_params` in nginx instead of `proxy_pass`), or uWSGI must listen for HTTP (`http-socket` instead of `socket`).",
    reference: "uWSGI core/protocol.c (invalid request block size); nginx ngx_http_uwsgi_module",
    causes: [{ cause: "protocol.mismatch", weight: 0.75 }],
  },
  {
    code: "PD1623",
    name: "UwsgiRequestHeadersTooLarge",
    severity: "error",
    summary: "uWSGI refused a request of {size} bytes of headers; its buffer holds {limit}",
    detail:
      "uWSGI reads a request's headers and variables into one buffer, `buffer-size` (4096 bytes by default), and drops a request that does not fit: the proxy in front logs a reset or an empty answer and returns 502. Large cookies, tokens added by an authenticating proxy (OAuth2 proxies, SSO headers) and long query strings fill it. Raise `buffer-size` (up to 65535) in the uWSGI configuration.",
    reference: "uWSGI core/protocol.c (invalid request block size); uWSGI option buffer-size",
    causes: [{ cause: "limits.header-too-large", weight: 0.7 }],
  },
  {
    code: "PD1624",
    name: "AppServerRefusedMalformedRequest",
    severity: "error",
    summary: "{server} refused the request it was sent: {error}",
    detail:
      "h11, the HTTP/1.1 parser of uvicorn and other Python servers, refuses requests that break RFC 9112: several Host headers (a proxy that sets Host again on top of an included configuration that already does), a header without a colon, a body with both Content-Length and Transfer-Encoding. The server answers 400 or closes, and the proxy reports 502. Look at what the proxy adds to the request: its configuration, includes and snippets.",
    reference:
      "h11 _readers.py and _events.py (RemoteProtocolError); RFC 9112 section 3.2 (Host); linuxserver/reverse-proxy-confs#287",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1625",
    name: "AppRefusedProxiedRequest",
    severity: "error",
    summary: "{server} refused a request relayed by a proxy, or for a host, it does not allow",
    detail:
      "The application answered 400 itself: it checks who forwards requests to it or which host they name, and the proxy in front (a tunnel, an ingress, a load balancer) is not on its list. Home Assistant needs `use_x_forwarded_for` and the proxy's address in `trusted_proxies`; Django needs the public host in `ALLOWED_HOSTS` (and `CSRF_TRUSTED_ORIGINS` for forms). Direct requests work, which is why it looks like the proxy's fault.",
    reference:
      "Home Assistant http integration (use_x_forwarded_for, trusted_proxies); Django ALLOWED_HOSTS (DisallowedHost)",
    causes: [
      { cause: "upstream.app-error", weight: 0.55 },
      { cause: "routing.no-route", weight: -0.2 },
    ],
  },
  {
    code: "PD1626",
    name: "AppClientH2AnswerNotH2",
    severity: "error",
    summary: "{library} spoke HTTP/2 to {subject} and what answered is not HTTP/2 ({reason})",
    detail:
      "An HTTP/2 client reads the first nine bytes back as a frame header; here they gave a length no frame may have (FRAME_SIZE_ERROR), so what answered does not speak HTTP/2. An HTTP/1.1 reply (`HTTP/1.1 400` read as a frame of 4.7 MB) means cleartext HTTP/2 with prior knowledge (h2c, gRPC without TLS, reqwest's `http2_prior_knowledge`, hyper's `http2_only`) went to a port or a proxy listener that speaks only HTTP/1.1; a TLS record (an alert or a handshake) means it went to a TLS port. Point the client at a port that speaks h2c, use https for a TLS port, or enable HTTP/2 on the proxy's listener and towards its upstream (nginx `http2` on the listen or `grpc_pass`, an Envoy cluster with `http2_protocol_options`, a Kubernetes Service `appProtocol: h2c`).",
    reference:
      "RFC 9113 section 3.3 (prior knowledge) and section 4.2 (frame size); h2 crate (frame with invalid size); hyper (http2 error), tonic (h2 protocol error); grpc-go's `http2: frame too large` is PD1541",
    causes: [
      { cause: "protocol.mismatch", weight: 0.6 },
      { cause: "tls.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1627",
    name: "AppClientResponseTimeout",
    severity: "warning",
    summary: "A {library} request to {subject} timed out waiting for the response ({reason})",
    detail:
      "The connection was open and the request sent; the application's own client timeout ran out before the response (or the whole exchange) arrived, and the client gave up. The server or a proxy in front of it was slow or queueing, or held the request without passing the answer on: the request takes longer than the client allows. Find the client's timeout (undici's 300 s `headersTimeout`, axios `timeout`, requests' `timeout=`, HttpClient.Timeout) and the time the request really needs; raise the one or shorten the other. When a proxy between them has a shorter timeout still, it answers 504 first instead.",
    reference: `${NODE} (UND_ERR_HEADERS_TIMEOUT, axios timeout of …ms exceeded); ${PY} (Read timed out. (read timeout=…)); ${JAVA} (SocketTimeoutException: Read timed out, HttpTimeoutException); ${DOTNET} (HttpClient.Timeout … elapsing); ${RUST} (reqwest operation timed out); ${RUBY} (Net::ReadTimeout); ${PHP} (cURL error 28 with 0 bytes received)`,
    causes: [
      { cause: "client.gave-up", weight: 0.3 },
      { cause: "timeout.route", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
]);
