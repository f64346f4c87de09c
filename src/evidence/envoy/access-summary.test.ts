import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import type { EnvoyAccessSummary } from "../../model/observations/envoy.ts";
import { envoyAccessReader } from "./access-reader.ts";
import { AccessSummariser, SUMMARY_LIMITS } from "./access-summary.ts";
import { ChunkSummariser, summariseFile, summariseRange } from "./summarise.ts";
import { cutAt, mutate, readPieces } from "./testing.ts";

function line(minute: number, status: number, flags: string, details: string, host: string, cluster: string, dur = 3) {
  const mm = String(minute % 60).padStart(2, "0");
  return `[2026-01-02T03:${mm}:05.678Z] "GET /api/items HTTP/1.1" ${status} ${flags} ${details} - "-" 0 95 ${dur} - "-" "curl/8.5.0" "rid-${minute}" "items:8080" "${host}" ${cluster} 10.1.9.9:1 10.96.0.10:8080 10.1.9.9:2 - default`;
}

const LOG = [
  line(0, 200, "-", "via_upstream", "10.0.0.1:8080", "outbound|8080||items.shop.svc.cluster.local"),
  line(0, 200, "-", "via_upstream", "10.0.0.2:8080", "outbound|8080||items.shop.svc.cluster.local"),
  line(
    1,
    503,
    "UC",
    "upstream_reset_before_response_started{connection_termination}",
    "10.0.0.2:8080",
    "outbound|8080||items.shop.svc.cluster.local",
    7,
  ),
  line(
    1,
    503,
    "UpstreamConnectionTermination",
    "upstream_reset_before_response_started{connection_termination}",
    "10.0.0.2:8080",
    "outbound|8080||items.shop.svc.cluster.local",
    2,
  ),
  '{"response_code":504,"response_flags":"UT","response_code_details":"response_timeout","upstream_cluster":"outbound|80||s","upstream_host":"10.0.0.3:80","start_time":"2026-01-02T03:02:00.000Z","duration":15000}',
  "2026-01-02T03:04:05.000Z info xdsproxy connected to upstream XDS server",
].join("\n");

function summaryOf(text: string): EnvoyAccessSummary {
  const s = new AccessSummariser();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) s.addRange(lines[i] ?? "", 0, (lines[i] ?? "").length, i + 1, 0);
  const read = s.observations("t");
  if (!read) throw new Error("no summary");
  return read.summary;
}

