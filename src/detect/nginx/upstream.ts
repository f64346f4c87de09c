import type { NginxErrorLine } from "../../model/observations/nginx.ts";
import { type ErrorSignature, on, signatureDetector } from "./signature.ts";

const READING_HEADER = /reading response header from upstream/;
const READING_BODY = /^reading upstream$/;
const CONNECTING = /connecting to upstream|SSL handshaking to upstream/;
const SENDING = /sending request to upstream/;
/** A WebSocket or other upgraded connection that nginx relays both ways. */
const UPGRADED = /proxying upgraded connection/;

function quoted(pattern: RegExp) {
  return (line: NginxErrorLine) => {
    const m = pattern.exec(line.message);
    const header = m?.[1] ?? m?.[2];
    return m ? { header: header ? `: ${header}` : "" } : undefined;
  };
}

/** Only for nginx itself: Kong and ingress-nginx keep pools of upstream connections by default. */
function plainNginx(match: ErrorSignature["match"]): ErrorSignature["match"] {
  return (line) => (line.flavour === "nginx" ? match(line) : undefined);
}

/** A line cut before its `while …` still says it was connecting when the failing call is connect(). */
function actionOf(line: NginxErrorLine): string {
  if (line.action !== undefined) return line.action;
  return line.cut && /^connect\(\)/.test(line.message) ? "connecting to upstream" : "";
}

function errnoWhile(errnos: readonly number[], action: RegExp) {
  return (line: NginxErrorLine) =>
    line.errno !== undefined && errnos.includes(line.errno) && action.test(actionOf(line)) ? {} : undefined;
}

const RESPONSE_SIGNATURES: readonly ErrorSignature[] = [
  { code: "PD1406", match: on(/^upstream sent too big header/) },
  { code: "PD1438", match: plainNginx(on(/upstream prematurely closed connection/, READING_HEADER)) },
  { code: "PD1407", match: on(/upstream prematurely closed (?:connection|stream)/, READING_HEADER) },
  { code: "PD1408", match: on(/upstream prematurely closed (?:connection|stream)/, READING_BODY) },
  {
    code: "PD1409",
    match: quoted(
      /^upstream sent (?:duplicate header line: ("[^"]*")|("Content-Length" and "Transfer-Encoding") headers at the same time)/,
    ),
  },
  {
    code: "PD1410",
    match: quoted(
      /^upstream sent (?:invalid header(?:: (".*"))?|invalid "Content-Length" header|unknown "Transfer-Encoding")/,
    ),
  },
  { code: "PD1411", match: on(/^upstream sent invalid chunked response/) },
  { code: "PD1412", match: on(/^upstream sent more data than specified in "Content-Length"/) },
  { code: "PD1421", match: on(/^upstream sent no valid HTTP\/1\.0 header/) },
  { code: "PD1435", match: tooLargeHttp2Frame },
];

/**
 * nginx's gRPC/HTTP/2 proxy read a frame length it cannot take. A length whose three bytes are
 * printable text is the start of something else read as a frame: "HTT" is an HTTP/1 status line.
 */
function tooLargeHttp2Frame(line: NginxErrorLine) {
  const m = /^upstream sent too large http2 frame: (\d+)/.exec(line.message);
  if (!m) return undefined;
  const length = Number(m[1]);
  const bytes = [(length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
  const printable = length < 2 ** 24 && bytes.every((b) => b >= 0x20 && b < 0x7f);
  return { length, asText: printable ? `"${String.fromCharCode(...bytes)}"` : "not text" };
}

const CONNECTION_SIGNATURES: readonly ErrorSignature[] = [
  { code: "PD1413", match: errnoWhile([111], CONNECTING) },
  // ENOENT on connect: the upstream is a unix socket whose file is not there.
  { code: "PD1446", match: errnoWhile([2], CONNECTING) },
  { code: "PD1422", match: errnoWhile([113, 101, 99], CONNECTING) },
  { code: "PD1415", match: on(/^upstream timed out/, CONNECTING) },
  { code: "PD1436", match: on(/^upstream timed out/, UPGRADED) },
  { code: "PD1414", match: on(/^upstream timed out/, /reading|sending/) },
  { code: "PD1416", match: on(/^no live upstreams/) },
  { code: "PD1417", match: errnoWhile([104], READING_HEADER) },
  { code: "PD1434", match: errnoWhile([104], READING_BODY) },
  { code: "PD1426", match: errnoWhile([32, 104], SENDING) },
];

export const nginxUpstreamResponseDetector = signatureDetector(
  "nginx.upstream-response",
  "what nginx found wrong with an upstream's response: size, early close, bad or duplicate headers, framing",
  RESPONSE_SIGNATURES,
);

export const nginxUpstreamConnectionDetector = signatureDetector(
  "nginx.upstream-connection",
  "how nginx's connection to an upstream failed: refused, unreachable, timed out, reset, none alive",
  CONNECTION_SIGNATURES,
);

/** An upstream on the pod's own loopback: `http://127.0.0.1:1234/`, `localhost:8080`, `[::1]:9000`. */
const LOOPBACK_UPSTREAM = /^(?:[a-z]+:\/\/)?(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(?::\d{1,5})?(?:\/|$)/;

function loopbackRefused(line: NginxErrorLine) {
  return errnoWhile([111], CONNECTING)(line) && LOOPBACK_UPSTREAM.test(line.upstream ?? "") ? {} : undefined;
}

/**
 * A refusal on loopback, read once more: there the upstream may be a sidecar's local listener
 * (Consul Connect's upstreams, Dapr) that was not up yet or had already stopped.
 */
export const nginxLoopbackRefusedDetector = signatureDetector(
  "nginx.loopback-refused",
  "nginx refused on a loopback upstream, where a sidecar's local listener may be missing",
  [{ code: "PD1447", match: loopbackRefused }],
);
