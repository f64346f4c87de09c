import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { ProxyAccessSummary, ProxyFailure } from "../../model/observations/proxies.ts";
import { mutate } from "../curl/testing.ts";
import { readEvidence } from "../read-evidence.ts";
import { PROXIES_LINE_READERS } from "./index.ts";

async function read(text: string, pieces = 1): Promise<Observation[]> {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces) || 1;
  const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const source = { id: "proxy.log", open: () => Readable.from(chunks) };
  return (await readEvidence([source], { lineReaders: PROXIES_LINE_READERS, fileReaders: [] })).observations;
}

const fixture = (name: string, file: string): string =>
  readFileSync(new URL(`../../../test/fixtures/proxies/${name}/${file}`, import.meta.url), "utf8");

function failures(observations: Observation[]): ProxyFailure[] {
  return observations.filter((o): o is ProxyFailure => o.type === "proxy.failure");
}

const brief = (f: ProxyFailure) => [f.proxy, f.kind, f.status, f.upstream];

/** One line of each kind each reader takes, from the fixtures (real Caddy and Apache lines). */
const SAMPLES = [
  fixture("caddy-reset-real", "caddy.log"),
  fixture("apache-status-line-failures-real", "error.log"),
  fixture("traefik-v2-caused-by", "traefik.log"),
  fixture("traefik-v3-zerolog", "traefik.log"),
  fixture("linkerd-timeouts", "linkerd-proxy.log"),
  fixture("traefik-access", "access.log"),
  fixture("cloudflared-origin-failures", "cloudflared.log"),
  fixture("platform-routers", "router.log"),
  fixture("yarp-forwarder", "yarp.log"),
  fixture("iis-arr-forwarder", "u_ex261207.log"),
  fixture("varnishlog-reused-backend-eof", "varnishlog.txt"),
]
  .join("\n")
  .split("\n")
  .filter((line) => line !== "");

describe("varnishlog", () => {
  test("a fetch error on an open backend connection is that backend's, reused or new", async () => {
    const found = failures(await read(fixture("varnishlog-reused-backend-eof", "varnishlog.txt")));
    expect(found.map(brief)).toEqual([["varnish", "closed", 503, "10.0.8.183:8000"]]);
    expect(found[0]?.message).toBe("HTC eof (-1) (backend api01, reused connection)");
    expect(failures(await read(fixture("varnishlog-near-miss", "varnishlog.txt")))).toEqual([]);
  });
});

describe("Traefik", () => {
  test("v2 `caused by` lines say what failed and the status Traefik answered", async () => {
    const found = failures(await read(fixture("traefik-v2-caused-by", "traefik.log"))).map(brief);
    expect(found).toEqual([
      ["traefik", "refused", 502, "10.42.0.17:8080"],
      ["traefik", "refused", 502, "10.42.0.17:8080"],
      ["traefik", "closed", 502, undefined],
      ["traefik", "reset", 502, "10.42.0.18:8080"],
      ["traefik", "header-timeout", 504, undefined],
      ["traefik", "tls-certificate", 500, undefined],
      ["traefik", "client-gone", 499, undefined],
    ]);
  });

  test("v3 zerolog console and JSON lines carry the error as a field", async () => {
    const found = failures(await read(fixture("traefik-v3-zerolog", "traefik.log"))).map(brief);
    expect(found).toEqual([
      ["traefik", "tls-mismatch", 500, undefined],
      ["traefik", "unreachable", 502, "10.0.3.9:9000"],
      ["traefik", "connect-timeout", 504, "10.0.3.11:9000"],
    ]);
  });

  test("access lines are counted by status and grouped by backend, within bounds", async () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) =>
        `10.0.0.1 - - [02/May/2024:09:14:05 +0000] "GET /x/${i} HTTP/1.1" 502 11 "-" "curl/8" ${i} "r@docker" "http://10.0.${i >> 8}.${i & 255}:80" 2ms`,
    );
    const [summary] = (await read(lines.join("\n"))) as ProxyAccessSummary[];
    expect(summary?.lines).toBe(3000);
    expect(summary?.byStatus).toEqual({ 502: 3000 });
    expect(summary?.groups.length).toBe(64);
    expect(summary?.ungrouped).toBe(3000 - 64);
    expect(summary?.groups[0]?.examples.length).toBe(1);
  });
});