describe("access-log summary", () => {
  test("counts by status, flag (long names folded to short), details, cluster, host and minute", () => {
    const summary = summaryOf(LOG);
    expect(summary.records).toBe(5);
    expect(summary.failed).toBe(3);
    expect(summary.byStatus).toEqual([
      { key: "200", count: 2 },
      { key: "503", count: 2 },
      { key: "504", count: 1 },
    ]);
    expect(summary.byFlag).toContainEqual({ key: "UC", count: 2 });
    expect(summary.byDetails).toContainEqual({
      key: "upstream_reset_before_response_started{connection_termination}",
      count: 2,
    });
    expect(summary.byHost[0]).toEqual({ host: "10.0.0.2:8080", total: 3, failed: 2 });
    expect(summary.timeline.map((b) => [b.start, b.total, b.failed])).toEqual([
      ["2026-01-02T03:00:00.000Z", 2, 0],
      ["2026-01-02T03:01:00.000Z", 2, 2],
      ["2026-01-02T03:02:00.000Z", 1, 1],
    ]);
    expect(summary.formats).toEqual([
      { key: "istio-text", count: 4 },
      { key: "json", count: 1 },
    ]);
  });

  test("keeps example records of failing groups, with group size and durations", async () => {
    const { observations } = await readPieces(envoyAccessReader, [Buffer.from(LOG)]);
    const uc = observations.filter((o) => o.type === "envoy.access" && o.flags.includes("UC"));
    expect(uc).toHaveLength(2);
    expect(uc[0]).toMatchObject({ groupCount: 2, groupMinDurationMs: 2, groupMaxDurationMs: 7, producer: "envoy" });
    expect(uc[0]?.ref).toMatchObject({ line: 3 });
  });

  test("folds groups beyond the cap instead of growing", () => {
    const s = new AccessSummariser();
    for (let i = 0; i < SUMMARY_LIMITS.groups + 50; i++) {
      const l = line(i, 503, "UF", "x", "h", `cluster-${i}`);
      s.addRange(l, 0, l.length, i + 1, 0);
    }
    const read = s.observations("t");
    expect(read?.summary.folded).toBe(50);
    expect(read?.summary.records).toBe(SUMMARY_LIMITS.groups + 50);
  });

  test("widens time buckets when the log spans more minutes than the cap", () => {
    const s = new AccessSummariser();
    const lines = 3000;
    for (let i = 0; i < lines; i++) {
      const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const l = `{"response_code":200,"response_flags":"-","upstream_cluster":"c","start_time":"${t}"}`;
      s.addRange(l, 0, l.length, i + 1, 0);
    }
    const summary = s.observations("t")?.summary;
    expect(summary?.bucketMinutes).toBe(4);
    expect(summary?.timeline.reduce((n, b) => n + b.total, 0)).toBe(lines);
    expect(summary?.timeline.length).toBeLessThanOrEqual(SUMMARY_LIMITS.buckets);
  });

  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throws on random bytes", async (bytes) => {
    await readPieces(envoyAccessReader, [bytes]);
    const chunks = new ChunkSummariser();
    chunks.push(Buffer.from(bytes));
    chunks.end().observations("t");
  });

  test.prop([
    fc.array(fc.array(fc.record({ at: fc.nat(), op: fc.nat(), text: fc.string({ maxLength: 4 }) }), { maxLength: 4 }), {
      maxLength: 6,
    }),
    fc.array(fc.nat(), { maxLength: 10 }),
  ])("mutated logs give the same summary whole, in random byte pieces, and line by line", async (edits, points) => {
    const base = LOG.split("\n");
    const text = base.map((l, i) => mutate(l, edits[i] ?? [])).join("\n");
    const bytes = Buffer.from(text, "latin1");
    const whole = new ChunkSummariser();
    whole.push(bytes);
    const pieces = new ChunkSummariser();
    for (const piece of cutAt(bytes, points)) pieces.push(Buffer.from(piece));
    expect(pieces.end().state()).toEqual(whole.end().state());
    const byLine = summaryOf(text);
    const byChunk = whole.summariser.observations("t")?.summary;
    expect(byChunk?.byStatus).toEqual(byLine.byStatus);
    expect(byChunk?.groups).toEqual(byLine.groups);
  });
});

describe("summarising files by ranges", () => {
  const dir = mkdtempSync(join(tmpdir(), "proxydoc-envoy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.prop([fc.array(fc.nat(), { minLength: 1, maxLength: 4 })], { numRuns: 30 })(
    "ranges split anywhere merge to the summary of the whole file",
    (points) => {
      const path = join(dir, "log");
      const text = `${[LOG, LOG, LOG].join("\n")}\n`;
      writeFileSync(path, text);
      const size = Buffer.byteLength(text);
      const cuts = [...new Set(points.map((p) => p % size))].sort((a, b) => a - b);
      const fd = openSync(path, "r");
      try {
        const whole = new AccessSummariser(true);
        whole.absorb(summariseRange(fd, 0, size));
        const merged = new AccessSummariser(true);
        let start = 0;
        for (const cut of [...cuts, size]) {
          merged.absorb(summariseRange(fd, start, cut));
          start = cut;
        }
        expect(merged.state()).toEqual(whole.state());
        expect(merged.records).toBe(15);
      } finally {
        closeSync(fd);
      }
    },
  );

  test("summariseFile reads a whole file in the calling thread", async () => {
    const path = join(dir, "log2");
    writeFileSync(path, `${LOG}\n`);
    const summary = await summariseFile(path);
    expect([...summary.codeFlagsCluster()]).toContainEqual(["503 UC outbound|8080||items.shop.svc.cluster.local", 1]);
    expect(summary.records).toBe(5);
  });
});
