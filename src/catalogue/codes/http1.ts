import type { CauseLink } from "../../model/cause.ts";
import { defineFindings } from "../define.ts";

const malformed = (weight = 0.8): CauseLink[] => [{ cause: "upstream.malformed-header", weight }];
const truncated = (weight = 0.8): CauseLink[] => [{ cause: "upstream.truncated-body", weight }];
const tooLarge = (weight = 0.8): CauseLink[] => [{ cause: "limits.header-too-large", weight }];
const mismatch = (weight = 0.6): CauseLink[] => [{ cause: "protocol.mismatch", weight }];

/** HTTP/1.1 wire defects found in raw bytes (PD20xx). Peer reactions live in src/wire/peers. */
export const HTTP1_FINDINGS = defineFindings([
  {
    code: "PD2001",
    name: "HeaderNameSeparator",
    severity: "error",
    summary: "Field name {name} contains the separator {byte} at byte {offset}",
    detail:
      "Field names must be tokens; delimiters such as @ ( ) , / ; < = > ? [ \\ ] { } are not allowed. Envoy, HAProxy, Go and Node refuse the whole message, while nginx, curl and browsers let it through, so the failure appears only behind a strict hop.",
    reference: "RFC 9110 §5.1 (field-name = token), §5.6.2 (tchar)",
    causes: malformed(0.85),
  },
  {
    code: "PD2002",
    name: "HeaderNameWhitespace",
    severity: "error",
    summary: "Whitespace in or after field name {name} (byte {offset}), as in `Time : x`",
    detail:
      "No whitespace is allowed between a field name and its colon, and a server must reject a message that has it, because peers disagree on what the name is. Envoy answers 502 (HPE_INVALID_HEADER_TOKEN up to 1.27, INVALID_HEADER_NAME_CHARACTER from 1.28), nginx from 1.21.1 rejects it, curl and browsers trim or keep it and carry on.",
    reference: "RFC 9112 §5.1 (no whitespace between field name and colon; MUST reject)",
    causes: malformed(0.9),
  },
  {
    code: "PD2003",
    name: "HeaderLineWithoutColon",
    severity: "error",
    summary: "Header line without a colon at byte {offset}: {line}",
    detail:
      "Every field line is a name, a colon and a value. A line without a colon is garbage inside the header section: most proxies and Go reject the message, curl since 7.83 fails with `Header without colon`, browsers skip the line.",
    reference: 'RFC 9112 §5 (field-line = field-name ":" OWS field-value OWS)',
    causes: malformed(0.85),
  },
  {
    code: "PD2004",
    name: "HeaderNameEmpty",
    severity: "error",
    summary: "Header line with an empty name at byte {offset}",
    detail:
      "A field line starting with a colon has an empty name, which is not a token. nginx, HAProxy, Node (since 2023) and Go (since 2024) reject it; older parsers and browsers accept and drop it.",
    reference: "RFC 9110 §5.1 (field-name = token, at least one tchar)",
    causes: malformed(0.85),
  },
  {
    code: "PD2005",
    name: "WhitespaceBeforeFirstField",
    severity: "error",
    summary: "The first header line starts with whitespace (byte {offset})",
    detail:
      "Whitespace between the start line and the first field is a smuggling vector: a recipient must reject the message or ignore every whitespace-led line. nginx, Go and strict Node reject it.",
    reference: "RFC 9112 §2.2 (whitespace before the first field: reject or ignore)",
    causes: malformed(0.8),
  },
  {
    code: "PD2006",
    name: "HeaderValueControlByte",
    severity: "error",
    summary: "Field {name} has the control byte {byte} in its value (byte {offset})",
    detail:
      "Field values may hold visible characters, space, tab and obs-text, never other control bytes (0x01–0x08, 0x0B, 0x0C, 0x0E–0x1F, 0x7F). Envoy, Go and Node reject the message; nginx, HAProxy and curl pass it. A server that cuts UTF-16 code units to single bytes often produces such bytes from non-ASCII text.",
    reference: "RFC 9110 §5.5 (field-value characters), RFC 9112 §5",
    causes: malformed(0.85),
  },
  {
    code: "PD2007",
    name: "HeaderValueNul",
    severity: "error",
    summary: "Field {name} has a NUL byte in its value (byte {offset})",
    detail:
      "A NUL byte in a field value is refused by nearly every peer: Envoy, nginx (`upstream sent invalid header`), HAProxy, Go, Node, curl (`Nul byte in header`) and Chrome (ERR_INVALID_HTTP_RESPONSE).",
    reference: "RFC 9110 §5.5 (NUL MUST be rejected or replaced)",
    causes: malformed(0.9),
  },
  {
    code: "PD2008",
    name: "HeaderValueBareCr",
    severity: "error",
    summary: "Field {name} has a CR not followed by LF in its value (byte {offset})",
    detail:
      "A lone carriage return inside a value lets peers disagree on where the line ends. nginx, HAProxy, Go, Node and curl 8.21+ reject it; Envoy strips it.",
    reference: "RFC 9110 §5.5 (CR MUST be rejected or replaced with SP)",
    causes: malformed(0.85),
  },
  {
    code: "PD2009",
    name: "HeaderValueRawNonAscii",
    severity: "info",
    summary: "Field {name} carries raw bytes >= 0x80 (byte {offset}), such as an unencoded UTF-8 file name",
    detail:
      "Bytes 0x80–0xFF in a value are obs-text: allowed for compatibility and accepted by every peer we know. Meaning is lost (peers read them as Latin-1), so encode file names with RFC 8187 or percent-encoding. If a proxy rejects this message, look for control bytes, NUL or CR elsewhere in it instead.",
    reference: "RFC 9110 §5.5 (obs-text), RFC 8187 (encoding non-ASCII parameters)",
    causes: malformed(0.2),
  },
  {
    code: "PD2010",
    name: "HeaderNameQuoteOrNonAscii",
    severity: "error",
    summary: "Field name {name} contains {byte} (a quote or a byte >= 0x80) at byte {offset}",
    detail:
      "A double quote or a non-ASCII byte is not a token character. Envoy rejects it through its own name check (HPE_INVALID_HEADER_TOKEN even with BalsaParser), Go, Node and HAProxy reject it, nginx passes it on to the client.",
    reference: "RFC 9110 §5.1, §5.6.2 (tchar excludes DQUOTE and obs-text)",
    causes: malformed(0.85),
  },
  {
    code: "PD2011",
    name: "HeaderNameControlByte",
    severity: "error",
    summary: "Field name {name} contains the control byte {byte} at byte {offset}",
    detail:
      "Control bytes in a field name are refused by Envoy, nginx (since 1.21.1), HAProxy, Go and Node. They usually come from a bug that writes binary data or a mangled buffer into the header section.",
    reference: "RFC 9110 §5.1 (field-name = token)",
    causes: malformed(0.85),
  },
  {
    code: "PD2012",
    name: "ObsoleteLineFolding",
    severity: "error",
    summary: "Field {name} continues on a folded line (obs-fold) at byte {offset}",
    detail:
      "A field line that starts with space or tab continues the previous value. This folding is deprecated: nginx and strict Node reject it, Envoy, HAProxy, Go and curl join the lines. A proxy must not forward folded lines.",
    reference: "RFC 9112 §5.2 (obs-fold: reject with 502 or replace with SP)",
    causes: malformed(0.75),
  },
  {
    code: "PD2013",
    name: "BareLfLineEnding",
    severity: "warning",
    summary: "Lines end with a bare LF instead of CRLF (first at byte {offset})",
    detail:
      "HTTP/1.1 lines end with CRLF. Most peers accept a bare LF, but strict Node/llhttp (`Missing expected CR`) does not, and peers that disagree on line ends can be desynchronised.",
    reference: "RFC 9112 §2.2 (a recipient MAY accept a lone LF)",
    causes: malformed(0.5),
  },
  {
    code: "PD2014",
    name: "TransferEncodingRepeatedField",
    severity: "error",
    summary: "Transfer-Encoding is sent on {count} lines: {values}",
    detail:
      "Repeated Transfer-Encoding lines are joined into one list (`Chunked, chunked`), which means the body was chunked twice. Envoy rejects the joined value (`unsupported transfer encoding`, 502 UPE), nginx from 1.23.0 reports `upstream sent duplicate header line`, HAProxy and Go reject it; curl and browsers accept. This is the classic `works with curl, Istio returns 502` defect.",
    reference: "RFC 9112 §6.1 (Transfer-Encoding list), RFC 9110 §5.3 (field lines combine into a list)",
    causes: malformed(0.9),
  },
  {
    code: "PD2015",
    name: "TransferCodingNotLowercase",
    severity: "warning",
    summary: "Transfer coding written as {value} rather than `chunked`",
    detail:
      "Transfer coding names are case-insensitive, so `Chunked` is valid on its own, but it is the mark of a hand-written header that often comes with a second, framework-written `transfer-encoding: chunked`.",
    reference: "RFC 9112 §7 (transfer coding names are case-insensitive)",
    causes: malformed(0.3),
  },
  {
    code: "PD2016",
    name: "ChunkedAppliedTwice",
    severity: "error",
    summary: "The chunked coding is listed {count} times in Transfer-Encoding",
    detail:
      "A sender must not apply chunked more than once. Peers that take the list literally must decode twice and fail; Envoy, nginx 1.23+, HAProxy and Go reject, curl ignores the duplicate.",
    reference: "RFC 9112 §6.1 (chunked MUST NOT be applied more than once)",
    causes: malformed(0.85),
  },
  {
    code: "PD2017",
    name: "UnknownTransferCoding",
    severity: "error",
    summary: "Transfer-Encoding names the unknown coding {value}",
    detail:
      "A transfer coding the recipient does not know makes the body unreadable: servers answer 501, proxies refuse the response. Only chunked, gzip, deflate and compress are registered for HTTP/1.1 (identity was removed).",
    reference: "RFC 9112 §6.1 (unknown transfer coding: 501), §7 (registered codings)",
    causes: malformed(0.8),
  },
  {
    code: "PD2018",
    name: "ChunkedNotFinalCoding",
    severity: "error",
    summary: "Transfer-Encoding {value} does not end with chunked",
    detail:
      "When chunked is not the final coding, a response body runs until the connection closes and a request cannot be framed at all. Envoy, nginx 1.23+ and Go reject it; HAProxy and Node read until close.",
    reference: "RFC 9112 §6.3 (item 4: final coding not chunked → read until close / 400)",
    causes: malformed(0.8),
  },
  {
    code: "PD2019",
    name: "TransferCodingBeforeChunked",
    severity: "error",
    summary: "Transfer-Encoding {value} applies another coding before chunked",
    detail:
      "Codings such as gzip before chunked are valid HTTP but rarely supported: Envoy and Go accept only `chunked` alone, nginx 1.23+ reports an unknown Transfer-Encoding. Use Content-Encoding for compression.",
    reference: "RFC 9112 §6.1, §7; RFC 9110 §8.4 (Content-Encoding)",
    causes: malformed(0.7),
  },
  {
    code: "PD2020",
    name: "ContentLengthWithTransferEncoding",
    severity: "error",
    summary: "Both Content-Length ({length}) and Transfer-Encoding ({value}) are sent",
    detail:
      "A sender must not send Content-Length with Transfer-Encoding; recipients must let Transfer-Encoding win and treat the message as a smuggling risk. Envoy (unless allow_chunked_length), nginx 1.23+ and Node/llhttp 9 reject it, others drop Content-Length.",
    reference: "RFC 9112 §6.1 (MUST NOT send both), §6.3 item 3",
    causes: malformed(0.85),
  },
  {
    code: "PD2021",
    name: "ContentLengthRepeated",
    severity: "error",
    summary: "Content-Length is sent {count} times with the same value {length}",
    detail:
      "Identical repeated Content-Length values may be merged, but Envoy (HPE_UNEXPECTED_CONTENT_LENGTH), nginx 1.23+ and Node reject the message; HAProxy, Go and curl merge them.",
    reference: "RFC 9110 §8.6 (repeated identical values MAY be merged)",
    causes: malformed(0.8),
  },
  {
    code: "PD2022",
    name: "ContentLengthConflict",
    severity: "error",
    summary: "Content-Length values disagree: {values}",
    detail:
      "Different Content-Length values make the body length unknowable; a recipient must treat the message as invalid. Every strict peer rejects it, and Chrome fails with ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH.",
    reference: "RFC 9112 §6.3 item 5 (invalid Content-Length: unrecoverable error)",
    causes: malformed(0.9),
  },
  {
    code: "PD2023",
    name: "ContentLengthInvalid",
    severity: "error",
    summary: "Content-Length {value} is not a decimal length",
    detail:
      "Content-Length must be one or more digits. Signs, hex, spaces or an empty value are parsed differently by each peer (a known smuggling source); strict peers reject the message.",
    reference: "RFC 9110 §8.6 (Content-Length = 1*DIGIT), RFC 9112 §6.3 item 5",
    causes: malformed(0.85),
  },
  {
    code: "PD2024",
    name: "BodyShorterThanDeclared",
    severity: "error",
    summary: "The body ends {missing} bytes short of Content-Length {length}",
    detail:
      "The connection closed before the declared body was complete. Clients report it as a cut transfer (curl 18, ERR_CONTENT_LENGTH_MISMATCH); a proxy passes the cut on as a reset (Envoy HPE_INVALID_EOF_STATE, nginx `upstream prematurely closed connection`).",
    reference: "RFC 9112 §8 (incomplete messages)",
    causes: truncated(0.85),
  },
  {
    code: "PD2025",
    name: "BytesAfterMessage",
    severity: "error",
    summary: "{length} bytes follow the end of message {message} and start no new message",
    detail:
      "More bytes arrived than the framing declared, usually because Content-Length is too small. Peers deliver a short body and then either drop the connection (Envoy, nginx `upstream sent more data than specified`) or log stray bytes on an idle connection (Go).",
    reference: "RFC 9112 §6.3 (message body length), §9.3 (pipelining)",
    causes: malformed(0.6),
  },
  {
    code: "PD2026",
    name: "ChunkedBodyWithoutLastChunk",
    severity: "error",
    summary: "The chunked body ends without its last (zero-size) chunk",
    detail:
      "A chunked body is complete only with `0` CRLF and the final CRLF. Without it the message is truncated: curl reports exit 18, Chrome ERR_INCOMPLETE_CHUNKED_ENCODING, proxies reset the downstream stream.",
    reference: "RFC 9112 §7.1 (last-chunk), §8 (incomplete messages)",
    causes: truncated(0.85),
  },
  {
    code: "PD2027",
    name: "ChunkSizeInvalid",
    severity: "error",
    summary: "Invalid chunk size line {line} at byte {offset}",
    detail:
      "A chunk size is one or more hex digits, optionally followed by extensions. Anything else ends the framing: Envoy and Node report HPE_INVALID_CHUNK_SIZE, nginx `upstream sent invalid chunked response`, curl exit 56.",
    reference: "RFC 9112 §7.1 (chunk-size = 1*HEXDIG)",
    causes: [...malformed(0.6), ...truncated(0.4)],
  },
  {
    code: "PD2028",
    name: "ChunkDataNotTerminated",
    severity: "error",
    summary: "Chunk data is not followed by CRLF at byte {offset}",
    detail:
      "Each chunk's data ends with CRLF. Its absence usually means the chunk size does not match the data written; strict parsers stop here and lenient ones guess.",
    reference: "RFC 9112 §7.1 (chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF)",
    causes: malformed(0.7),
  },
  {
    code: "PD2029",
    name: "StatusCodeInvalid",
    severity: "error",
    summary: "Status code {status} is not three digits",
    detail:
      "The status code is exactly three digits. Envoy (FAILED_CONVERTING_STATUS_CODE_TO_INT / HPE_INVALID_STATUS), Go and Node reject the response; nginx relays the whole byte stream as an HTTP/0.9 200.",
    reference: "RFC 9112 §4 (status-code = 3DIGIT), RFC 9110 §15",
    causes: malformed(0.8),
  },
  {
    code: "PD2030",
    name: "ReasonPhraseMissing",
    severity: "info",
    summary: "Status line {line} has no reason phrase",
    detail:
      "The reason phrase is optional, though the space after the status code is required by the grammar. Every peer we know accepts `HTTP/1.1 200` without it.",
    reference: "RFC 9112 §4 (reason-phrase is optional)",
    causes: malformed(-0.2),
  },
  {
    code: "PD2031",
    name: "ReasonPhraseInvalidBytes",
    severity: "warning",
    summary: "The reason phrase has the byte {byte} at byte {offset}",
    detail:
      "A reason phrase may hold tab, space, visible characters and obs-text; control bytes make strict parsers stop.",
    reference: "RFC 9112 §4 (reason-phrase characters)",
    causes: malformed(0.5),
  },
  {
    code: "PD2032",
    name: "Http09Response",
    severity: "error",
    summary: "The reply has no status line; it starts with {sample}",
    detail:
      "Without `HTTP/x.y NNN` the reply is HTTP/0.9 or not HTTP/1 at all: often TLS, an HTTP/2 preface or another protocol on the port. Envoy rejects it (HPE_INVALID_CONSTANT), curl refuses HTTP/0.9, nginx relays it as a 200.",
    reference: "RFC 9112 §2.1, §4 (status-line); RFC 9113 §3 (HTTP/2 preface)",
    causes: mismatch(0.7),
  },
  {
    code: "PD2033",
    name: "Http10Response",
    severity: "info",
    summary: "The peer answers with {version}",
    detail:
      "An HTTP/1.0 reply closes the connection after each response and has no chunked coding, so bodies are close-delimited. Every peer accepts it; it explains lost keep-alive and, with Transfer-Encoding, a framing mismatch.",
    reference: "RFC 9112 §2.3, §6.3 (HTTP/1.0 framing), §9.3",
    causes: mismatch(0.2),
  },
  {
    code: "PD2034",
    name: "ContentLengthOnNoBodyStatus",
    severity: "error",
    summary: "A {status} response carries Content-Length {length}",
    detail:
      "1xx and 204 responses have no content and must not send Content-Length. Envoy refuses them (`content length not allowed in 1xx or 204`); other peers ignore the header.",
    reference: "RFC 9110 §8.6 (no Content-Length in 1xx or 204)",
    causes: malformed(0.75),
  },
  {
    code: "PD2035",
    name: "TransferEncodingOnNoBodyStatus",
    severity: "error",
    summary: "A {status} response carries Transfer-Encoding {value}",
    detail:
      "A server must not send Transfer-Encoding in 1xx or 204 responses. Envoy refuses them (`transfer encoding not allowed in 1xx or 204`).",
    reference: "RFC 9112 §6.1 (no Transfer-Encoding in 1xx or 204)",
    causes: malformed(0.75),
  },
  {
    code: "PD2036",
    name: "BodyAfterBodilessResponse",
    severity: "warning",
    summary: "{length} bytes of body follow a {status} response that cannot have one",
    detail:
      "Responses to HEAD and 1xx, 204 and 304 responses end with their header section. Bytes after it are read as the start of the next response, so peers drop the connection or log stray data.",
    reference: "RFC 9112 §6.3 item 1 (no body for HEAD, 1xx, 204, 304)",
    causes: malformed(0.5),
  },
  {
    code: "PD2037",
    name: "InformationalResponse",
    severity: "info",
    summary: "A {status} informational response precedes the final response",
    detail:
      "1xx responses (100 Continue, 102, 103 Early Hints) come before the final response. Clients skip them, proxies swallow or forward them depending on settings (Envoy forwards 100 only with proxy_100_continue, nginx forwards 103 from 1.29).",
    reference: "RFC 9110 §15.2 (informational 1xx)",
    causes: malformed(-0.1),
  },
  {
    code: "PD2038",
    name: "HopByHopHeaderBreaksHttp2",
    severity: "warning",
    summary: "Connection-specific field {name} must not reach an HTTP/2 peer",
    detail:
      "Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding, Upgrade and TE other than `trailers` are meaningless in HTTP/2. A proxy that converts this HTTP/1 message to HTTP/2 and forwards the field makes nghttp2-based clients (curl, Node) and Safari reset the stream with PROTOCOL_ERROR. Envoy strips them; nginx appears to forward Proxy-Connection.",
    reference: "RFC 9113 §8.2.2 (connection-specific fields), RFC 9110 §7.6.1",
    causes: mismatch(0.4),
  },
  {
    code: "PD2039",
    name: "ConnectionListsHeader",
    severity: "info",
    summary: "Connection lists {name}, so the next hop removes that field",
    detail:
      "Fields named in Connection are hop-by-hop: each proxy must drop them before forwarding. When an application lists an end-to-end field there, it silently disappears behind the first proxy.",
    reference: "RFC 9110 §7.6.1 (Connection options)",
    causes: malformed(0.3),
  },
  {
    code: "PD2040",
    name: "TooManyHeaderFields",
    severity: "warning",
    summary: "{count} header fields, over the limit of {limits}",
    detail:
      "Proxies cap the number of header fields: Envoy 100 (max_headers_count), HAProxy 101 lines including the start line. Over the cap the message is refused (Envoy `headers count exceeds limit`, 502 UPE for responses).",
    reference: "RFC 9110 §5.4 (field limits are implementation-defined), Envoy max_headers_count",
    causes: tooLarge(0.85),
  },
  {
    code: "PD2041",
    name: "HeaderSectionTooLarge",
    severity: "warning",
    summary: "The header section is {bytes} bytes, over the limit of {limits}",
    detail:
      "Header sections larger than a peer's buffer are refused: nginx `upstream sent too big header` above proxy_buffer_size (4 KiB or 8 KiB), HAProxy above tune.bufsize (16 KiB), Node above 16 KiB, Envoy above 80 KiB for responses and 60 KiB for requests.",
    reference: "RFC 9110 §5.4 (field limits), nginx proxy_buffer_size, Envoy max_response_headers_kb",
    causes: tooLarge(0.85),
  },
  {
    code: "PD2042",
    name: "UnderscoreInHeaderName",
    severity: "info",
    summary: "Field name {name} contains an underscore",
    detail:
      "Underscores are valid in names, but nginx drops such request headers by default (underscores_in_headers off) and Envoy can be set to reject or drop them (headers_with_underscores_action), because CGI maps `-` and `_` to the same variable.",
    reference: "RFC 9110 §5.1 (tchar includes `_`), nginx underscores_in_headers",
    causes: malformed(0.3),
  },
  {
    code: "PD2043",
    name: "RequestLineInvalid",
    severity: "error",
    summary: "Request line {line} does not follow `method SP target SP HTTP-version`",
    detail:
      "A request line with extra whitespace, no version (an HTTP/0.9 request) or a method that is not a token is refused with 400 by strict servers and parsed differently by lenient ones.",
    reference: "RFC 9112 §3 (request-line), §3.1 (method)",
    causes: malformed(0.7),
  },
  {
    code: "PD2044",
    name: "HttpVersionInvalid",
    severity: "error",
    summary: "The version {version} is not HTTP/1.x",
    detail:
      "The version in an HTTP/1 start line is case-sensitive `HTTP/` followed by two digits; HTTP/2.0 in text form means the peer speaks another protocol or is confused. Strict peers reject it (HPE_INVALID_VERSION).",
    reference: "RFC 9112 §2.3 (HTTP-version)",
    causes: mismatch(0.5),
  },
  {
    code: "PD2045",
    name: "HeaderSectionCut",
    severity: "error",
    summary: "The bytes end inside the header section after {bytes} bytes",
    detail:
      "The header section never reached its empty line: the peer closed the connection mid-head. Proxies answer 502 or 503 (`upstream prematurely closed connection while reading response header`, Envoy HPE_INVALID_EOF_STATE).",
    reference: "RFC 9112 §8 (incomplete messages)",
    causes: truncated(0.7),
  },
  {
    code: "PD2046",
    name: "ChunkExtension",
    severity: "info",
    summary: "Chunk at byte {offset} carries the extension {value}",
    detail:
      "Chunk extensions are valid but rare and ignored by most peers; Node limits their size (16 KiB) and some peers reject a bare CR inside them.",
    reference: "RFC 9112 §7.1.1 (chunk extensions)",
    causes: malformed(0.1),
  },
  {
    code: "PD2047",
    name: "SpaceAfterChunkSize",
    severity: "warning",
    summary: "Whitespace follows the chunk size at byte {offset}",
    detail:
      "The grammar allows whitespace only before a chunk extension. Strict Node/llhttp rejects `5 ` CRLF (HPE_INVALID_CHUNK_SIZE) unless the insecure parser is on.",
    reference: "RFC 9112 §7.1, §7.1.1 (BWS only before `;`)",
    causes: malformed(0.5),
  },
  {
    code: "PD2048",
    name: "MultipleHostHeaders",
    severity: "error",
    summary: "The request carries {count} Host fields",
    detail:
      "A server must answer 400 to a request with more than one Host field; proxies that pick different ones route differently.",
    reference: "RFC 9112 §3.2 (more than one Host: 400)",
    causes: malformed(0.7),
  },
  {
    code: "PD2049",
    name: "RequestWithoutHost",
    severity: "error",
    summary: "The {version} request has no Host field",
    detail: "An HTTP/1.1 request without Host must be answered with 400 Bad Request; virtual hosting cannot route it.",
    reference: "RFC 9112 §3.2 (Host is required in HTTP/1.1)",
    causes: malformed(0.6),
  },
  {
    code: "PD2050",
    name: "DataAfterConnectionClose",
    severity: "warning",
    summary: "{length} bytes follow a message that announced `Connection: close`",
    detail:
      "After `Connection: close` the sender must stop. Node reports HPE_CLOSED_CONNECTION (`Data after Connection: close`) and proxies discard the bytes.",
    reference: "RFC 9112 §9.6 (tear-down: no further messages after close)",
    causes: malformed(0.5),
  },
  {
    code: "PD2051",
    name: "StatusLineWhitespace",
    severity: "warning",
    summary: "Status line {line} has extra or missing whitespace",
    detail:
      "The status line is version, one space, three digits, one space and the reason. Extra spaces or tabs there are parsed differently by lenient peers and refused by strict ones.",
    reference: "RFC 9112 §4 (status-line = HTTP-version SP status-code SP [ reason-phrase ])",
    causes: malformed(0.5),
  },
  {
    code: "PD2052",
    name: "EmptyLineBeforeStatusLine",
    severity: "warning",
    summary: "An empty line precedes the status line at byte {offset}",
    detail:
      "Servers may ignore empty lines before a request line, but a response must start with its status line. A stray CRLF is usually the end of a previous body whose Content-Length was two bytes short.",
    reference: "RFC 9112 §2.2 (empty lines before a request line only)",
    causes: malformed(0.5),
  },
]);
