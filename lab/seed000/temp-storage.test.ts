import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { type NginxLab, nginxLabUnavailable, startNginxLab } from "./nginx-lab.ts";

const unavailable = nginxLabUnavailable();

interface ProbeDoc {
  exchanges: {
    response?: { status?: number; bodyBytes: number; declaredLength?: number; complete: boolean };
    reset?: { code: string };
  }[];
  findings: { code: string }[];
}

describe.skipIf(unavailable !== null)(
  `seed 000: nginx cannot write proxy_temp${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let lab: NginxLab;
    beforeAll(async () => {
      lab = await startNginxLab();
    });
    afterAll(() => lab?.stop());

    const probe = async (url: string, ...args: string[]) => {
      const run = await runCli(["probe", url, "--format", "json", "--timeout", "20", "--idle-timeout", "5", ...args]);
      return { code: run.code, doc: JSON.parse(run.stdout) as ProbeDoc, raw: run.stdout };
    };

    test("over HTTP/1.1 the 200 arrives with a body shorter than its Content-Length", async () => {
      const { doc, raw } = await probe(`http://127.0.0.1:${lab.h1Port}/assets/monaco-editor.js`);
      const response = doc.exchanges[0]?.response;
      expect(response?.status).toBe(200);
      expect(response?.declaredLength).toBe(lab.bodyBytes);
      expect(response?.bodyBytes).toBeLessThan(lab.bodyBytes);
      expect(response?.complete).toBe(false);
      expect(doc.findings.map((f) => f.code)).toContain("PD4010");
      const log = readFileSync(lab.errorLog, "utf8");
      expect(log).toMatch(/\[crit\].*proxy_temp.*\(13: Permission denied\) while reading upstream/);
      writeFileSync(join(lab.prefix, "probe-h1.json"), raw);
    });

    test.each(["tls", "h2c"] as const)(
      "over HTTP/2 (%s) the 200 is cut by RST_STREAM INTERNAL_ERROR, as curl's exit 92",
      async (kind) => {
        const url =
          kind === "tls"
            ? `https://127.0.0.1:${lab.tlsPort}/assets/monaco-editor.js`
            : `http://127.0.0.1:${lab.h2cPort}/assets/monaco-editor.js`;
        const { doc } = await probe(url, ...(kind === "tls" ? ["-k"] : ["--h2c"]));
        expect(doc.exchanges[0]?.response?.status).toBe(200);
        expect(doc.exchanges[0]?.reset?.code).toBe("INTERNAL_ERROR");
        expect(doc.findings.map((f) => f.code)).toContain("PD4012");
      },
    );

    test("diagnose on the probe output and nginx's error log names proxy.temp-storage-failure first", async () => {
      const run = await runCli(["diagnose", join(lab.prefix, "probe-h1.json"), lab.errorLog, "--format", "json"]);
      const report = JSON.parse(run.stdout) as { causes: { id: string }[] };
      expect(report.causes[0]?.id).toBe("proxy.temp-storage-failure");
    });

    test("after fixing the directory owner the same probes are clean", async () => {
      lab.fixTempOwner();
      const targets: [string, ...string[]][] = [
        [`http://127.0.0.1:${lab.h1Port}/assets/monaco-editor.js`],
        [`https://127.0.0.1:${lab.tlsPort}/assets/monaco-editor.js`, "-k"],
        [`http://127.0.0.1:${lab.h2cPort}/assets/monaco-editor.js`, "--h2c"],
      ];
      for (const [url, ...args] of targets) {
        const { doc, code } = await probe(url, ...args);
        expect(doc.exchanges[0]?.response).toMatchObject({ status: 200, bodyBytes: lab.bodyBytes, complete: true });
        expect(doc.findings).toEqual([]);
        expect(code).toBe(0);
      }
    });
  },
);