describe("Caddy", () => {
  test("the error log gives the status; the upstream comes from the debug roundtrip line", async () => {
    const found = failures(await read(fixture("caddy-reset-real", "caddy.log")));
    expect(found.map(brief)).toEqual([["caddy", "reset", 502, "127.0.0.1:19002"]]);
    expect(found[0]?.correlation).toMatchObject({ authority: "localhost:18080", path: "/reset" });
    const eof = failures(await read(fixture("caddy-eof-real", "caddy.log")));
    expect(eof.map(brief)).toEqual([["caddy", "closed", 502, "127.0.0.1:19006"]]);
  });

  test("a body cut after the headers, and health checks, are their own failures", async () => {
    expect(failures(await read(fixture("caddy-midbody-real", "caddy.log"))).map(brief)).toEqual([
      ["caddy", "body-cut", undefined, "127.0.0.1:19007"],
    ]);
    const kinds = failures(await read(fixture("caddy-no-upstreams-real", "caddy.log"))).map((f) => f.kind);
    expect(new Set(kinds)).toEqual(new Set(["marked-unhealthy", "no-healthy-upstream"]));
  });
});

describe("Apache httpd", () => {
  test("status-line failures are told apart by their APR status; repeated lines give nothing", async () => {
    const found = failures(await read(fixture("apache-status-line-failures-real", "error.log")));
    expect(found.map(brief)).toEqual([
      ["apache", "reset", 502, "127.0.0.1:19002"],
      ["apache", "header-timeout", 502, "127.0.0.1:19003"],
      ["apache", "closed", 502, "127.0.0.1:19006"],
    ]);
    expect(found.map((f) => [f.messageId, f.errno])).toEqual([
      ["AH01102", 104],
      ["AH01102", 70007],
      ["AH01102", 20014],
    ]);
  });

  test("one TLS failure reported by mod_ssl and mod_proxy is one observation", async () => {
    expect(failures(await read(fixture("apache-x509-real", "error.log"))).map(brief)).toEqual([
      ["apache", "tls-certificate", 500, "127.0.0.1:19008"],
    ]);
    expect(failures(await read(fixture("apache-tls-to-plaintext-real", "error.log"))).map(brief)).toEqual([
      ["apache", "tls-mismatch", 500, undefined],
    ]);
  });

  test("lines quoted without their date are read", async () => {
    const line =
      "[proxy:error] [pid 12:tid 34] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 (localhost:8080) failed";
    expect(failures(await read(line)).map(brief)).toEqual([["apache", "refused", 503, "127.0.0.1:8080"]]);
  });

  test("lines whose pid, thread and client were replaced by placeholders are read", async () => {
    const line =
      "[Tue Jan 23 12:38:51.050529 2018] [proxy_http:error] [pid <pid>:tid <tid>] (20014)Internal error (specific information not available): [client <IP address>] AH01102: error reading status line from remote server <hostname>";
    expect(failures(await read(line)).map(brief)).toEqual([["apache", "closed", 502, "<hostname>"]]);
  });
});

describe("Linkerd", () => {
  test("request failures, connects, fail-fast and closed connections", async () => {
    const text = [
      fixture("linkerd-inbound-refused", "linkerd-proxy.log"),
      fixture("linkerd-failfast", "linkerd-proxy.log"),
      fixture("linkerd-detect-and-direct", "linkerd-proxy.log"),
    ].join("\n");
    expect(failures(await read(text)).map(brief)).toEqual([
      ["linkerd", "refused", 502, "localhost:8080"],
      ["linkerd", "refused", undefined, "127.0.0.1:8080"],
      ["linkerd", "fail-fast", 503, "orders.shop:80"],
      ["linkerd", "fail-fast", 503, "10.0.3.18:80"],
      ["linkerd", "protocol-detection-timeout", undefined, "localhost:3306"],
      ["linkerd", "unauthenticated-direct", undefined, "localhost:4143"],
      ["linkerd", "client-gone", undefined, "localhost:8080"],
    ]);
  });

  test("a failed connection to a port Linkerd makes opaque by default is read as detection on a non-HTTP port", async () => {
    const opaque = failures(await read(fixture("linkerd-opaque-port", "linkerd-proxy.log"))).map(brief);
    expect(opaque).toEqual([
      ["linkerd", "opaque-port-detected", undefined, "172.16.6.101:6379"],
      ["linkerd", "opaque-port-detected", undefined, "172.16.6.101:6379"],
    ]);
    const other = failures(await read(fixture("linkerd-opaque-port-near-miss", "linkerd-proxy.log"))).map(brief);
    expect(other.map(([, kind]) => kind)).toEqual(["request-body-failed", "request-body-failed"]);
  });
});

