import { describe, expect, test } from "vitest";
import type { Observation } from "../../model/observation.ts";
import { envoyAccessFileReader, looksLikeAccessLog } from "./access-file-reader.ts";
import { envoyAccessReader } from "./access-reader.ts";
import { readPieces } from "./testing.ts";

function accessLine(i: number): string {
  const status =
    i % 17 === 0 ? "503 UC upstream_reset_before_response_started{connection_termination}" : "200 - via_upstream";
  return `[2026-01-02T03:04:${String(i % 60).padStart(2, "0")}.000Z] "GET /item/${i} HTTP/1.1" ${status} - "-" 0 95 3 - "-" "curl/8.5.0" "rid-${i}" "items:8080" "10.0.0.${i % 7}:8080" outbound|8080||items.shop.svc.cluster.local 10.1.9.9:1 10.96.0.10:8080 10.1.9.9:2 - default`;
}

const DEBUG_LINE = "2023-03-31T06:40:27.096222Z debug envoy client [C27090] disconnect. resetting 1 pending requests";

async function viaFileReader(bytes: Buffer): Promise<Observation[]> {
  const observations: Observation[] = [];
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 7000) yield bytes.subarray(i, i + 7000);
  }
  await envoyAccessFileReader.read(chunks(), { source: "test.log", emit: (o) => observations.push(o) });
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
