import type { Http1PeerRule } from "./http1-rules.ts";

// Kept free of imports from http1-rules.ts values to avoid an initialisation cycle.
const nodeError = (code: string, reason: string) => `Error: Parse Error: ${reason} (code ${code})`;
function apache500(code: string, message: string, id: string): Http1PeerRule[] {
  return [
    {
      code: code as Http1PeerRule["code"],
      peer: "apache",
      outcome: "reject",
      status: 500,
      detail: `500 Internal Server Error; error.log: [http:error] ${id}: ${message}`,
      confidence: "observed",
    },
  ];
}

function apache502(code: string, log: string): Http1PeerRule {
  return {
    code: code as Http1PeerRule["code"],
    peer: "apache",
    outcome: "reject",
    status: 502,
    detail: log.startsWith("502") ? log : `502 Bad Gateway; error.log: ${log}`,
    confidence: "observed",
  };
}

function haproxy502(code: string, why: string, until?: string): Http1PeerRule {
  return {
    code: code as Http1PeerRule["code"],
    peer: "haproxy",
    ...(until ? { until } : {}),
    outcome: "reject",
    status: 502,
    detail: `502 Bad Gateway ("The server returned an invalid or incomplete response."): ${why}`,
    confidence: "observed",
  };
}

const AFTER_BODY = nodeError("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/");

/**
 * Reactions seen in our lab and in the llhttp oracle test (lab/README.md has the table), where
 * they differ from what the documents led us to expect.
 */