describe("Node proxies (http-proxy-middleware, Vite)", () => {
  test("read the failed request, the upstream and the socket error in each wording", async () => {
    const text = [
      "[HPM] Error occurred while trying to proxy request /api/x from localhost:3000 to http://127.0.0.1:8080 (ECONNRESET) (https://nodejs.org/api/errors.html#errors_common_system_errors)",
      "[HPM] Error occurred while proxying request localhost:4200/api/y to http://localhost:3000/ [ETIMEDOUT] (https://nodejs.org/api/errors.html#errors_common_system_errors)",
      "10:41:07 AM [vite] http proxy error at /api/z:",
      "Error: connect ECONNREFUSED ::1:5000",
      "[HPM] Error occurred while proxying request localhost/api to http://x/ [EWHATEVER] (docs)",
      "10:41:09 AM [vite] http proxy error: /api/w Error: connect ETIMEDOUT 10.0.0.9:5000",
    ].join("\n");
    const failures = (await read(text)).filter((o) => o.type === "proxy.failure");
    expect(failures.map((f) => [f.kind, f.upstream, f.correlation?.path, f.status, f.ref.line])).toEqual([
      ["reset", "http://127.0.0.1:8080", "/api/x", 504, 1],
      ["connect-timeout", "http://localhost:3000/", "localhost:4200/api/y", 504, 2],
      ["refused", "::1:5000", "/api/z", 500, 3],
      ["connect-timeout", "10.0.0.9:5000", "/api/w", 500, 6],
    ]);
  });
});

describe("cloudflared", () => {
  test("reads the origin's Go error; an EOF from an origin whose scheme and port disagree is a TLS mismatch", async () => {
    const failures = (await read(fixture("cloudflared-origin-failures", "cloudflared.log"))).filter(
      (o) => o.type === "proxy.failure",
    );
    expect(failures.map((f) => [f.kind, f.upstream, f.correlation?.authority, f.status, f.ref.line])).toEqual([
      ["tls-mismatch", "http://homeassistant:443", undefined, 502, 1],
      ["refused", "http://localhost:8080", "app.example.com", 502, 2],
      ["closed", "https://app:8443", "app.example.com", 502, 3],
    ]);
  });
});

describe("platform routers (Heroku, Fly.io, Vercel)", () => {
  test("read the router's code as what failed, with the status, dyno, host and path it gives", async () => {
    const failures = (await read(fixture("platform-routers", "router.log"))).filter((o) => o.type === "proxy.failure");
    expect(failures.map((f) => [f.proxy, f.kind, f.status, f.upstream, f.correlation?.path, f.ref.line])).toEqual([
      ["heroku-router", "header-timeout", 503, "web.1", "/reports/annual", 1],
      ["heroku-router", "closed", 503, "web.2", "/api/orders", 2],
      ["heroku-router", "refused", undefined, undefined, undefined, 3],
      ["fly-proxy", "refused", 502, undefined, undefined, 4],
    ]);
  });

  test("a status field that is not an HTTP status is left out", async () => {
    const line =
      'heroku[router]: at=error code=H13 desc="Connection closed without response" dyno=web.2 status=03 bytes=0';
    const [failure] = (await read(line)).filter((o) => o.type === "proxy.failure");
    expect(failure).toMatchObject({ kind: "closed" });
    expect(failure && "status" in failure).toBe(false);
  });

  test("leave info lines, codes that name no failure on the path, and app lines alone", async () => {
    const failures = (await read(fixture("platform-routers-near-miss", "router.log"))).filter(
      (o) => o.type === "proxy.failure",
    );
    expect(failures).toEqual([]);
  });
});

