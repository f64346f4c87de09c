import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Finding } from "../model/finding.ts";
import { lineSeconds, rhythmFindings, steadyInterval } from "./rhythm.ts";

const at = (excerpt: string, line = 1, source = "client.log") => ({ source, line, excerpt });

function finding(code: Finding["code"], excerpts: readonly string[], source = "client.log"): Finding {
  return { code, subject: "signal", vars: {}, evidence: excerpts.map((e, i) => at(e, i + 1, source)) };
}

describe("a line's own time", () => {
  test.each([
    ["2023-06-17T00:27:25+02:00 WARN signal/client/grpc.go:170: disconnected", Date.UTC(2023, 5, 17, 0, 27, 25) / 1000],
    ["[2023-05-04 11:37:42,136] [DEBUG] x", Date.UTC(2023, 4, 4, 11, 37, 42) / 1000 + 0.136],
    ["2017/08/23 22:27:43 [error] 6#0: *110 upstream timed out", Date.UTC(2017, 7, 23, 22, 27, 43) / 1000],
    ['10.0.0.1 - - [17/Jun/2023:00:27:25 +0000] "GET / HTTP/1.1" 502', Date.UTC(2023, 5, 17, 0, 27, 25) / 1000],
    ["E0617 00:27:25.500000 1 x.go:1] boom", Date.UTC(2000, 5, 17, 0, 27, 25) / 1000 + 0.5],
    ["Jun 17 00:27:25 host app[1]: reset", Date.UTC(2000, 5, 17, 0, 27, 25) / 1000],
  ])("%s", (excerpt, seconds) => {
    expect(lineSeconds(at(excerpt))).toBeCloseTo(seconds, 3);
  });

  test("no time, or one that cannot be, gives none", () => {
    expect(lineSeconds(at("read ECONNRESET"))).toBeUndefined();
    expect(lineSeconds(at("2023-13-40T25:61:00Z reset"))).toBeUndefined();
    expect(lineSeconds({ source: "x" })).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 200 })])("never throws on any text", (excerpt) => {
    const seconds = lineSeconds(at(excerpt));
    expect(seconds === undefined || Number.isFinite(seconds)).toBe(true);
  });
});

describe("a steady interval", () => {
  test("gaps that keep to their median within a few seconds or a tenth", () => {
    expect(steadyInterval([0, 60, 121, 182])).toBe(61);
    expect(steadyInterval([0, 240, 480, 730])).toBe(240);
  });

  test("too few, too short, too uneven or too far apart is none", () => {
    expect(steadyInterval([0, 60])).toBeUndefined();
    expect(steadyInterval([0, 10, 20, 30])).toBeUndefined();
    expect(steadyInterval([0, 60, 75, 200])).toBeUndefined();
    expect(steadyInterval([0, 3 * 3600, 6 * 3600])).toBeUndefined();
  });

  test.prop([fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 50 })])(
    "is either none or a gap within its bounds",
    (times) => {
      const every = steadyInterval(times);
      expect(every === undefined || (every >= 15 && every <= 7200)).toBe(true);
    },
  );
});

describe("failures that repeat at a steady interval", () => {
  const reset = (time: string) =>
    `${time} WARN grpc.go:170: rpc error: code = Internal desc = stream terminated by RST_STREAM with error code: PROTOCOL_ERROR`;
  const times = ["2023-06-17T00:27:25", "2023-06-17T00:28:25", "2023-06-17T00:29:26", "2023-06-17T00:30:27"];

  test("a stream reset every minute reads as a timer", () => {
    const [rhythm] = rhythmFindings([finding("PD1528", times.map(reset))]);
    expect(rhythm).toMatchObject({ code: "PD1930", vars: { failure: "PD1528", every: 61, count: 4 } });
    expect(rhythm?.evidence).toHaveLength(4);
  });

  test("refusals and reused idle connections keep a loop's or the traffic's pace and are left alone; so are uneven resets and times in different files", () => {
    expect(rhythmFindings([finding("PD1009", times.map(reset))])).toEqual([]);
    expect(rhythmFindings([finding("PD1659", times.map(reset))])).toEqual([]);
    const uneven = ["2023-06-17T00:27:25", "2023-06-17T00:28:25", "2023-06-17T00:28:40", "2023-06-17T00:33:00"];
    expect(rhythmFindings([finding("PD1528", uneven.map(reset))])).toEqual([]);
    const spread: Finding = {
      ...finding("PD1528", []),
      evidence: times.map((t, i) => at(reset(t), 1, `client-${i}.log`)),
    };
    expect(rhythmFindings([spread])).toEqual([]);
  });
});
