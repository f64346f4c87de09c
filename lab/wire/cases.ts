import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FindingCode } from "../../src/model/finding.ts";

/** One defect case: raw response bytes that an upstream serves byte-exact. */
export interface WireCase {
  readonly name: string;
  readonly bytes: Buffer;
  /** The defect codes the case exists for (from its fixture's expect.json). */
  readonly codes: readonly FindingCode[];
  /** The request must be HEAD for the bytes to make sense. */
  readonly head: boolean;
}

const FIXTURES = new URL("../../test/fixtures/wire/", import.meta.url).pathname;

/**
 * The response cases of the wire fixture grid: the same bytes the unit fixtures check are
 * served to real peers, so predictions and observations are about identical input.
 */
export function responseCases(): WireCase[] {
  if (!existsSync(FIXTURES)) return [];
  const cases: WireCase[] = [];
  for (const name of readdirSync(FIXTURES).sort()) {
    const input = join(FIXTURES, name, "input.bin");
    const expectPath = join(FIXTURES, name, "expect.json");
    if (!existsSync(input) || !existsSync(expectPath)) continue;
    const expect = JSON.parse(readFileSync(expectPath, "utf8")) as { codes?: string[]; args?: string[] };
    const bytes = readFileSync(input);
    const start = bytes.toString("latin1", 0, 8);
    if (!start.startsWith("HTTP/") && !start.startsWith("\r\nHTTP/") && bytes[0] !== 0x16) continue;
    cases.push({
      name,
      bytes,
      codes: (expect.codes ?? []) as FindingCode[],
      head: expect.args?.includes("--head") ?? false,
    });
  }
  return cases;
}