export const OBSERVED_RULES: readonly Http1PeerRule[] = [
  ...apache500("PD2001", "Response header name '{name}' contains invalid characters, aborting request", "AH02429"),
  ...apache500("PD2002", "Response header name '{name}' contains invalid characters, aborting request", "AH02429"),
  ...apache500("PD2004", "Empty response header name, aborting request", "AH02428"),
  ...apache500("PD2005", "Response header name '{name}' contains invalid characters, aborting request", "AH02429"),
  ...apache500(
    "PD2006",
    "Response header '{name}' value of '…' contains invalid characters, aborting request",
    "AH02430",
  ),
  ...apache500(
    "PD2008",
    "Response header '{name}' value of '…' contains invalid characters, aborting request",
    "AH02430",
  ),
  ...apache500("PD2010", "Response header name '{name}' contains invalid characters, aborting request", "AH02429"),
  ...apache500("PD2011", "Response header name '{name}' contains invalid characters, aborting request", "AH02429"),
  apache502("PD2003", "[proxy_http:warn] AH01106: bad HTTP/1.1 header returned by /path (GET)"),
  apache502(
    "PD2007",
    "[proxy_http:warn] (22)Invalid argument: AH10404: Error reading headers from backend; AH01106: bad HTTP/1.1 header returned by /path (GET)",
  ),
  apache502("PD2023", "[proxy_http:error] AH01110: error reading response"),
  apache502("PD2027", "[proxy_http:error] (20014)Internal error: AH01110: error reading response"),
  apache502(
    "PD2045",
    "[proxy_http:warn] (70014)End of file found: AH10404: Error reading headers from backend; AH01106: bad HTTP/1.1 header returned by /path (GET)",
  ),
  apache502(
    "PD2032",
    "502 Proxy Error; [proxy_http:error] AH01102: error reading status line from remote server; AH00898: Error reading from remote server returned by /path",
  ),
  apache502(
    "PD2044",
    "502 Proxy Error; [proxy:error] AH00898: Corrupt status line returned by remote server: HTTP/2.0 200 OK returned by /path",
  ),
  {
    code: "PD2028",
    peer: "apache",
    outcome: "truncate",
    detail: "the body is cut; error.log: [proxy_http:error] (20014)Internal error: AH01110: error reading response",
    confidence: "observed",
  },

  // nginx 1.22.1: a bad chunk that arrives together with the headers fails before any byte is sent.
  ...["PD2027", "PD2028"].map(
    (code): Http1PeerRule => ({
      code: code as Http1PeerRule["code"],
      peer: "nginx",
      outcome: "reject",
      detail:
        "the client connection is closed before any response byte; error.log: upstream sent invalid chunked response while reading upstream (a cut body instead when the bad chunk arrives later)",
      confidence: "observed",
    }),
  ),
  {
    code: "PD2022",
    peer: "nginx",
    until: "1.23.0",
    outcome: "truncate",
    detail:
      "the last value is used; with a body shorter than it: upstream prematurely closed connection while reading upstream",
    confidence: "observed",
  },
  {
    code: "PD2023",
    peer: "nginx",
    until: "1.23.0",
    outcome: "accept",
    detail: "accepted: nginx before 1.23 did not check Content-Length syntax in upstream responses",
    confidence: "observed",
  },
  {
    code: "PD2018",
    peer: "nginx",
    until: "1.23.0",
    outcome: "truncate",
    detail: "the body reaches the client cut or mis-framed: nginx before 1.23 did not understand the coding list",
    confidence: "observed",
  },

  // HAProxy 2.6.12: body errors found before the headers are forwarded turn into a 502.
  ...["PD2027", "PD2028"].map((code) => haproxy502(code, "the bad chunk is parsed before the headers are forwarded")),
  ...["PD2017", "PD2018", "PD2019"].map((code) =>
    haproxy502(code, "HAProxy 2.6 refuses transfer codings other than chunked", "2.7"),
  ),
  haproxy502("PD2005", "whitespace before the first header is refused"),
  {
    code: "PD2007",
    peer: "haproxy",
    until: "2.7",
    outcome: "accept",
    detail: "passed through by HAProxy 2.6",
    confidence: "observed",
  },

  // Caddy 2.6.2: a body error after the headers were sent ends Caddy's own chunked response cleanly.
  ...["PD2026", "PD2027", "PD2028"].map(
    (code): Http1PeerRule => ({
      code: code as Http1PeerRule["code"],
      peer: "caddy",
      outcome: "alter",
      detail:
        "the client gets a shorter body that looks complete: Caddy closes its own chunked response normally after the upstream error (logged by reverse_proxy)",
      confidence: "observed",
    }),
  ),

  // curl 7.88.1
  {
    code: "PD2022",
    peer: "curl",
    until: "8.17.0",
    outcome: "truncate",
    detail: "one value is used; with the larger one: curl: (18) transfer closed with N bytes remaining to read",
    confidence: "observed",
  },
  {
    code: "PD2023",
    peer: "curl",
    until: "8.17.0",
    outcome: "accept",
    detail: "accepted (`+2` read as 2)",
    confidence: "observed",
  },
  {
    code: "PD2018",
    peer: "curl",
    until: "8.14.0",
    outcome: "truncate",
    detail: "curl: (18) transfer closed with outstanding read data remaining",
    confidence: "observed",
  },
  {
    code: "PD2044",
    peer: "curl",
    until: "8.0.0",
    outcome: "accept",
    detail: "accepted (curl 7.x reads an `HTTP/2.0` status line as HTTP/1)",
    confidence: "observed",
  },
  {
    code: "PD2045",
    peer: "curl",
    outcome: "accept",
    detail: "exit 0: curl hands over the partial header section without an error",
    confidence: "observed",
  },
  {
    code: "PD2052",
    peer: "curl",
    outcome: "reject",
    detail: "curl: (1) Received HTTP/0.9 when not allowed",
    confidence: "observed",
  },
  {
    code: "PD2005",
    peer: "curl",
    outcome: "reject",
    detail: "curl: (43) A libcurl function was given a bad argument",
    confidence: "observed",
  },

  // Go 1.19.8: header keys were not validated yet; HTTP/2.0 in a status line is read.
  ...["PD2001", "PD2010", "PD2011"].map(
    (code): Http1PeerRule => ({
      code: code as Http1PeerRule["code"],
      peer: "go",
      until: "1.20",
      outcome: "accept",
      detail: "accepted: Go before 1.20 did not validate header keys",
      confidence: "observed",
    }),
  ),
  {
    code: "PD2044",
    peer: "go",
    outcome: "accept",
    detail: "accepted: http.ParseHTTPVersion reads HTTP/2.0",
    confidence: "observed",
  },
  {
    code: "PD2052",
    peer: "go",
    outcome: "reject",
    detail: 'net/http: malformed HTTP response ""',
    confidence: "observed",
  },

  // Node 20 (llhttp 9): what the oracle test sees over loopback.
  {
    code: "PD2007",
    peer: "node",
    nodeMode: "strict",
    outcome: "reject",
    detail: nodeError("HPE_INVALID_HEADER_TOKEN", "Invalid header value char"),
    confidence: "observed",
  },
  {
    code: "PD2007",
    peer: "node",
    nodeMode: "insecure",
    outcome: "accept",
    detail: "accepted by the lenient parser",
    confidence: "observed",
  },
  {
    code: "PD2025",
    peer: "node",
    outcome: "truncate",
    detail: `the response fails after its body: ${AFTER_BODY}`,
    confidence: "observed",
  },
  {
    code: "PD2036",
    peer: "node",
    outcome: "truncate",
    detail: `the stray bytes fail as the next response: ${AFTER_BODY}`,
    confidence: "observed",
  },
  {
    code: "PD2044",
    peer: "node",
    outcome: "accept",
    detail: "llhttp accepts the versions 0.9, 1.0, 1.1 and 2.0 in a status line",
    confidence: "observed",
  },
  {
    code: "PD2050",
    peer: "node",
    nodeMode: "strict",
    outcome: "truncate",
    detail: `the response fails after its body: ${nodeError("HPE_CLOSED_CONNECTION", "Data after `Connection: close`")}`,
    confidence: "observed",
  },
  {
    code: "PD2050",
    peer: "node",
    nodeMode: "insecure",
    outcome: "alter",
    detail: "the extra data is discarded",
    confidence: "observed",
  },
  {
    code: "PD2052",
    peer: "node",
    outcome: "accept",
    detail: "leading empty lines are skipped",
    confidence: "observed",
  },
];
