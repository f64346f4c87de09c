import type { NginxErrorLine } from "../../model/observations/nginx.ts";
import { type ErrorSignature, on, signatureDetector } from "./signature.ts";

const TLS_REASON =
  /wrong version number|packet length too long|handshake failure|unrecognized name|unknown ca|bad certificate|certificate required|unsupported protocol|no protocols available|internal error|peer closed connection in SSL handshake/i;

function tlsHandshake(line: NginxErrorLine) {
  if (!/SSL handshaking to upstream/.test(line.action ?? "")) return undefined;
  if (!/SSL_do_handshake\(\) failed|peer closed connection in SSL handshake/.test(line.message)) return undefined;
  return { reason: TLS_REASON.exec(line.message)?.[0] ?? "see the quoted line" };
}

function bodyTooLarge(line: NginxErrorLine) {
  const m = /^client intended to send too large (?:chunked )?body(?:: (\d+) bytes)?/.exec(line.message);
  return m ? { bytes: m[1] !== undefined ? Number(m[1]) : undefined, status: 413 } : undefined;
}

function http2Upstream(line: NginxErrorLine) {
  const m =
    /^upstream (rejected request with error \d+|sent goaway with error \d+|prematurely closed stream|sent frame for closed stream \d+)/.exec(
      line.message,
    );
  return m ? { detail: m[1] } : undefined;
}

function unhealthyTarget(line: NginxErrorLine) {
  const m =
    /unhealthy (?:TCP|HTTP|TIMEOUT) increment \((\d+)\/(\d+)\) for '([^']+)'/.exec(line.message) ??
    /target status '([^']+)' from 'true' to 'false'/.exec(line.message);
  if (!m) return undefined;
  const reached = m.length === 4 ? m[1] === m[2] : true;
  return reached ? { target: (m.length === 4 ? m[3] : m[1]) as string } : undefined;
}

function workerConnections(line: NginxErrorLine) {
  const m = /^(\d+) worker_connections are not enough/.exec(line.message);
  return m ? { limit: Number(m[1]) } : undefined;
}

const SIGNATURES: readonly ErrorSignature[] = [
  {
    code: "PD1430",
    match: on(
      /^client sent too (?:large|long) header|^client exceeded http2_max_(?:field|header)_size limit|^client sent too large request|^client sent too large header field/,
    ),
  },
  { code: "PD1431", match: http2Upstream },
  { code: "PD1419", match: tlsHandshake },
  { code: "PD1420", match: on(/upstream SSL certificate (?:verify error|does not match)/) },
  { code: "PD1423", match: on(/failure to get a peer from the ring-balancer/) },
  { code: "PD1424", match: on(/DNS resolution failed|name resolution failed/) },
  { code: "PD1432", match: unhealthyTarget },
  { code: "PD1418", match: bodyTooLarge },
  { code: "PD1437", match: on(/^broken header: /, /reading PROXY protocol/) },
  { code: "PD1439", match: on(/^limiting (?:connections|requests)(?:, dry run,)? by zone "/) },
  { code: "PD1441", match: workerConnections },
  {
    code: "PD1425",
    match: (line) =>
      /client prematurely closed (?:connection|stream)|client canceled stream/.test(line.message)
        ? { count: 1, status: 499 }
        : undefined,
  },
];

export const nginxTlsKongClientDetector = signatureDetector(
  "nginx.tls-kong-client",
  "upstream TLS failures, Kong balancer and DNS failures, and client-side limits and aborts in nginx error logs",
  SIGNATURES,
);
