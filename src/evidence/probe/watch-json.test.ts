import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import { watchJsonReader } from "./watch-json.ts";

async function read(bytes: Uint8Array): Promise<Observation[]> {
  const found: Observation[] = [];
  async function* chunks() {
    yield Buffer.from(bytes);
  }
  await watchJsonReader.read(chunks(), { source: "w.json", emit: (o) => found.push(o) });
  return found;
}

describe("watch report reader", () => {
  test.prop([fc.uint8Array({ maxLength: 500 })])("never throws on random bytes", async (bytes) => {
    await expect(read(bytes)).resolves.toBeDefined();
  });

  test.prop([fc.anything()])("never throws on any JSON with the schema", async (value) => {
    const text = JSON.stringify({ schema: "proxydoc.watch/v1", targets: [value], mode: value });
    const found = await read(Buffer.from(text));
    for (const o of found) expect(o.type).toBe("probe.watch-target");
  });

  test("sniffs only its own schema", () => {
    expect(watchJsonReader.sniff(Buffer.from('{ "schema": "proxydoc.watch/v1" }'), "x")).toBe(true);
    expect(watchJsonReader.sniff(Buffer.from('{ "schema": "proxydoc.diagnose/v1" }'), "x")).toBe(false);
  });
});
