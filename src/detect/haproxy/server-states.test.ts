import { describe, expect, test } from "vitest";
import type { Finding } from "../../model/finding.ts";
import type { HaproxyNoServer, HaproxyServerState } from "../../model/observations/haproxy.ts";
import { downCode, haproxyNoServer, haproxyServerDown } from "./server-states.ts";

let line = 0;
function state(fields: Partial<HaproxyServerState>): HaproxyServerState {
  line++;
  return {
    type: "haproxy.server-state",
    ref: { source: "h", line },
    backend: "be",
    server: "s1",
    backup: false,
    state: "down",
    ...fields,
  };
}

function run(states: readonly HaproxyServerState[]): Finding[] {
  const findings: Finding[] = [];
  haproxyServerDown.all?.(states, (f) => findings.push(f));
  return findings;
}

describe("HAProxy servers going DOWN", () => {
  test.each([
    [{ reason: "Layer7 wrong status", code: 401 }, "PD1461"],
    [{ reason: "Layer7 timeout" }, "PD1461"],
    [{}, "PD1461"],
    [{ reason: "Layer4 connection problem", info: "Connection refused" }, "PD1462"],
    [{ reason: "Layer4 connection problem" }, "PD1462"],
    [{ reason: "Layer4 connection problem", info: "No route to host" }, "PD1463"],
    [{ reason: "Layer4 timeout" }, "PD1463"],
    [{ reason: "Layer6 invalid response", info: "SSL handshake failure" }, "PD1464"],
    [{ reason: "Layer6 timeout" }, "PD1464"],
    [{ reason: "Layer4 connection problem", activeLeft: 1, backupLeft: 0 }, "PD1465"],
    [{ reason: "Layer7 wrong status", activeLeft: 0, backupLeft: 1 }, "PD1465"],
  ] as const)("%o gives %s", (fields, code) => {
    expect(downCode(fields)).toBe(code);
  });

  test("a DOWN without a reason takes the reason of the server's last failed check", () => {
    const [finding] = run([
      state({
        state: "check-failed",
        reason: "Layer4 connection problem",
        info: "Connection refused",
        checkState: "UP",
      }),
      state({ state: "check-failed", reason: "Layer4 timeout", checkState: "UP", server: "other" }),
      state({ state: "down", activeLeft: 0, backupLeft: 0 }),
    ]);
    expect(finding).toMatchObject({ code: "PD1462", subject: "be/s1" });
    expect(finding?.vars.check).toBe('Layer4 connection problem, "Connection refused"');
  });

  test("repeated DOWN lines of one server merge, and a later UP is told", () => {
    const findings = run([
      state({ reason: "Layer7 wrong status", code: 503 }),
      state({ reason: "Layer7 wrong status", code: 503 }),
      state({ state: "up", reason: "Layer7 check passed" }),
    ]);
    expect(findings.map((f) => [f.code, f.vars.count, f.vars.after])).toEqual([
      ["PD1461", 2, "(it came back UP later)"],
    ]);
  });

  test("failed checks that leave the server UP, and UP messages, say nothing", () => {
    expect(
      run([state({ state: "check-failed", reason: "Layer7 wrong status", checkState: "UP" }), state({ state: "up" })]),
    ).toEqual([]);
  });
});

describe("HAProxy backends without servers", () => {
  test("are told once per backend, with whether a server came back", () => {
    const alert = (backend: string, at: number): HaproxyNoServer => ({
      type: "haproxy.no-server",
      ref: { source: "h", line: at },
      proxyType: "backend",
      backend,
    });
    const findings: Finding[] = [];
    haproxyNoServer.all?.(
      [
        alert("a", 1),
        alert("a", 2),
        alert("b", 3),
        { ...state({ state: "up", backend: "b" }), ref: { source: "h", line: 4 } },
      ],
      (f) => findings.push(f),
    );
    expect(findings.map((f) => [f.subject, f.evidence.length, f.vars.after])).toEqual([
      ["a", 2, "(none came back UP in this log)"],
      ["b", 1, "(a server came back UP later)"],
    ]);
  });
});
