#!/usr/bin/env node
// Writes a deterministic application log of the kinds people point `diagnose` at: Java/Spring,
// Python, Go (zap and logfmt), Node (JSON) service logs, nearly all lines of no format proxydoc
// knows, with one in 2,000 a client error it does read. The same seed gives the same bytes.
//
//   node bench/app-log/generate.mjs --size 100M --out bench/out/app-log/app-100m.log [--seed 7]
import { createWriteStream } from "node:fs";

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i], process.argv[i + 1]);
const sizeArg = args.get("--size") ?? "100M";
const unit = { K: 1e3, M: 1e6, G: 1e9 }[sizeArg.slice(-1).toUpperCase()] ?? 1;
const target = Math.round(Number.parseFloat(sizeArg) * unit);
const out = args.get("--out");
if (!out || !(target > 0)) {
  process.stderr.write("usage: generate.mjs --size 100M --out FILE [--seed N]\n");
  process.exit(2);
}

// sfc32: small, fast and the same on every platform.
let [a, b, c, d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, Number(args.get("--seed") ?? 7) >>> 0];
function random() {
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  return (t >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (n) => Math.floor(random() * n);

const services = ["orders", "payments", "catalog", "search", "users", "cart", "shipping", "inventory"];
const paths = ["/api/v1/orders", "/api/v1/users", "/api/v2/catalog/items", "/healthz", "/api/v1/cart", "/graphql"];
const javaClasses = [
  "c.e.orders.OrderService",
  "o.s.web.servlet.DispatcherServlet",
  "c.e.payments.LedgerClient",
  "o.h.engine.jdbc.spi.SqlExceptionHelper",
  "c.z.h.pool.HikariPool",
];
const messages = [
  "order processed",
  "cache refreshed",
  "user session renewed",
  "batch committed",
  "scheduled job finished",
  "feature flag evaluated",
  "payment authorised",
  "inventory reserved",
];
const clientErrors = [
  'Get "http://payments.default.svc.cluster.local:8080/api/v1/ledger": dial tcp 10.96.12.7:8080: connect: connection refused',
  "java.net.SocketTimeoutException: Read timed out",
  "Error: socket hang up",
  "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
];

let ms = Date.UTC(2026, 2, 11, 8, 0, 0);
function stamp() {
  ms += int(3);
  return new Date(ms).toISOString();
}
function line(n) {
  const ts = stamp();
  const svc = pick(services);
  if (n % 2000 === 1999) return `${ts} ERROR [${svc}] request failed: ${pick(clientErrors)}`;
  switch (int(6)) {
    case 0:
      return `${ts.replace("T", " ").slice(0, 23)}  INFO ${1000 + int(9000)} --- [nio-8080-exec-${1 + int(20)}] ${pick(javaClasses)} : ${pick(messages)} id=${int(1e6)} in ${int(400)} ms`;
    case 1:
      return `${ts.slice(0, 19).replace("T", " ")},${String(int(1000)).padStart(3, "0")} INFO ${svc}.worker: ${pick(messages)} (task ${int(1e5)}, attempt 1)`;
    case 2:
      return `{"level":"info","ts":${(ms / 1000).toFixed(3)},"caller":"server/handler.go:${10 + int(300)}","msg":"${pick(messages)}","service":"${svc}","path":"${pick(paths)}","status":${pick([200, 200, 200, 201, 204, 304])},"latency":"${int(90)}.${int(1000)}ms"}`;
    case 3:
      return `time="${ts}" level=info msg="${pick(messages)}" service=${svc} user_id=${int(1e6)} duration_ms=${int(500)}`;
    case 4:
      return `{"@timestamp":"${ts}","log.level":"INFO","message":"GET ${pick(paths)}/${int(1e5)} 200 ${int(80)}ms","service.name":"${svc}","trace.id":"${int(2 ** 31).toString(16)}${int(2 ** 31).toString(16)}"}`;
    default:
      return `${ts} DEBUG [${svc}] ${pick(messages)} key=${svc}:${int(1e6)} hit=${random() < 0.8} size=${int(65536)}`;
  }
}

const stream = createWriteStream(out);
let written = 0;
let n = 0;
function write() {
  let ok = true;
  while (written < target && ok) {
    let chunk = "";
    for (let i = 0; i < 512 && written + chunk.length < target; i++) chunk += `${line(n++)}\n`;
    written += chunk.length;
    ok = stream.write(chunk);
  }
  if (written < target) stream.once("drain", write);
  else stream.end();
}
write();
