import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { FileReaderFactory } from "../reader.ts";
import { createAccessFileReader, envoyAccessFileReader, looksLikeAccessLog } from "./access-file-reader.ts";
import { envoyAccessReader } from "./access-reader.ts";
import { type OtherLineRecord, summariseFile } from "./summarise.ts";
import { readPieces } from "./testing.ts";

function accessLine(i: number): string {
  const status =
    i % 17 === 0 ? "503 UC upstream_reset_before_response_started{connection_termination}" : "200 - via_upstream";
  return `[2026-01-02T03:04:${String(i % 60).padStart(2, "0")}.000Z] "GET /item/${i} HTTP/1.1" ${status} - "-" 0 95 3 - "-" "curl/8.5.0" "rid-${i}" "items:8080" "10.0.0.${i % 7}:8080" outbound|8080||items.shop.svc.cluster.local 10.1.9.9:1 10.96.0.10:8080 10.1.9.9:2 - default`;
}

const DEBUG_LINE = "2023-03-31T06:40:27.096222Z debug envoy client [C27090] disconnect. resetting 1 pending requests";

async function viaFileReader(bytes: Buffer, path?: string, reader = envoyAccessFileReader): Promise<Observation[]> {
  const observations: Observation[] = [];
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 7000) yield bytes.subarray(i, i + 7000);
  }
  await reader.read(chunks(), {
    source: "test.log",
    emit: (o) => observations.push(o),
    ...(path ? { file: { path, size: bytes.length } } : {}),
  });
  return observations;
}

describe("large access logs read from bytes", () => {
  const lines = Array.from({ length: 400 }, (_, i) => accessLine(i));

  test("are recognised from the first bytes only when nearly every line is an access record", () => {
    expect(looksLikeAccessLog(Buffer.from(`${lines.join("\n")}\n`))).toBe(true);
    const mixed = lines.flatMap((l, i) => (i % 5 === 0 ? [l, DEBUG_LINE] : [l]));
    expect(looksLikeAccessLog(Buffer.from(`${mixed.join("\n")}\n`))).toBe(false);
    expect(looksLikeAccessLog(Buffer.from(`${lines.slice(0, 10).join("\n")}\n`))).toBe(false);
  });

  test("give the same observations as the line reader, and pass other lines to the debug reader", async () => {
    const text = `${[...lines.slice(0, 200), DEBUG_LINE, ...lines.slice(200)].join("\n")}\n`;
    const fromBytes = await viaFileReader(Buffer.from(text));
    const byLine = (await readPieces(envoyAccessReader, [Buffer.from(text)])).observations;
    const access = fromBytes.filter((o) => o.type.startsWith("envoy.access"));
    expect(access).toEqual(byLine.map((o) => ({ ...o, ref: { ...o.ref, source: "test.log" } })));
    expect(fromBytes.filter((o) => o.type === "envoy.connection-event")).toHaveLength(1);
  });
});

describe("large access-log files read by path", () => {
  const dir = mkdtempSync(join(tmpdir(), "proxydoc-access-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Over 8 MiB, so the file is really split; debug lines spread through every range.
  const lines = Array.from({ length: 36_000 }, (_, i) =>
    i % 1200 === 600 ? DEBUG_LINE.replace("C27090", `C${i}`) : accessLine(i),
  );
  const path = join(dir, "access.log");
  writeFileSync(path, `${lines.join("\n")}\n`);
  const bytes = readFileSync(path);

  const split: FileReaderFactory = createAccessFileReader({ parallelFrom: 0, workers: 3 });
  const inThread: FileReaderFactory = createAccessFileReader({ parallelFrom: Number.POSITIVE_INFINITY });

  test("give the observations the chunks give, in worker threads or in the calling thread", async () => {
    expect(bytes.length).toBeGreaterThan(8 << 20);
    const fromChunks = await viaFileReader(bytes);
    expect(fromChunks.filter((o) => o.type === "envoy.connection-event")).toHaveLength(30);
    expect(await viaFileReader(bytes, path, split)).toEqual(fromChunks);
    expect(await viaFileReader(bytes, path, inThread)).toEqual(fromChunks);
  });

  test("a range with more other lines than a worker passes back is read again, nothing lost or reordered", async () => {
    const met = async (keptOthers?: number): Promise<OtherLineRecord[]> => {
      const seen: OtherLineRecord[] = [];
      const other = (text: string, line: number, byte: number) => seen.push([text, line, byte]);
      await summariseFile(path, { workers: 3, other, ...(keptOthers !== undefined ? { keptOthers } : {}) });
      return seen;
    };
    const expected = lines.flatMap((text, i) =>
      text.startsWith("20") ? [[text, i + 1, bytes.indexOf(`${text}\n`)] as OtherLineRecord] : [],
    );
    expect(expected).toHaveLength(30);
    expect(await met()).toEqual(expected);
    expect(await met(3)).toEqual(expected);
  });
});
