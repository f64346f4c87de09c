import type { GrpcFailure } from "../../model/observations/grpc.ts";
import { knownErrorCodeName } from "../../wire/http2/constants.ts";

type Groups = Readonly<Record<string, string | undefined>>;

/** One wording of a failure; `failure` may look at the groups and the whole error to decide. */
interface FailureWording {
  readonly failure: GrpcFailure | ((groups: Groups, text: string) => GrpcFailure);
  readonly pattern: RegExp;
}

function h2CodeName(groups: Groups): string | undefined {
  if (groups.h2Code) return groups.h2Code;
  return groups.rstNumber === undefined
    ? undefined
    : (knownErrorCodeName(Number(groups.rstNumber)) ?? groups.rstNumber);
}

function resetFailure(groups: Groups): GrpcFailure {
  const code = h2CodeName(groups);
  if (code === "PROTOCOL_ERROR") return "stream-protocol-error";
  if (code === "REFUSED_STREAM") return "stream-refused";
  return "stream-reset";
}

/** The first five bytes back tell who answered: `HTTP/` an HTTP/1 server, 0x15 or 0x16 then 0x03 a TLS record. */
function prefaceFailure(groups: Groups): GrpcFailure {
  const hex = (groups.hex ?? "").toLowerCase();
  if (hex.startsWith("48545450")) return "http1-answer";
  if (/^1[56]03/.test(hex)) return "tls-answer-to-plaintext";
  return "no-http2-handshake";
}

/** grpc-java lists the stream's state at the deadline; `waiting_for_connection` means it never got a connection. */
function deadlineFailure(_: Groups, text: string): GrpcFailure {
  return /waiting_for_connection/.test(text) ? "deadline-before-connection" : "deadline";
}

/**
 * Most specific first: the first wording found anywhere in the error (status, message, wrapped
 * exceptions, debug string) names the failure, so `failed to connect … Connection refused` is a
 * refusal and a bare `failed to connect to all addresses` only a failed connect.
 */
