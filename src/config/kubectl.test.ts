import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { capturedIo } from "../../test/fixture-grid.ts";
import type { Io } from "../cli/io.ts";
import { runLint } from "../cli/lint.ts";

const RECORDED = new URL("../../test/fixtures/lint/shared/kubectl/", import.meta.url).pathname;
const bin = mkdtempSync(join(tmpdir(), "proxydoc-kubectl-"));
const calls = join(bin, "calls.log");

// A stand-in for the user's kubectl: answers `get <kind> … -o json` from recorded output and
// fails like kubectl for kinds the recorded cluster does not have.
writeFileSync(
  join(bin, "kubectl"),
  `#!/bin/sh
echo "$*" >> "${calls}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    get) shift; kind="$1"; name="$2";;
  esac
  shift
done
if [ "$kind" = "configmap" ]; then cat "${RECORDED}configmap-istio.json"; exit 0; fi
if [ -f "${RECORDED}$kind.json" ]; then cat "${RECORDED}$kind.json"; exit 0; fi
echo "error: the server doesn't have a resource type \\"$kind\\"" >&2
exit 1
`,
);
chmodSync(join(bin, "kubectl"), 0o755);

afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
});

function io(): { io: Io; out: () => string; err: () => string } {
  const captured = capturedIo("", { PATH: `${bin}:${process.env.PATH ?? ""}` });
  return { io: captured.io, out: captured.stdout, err: captured.stderr };
}

describe("lint --cluster through kubectl", () => {
  test("reads the recorded cluster and finds the broken subset and discovery address", async () => {
    const run = io();
    const code = await runLint(
      {
        inputs: [],
        cluster: true,
        context: "prod",
        namespace: "default",
        allNamespaces: false,
        format: "json",
        failOn: "warning",
      },
      run.io,
    );
    const report = JSON.parse(run.out()) as {
      schema: string;
      findings: { code: string; file: string; path: string }[];
    };
    expect(report.schema).toBe("proxydoc.lint/v1");
    const subset = report.findings.find((f) => f.code === "PD5111");
    expect(subset).toMatchObject({
      file: "cluster://prod/default/DestinationRule/reviews",
      path: "spec.subsets[0].labels.version",
    });
    expect(report.findings.map((f) => f.code)).toContain("PD5171");
    expect(code).toBe(1);
    const invoked = readFileSync(calls, "utf8");
    expect(invoked).toMatch(/--context prod get virtualservices\.networking\.istio\.io -n default -o json/);
    expect(invoked).toMatch(/get peerauthentications\.security\.istio\.io -n istio-system -o json/);
    expect(run.err()).toMatch(/skipped telemetries\.telemetry\.istio\.io/);
  });

  test("--against cluster compares a change with what the cluster has applied", async () => {
    const change = join(bin, "change.yaml");
    writeFileSync(
      change,
      "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: default}\nspec:\n  host: reviews\n  subsets:\n  - name: v2\n    labels: {version: v2}\n",
    );
    const run = io();
    await runLint(
      { inputs: [change], cluster: false, allNamespaces: false, against: "cluster", format: "json", failOn: "warning" },
      run.io,
    );
    const report = JSON.parse(run.out()) as { findings: { code: string; file: string; line: number }[] };
    expect(report.findings).toContainEqual(expect.objectContaining({ code: "PD5152", file: change, line: 6 }));
  });

  test("a kubectl that lists nothing is a usage error", async () => {
    const run = io();
    const broken = { ...run.io, env: { ...run.io.env, PATH: "/nonexistent" } };
    await expect(
      runLint({ inputs: [], cluster: true, allNamespaces: true, format: "text", failOn: "warning" }, broken),
    ).rejects.toThrow(/kubectl/);
  });
});
