import type { FindingCode } from "../../model/finding.ts";
import { OBSERVED_RULES } from "./http1-observed.ts";
import type { PeerConfidence, PeerName, PeerOutcome, PeerRule } from "./model.ts";

/** A peer rule for HTTP/1 defects; Node rules may hold for the strict or the insecure parser only. */
export interface Http1PeerRule extends PeerRule {
  readonly nodeMode?: "strict" | "insecure";
}

type Extra = { from?: string; until?: string; nodeMode?: "strict" | "insecure" };

const PROXY_STATUS: Partial<Record<PeerName, number>> = {
  envoy: 502,
  nginx: 502,
  haproxy: 502,
  apache: 502,
  caddy: 502,
};

export function rule(
  code: FindingCode,
  peer: PeerName,
  outcome: PeerOutcome,
  detail: string,
  confidence: PeerConfidence,
  extra: Extra = {},
): Http1PeerRule {
  const status = outcome === "reject" ? PROXY_STATUS[peer] : undefined;
  return { code, peer, outcome, detail, confidence, ...(status ? { status } : {}), ...extra };
}

const ENVOY_REPLY = "502 UPE upstream_reset_before_response_started{protocol_error}";
const envoy = (text: string) => `${ENVOY_REPLY}; debug log: http/1.1 protocol error: ${text}`;
const NGINX_SUFFIX = " while reading response header from upstream";
const nginx = (text: string) => `502 Bad Gateway; error.log: ${text}${NGINX_SUFFIX}`;
const HAPROXY = "502 Bad Gateway, termination state PH--, `show errors` holds the bytes";
const goErr = (text: string) => `net/http: HTTP/1.x transport connection broken: ${text}`;
export const node = (code: string, reason: string) => `Error: Parse Error: ${reason} (code ${code})`;

/** Envoy before and after its switch from http-parser to BalsaParser (1.28). */
function envoyByParser(code: FindingCode, httpParser: string, balsa: string, confidence: PeerConfidence = "source") {
  return [
    rule(code, "envoy", "reject", envoy(httpParser), confidence, { until: "1.28" }),
    rule(code, "envoy", "reject", envoy(balsa), confidence, { from: "1.28" }),
  ];
}

export function nodeBoth(
  code: FindingCode,
  strict: [PeerOutcome, string],
  insecure: [PeerOutcome, string],
  c: PeerConfidence,
) {
  return [
    rule(code, "node", strict[0], strict[1], c, { nodeMode: "strict" }),
    rule(code, "node", insecure[0], insecure[1], c, { nodeMode: "insecure" }),
  ];
}

const INVALID_TOKEN = node("HPE_INVALID_HEADER_TOKEN", "Invalid header token");

/**
 * What each peer does with each HTTP/1 defect in an upstream response, by version. Sources:
 * the research matrix (`source`/`documented`), and our lab (`observed`, see lab/README.md).
 * Peers without a rule for a code accept the message (confidence `inferred`).
 */
