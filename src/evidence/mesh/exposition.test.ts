import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseExpositionLine, parseValue } from "./exposition.ts";

describe("parseExpositionLine", () => {
  test("reads HELP and TYPE lines", () => {
    expect(parseExpositionLine("# HELP pilot_eds_no_instances Number of clusters without instances.")).toEqual({
      kind: "help",
      name: "pilot_eds_no_instances",
      text: "Number of clusters without instances.",
    });
    expect(parseExpositionLine("# TYPE pilot_xds_push_time histogram")).toEqual({
      kind: "type",
      name: "pilot_xds_push_time",
      type: "histogram",
    });
    expect(parseExpositionLine("# TYPE x notatype")).toBeUndefined();
    expect(parseExpositionLine("# just a comment")).toEqual({ kind: "comment" });
  });

  test("reads labels with escapes, special values and timestamps", () => {
    expect(parseExpositionLine('m{a="x\\"y",b="c\\\\d",n="1\\n2"} NaN')).toMatchObject({
      kind: "sample",
      name: "m",
      labels: { a: 'x"y', b: "c\\d", n: "1\n2" },
    });
    const inf = parseExpositionLine('pilot_x{le="+Inf"} +Inf 1700000000000');
    expect(inf).toEqual({
      kind: "sample",
      name: "pilot_x",
      labels: { le: "+Inf" },
      value: Number.POSITIVE_INFINITY,
      timestamp: 1700000000000,
    });
    expect(parseExpositionLine("go_memstats 1.5e+08")).toMatchObject({ value: 150_000_000 });
    expect(parseExpositionLine('trailing_comma{a="1",} -Inf')).toMatchObject({
      labels: { a: "1" },
      value: Number.NEGATIVE_INFINITY,
    });
  });

  test("refuses what is not exposition text", () => {
    for (const line of [
      "1 192.168.0.1 (192.168.0.1) 0.5 ms",
      'm{a="unterminated} 1',
      "m{a=1} 1",
      "m 12abc",
      'm{a="x"}1',
      "m 1 2 3",
      "64 bytes from 10.0.0.1: icmp_seq=1",
    ]) {
      expect(parseExpositionLine(line), line).toBeUndefined();
    }
  });

  test("parseValue follows Go's float syntax", () => {
    expect(parseValue("nan")).toBeNaN();
    expect(parseValue("-0.5")).toBe(-0.5);
    expect(parseValue(".5")).toBe(0.5);
    expect(parseValue("1e3")).toBe(1000);
    expect(parseValue("0x10")).toBeUndefined();
    expect(parseValue("")).toBeUndefined();
  });

  const labelValue = fc.string({ maxLength: 20 });
  test.prop([fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), labelValue, { maxKeys: 5 }), fc.double()])(
    "label values survive escaping and parsing",
    (labels, value) => {
      const escaped = Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
        .join(",");
      const rendered = Number.isNaN(value)
        ? "NaN"
        : value === Infinity
          ? "+Inf"
          : value === -Infinity
            ? "-Inf"
            : String(value);
      const parsed = parseExpositionLine(`metric_name{${escaped}} ${rendered}`);
      expect(parsed).toMatchObject({ kind: "sample", labels });
      if (parsed?.kind === "sample") expect(Object.is(parsed.value, value) || parsed.value === value).toBe(true);
    },
  );

  test.prop([fc.string({ maxLength: 300 })])("never throws on arbitrary text", (text) => {
    parseExpositionLine(text);
  });
});
