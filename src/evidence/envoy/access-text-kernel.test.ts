import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { compileKernel, KERNELS, renderKernelModule } from "../../../scripts/kernels.ts";
import { createTextKernel } from "./access-text-kernel.ts";
import { ChunkSummariser } from "./summarise.ts";
import { cutAt, mutate } from "./testing.ts";

function istio(i: number, status: string, flags: string, details: string, host: string, cluster: string): string {
  const second = String(i % 60).padStart(2, "0");
  return `[2026-01-02T03:0${i % 10}:${second}.678Z] "GET /api/items?i=${i} HTTP/1.1" ${status} ${flags} ${details} - "-" 0 95 ${i % 97} - "-" "curl/8.5.0" "rid-${i}" "items:8080" "${host}" ${cluster} 10.1.9.9:1 10.96.0.10:8080 10.1.9.9:2 - default`;
}

const BASE = [
  istio(1, "200", "-", "via_upstream", "10.0.0.1:8080", "outbound|8080||items.shop.svc.cluster.local"),
  istio(2, "503", "UC", "upstream_reset_before_response_started{connection_termination}", "10.0.0.2:8080", "c"),
  istio(3, "503", "UH", "no_healthy_upstream", "-", "outbound|8080||items"),
  istio(4, "0", "DC", "downstream_remote_disconnect", "10.0.0.2:8080", "c"),
  `[2026-01-02T03:04:05.000Z] "GET / HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "curl" "r" "a" "-" - - 10.0.0.1:1 -`,
  `[2026-01-02T03:04:05.000Z] "GET / HTTP/1.1" 200 - 0 11 5 4 "-" "curl" "r" "a" "10.0.0.9:80"`,
  '{"response_code":504,"response_flags":"UT","upstream_cluster":"outbound|80||s","start_time":"2026-01-02T03:02:00.000Z"}',
  "2026-01-02T03:04:05.000Z stdout F " + istio(5, "502", "UF", "x", "10.0.0.5:80", "d"),
  "not an access record",
];