const GRPC_FAILURES: readonly FailureWording[] = [
  {
    failure: "message-too-large",
    pattern: /(?:Received|Sent) message larger than max \((?<size>\d+) vs\.? (?<limit>\d+)\)/,
  },
  { failure: "message-too-large", pattern: /gRPC message exceeds maximum size (?<limit>\d+): (?<size>\d+)/ },
  { failure: "message-too-large", pattern: /Frame size (?<size>\d+) exceeds maximum: (?<limit>\d+)/ },
  { failure: "message-too-large", pattern: /(?:Received|Sending) message exceeds the maximum configured message size/ },
  {
    failure: prefaceFailure,
    pattern: /First received frame was not SETTINGS\. Hex dump for first 5 bytes: (?<hex>[0-9a-fA-F]{10})/,
  },
  {
    failure: "http1-answer",
    pattern: /Response protocol downgraded to HTTP\/1\.1|Trying to connect an http1\.x server/,
  },
  {
    failure: "non-grpc-response",
    pattern:
      /(?:HTTP status code:? |Received http2 header with status: )(?<httpStatus>\d{3})(?:\s+invalid content-type: (?<contentType>[^\s,]+))?/,
  },
  { failure: "non-grpc-response", pattern: /Bad gRPC response\. Invalid content-type value: (?<contentType>[^\s";]+)/ },
  {
    failure: "plaintext-answer-to-tls",
    pattern:
      /NotSslRecordException|not an SSL\/TLS record|WRONG_VERSION_NUMBER|wrong version number|Cannot determine the frame size or a corrupted frame was received/,
  },
  {
    failure: "tls-handshake",
    pattern:
      /Ssl handshake failed|SSLHandshakeException|The SSL connection could not be established|PKIX path building failed|unable to find valid certification path|The remote certificate is invalid|CERTIFICATE_VERIFY_FAILED|certificate verify failed|self[- ]signed certificate|unable to verify the first certificate|does not match certificate's altnames|Client network socket disconnected before secure TLS connection was established|SSL_ERROR_SSL/,
  },
  {
    failure: "goaway",
    pattern:
      /(?:Connection closed after GOAWAY|Abrupt GOAWAY closed (?:sent|unsent) stream)\. HTTP\/2 error code: (?<h2Code>[A-Z_0-9]+)(?:, debug data: (?<debug>[^\n]{0,200}))?/,
  },
  {
    failure: "goaway",
    pattern: /GOAWAY received|Received a GOAWAY|HTTP\/2 error code: (?<h2Code>[A-Z_0-9]+)\s+Received Goaway/,
  },
  { failure: resetFailure, pattern: /RST_STREAM closed stream\. HTTP\/2 error code: (?<h2Code>[A-Z_0-9]+)/ },
  { failure: resetFailure, pattern: /HTTP\/2 error code: (?<h2Code>[A-Z_0-9]+)\s+Received Rst Stream/ },
  { failure: resetFailure, pattern: /Received RST_STREAM with error code (?<rstNumber>\d{1,2})\b/ },
  { failure: "stream-refused", pattern: /Stream refused by server/ },
  { failure: "stream-reset", pattern: /Stream removed|RST_STREAM closed by remote peer/ },
  {
    failure: "name-not-resolved",
    pattern:
      /DNS resolution failed|Unable to resolve host|Name resolution failed for target|No such host is known|Name or service not known|nodename nor servname provided|UnknownHostException|getaddrinfo ENOTFOUND/,
  },
  { failure: "connection-refused", pattern: /Connection refused|ECONNREFUSED|actively refused it|"errno":111\b/ },
  {
    failure: "connect-timeout",
    pattern:
      /ConnectTimeoutException|[Cc]onnection timed out|ETIMEDOUT|did not properly respond after a period of time|"errno":110\b/,
  },
  {
    failure: "connection-reset",
    pattern: /[Cc]onnection reset|ECONNRESET|forcibly closed by the remote host|"errno":104\b/,
  },
  {
    failure: "no-http2-handshake",
    pattern: /Connection closed while performing protocol negotiation|did not complete the HTTP\/2 handshake/,
  },
  {
    failure: "connection-closed",
    pattern:
      /Network closed for unknown reason|Connection dropped|Socket closed|The response ended prematurely|Broken pipe|EPIPE|"errno":32\b/,
  },
  { failure: "socket-error", pattern: /\bOS Error\b/ },
  { failure: deadlineFailure, pattern: /deadline exceeded after (?<seconds>-?[\d.]+)s/i },
  { failure: deadlineFailure, pattern: /deadline[ _]?exceeded/i },
  {
    failure: "could-not-connect",
    pattern:
      /failed to connect to all addresses|No connection established|Error connecting to subchannel|\bio exception\b|Failed to connect to remote host|Connect Failed/,
  },
];

/** Where the client was connecting, as the wordings print it (`ipv4:…`, `remote_addr=…`, `refused: host/ip:port`). */
const ADDRESS =
  /(?:ipv[46]:|remote_addr=(?:[^\s/,\]]*\/)?|(?:refused|timed out): (?:[^\s/]*\/)?)(?<address>\[?[\w.:-]{1,100}?\]?:\d{1,5})\b/i;

interface Classified {
  readonly failure: GrpcFailure;
  readonly fields: Record<string, string>;
}

/** The failure an error's text names, with the values its wording carries; undefined when none does. */
export function classify(text: string): Classified | undefined {
  for (const wording of GRPC_FAILURES) {
    const match = wording.pattern.exec(text);
    if (!match) continue;
    const groups: Groups = match.groups ?? {};
    const failure = typeof wording.failure === "string" ? wording.failure : wording.failure(groups, text);
    const fields: Record<string, string> = { reason: match[0].slice(0, 200) };
    for (const [key, value] of Object.entries(groups)) if (value !== undefined) fields[key] = value;
    const h2Code = h2CodeName(groups);
    if (h2Code) fields.h2Code = h2Code;
    const address = ADDRESS.exec(text)?.groups?.address;
    if (address) fields.address = address;
    return { failure, fields };
  }
  return undefined;
}
