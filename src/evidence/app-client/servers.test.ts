import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseAppServerLine } from "./servers.ts";

describe("Python application servers' lines", () => {
  test("a uWSGI block size made of an HTTP method's letters is plain HTTP on the uwsgi socket", () => {
    for (const [size, kind] of [
      [21573, "http-to-uwsgi"],
      [21327, "http-to-uwsgi"],
      [16709, "http-to-uwsgi"],
      [5292, "uwsgi-buffer-too-small"],
      [8193, "uwsgi-buffer-too-small"],
    ] as const) {
      expect(parseAppServerLine(`invalid request block size: ${size} (max 4096)...skip`)?.kind, String(size)).toBe(
        kind,
      );
    }
  });

  test("Home Assistant's refusal of an untrusted proxy names the proxy, an IPv6 or a pasted placeholder too", () => {
    for (const [address, proxy] of [
      ["10.42.0.17", "10.42.0.17"],
      ["fd00::17", "fd00::17"],
      ["<IP>", "<IP>"],
    ] as const) {
      const line = `ERROR (MainThread) [homeassistant.components.http.forwarded] A request from a reverse proxy was received from ${address}, but your HTTP integration is not set-up for reverse proxies`;
      expect(parseAppServerLine(line)).toMatchObject({ kind: "proxy-not-allowed", fields: { proxy } });
    }
  });

  test("gunicorn's worker timeout and uvicorn's refusals name the server and what they give", () => {
    expect(parseAppServerLine("[2026-03-02 10:14:22 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:54)")).toEqual({
      server: "gunicorn",
      kind: "worker-timeout",
      fields: { pid: "54" },
    });
    expect(parseAppServerLine("h11._util.RemoteProtocolError: Found multiple Host: headers")?.fields.error).toBe(
      "Found multiple Host: headers",
    );
    expect(parseAppServerLine("INFO:     Uvicorn running on http://0.0.0.0:8000")).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 })])(
    "never throws on text around the wordings",
    (before, after) => {
      for (const core of ["[CRITICAL] WORKER TIMEOUT (pid:", "invalid request block size: ", "RemoteProtocolError: "]) {
        expect(() => parseAppServerLine(`${before}${core}${after}`)).not.toThrow();
      }
    },
  );
});