function json(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

const ISTIO_JSON = {
  authority: "items:8080",
  bytes_received: 0,
  duration: 157,
  method: "GET",
  path: "/items",
  response_code: 503,
  response_code_details: "upstream_reset_before_response_started{connection_termination}",
  response_flags: "UC",
  start_time: "2026-01-02T03:04:05.678Z",
  upstream_cluster: "outbound|8080||items.shop.svc.cluster.local",
  upstream_host: "10.0.0.2:8080",
};

const JSON_LINES = [
  json(ISTIO_JSON),
  json({ ...ISTIO_JSON, response_code: 200, response_flags: "-", response_code_details: "via_upstream" }),
  json({ ...ISTIO_JSON, response_code: "504", duration: "15000", upstream_host: null }),
  json({ ...ISTIO_JSON, duration: "1e3" }),
  json({ ...ISTIO_JSON, duration: "" }),
  json({ ...ISTIO_JSON, duration: 12.5 }),
  json({ ...ISTIO_JSON, response_code: "007" }),
  json({ ...ISTIO_JSON, response_code: "2e2" }),
  json({ ...ISTIO_JSON, response_flags: 'U"C' }),
  json({ ...ISTIO_JSON, response_flags: "" }),
  json({ ...ISTIO_JSON, start_time: "2026-01-02" }),
  json({ nested: { response_code: 200 }, ...ISTIO_JSON }),
  json({ response_code: 404, response_flags: "NR" }),
  json({ response_code: 404 }),
  `{ "response_code" : 503, "response_flags": "UF" , "upstream_cluster": "c" }`,
  `{"response_code":503,"response_flags":"UF","upstream_cluster":"c","response_code":200}`,
  `{"response_code":503,"response_flags":"UF","upstream_cluster":"c","duration":5,"duration":9}`,
  `{"response_code":503,"response_flags":"UF","upstream_cluster":"c","path":"\\"response_flags\\":\\"X\\""}`,
  json({ ...ISTIO_JSON, response_code_details: "d".repeat(9000) }),
];

/** The summary a chunk reader gives, with and without the kernel. */
function bothWays(bytes: Buffer, points: readonly number[] = []) {
  const withKernel = new ChunkSummariser();
  const plain = new ChunkSummariser(0, undefined, false);
  for (const piece of cutAt(bytes, [...points])) withKernel.push(Buffer.from(piece));
  plain.push(bytes);
  return { withKernel, kernel: withKernel.end().state(), plain: plain.end().state() };
}

describe("WebAssembly text-access kernel", () => {
  test("the embedded module is what kernels/access-text.ts compiles to (run `npm run kernels` after changing it)", async () => {
    for (const kernel of KERNELS) {
      const written = readFileSync(new URL(`../../../${kernel.module}`, import.meta.url), "utf8");
      expect(written).toBe(renderKernelModule(kernel, await compileKernel(kernel)));
    }
  }, 60_000);

  test("instantiates here and reads the Istio records itself", () => {
    expect(createTextKernel()).toBeDefined();
    const { withKernel, kernel, plain } = bothWays(Buffer.from(`${BASE.join("\r\n")}\n`, "latin1"));
    expect(withKernel.kernelRecords).toBe(6);
    expect(kernel).toEqual(plain);
    expect(kernel.records).toBe(8);
  });

  test("reads JSON records whose keys it can place, and leaves the rest to JavaScript", () => {
    const { withKernel, kernel, plain } = bothWays(Buffer.from(`${JSON_LINES.join("\n")}\n`, "latin1"));
    expect(kernel).toEqual(plain);
    expect(kernel.records).toBe(18);
    expect(withKernel.kernelRecords).toBeGreaterThanOrEqual(10);
    expect(withKernel.kernelRecords).toBeLessThan(17);
  });

  test.prop(
    [
      fc.array(
        fc.array(
          fc.record({
            at: fc.nat(),
            op: fc.nat(),
            text: fc.stringMatching(/^[ "[\]{}:,\\0-9a-z\r\u00e9-]{0,4}$/),
          }),
          { maxLength: 5 },
        ),
        { maxLength: BASE.length + JSON_LINES.length },
      ),
      fc.array(fc.nat(), { maxLength: 8 }),
    ],
    { numRuns: Number(process.env.KERNEL_RUNS ?? 100) },
  )("gives the summary the JavaScript reader gives, for mutated lines cut anywhere", (edits, points) => {
    const lines = [...BASE, ...JSON_LINES];
    const text = lines.map((l, i) => mutate(l, edits[i] ?? [])).join("\n");
    const { kernel, plain } = bothWays(Buffer.from(text, "latin1"), points);
    expect(kernel).toEqual(plain);
  });

  test.prop([fc.uint8Array({ maxLength: 4000 }), fc.array(fc.nat(), { maxLength: 6 })])(
    "agrees on random bytes",
    (bytes, points) => {
      const { kernel, plain } = bothWays(Buffer.from(bytes), points);
      expect(kernel).toEqual(plain);
    },
  );

  test("more lines than one scan has rows for, and more keys than its tables hold", () => {
    const lines: string[] = [];
    for (let i = 0; i < 70_000; i++)
      lines.push(istio(i, "503", "UF", "x", `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}:80`, "c"));
    for (let i = 0; i < 20_000; i++) lines.push("");
    lines.push(istio(1, "200", "-", "via_upstream", "10.0.0.1:8080", "c"));
    const { withKernel, kernel, plain } = bothWays(Buffer.from(`${lines.join("\n")}\n`, "latin1"));
    expect(kernel).toEqual(plain);
    expect(kernel.records).toBe(70_001);
    expect(withKernel.kernelRecords).toBeGreaterThan(60_000);
    expect(withKernel.kernelRecords).toBeLessThan(70_001);
  });
});