describe("IIS (ARR and the ASP.NET Core Module)", () => {
  test("reads 502.3 by its win32 error and 502.4 as an empty farm; other statuses give nothing", async () => {
    const found = (await read(fixture("iis-arr-forwarder", "u_ex261207.log"))).filter(
      (o) => o.type === "proxy.failure",
    );
    expect(found.map((f) => [f.kind, f.status, f.message, f.correlation?.path, f.ref.line])).toEqual([
      ["header-timeout", 502, "502.3 (win32 12002)", "/api/reports/run", 3],
      ["refused", 502, "502.3 (win32 12029)", "/api/health", 4],
      ["no-healthy-upstream", 502, "502.4 (win32 0)", "/api/orders", 5],
    ]);
    const none = (await read(fixture("iis-near-miss", "u_ex261207.log"))).filter((o) => o.type === "proxy.failure");
    expect(none).toEqual([]);
  });
});

describe("YARP", () => {
  test("reads the forwarder's timeout and the load balancer's empty cluster", async () => {
    const failures = (await read(fixture("yarp-forwarder", "yarp.log"))).filter((o) => o.type === "proxy.failure");
    expect(failures.map((f) => [f.kind, f.status, f.upstream, f.ref.line])).toEqual([
      ["header-timeout", 504, undefined, 2],
      ["no-healthy-upstream", 503, "orders", 14],
    ]);
  });
});

describe("every proxy reader", () => {
  test("leaves other software's lines alone", async () => {
    const others = [
      '2023/07/27 11:28:56 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://10.0.0.2:80/"',
      '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /api/a HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      'Get "http://10.0.0.5:8080/": dial tcp 10.0.0.5:8080: connect: connection refused',
      '{"level":"error","ts":1,"logger":"controller","msg":"dial tcp 10.0.0.5:8080: connect: connection refused"}',
      "[Mon Dec 07 15:52:34.680878 2026] [mpm_event:notice] [pid 27021:tid 27021] AH00489: Apache/2.4.71 configured",
      "[     0.004918s]  INFO ThreadId(01) linkerd2_proxy: Admin interface on 0.0.0.0:4191",
    ];
    expect(await read(others.join("\n"))).toEqual([]);
  });

  test.prop([fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 7 })], { numRuns: 200 })(
    "random text never throws and gives the same whole or in pieces",
    async (text, pieces) => {
      expect(await read(text, pieces)).toEqual(await read(text));
    },
  );

  test.prop(
    [
      fc.constantFrom(...SAMPLES),
      fc.array(fc.tuple(fc.nat({ max: 600 }), fc.nat({ max: 2 }), fc.string({ maxLength: 4 })), { maxLength: 10 }),
      fc.integer({ min: 1, max: 5 }),
    ],
    { numRuns: 300 },
  )(
    "mutated lines never throw, give the same whole or in pieces, and keep statuses in range",
    async (sample, edits, pieces) => {
      const text = mutate(sample, edits);
      const whole = await read(text);
      expect(await read(text, pieces)).toEqual(whole);
      for (const f of failures(whole)) {
        if (f.status !== undefined) expect(f.status).toBeGreaterThanOrEqual(100);
        expect(f.message.length).toBeLessThanOrEqual(301);
      }
    },
  );

  test("long hostile lines are read quickly", async () => {
    const lines = [
      `time="x" level=debug msg="'502 Bad Gateway' caused by: ${"dial tcp ".repeat(50_000)}"`,
      `[proxy:error] [pid 1:tid 2] (111)x: AH00957: ${"(".repeat(200_000)}`,
      `WARN ${"linkerd_x: ".repeat(40_000)} error=${"ThreadId(1) ".repeat(10_000)}`,
      `{"logger":"http.log.error","msg":"${"x509: ".repeat(20_000)}"}`,
      `2024-01-01T00:00:00Z DBG a > 502 Bad Gateway ${"error=".repeat(100_000)}`,
    ];
    const started = performance.now();
    await read(lines.join("\n"));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
