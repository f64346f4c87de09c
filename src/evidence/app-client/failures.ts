import type { AppClientFailure } from "../../model/observations/app-client.ts";
import { anyOf } from "../any-of.ts";

/**
 * One wording of a failure. `opens` is false for wordings that are only trusted inside an error
 * another wording opened (`Connection reset by peer` alone is also curl's, nginx's and the kernel's).
 */
interface FailureWording {
  readonly failure: AppClientFailure;
  readonly pattern: RegExp;
  readonly opens?: false;
}

/**
 * Most specific first: the first wording found in the error (its message, wrapped exceptions,
 * Node's `cause`) names the failure, so a `header parser received no bytes` caused by a
 * `Connection reset` is a reset, and undici's `terminated` caused by `other side closed` a cut body.
 */
const APP_CLIENT_FAILURES: readonly FailureWording[] = [
  {
    failure: "tls-answer-to-plaintext",
    pattern: /BadStatusLine\(['"]\\x1[56]\\x03/,
  },
  { failure: "tls-answer-to-plaintext", pattern: /rawPacket: <Buffer 1[56] 03 /, opens: false },
  {
    failure: "plaintext-answer-to-tls",
    pattern:
      /\[SSL: WRONG_VERSION_NUMBER\]|(?<!(?:^\*|curl:)[^\n]*)error:[0-9A-Fa-f]{8}:SSL routines:\w*:wrong version number|wrong version number(?<=EPROTO\b[^\n]*wrong version number)|ERR_SSL_WRONG_VERSION_NUMBER|Unsupported or unrecognized SSL message|Unrecognized SSL message, plaintext connection\?|NotSslRecordException: not an SSL\/TLS record|Cannot determine the frame size or a corrupted frame was received|\[SSL: (?:PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE)\]|ERR_SSL_PACKET_LENGTH_TOO_LONG/,
  },
  {
    // rustls reads the first byte of an HTTP/1 answer (`H`) as a record type it does not know.
    failure: "plaintext-answer-to-tls",
    pattern:
      /received corrupt message(?: of type (?:InvalidContentType|UnknownProtocolVersion))?(?! of type)|InvalidMessage\(InvalidContentType\)/,
  },
  { failure: "plaintext-answer-to-tls", pattern: /wrong version number/, opens: false },
  {
    failure: "plaintext-answer-to-tls",
    pattern: /\berror: CorruptMessage\b|SSL routines:\w*:unknown protocol|: unknown protocol(?= \(OpenSSL::)/,
    opens: false,
  },
  {
    // A TLS server's own error (Puma, Ruby, Python ssl, OpenSSL servers): the client sent plain HTTP.
    failure: "plaintext-request-to-tls-server",
    pattern: /error:[0-9A-Fa-f]{8}:SSL routines:\w*:http request|\[SSL: HTTP_REQUEST\] http request/,
  },
  {
    failure: "certificate-rejected",
    pattern:
      /\[SSL: (?:CERTIFICATE_VERIFY_FAILED|SSLV3_ALERT_BAD_CERTIFICATE|TLSV13_ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_CERTIFICATE_UNKNOWN)\]|SSLCertVerificationError|CertificateError: hostname|PKIX path building failed|unable to find valid certification path|SSLPeerUnverifiedException|doesn't match any of the subject alternative names|No subject alternative (?:DNS )?names? matching|Received fatal alert: (?:bad_certificate|certificate_unknown|certificate_required|unknown_ca)|CertificateExpiredException|The remote certificate is invalid|RemoteCertificate(?:NameMismatch|ChainErrors)|unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|self[- ]signed certificate(?: in certificate chain)?|(?:DEPTH_ZERO_)?SELF_SIGNED_CERT(?:_IN_CHAIN)?|unable to get local issuer certificate|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames|invalid peer certificate|invalid certificate: (?:UnknownIssuer|Expired|NotValidYet|NotValidForName|BadSignature|CaUsedAsEndEntity|Revoked)\b|InvalidCertificate(?:Data)?\(|received fatal alert: (?:BadCertificate|UnknownCA|CertificateRequired|CertificateUnknown|CertificateExpired|CertificateRevoked|UnsupportedCertificate)\b|cURL error (?:51|60): /,
  },
  {
    // OpenSSL's words under Ruby, PHP's cURL and native-tls; free text says them too.
    failure: "certificate-rejected",
    pattern:
      /certificate verify failed|does not match the server certificate|SSL certificate problem: |no alternative certificate subject name matches/,
    opens: false,
  },
  {
    failure: "tls-handshake-failed",
    pattern:
      /Client network socket disconnected before secure TLS connection was established|Remote host terminated the handshake|Remote host closed connection during handshake|SSL peer shut down incorrectly|SSLEOFError|\[SSL: (?:UNEXPECTED_EOF_WHILE_READING|SSLV3_ALERT_HANDSHAKE_FAILURE|TLSV1_ALERT_PROTOCOL_VERSION|TLSV1_ALERT_INTERNAL_ERROR|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE)\]|Received fatal alert: (?:handshake_failure|protocol_version)|The SSL connection could not be established|Received an unexpected EOF or 0 bytes from the transport stream|Authentication of the HTTPS connection timed out|Authentication failed because the remote party has closed the transport stream|SSLHandshakeException|(?<=code: ?['"]|\[|Error: )ERR_SSL_[A-Z_]+|write EPROTO|received fatal alert: [A-Z][A-Za-z]{2,40}|peer is incompatible: |tls handshake eof|SSL_connect(?: SYSCALL)? returned=\d|OpenSSL::SSL::SSLError|Faraday::SSLError|cURL error 35: /,
  },
  {
    failure: "name-not-resolved",
    pattern:
      /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<host>[^\s,'"]+)|NameResolutionError|Failed to resolve '(?<pyHost>[^']+)'|\[Errno -[235]\] (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname)|\[Errno 8\] nodename nor servname provided|\[Errno 11001\] getaddrinfo failed|java\.net\.UnknownHostException(?:: (?<javaHost>[^\s:]+))?|No such host is known|ClientConnectorDNSError/,
  },
  {
    // Rust's std (`failed to lookup address information`), hyper's `dns error`, Ruby's
    // `(getaddrinfo: …)`, curl's `Could not resolve host` under PHP, PHP's own stream wrapper.
    failure: "name-not-resolved",
    pattern:
      /failed to lookup address information|ConnectError\("dns error"|Failed to open TCP connection to (?<host>[\w.-]{1,253}):\d{1,5} \(getaddrinfo: |\(getaddrinfo: |cURL error 6: Could(?:n't| not) resolve host: (?<curlHost>[\w.-]{1,253})|php_network_getaddresses: getaddrinfo|cURL error 28: Resolving timed out/,
  },
  {
    failure: "name-not-resolved",
    pattern:
      /Name or service not known|nodename nor servname provided|Temporary failure in name resolution|\bdns error: |Could(?:n't| not) resolve host: (?<host>[\w.-]{1,253})/,
    opens: false,
  },
  {
    failure: "host-unreachable",
    pattern:
      /\b(?:connect )?(?:EHOSTUNREACH|ENETUNREACH)\b|\[Errno 11[03]\] (?:No route to host|Host is unreachable)|\[Errno 101\] Network is unreachable|NoRouteToHostException|SocketException \((?:113|101|10065|10051)\)|(?:No route to host|Network is unreachable|Host is unreachable) \(os error \d{1,5}\)|kind: HostUnreachable\b|kind: NetworkUnreachable\b/,
  },
  {
    failure: "host-unreachable",
    pattern: /No route to host|Network is unreachable|Host is unreachable/,
    opens: false,
  },
  {
    failure: "tcp-timeout",
    pattern:
      /\b(?<op>connect|read|write) ETIMEDOUT\b|ConnectTimeoutError|Connect Timeout Error|UND_ERR_CONNECT_TIMEOUT|ConnectTimeoutException|Connect timed out|HttpConnectTimeoutException|connect timeout=|java\.net\.ConnectException: Connection timed out|\[Errno 110\] Connection timed out|\[WinError 10060\]|did not properly respond after a period of time|SocketException \((?:110|10060)\)|requests\.exceptions\.ConnectTimeout|httpx\.ConnectTimeout|(?:Connection|Operation) timed out \(os error (?:110|60|10060)\)|(?:error trying to connect|client error \(Connect\)): (?:[^\n]{0,200}?: )?(?:operation timed out|deadline has elapsed)|\(Connect, (?:TimedOut|Elapsed\(\(\)\))|Net::OpenTimeout|Connection timed out - (?:user specified timeout|connect\(2\))|Errno::ETIMEDOUT|cURL error 28: (?:Connection timed out after|Failed to connect to )/,
  },
  {
    failure: "body-timeout",
    pattern:
      /Body Timeout Error|UND_ERR_BODY_TIMEOUT|BodyTimeoutError|Read timed out\.(?! \(read timeout=)|cURL error 28: Operation timed out after \d{1,12} milliseconds with [1-9]\d{0,19} (?:out of -?\d{1,20} )?bytes received/,
  },
  {
    failure: "response-timeout",
    pattern:
      /timeout of \d+ms exceeded|Headers Timeout Error|UND_ERR_HEADERS_TIMEOUT|HeadersTimeoutError|Read timed out\. \(read timeout=|ReadTimeoutError|requests\.exceptions\.ReadTimeout|httpx\.ReadTimeout|HttpClient\.Timeout of [\d.]+ seconds elapsing|HttpTimeoutException: request timed out|java\.net\.SocketTimeoutException: (?:Read timed out|timeout)|ReadTimeoutException|The operation was aborted due to timeout|ESOCKETTIMEDOUT|aiohttp\.client_exceptions\.ServerTimeoutError|Net::ReadTimeout|Faraday::TimeoutError|cURL error 28: Operation timed out after \d{1,12} milliseconds with 0 (?:out of -?\d{1,20} )?bytes received/,
  },
  {
    // reqwest's own timeout for the whole request (its Display, and its Debug `source: TimedOut`).
    failure: "response-timeout",
    pattern: /operation timed out|source: TimedOut(?= \})/,
    opens: false,
  },
  {
    failure: "connection-refused",
    pattern:
      /\bconnect ECONNREFUSED\b|\[ECONNREFUSED\]|ConnectionRefusedError|\[Errno 111\] Connection refused|\[Errno 61\] Connection refused|\[WinError 10061\]|HttpHostConnectException|java\.net\.ConnectException(?:: (?:Connection refused|Failed to connect to [^\n]*)|\s*$)|actively refused it|SocketException \((?:111|10061)\)|HttpRequestException: Connection refused|Cannot connect to host [^\n]*Connect call failed|Connection refused \(os error (?:111|61)\)|kind: ConnectionRefused\b|Errno::ECONNREFUSED|Connection refused - connect\(2\)|cURL error 7: Failed to connect to [^\n]{1,300}?(?:: Connection refused|after [0-9] ms: Could(?:n't| not) connect to server)|[Ff]ailed to open stream: Connection refused/m,
  },
  { failure: "connection-refused", pattern: /ECONNREFUSED/, opens: false },
  {
    // curl's wording under PHP and Symfony: a refusal is told at once (curl 7.7x and later say no more).
    failure: "connection-refused",
    pattern:
      /Failed to connect to [^\n]{1,300}?(?:: Connection refused|after [0-9] ms: Could(?:n't| not) connect to server)/,
    opens: false,
  },
  {
    failure: "connection-reset",
    pattern:
      /\b(?:read|write) ECONNRESET\b|ConnectionResetError|\[Errno 104\] Connection reset by peer|\[WinError 10054\]|java\.net\.SocketException: Connection reset(?: by peer)?|forcibly closed by the remote host|SocketException \((?:104|10054)\)|Connection reset by peer \(os error (?:104|54)\)|kind: ConnectionReset\b|Errno::ECONNRESET/,
  },
  { failure: "connection-reset", pattern: /Connection reset(?: by peer| executing)/, opens: false },
  {
    failure: "body-cut",
    pattern:
      /ChunkedEncodingError|IncompleteRead\(|ERR_STREAM_PREMATURE_CLOSE|Invalid response body while trying to fetch [^\n]*Premature close|TypeError: terminated|Premature end of (?:Content-Length delimited message body|chunk coded message body)|fixed content-length: \d+, bytes received: \d+|Connection prematurely closed DURING response|The response ended prematurely, with at least \d+ additional bytes expected|premature_eof_bytecount|ClientPayloadError|Response payload is not completed|peer closed connection without sending complete message body|java\.net\.ProtocolException: unexpected end of stream|(?:^|\s)Error: aborted\s*$/m,
  },
  {
    // hyper (under reqwest: `request or response body error`) and curl under PHP (`cURL error 18`).
    failure: "body-cut",
    pattern:
      /Premature close|end of file before message length reached|\bIncompleteBody\b|transfer closed with (?:\d{1,20} bytes remaining to read|outstanding read data remaining)/,
    opens: false,
  },
  {
    failure: "closed-before-response",
    pattern:
      /socket hang up|SocketError: other side closed|RemoteDisconnected|Remote end closed connection without response|ServerDisconnectedError|Server disconnected without sending a response|NoHttpResponseException|failed to respond(?<=:\d{1,5} failed to respond)|unexpected end of stream on \S+|Connection prematurely closed BEFORE response|PrematureCloseException|The response ended prematurely|header parser received no bytes|Unexpected end of file from server|\bwrite EPIPE\b|BrokenPipeError|\[Errno 32\] Broken pipe|hyper::Error\(IncompleteMessage\)|IncompleteMessage: connection closed before message completed|Broken pipe \(os error 32\)|Errno::EPIPE|EOFError(?:: | \()end of file reached|end of file reached(?= \(EOFError\))|cURL error 52: /,
  },
  { failure: "closed-before-response", pattern: /other side closed|UND_ERR_SOCKET/, opens: false },
  {
    // hyper's wordings, trusted only under a client's error: Deno's server logs the first for a
    // client that went away. `channel closed` and `operation was canceled: connection closed` are
    // a pooled connection found closed before the request could go out.
    failure: "closed-before-response",
    pattern:
      /connection closed before message completed|\bchannel closed\b|\(ChannelClosed\)|operation was canceled: connection closed|Empty reply from server|Send failure: Broken pipe|end of file reached/,
    opens: false,
  },
  {
    failure: "malformed-header",
    pattern:
      /Invalid header value char|Invalid header token|Duplicate Content-Length|HPE_INVALID_HEADER_TOKEN|HPE_UNEXPECTED_CONTENT_LENGTH|HPE_INVALID_CONTENT_LENGTH|HPE_INVALID_TRANSFER_ENCODING|HeaderParsingError|Failed to parse headers \(url=|Received an invalid header (?:name|line)|h11\._util\.RemoteProtocolError: illegal header line/,
  },
  {
    // hyper's parse errors; a Rust server logs the same words about a request, so only under a client's error.
    failure: "malformed-header",
    pattern:
      /invalid HTTP header parsed|invalid (?:content-length|transfer-encoding) parsed|unexpected transfer-encoding parsed|Parse\(Header\(/,
    opens: false,
  },
  {
    failure: "header-too-large",
    pattern:
      /TooLongFrameException: HTTP header is larger than \d+ bytes|Parse Error: Header overflow|HPE_HEADER_OVERFLOW|LineTooLong: got more than \d+ bytes when reading header line|HTTPException(?:: |\(['"])got more than \d+ headers|Header size exceeded|response headers exceeded the maximum size|The HTTP response headers length exceeded the set limit/,
  },
  { failure: "header-too-large", pattern: /message head is too large|Parse\(TooLarge\)/, opens: false },
  {
    // The h2 crate (hyper, reqwest, tonic) read the answer's first nine bytes as a frame header:
    // `HTTP/1.1 4…` or a TLS record gives a length no frame may have.
    failure: "h2-answer-not-h2",
    pattern:
      /(?:connection error detected|protocol error): frame with invalid size|GoAway\(b"[^"\n]{0,200}", FRAME_SIZE_ERROR, Library\)|Proto\(FRAME_SIZE_ERROR\)/,
  },
  { failure: "h2-answer-not-h2", pattern: /(?<!received: )frame with invalid size/, opens: false },
  {
    failure: "goaway",
    pattern:
      /IOException: [^\n]{0,120}GOAWAY received|GOAWAY received(?= from| \()|connection error received: [a-z]|GoAway\(b"[^"\n]{0,200}", \w{1,30}, Remote\)/,
  },
  {
    // Python's h2 library: the GOAWAY event, raised by httpx/httpcore as the error's text.
    failure: "goaway",
    pattern: /<ConnectionTerminated error_code:(?:ErrorCodes\.)?\w{1,30}, last_stream_id:\d{1,10}/,
  },
  {
    failure: "concurrency-limit",
    pattern:
      /could not acquire a semaphore for execution|RejectedExecutionException: [^\n]{0,80}(?:Hystrix|thread pool)/,
  },
  {
    failure: "no-server",
    pattern: /Load balancer does not have available server for client:? ?(?<service>[\w.<>-]{1,100})?/,
  },
  {
    failure: "malformed-response",
    pattern:
      /Parse Error: (?:Expected HTTP\/|Invalid (?:status code|response status|HTTP version|character in chunk size)|Response overflow)|HPE_INVALID_(?:CONSTANT|VERSION|STATUS|CHUNK_SIZE)|Response does not match the HTTP\/1\.1 protocol|BadStatusLine|java\.net\.ProtocolException: (?:Invalid status line|Unexpected status line)|Invalid Http response|The server returned an invalid or unrecognized response|Received an invalid status line|illegal status line|Invalid HTTP status line|Expected HTTP\/:|stream error (?:received|detected): unspecific protocol error detected|Reset\(StreamId\(\d{1,10}\), PROTOCOL_ERROR, (?:Remote|Library)\)/,
  },
  {
    failure: "malformed-response",
    pattern:
      /invalid HTTP (?:version|status-code) parsed|invalid HTTP version specified|invalid Status provided|Parse\((?:Version|Status)\)|Received HTTP\/0\.9 when not allowed|Weird server reply/,
    opens: false,
  },
];

/**
 * Heads of errors whose failure is told by what they wrap (a .NET inner exception, Node's
 * `cause`, a Python chain, a Rust error's sources), not by their own message.
 */
const WRAPPER =
  /HttpRequestException: An error occurred while sending the request|TaskCanceledException:|WebClientRequestException:|ResourceAccessException: I\/O error|feign\.RetryableException|TypeError: fetch failed|\bFetchError\b|\bAxiosError\b|requests\.exceptions\.\w+:|urllib3\.exceptions\.\w+:|aiohttp\.client_exceptions\.\w+|httpx\.\w+(?:Error|Timeout)\b|httpcore\.\w+(?:Error|Timeout)\b|error sending request for url \(|reqwest::Error \{|request or response body error|error decoding response body|hyper(?:_util::client::legacy)?::Error\(|client error \((?:Connect|SendRequest)\)|error trying to connect: |http2 error: |status: [A-Z]\w{1,30}, message: "|status: '[^'\n]{1,80}', self: "|h2 protocol error: |tonic::transport::Error\(|Faraday::ConnectionFailed|GuzzleHttp\\+Exception\\+\w+Exception|Symfony\\+Component\\+HttpClient\\+Exception\\+\w+Exception|cURL error \d{1,3}: /;

/** The client that printed the error, by the names its wording carries; the first that matches names it. */
const LIBRARIES: readonly (readonly [RegExp, string])[] = [
  [/\baiohttp\b/, "aiohttp"],
  [/\bhttpx\b|\bhttpcore\b|\bh11\b/, "httpx"],
  [/\burllib3\b|\brequests\.exceptions\b|Retrying \(Retry\(|HTTPS?ConnectionPool\(/, "urllib3 (requests)"],
  [
    /(?<![\w.])http\.client\.|\bssl\.SSL\w*Error|\b(?:ConnectionResetError|ConnectionRefusedError|BrokenPipeError)\b/,
    "Python",
  ],
  [/\borg\.apache\.(?:http|hc)\b|NoHttpResponseException|HttpHostConnectException/, "Apache HttpClient"],
  [/\bokhttp3?\b|unexpected end of stream on/, "OkHttp"],
  [/\breactor\.netty\b|PrematureCloseException/, "Reactor Netty"],
  [/\bio\.netty\.|NotSslRecordException|TooLongFrameException/, "Netty"],
  [/\bfeign\./, "Feign"],
  [/\bHystrix|could not acquire a semaphore/, "Hystrix"],
  [/\bcom\.netflix\.client\.|Load balancer does not have available server/, "Ribbon"],
  [/\bjava\.net\.http\.|header parser received no bytes|fixed content-length: \d+, bytes received/, "JDK HttpClient"],
  [/\bjavax?\.|\bsun\.security\./, "Java"],
  [/\bKestrel\b|Authentication of the HTTPS connection timed out/, "ASP.NET Core Kestrel (the server)"],
  [/\bSystem\.(?:Net|IO|Threading)\.|HttpClient\.Timeout/, ".NET HttpClient"],
  [/\btonic\b|status: [A-Z]\w{1,30}, message: "|status: '[^'\n]{1,80}', self: "|h2 protocol error: /, "tonic"],
  [/TypeError: error sending request for url/, "Deno fetch"],
  [/\breqwest\b|error sending request for url|request or response body error|error decoding response body/, "reqwest"],
  [
    /\bhyper(?:_util)?\b|client error \((?:Connect|SendRequest)\)|error trying to connect|connection closed before message completed|http2 error: /,
    "hyper",
  ],
  [/\brustls\b|invalid peer certificate|received corrupt message|InvalidContentType|\bCorruptMessage\b/, "rustls"],
  [/\(os error \d{1,5}\)|failed to lookup address information/, "Rust std::net"],
  [/\bFaraday::/, "Faraday"],
  [
    /\bNet::(?:HTTP|ReadTimeout|OpenTimeout)\b|Failed to open TCP connection to|\bnet\/(?:http|protocol)\.rb\b/,
    "Ruby Net::HTTP",
  ],
  [/\bOpenSSL::SSL::|\bErrno::E[A-Z]+|SSL_connect(?: SYSCALL)? returned=|\bEOFError\b|connect\(2\)/, "Ruby"],
  [/\bGuzzleHttp\b/, "Guzzle"],
  [/\bSymfony\\+Component\\+HttpClient\b/, "Symfony HttpClient"],
  [/cURL error \d{1,3}: |php_network_getaddresses|[Ff]ailed to open stream: /, "PHP"],
  [/\bAxiosError\b|timeout of \d+ms exceeded/, "axios"],
  [/\bFetchError\b|request to \S+ failed, reason:/, "node-fetch"],
  [/\bundici\b|UND_ERR|fetch failed|TypeError: terminated|SocketError|Timeout Error\b/, "undici (Node fetch)"],
  [
    /\bEPROTO\b|\bERR_[A-Z_]+\b|\bE(?:CONN[A-Z]+|TIMEDOUT|PIPE|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)\b|socket hang up|Client network socket disconnected|Parse Error: |\bHPE_[A-Z_]+/,
    "Node.js http",
  ],
];

export function libraryOf(text: string): string {
  for (const [pattern, name] of LIBRARIES) if (pattern.test(text)) return name;
  return "the client";
}

/** Gateway frameworks an HTTP client runs inside, by the package names of their stack frames. */
const GATEWAYS: readonly (readonly [RegExp, string])[] = [
  [/\bcom\.netflix\.zuul\.|\borg\.springframework\.cloud\.netflix\.zuul\./, "Zuul"],
  [/\borg\.springframework\.cloud\.gateway\./, "Spring Cloud Gateway"],
  [/\bYarp\.ReverseProxy\b/, "YARP"],
  [/\bOcelot\.\w/, "Ocelot"],
  [/\bnode_modules\/http-proxy(?:-middleware)?\//, "http-proxy"],
];

/** The gateway framework a client's frames name, if any. */
export function gatewayOf(text: string): string | undefined {
  return GATEWAYS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The patterns of the gateways' frames, as needles of the reader that looks for them. */
export const GATEWAY_FRAMES: readonly RegExp[] = GATEWAYS.map(([pattern]) => pattern);

/** Where the client was going, as the wordings print it, most precise first. */
const ADDRESSES: readonly RegExp[] = [
  /host='(?<host>[^']{1,253})', port=(?<port>\d{1,5})/,
  /\b(?:connect|read|write) E[A-Z]+ (?<address>\[?[\w.:-]{1,100}?\]?:\d{1,5})\b/,
  /remoteAddress: '(?<host>[^']{1,100})',\s*remotePort: (?<port>\d{1,5})/,
  /\b(?:address|host): '(?<host>[^']{1,253})',\s*port: (?<port>\d{1,5})/,
  /Connect to (?<address>[\w.-]{1,253}:\d{1,5})/,
  /(?<address>[\w.-]{1,253}:\d{1,5}) failed to respond/,
  /(?:refused it\.?|Connection refused) \((?<address>[\w.-]{1,253}:\d{1,5})\)/,
  /Failed to connect to (?:[\w.-]*\/)?(?<address>[\w.:-]{1,100}:\d{1,5})/,
  /Failed to open TCP connection to (?<address>[\w.:-]{1,100}:\d{1,5})/,
  /Failed to connect to (?<host>[\w.-]{1,253}) port (?<port>\d{1,5})/,
  /\bpeeraddr=(?<address>[\w.:-]{1,100}:\d{1,5})/,
  /host: Some\((?:Ipv4|Ipv6|Domain)\("?(?<host>[\w.:-]{1,253})"?\)\), port: Some\((?<port>\d{1,5})\)/,
  /(?:error sending request for url \(|libcurl-errors\.html\) for )(?<url>https?:\/\/[^\s"'/)]{1,260})/,
  /Connection\{(?<address>[\w.-]{1,253}:\d{1,5}),/,
  /(?:request to|unexpected end of stream on|request for "|fetch) (?<url>https?:\/\/[^\s"'/]{1,260})/,
  /\b(?<url>https?:\/\/(?!curl\.(?:haxx\.)?se\/)[^\s"'/)]{1,260})/,
];

/** The host or host:port the error names, if any. */
export function addressOf(text: string): string | undefined {
  for (const pattern of ADDRESSES) {
    const groups = pattern.exec(text)?.groups;
    if (!groups) continue;
    if (groups.address) return groups.address;
    if (groups.host && groups.port) return `${groups.host}:${groups.port}`;
    if (groups.url) return groups.url.replace(/^https?:\/\//, "");
  }
  return undefined;
}

interface Classified {
  readonly failure: AppClientFailure;
  /** Index of the part the wording was found in. */
  readonly part: number;
  readonly fields: Record<string, string>;
}

/** The wordings that may start an error by themselves. */
export const OPENING_WORDINGS: readonly RegExp[] = [
  WRAPPER,
  ...APP_CLIENT_FAILURES.filter((w) => w.opens !== false).map((w) => w.pattern),
];
const OPENING = anyOf(OPENING_WORDINGS);

/**
 * Literals one of which every opening wording holds (the unit test checks each alternative): a
 * line with none, as most lines of a log are, is passed over with one short scan instead of the
 * long expression. A new wording without one of these needs its literal added here.
 */
export const OPENING_NEEDLE =
  /Error|Exception|exceptions|Timeout|timeout|TIMEDOUT|Connect timed out|Read timed out|HTTPS connection timed out|SSL|TLS|ertific|CERT|UNABLE_TO|PKIX|alternative|fatal alert|handshake|transport stream|corrupted frame|EPROTO|EPIPE|ECONN|UNREACH|getaddrinfo|Failed to resolve|\[Errno|\[WinError|No such host|UND_ERR|period of time|actively refused|Cannot connect to host|forcibly closed|IncompleteRead|PREMATURE|Premature|prematurely|premature_eof|content-length|Content-Length|payload is not completed|closed connection without|disconnected without|Disconnected|hang up|failed to respond|end of stream|header parser|end of file|Invalid header|invalid header|HPE_|overflow|LineTooLong|got more than|eader size|headers exceeded|headers length|Failed to parse|GOAWAY|ConnectionTerminated|semaphore|available server|HTTP\/1\.1 protocol|BadStatusLine|Invalid Http|unrecognized response|status line|Expected HTTP\/|httpx\.|httpcore\.|os error|hyper|IncompleteMessage|error sending request|reqwest::|body error|decoding response body|client error \(|error trying to connect|http2 error|message: "|self: "|h2 protocol error|tonic::|frame with invalid size|FRAME_SIZE_ERROR|connection error received|GoAway\(|protocol error detected|PROTOCOL_ERROR|invalid peer certificate|invalid certificate|received corrupt message|InvalidContentType|peer is incompatible|kind: Connection|kind: HostUnreachable|kind: NetworkUnreachable|lookup address information|dns error|Net::|Faraday::|cURL error|connect\(2\)|to open stream|Connection timed out - |Connect, |php_network_getaddresses/;

/** Whether a line may start an error by itself. */
export function opensError(text: string): boolean {
  return OPENING_NEEDLE.test(text) && OPENING.test(text);
}

/** The client's timeout setting, as the error states it. */
const TIMEOUT_SETTING = /(?:read|connect) timeout=[\d.]+|HttpClient\.Timeout of [\d.]+ seconds|timeout of \d+ms/;

/**
 * The wording found and the rest of its message, up to the quote that closes it in a repr or a
 * Node field, the brace that closes a Rust Debug struct, the manual page PHP's cURL errors cite,
 * or the class Ruby names after an uncaught error's message.
 */
function reasonAt(text: string, match: RegExpExecArray): string {
  const end = Math.min(match.index + 160, text.length);
  const rest = text.slice(match.index + match[0].length, end);
  const quote = rest.search(/['"]| \}| \(see https?:\/\/| \((?:[A-Z]\w{0,40}::){0,4}[A-Z]\w{1,40}\)\s*$/);
  return (match[0] + (quote < 0 ? rest : rest.slice(0, quote))).trim().replace(/[\s,;:]+$/, "");
}

/** The failure the parts of an error name, with the values its wording carries; undefined when none does. */
export function classify(parts: readonly string[]): Classified | undefined {
  for (const wording of APP_CLIENT_FAILURES) {
    for (let part = 0; part < parts.length; part++) {
      const match = wording.pattern.exec(parts[part] ?? "");
      if (!match) continue;
      const fields: Record<string, string> = { reason: reasonAt(parts[part] ?? "", match) };
      const groups = match.groups ?? {};
      const host = groups.host ?? groups.pyHost ?? groups.javaHost ?? groups.curlHost;
      if (host) fields.host = host;
      if (groups.service) fields.service = groups.service;
      if (wording.failure === "tcp-timeout") fields.op = groups.op ?? "connect";
      const timeout = TIMEOUT_SETTING.exec(parts[part] ?? "")?.[0];
      if (timeout) fields.timeout = timeout;
      return { failure: wording.failure, part, fields };
    }
  }
  return undefined;
}
