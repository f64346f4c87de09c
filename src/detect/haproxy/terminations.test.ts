import { describe, expect, test } from "vitest";
import type { HaproxyTimers } from "../../model/observations/haproxy.ts";
import { terminationCode } from "./terminations.ts";

const WAITING: HaproxyTimers = { request: 0, queue: 0, connect: 1, response: -1, total: 30003 };

function code(termination: string, status: number, timers: Partial<HaproxyTimers> = {}, server = "s1") {
  return terminationCode({ termination, status, server, timers: { ...WAITING, ...timers } });
}

describe("HAProxy answering 500 itself", () => {
  test.each([
    ["PR--", 500, "<NOSRV>", "PD1468"],
    ["PR--", 500, "s1", "PD1468"],
    ["IR--", 500, "<NOSRV>", "PD1468"],
    ["PH--", 500, "s1", "PD1468"],
    ["PH--", 502, "s1", "PD1459"],
    ["PR--", 400, "<NOSRV>", undefined],
    ["PR--", 403, "<NOSRV>", undefined],
    ["----", 500, "s1", undefined],
    ["SH--", 500, "s1", "PD1454"],
  ] as const)("%s with status %i from %s gives %s", (termination, status, server, expected) => {
    expect(code(termination, status, { total: 0 }, server)).toBe(expected);
  });
});

describe("a client-side close at a round time", () => {
  test.each([
    ["CD--", { total: 30003 }, "PD1469"],
    ["CD--", { total: 15004 }, "PD1469"],
    ["CH--", { total: 60000 }, "PD1469"],
    ["CH--", { total: 5010 }, "PD1469"],
    ["CD--", { total: 30011 }, "PD1457"],
    ["CD--", { total: 29998 }, "PD1457"],
    ["CD--", { total: 2001 }, "PD1457"],
    ["CD--", { total: 30004, response: 212 }, "PD1457"],
    ["CR--", { total: 30003 }, "PD1457"],
    ["cD--", { total: 30001 }, "PD1457"],
  ] as const)("%s with %o gives %s", (termination, timers, expected) => {
    expect(code(termination, -1, timers)).toBe(expected);
  });
});
