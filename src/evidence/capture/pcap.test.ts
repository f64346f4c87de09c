import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { FileReadResult } from "../reader.ts";
import { pcapReader } from "./pcap.ts";

const ROOT = new URL("../../../test/fixtures/pcap/", import.meta.url).pathname;
const captures = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(ROOT, entry.name))
      .filter((name) => /\.pcap(?:ng)?$/.test(name))
      .map((name) => join(entry.name, name)),
  );

async function read(path: string, byPath: boolean): Promise<{ observations: Observation[]; result: FileReadResult }> {
  const bytes = readFileSync(path);
  const observations: Observation[] = [];
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 999) yield bytes.subarray(i, i + 999);
  }
  const result = await pcapReader.read(chunks(), {
    source: "capture",
    emit: (o) => observations.push(o),
    ...(byPath ? { file: { path, size: statSync(path).size } } : {}),
  });
  return { observations, result };
}

describe("captures as diagnose evidence", () => {
  test.each(captures)("%s reads the same by path as from the chunks", async (name) => {
    const path = join(ROOT, name);
    const fromChunks = await read(path, false);
    const byPath = await read(path, true);
    expect(byPath.observations).toEqual(fromChunks.observations);
    expect(byPath.result).toEqual({ ...fromChunks.result, bytes: statSync(path).size });
  });

  test("there are captures to compare", () => {
    expect(captures.length).toBeGreaterThan(10);
  });
});