const DOCUMENTED_RULES: readonly Http1PeerRule[] = [
  // PD2001 separator in name
  ...envoyByParser("PD2001", "HPE_INVALID_HEADER_TOKEN", "INVALID_HEADER_NAME_CHARACTER"),
  rule("PD2001", "nginx", "accept", "passed through: nginx ignores invalid name bytes in upstream headers", "source"),
  rule("PD2001", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2001", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  ...nodeBoth("PD2001", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule("PD2001", "curl", "accept", "accepted: curl does not validate names beyond the colon", "source"),
  rule("PD2001", "chrome", "alter", "the header is silently dropped", "source"),

  // PD2002 whitespace before colon (`Time : x`)
  ...envoyByParser("PD2002", "HPE_INVALID_HEADER_TOKEN", "INVALID_HEADER_NAME_CHARACTER"),
  rule("PD2002", "nginx", "accept", "passed through (before 1.21.1 nginx allowed space in names)", "source", {
    until: "1.21.1",
  }),
  rule("PD2002", "nginx", "reject", nginx('upstream sent invalid header: "{name}..."'), "source", {
    from: "1.21.1",
  }),
  rule("PD2002", "haproxy", "reject", HAPROXY, "source"),
  rule(
    "PD2002",
    "go",
    "alter",
    'accepted, but the key keeps its whitespace ("{name}") so a lookup by the trimmed name finds nothing',
    "source",
  ),
  ...nodeBoth("PD2002", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule(
    "PD2002",
    "curl",
    "accept",
    "accepted (a `Content-Length :` line would not be read as Content-Length)",
    "source",
  ),
  rule("PD2002", "chrome", "alter", "the name is trimmed", "source"),

  // PD2003 line without colon
  ...envoyByParser("PD2003", "HPE_INVALID_HEADER_TOKEN", "HEADER_MISSING_COLON"),
  rule("PD2003", "nginx", "alter", "accepted as a header with an empty value", "inferred"),
  rule("PD2003", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2003", "go", "reject", goErr('malformed MIME header: missing colon: "<line>"'), "source"),
  ...nodeBoth("PD2003", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule("PD2003", "curl", "accept", "accepted", "inferred", { until: "7.83.0" }),
  rule("PD2003", "curl", "reject", "curl: (8) Header without colon", "source", { from: "7.83.0" }),
  rule("PD2003", "chrome", "alter", "the line is ignored", "source"),

  // PD2004 empty name
  ...envoyByParser("PD2004", "HPE_INVALID_HEADER_TOKEN", "HPE_INVALID_HEADER_TOKEN", "inferred"),
  rule("PD2004", "nginx", "reject", nginx('upstream sent invalid header: ":..."'), "source"),
  rule("PD2004", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2004", "go", "reject", goErr("malformed MIME header line: : x"), "source", { from: "1.23" }),
  ...nodeBoth("PD2004", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule("PD2004", "chrome", "alter", "the header is dropped", "source"),

  // PD2005 whitespace before the first field
  ...envoyByParser("PD2005", "HPE_INVALID_HEADER_TOKEN", "INVALID_HEADER_NAME_CHARACTER", "inferred"),
  rule("PD2005", "nginx", "reject", nginx("upstream sent invalid header"), "source"),
  rule("PD2005", "go", "reject", goErr("malformed MIME header initial line: <line>"), "source"),
  ...nodeBoth(
    "PD2005",
    ["reject", node("HPE_UNEXPECTED_SPACE", "Unexpected space after start line")],
    ["accept", "accepted by the lenient parser"],
    "source",
  ),
  rule("PD2005", "chrome", "alter", "joined to the previous line", "inferred"),

  // PD2006 control byte in value
  ...envoyByParser("PD2006", "HPE_INVALID_HEADER_TOKEN", "header value contains invalid chars"),
  rule("PD2006", "nginx", "accept", "passed through: nginx checks values only for NUL", "source"),
  rule("PD2006", "haproxy", "accept", "passed through: HAProxy checks values only for NUL", "source"),
  rule("PD2006", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  ...nodeBoth(
    "PD2006",
    ["reject", node("HPE_INVALID_HEADER_TOKEN", "Invalid header value char")],
    ["accept", "accepted by the lenient parser"],
    "source",
  ),
  rule("PD2006", "curl", "accept", "accepted", "source"),

  // PD2007 NUL in value
  ...envoyByParser("PD2007", "HPE_INVALID_HEADER_TOKEN", "header value contains invalid chars"),
  rule("PD2007", "nginx", "reject", nginx('upstream sent invalid header: "X: a\\x00..."'), "source"),
  rule("PD2007", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2007", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  rule("PD2007", "curl", "reject", "curl: (8) Nul byte in header", "source", { from: "7.83.0" }),
  rule("PD2007", "chrome", "reject", "net::ERR_INVALID_HTTP_RESPONSE", "source"),

  // PD2008 bare CR in value
  rule("PD2008", "envoy", "alter", "the CR is stripped from the value", "inferred", { from: "1.28" }),
  rule("PD2008", "envoy", "reject", envoy("HPE_LF_EXPECTED"), "inferred", { until: "1.28" }),
  rule("PD2008", "nginx", "reject", nginx("upstream sent invalid header"), "source"),
  rule("PD2008", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2008", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  ...nodeBoth(
    "PD2008",
    ["reject", node("HPE_LF_EXPECTED", "Missing expected LF after header value")],
    ["reject", node("HPE_LF_EXPECTED", "Missing expected LF after header value")],
    "source",
  ),
  rule("PD2008", "curl", "reject", "curl: (8) Carriage return found in header", "source", { from: "8.21.0" }),

  // PD2009 raw bytes >= 0x80: accepted everywhere (no rules → accept)

  // PD2010 quote or non-ASCII in name
  ...envoyByParser("PD2010", "HPE_INVALID_HEADER_TOKEN", "HPE_INVALID_HEADER_TOKEN"),
  rule("PD2010", "nginx", "accept", "passed through", "source"),
  rule("PD2010", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2010", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  ...nodeBoth("PD2010", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule("PD2010", "chrome", "alter", "the header is dropped", "source"),

  // PD2011 control byte in name
  ...envoyByParser("PD2011", "HPE_INVALID_HEADER_TOKEN", "INVALID_HEADER_NAME_CHARACTER"),
  rule("PD2011", "nginx", "reject", nginx('upstream sent invalid header: "{name}..."'), "source", { from: "1.21.1" }),
  rule("PD2011", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2011", "go", "reject", goErr("malformed MIME header line"), "source", { from: "1.20" }),
  ...nodeBoth("PD2011", ["reject", INVALID_TOKEN], ["reject", INVALID_TOKEN], "source"),
  rule("PD2011", "chrome", "alter", "the header is dropped", "inferred"),

  // PD2012 obs-fold
  rule("PD2012", "envoy", "alter", "folded into one value (Balsa warning OBS_FOLD_IN_HEADERS)", "source"),
  rule("PD2012", "nginx", "reject", nginx('upstream sent invalid header: "\\x20..."'), "source"),
  rule("PD2012", "haproxy", "alter", "the fold is replaced by spaces", "source"),
  rule("PD2012", "go", "alter", "continuation joined to the value", "source"),
  ...nodeBoth(
    "PD2012",
    ["reject", node("HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value")],
    ["alter", "folded by the lenient parser"],
    "source",
  ),
  rule("PD2012", "chrome", "alter", "continuation joined to the value", "source"),

  // PD2013 bare LF
  ...nodeBoth(
    "PD2013",
    ["reject", node("HPE_CR_EXPECTED", "Missing expected CR after header value")],
    ["accept", "accepted by the lenient parser"],
    "source",
  ),

  // PD2014 Transfer-Encoding on several lines (seed 002)
  rule("PD2014", "envoy", "reject", envoy("unsupported transfer encoding"), "source"),
  rule("PD2014", "nginx", "accept", "accepted: duplicate Transfer-Encoding was ignored before 1.23.0", "source", {
    until: "1.23.0",
  }),
  rule(
    "PD2014",
    "nginx",
    "reject",
    nginx(
      'upstream sent duplicate header line: "transfer-encoding: chunked", previous value: "Transfer-Encoding: Chunked"',
    ),
    "source",
    { from: "1.23.0" },
  ),
  rule("PD2014", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2014", "go", "reject", goErr('too many transfer encodings: ["Chunked" "chunked"]'), "source"),
  ...nodeBoth("PD2014", ["accept", "accepted in responses (rejected in requests)"], ["accept", "accepted"], "source"),
  rule("PD2014", "curl", "accept", "accepted (`ignoring duplicate 'chunked' decoder`)", "source"),

  // PD2015 `Chunked`: valid alone
  // PD2016 chunked applied twice (also within one line)
  rule("PD2016", "envoy", "reject", envoy("unsupported transfer encoding"), "source"),
  rule("PD2016", "nginx", "reject", nginx('upstream sent unknown "Transfer-Encoding": "chunked, chunked"'), "source", {
    from: "1.23.0",
  }),
  rule("PD2016", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2016", "go", "reject", goErr("too many transfer encodings"), "source"),
  rule("PD2016", "curl", "accept", "duplicate chunked ignored", "source"),

  // PD2017 unknown coding
  rule("PD2017", "envoy", "reject", envoy("unsupported transfer encoding"), "source"),
  rule("PD2017", "nginx", "reject", nginx('upstream sent unknown "Transfer-Encoding": "<value>"'), "source", {
    from: "1.23.0",
  }),
  rule("PD2017", "go", "reject", goErr('unsupported transfer encoding: "<value>"'), "source"),
  rule("PD2017", "haproxy", "alter", "the response is read until the connection closes", "source"),
  rule("PD2017", "node", "alter", "the body is read until the connection closes", "source"),

  // PD2018 chunked not final
  rule("PD2018", "envoy", "reject", envoy("unsupported transfer encoding"), "source"),
  rule("PD2018", "nginx", "reject", nginx('upstream sent unknown "Transfer-Encoding": "<value>"'), "source", {
    from: "1.23.0",
  }),
  rule("PD2018", "haproxy", "alter", "the response is read until the connection closes", "source"),
  rule("PD2018", "go", "reject", goErr('unsupported transfer encoding: "<value>"'), "source"),
  rule("PD2018", "node", "alter", "the body is read until the connection closes", "source"),
  rule("PD2018", "curl", "reject", "curl: (61) A Transfer-Encoding (gzip) was listed after chunked", "source", {
    from: "8.14.0",
  }),

  // PD2019 gzip, chunked
  rule("PD2019", "envoy", "reject", envoy("unsupported transfer encoding"), "source"),
  rule("PD2019", "nginx", "reject", nginx('upstream sent unknown "Transfer-Encoding": "gzip, chunked"'), "source", {
    from: "1.23.0",
  }),
  rule("PD2019", "go", "reject", goErr('unsupported transfer encoding: "gzip, chunked"'), "source"),
  rule("PD2019", "curl", "accept", "accepted; the gzip coding is ignored unless --tr-encoding", "source"),

  // PD2020 Content-Length with Transfer-Encoding
  rule("PD2020", "envoy", "reject", envoy("both 'Content-Length' and 'Transfer-Encoding' are set."), "source"),
  rule("PD2020", "nginx", "alter", "accepted; chunked wins (checked only from 1.23.0)", "source", { until: "1.23.0" }),
  rule(
    "PD2020",
    "nginx",
    "reject",
    nginx('upstream sent "Content-Length" and "Transfer-Encoding" headers at the same time'),
    "source",
    { from: "1.23.0" },
  ),
  rule("PD2020", "haproxy", "alter", "Content-Length removed, connection closed after the response", "source"),
  rule("PD2020", "go", "alter", "chunked wins, Content-Length deleted", "source"),
  ...nodeBoth(
    "PD2020",
    ["reject", node("HPE_INVALID_TRANSFER_ENCODING", "Transfer-Encoding can't be present with Content-Length")],
    ["accept", "accepted by the lenient parser (chunked wins)"],
    "source",
  ),
  rule("PD2020", "curl", "alter", "chunked wins", "source"),
  rule("PD2020", "chrome", "alter", "chunked wins over Content-Length", "source"),

  // PD2021 repeated identical Content-Length
  ...envoyByParser("PD2021", "HPE_UNEXPECTED_CONTENT_LENGTH", "HPE_UNEXPECTED_CONTENT_LENGTH"),
  rule("PD2021", "nginx", "accept", "accepted before 1.23.0", "source", { until: "1.23.0" }),
  rule(
    "PD2021",
    "nginx",
    "reject",
    nginx('upstream sent duplicate header line: "Content-Length: 5", previous value: "Content-Length: 5"'),
    "source",
    { from: "1.23.0" },
  ),
  rule("PD2021", "haproxy", "alter", "identical values merged", "source"),
  rule("PD2021", "go", "alter", "identical values de-duplicated", "source"),
  ...nodeBoth(
    "PD2021",
    ["reject", node("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length")],
    ["reject", node("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length")],
    "source",
  ),

  // PD2022 conflicting Content-Length
  ...envoyByParser("PD2022", "HPE_UNEXPECTED_CONTENT_LENGTH", "HPE_UNEXPECTED_CONTENT_LENGTH"),
  rule("PD2022", "nginx", "alter", "the last value wins before 1.23.0", "inferred", { until: "1.23.0" }),
  rule("PD2022", "nginx", "reject", nginx("upstream sent duplicate header line"), "source", { from: "1.23.0" }),
  rule("PD2022", "haproxy", "reject", HAPROXY, "source"),
  rule(
    "PD2022",
    "go",
    "reject",
    goErr('http: message cannot contain multiple Content-Length headers; got ["5" "6"]'),
    "source",
  ),
  ...nodeBoth(
    "PD2022",
    ["reject", node("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length")],
    ["reject", node("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length")],
    "source",
  ),
  rule("PD2022", "curl", "reject", "curl: (8) Invalid Content-Length: value", "source", { from: "8.17.0" }),
  rule("PD2022", "chrome", "reject", "net::ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH", "source"),

  // PD2023 invalid Content-Length
  ...envoyByParser("PD2023", "HPE_INVALID_CONTENT_LENGTH", "UNPARSABLE_CONTENT_LENGTH", "inferred"),
  rule(
    "PD2023",
    "nginx",
    "reject",
    nginx('upstream sent invalid "Content-Length" header: "Content-Length: abc"'),
    "source",
  ),
  rule("PD2023", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2023", "go", "reject", goErr('bad Content-Length "abc"'), "source"),
  ...nodeBoth(
    "PD2023",
    ["reject", node("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length")],
    ["reject", node("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length")],
    "source",
  ),
  rule("PD2023", "curl", "reject", "curl: (8) Invalid Content-Length: value", "source"),
  rule("PD2023", "chrome", "alter", "Content-Length ignored; read until close", "inferred"),

  // PD2024 body shorter than Content-Length
  rule(
    "PD2024",
    "envoy",
    "truncate",
    "the downstream stream is reset after the headers (HPE_INVALID_EOF_STATE)",
    "source",
  ),
  rule(
    "PD2024",
    "nginx",
    "truncate",
    "client gets a cut body; error.log: upstream prematurely closed connection while reading upstream",
    "source",
  ),
  rule("PD2024", "haproxy", "truncate", "the client connection is closed mid-body (termination SD--)", "inferred"),
  rule("PD2024", "apache", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2024", "caddy", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2024", "go", "truncate", "body read fails: unexpected EOF", "source"),
  rule("PD2024", "node", "truncate", "the response emits `aborted`", "inferred"),
  rule("PD2024", "curl", "truncate", "curl: (18) transfer closed with N bytes remaining to read", "source"),
  rule("PD2024", "chrome", "truncate", "net::ERR_CONTENT_LENGTH_MISMATCH", "source"),

  // PD2025 bytes after the message
  rule(
    "PD2025",
    "envoy",
    "alter",
    "response delivered, connection closed (`extraneous data after response complete`)",
    "source",
  ),
  rule(
    "PD2025",
    "nginx",
    "alter",
    'response delivered; warn: upstream sent more data than specified in "Content-Length" header',
    "source",
  ),
  rule(
    "PD2025",
    "go",
    "alter",
    "response delivered; log: Unsolicited response received on idle HTTP channel",
    "source",
  ),
  rule("PD2025", "curl", "alter", "response delivered; `Excess found` and the connection is not reused", "inferred"),
  rule("PD2025", "chrome", "alter", "response delivered; the socket is not reused", "source"),

  // PD2026 no last chunk
  rule(
    "PD2026",
    "envoy",
    "truncate",
    "the downstream stream is reset after the headers (HPE_INVALID_EOF_STATE)",
    "source",
  ),
  rule("PD2026", "nginx", "truncate", "client gets a cut body; upstream prematurely closed connection", "source"),
  rule("PD2026", "haproxy", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2026", "apache", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2026", "caddy", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2026", "go", "truncate", "body read fails: unexpected EOF", "source"),
  rule("PD2026", "node", "truncate", "the response emits `aborted`", "inferred"),
  rule("PD2026", "curl", "truncate", "curl: (18) transfer closed with outstanding read data remaining", "source"),
  rule("PD2026", "chrome", "truncate", "net::ERR_INCOMPLETE_CHUNKED_ENCODING", "source"),

  // PD2027 invalid chunk size
  rule("PD2027", "envoy", "truncate", "stream reset after the headers: HPE_INVALID_CHUNK_SIZE", "source"),
  rule("PD2027", "nginx", "truncate", "cut body; error.log: upstream sent invalid chunked response", "source"),
  rule("PD2027", "haproxy", "truncate", "the client connection is closed mid-body", "inferred"),
  rule("PD2027", "go", "truncate", "body read fails: invalid byte in chunk length", "source"),
  ...nodeBoth(
    "PD2027",
    ["truncate", node("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size")],
    ["truncate", node("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size")],
    "source",
  ),
  rule("PD2027", "curl", "truncate", "curl: (56) chunk hex-length char not a hex digit", "source"),
  rule("PD2027", "chrome", "truncate", "net::ERR_INVALID_CHUNKED_ENCODING", "source"),

  // PD2028 chunk data not followed by CRLF
  rule("PD2028", "envoy", "truncate", "stream reset after the headers: HPE_INVALID_CHUNK_SIZE", "inferred"),
  rule("PD2028", "nginx", "truncate", "cut body; error.log: upstream sent invalid chunked response", "inferred"),
  rule("PD2028", "go", "truncate", "body read fails: malformed chunked encoding", "source"),
  ...nodeBoth(
    "PD2028",
    ["truncate", node("HPE_STRICT", "Expected LF after chunk data")],
    [
      "truncate",
      `the lenient parser reads on and fails at the next chunk size: ${node("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size")}`,
    ],
    "observed",
  ),
  rule("PD2028", "curl", "truncate", "curl: (56) Malformed encoding found in chunked-encoding", "inferred"),

  // PD2029 invalid status code
  ...envoyByParser("PD2029", "HPE_INVALID_STATUS", "FAILED_CONVERTING_STATUS_CODE_TO_INT"),
  rule(
    "PD2029",
    "nginx",
    "alter",
    "relayed as an HTTP/0.9 200 with the raw bytes; error.log: upstream sent no valid HTTP/1.0 header",
    "source",
  ),
  rule("PD2029", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2029", "go", "reject", 'net/http: malformed HTTP status code "2xx"', "source"),
  ...nodeBoth(
    "PD2029",
    ["reject", node("HPE_INVALID_STATUS", "Invalid status code")],
    ["reject", node("HPE_INVALID_STATUS", "Invalid status code")],
    "source",
  ),
  rule("PD2029", "curl", "reject", "curl: (8) Invalid status line", "inferred"),

  // PD2032 HTTP/0.9 reply or not HTTP at all
  rule("PD2032", "envoy", "reject", envoy("HPE_INVALID_CONSTANT"), "source"),
  rule(
    "PD2032",
    "nginx",
    "alter",
    "relayed as an HTTP/0.9 200; error.log: upstream sent no valid HTTP/1.0 header",
    "source",
  ),
  rule("PD2032", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2032", "go", "reject", 'net/http: malformed HTTP response "<bytes>"', "source"),
  ...nodeBoth(
    "PD2032",
    ["reject", node("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/")],
    ["reject", node("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/")],
    "source",
  ),
  rule("PD2032", "curl", "reject", "curl: (1) Received HTTP/0.9 when not allowed", "source", { from: "7.66.0" }),
  rule("PD2032", "chrome", "reject", "net::ERR_INVALID_HTTP_RESPONSE (on a non-default port)", "source"),

  // PD2034 / PD2035 framing fields on 1xx or 204
  rule("PD2034", "envoy", "reject", envoy("content length not allowed in 1xx or 204"), "source"),
  rule("PD2035", "envoy", "reject", envoy("transfer encoding not allowed in 1xx or 204"), "source"),

  // PD2036 bytes after a bodiless response
  rule(
    "PD2036",
    "envoy",
    "alter",
    "response delivered, connection closed (`extraneous data after response complete`)",
    "source",
  ),
  rule("PD2036", "go", "alter", "log: Unsolicited response received on idle HTTP channel", "source"),
  rule("PD2036", "chrome", "alter", "body ignored; the socket is not reused", "source"),

  // PD2037 informational responses
  rule("PD2037", "envoy", "alter", "swallowed (100 forwarded only with proxy_100_continue)", "source"),
  rule("PD2037", "nginx", "alter", "swallowed; 103 forwarded from 1.29.0 (pass_early_hints)", "source"),

  // PD2038 hop-by-hop fields over HTTP/2
  rule("PD2038", "envoy", "alter", "stripped when converting to HTTP/2", "source"),
  rule(
    "PD2038",
    "nginx",
    "alter",
    "Keep-Alive and Upgrade dropped; Proxy-Connection appears to be forwarded to h2 clients",
    "inferred",
  ),
  rule(
    "PD2038",
    "curl",
    "accept",
    "fine over HTTP/1.1; over HTTP/2 from a proxy that forwards it: curl: (92) HTTP/2 stream 1 was not closed cleanly: PROTOCOL_ERROR",
    "documented",
  ),

  // PD2039 Connection lists an end-to-end field
  rule("PD2039", "envoy", "alter", "the listed field is removed before forwarding", "documented"),
  rule(
    "PD2039",
    "nginx",
    "alter",
    "the listed field is forwarded (nginx does not parse Connection options)",
    "inferred",
  ),
  rule("PD2039", "haproxy", "alter", "the listed field is removed before forwarding", "inferred"),

  // PD2040 / PD2041 limits (the predictor checks the measured figures against each peer's limit)
  rule("PD2040", "envoy", "reject", envoy("headers count exceeds limit"), "source"),
  rule("PD2040", "haproxy", "reject", HAPROXY, "source"),
  rule("PD2040", "curl", "reject", "curl: (100) Too many response headers, 5000 is max", "source", { from: "8.14.0" }),
  rule("PD2040", "node", "alter", "fields beyond maxHeadersCount (2000) are dropped", "source"),
  rule("PD2041", "envoy", "reject", envoy("headers size exceeds limit"), "source"),
  rule("PD2041", "nginx", "reject", nginx("upstream sent too big header"), "source"),
  rule("PD2041", "haproxy", "reject", HAPROXY, "source"),
  rule(
    "PD2041",
    "apache",
    "reject",
    "502 Proxy Error; error.log: AH01102 error reading status line / header too long",
    "inferred",
  ),
  rule("PD2041", "go", "reject", "net/http: server response headers exceeded 10485760 bytes; aborted", "source"),
  rule("PD2041", "caddy", "reject", "net/http: server response headers exceeded 10485760 bytes; aborted", "source"),
  ...nodeBoth(
    "PD2041",
    ["reject", node("HPE_HEADER_OVERFLOW", "Header overflow")],
    ["reject", node("HPE_HEADER_OVERFLOW", "Header overflow")],
    "source",
  ),
  rule("PD2041", "curl", "reject", "curl: (56) Too large response headers: N > 307200", "source", { from: "8.3.0" }),
  rule("PD2041", "chrome", "reject", "net::ERR_RESPONSE_HEADERS_TOO_BIG", "source"),

  // PD2044 HTTP version
  ...envoyByParser("PD2044", "HPE_INVALID_VERSION", "HPE_INVALID_VERSION"),
  rule("PD2044", "go", "reject", 'net/http: malformed HTTP version "<version>"', "source"),
  rule("PD2044", "curl", "reject", "curl: (1) Unsupported HTTP version in response", "source"),

  // PD2045 header section cut
  rule(
    "PD2045",
    "envoy",
    "reject",
    `503 UC upstream_reset_before_response_started{connection_termination}`,
    "documented",
  ),
  rule(
    "PD2045",
    "nginx",
    "reject",
    "502 Bad Gateway; error.log: upstream prematurely closed connection while reading response header from upstream",
    "source",
  ),
  rule("PD2045", "haproxy", "reject", "502 Bad Gateway, termination state SH--", "documented"),
  rule("PD2045", "go", "reject", "net/http: HTTP/1.x transport connection broken: unexpected EOF", "source"),
  rule(
    "PD2045",
    "caddy",
    "reject",
    "502; log: net/http: HTTP/1.x transport connection broken: unexpected EOF",
    "inferred",
  ),
  rule("PD2045", "node", "reject", "Error: socket hang up (ECONNRESET)", "documented"),
  rule("PD2045", "curl", "reject", "curl: (52) Empty reply from server / (8) weird server reply", "inferred"),

  // PD2047 whitespace after chunk size
  ...nodeBoth(
    "PD2047",
    ["truncate", node("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size")],
    ["accept", "accepted by the lenient parser"],
    "source",
  ),

  // PD2051 status-line whitespace
  ...envoyByParser("PD2051", "HPE_INVALID_STATUS", "FAILED_CONVERTING_STATUS_CODE_TO_INT", "inferred"),
  ...nodeBoth(
    "PD2051",
    ["reject", node("HPE_INVALID_STATUS", "Invalid status code")],
    ["reject", node("HPE_INVALID_STATUS", "Invalid status code")],
    "inferred",
  ),

  // PD2052 empty line before the status line
  rule("PD2052", "envoy", "reject", envoy("HPE_INVALID_CONSTANT"), "inferred"),
  rule("PD2052", "nginx", "alter", "relayed as HTTP/0.9; upstream sent no valid HTTP/1.0 header", "inferred"),
];

/** Observed rules come first: where the lab and the documents disagree, the lab wins. */
export const HTTP1_PEER_RULES: readonly Http1PeerRule[] = [...OBSERVED_RULES, ...DOCUMENTED_RULES];
