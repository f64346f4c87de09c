import { describe, expect, test } from "vitest";
import { capturedIo } from "../../test/fixture-grid.ts";
import { UsageError } from "./io.ts";
import { type LintOptions, runLint } from "./lint.ts";

const FIXTURES = new URL("../../test/fixtures/lint/", import.meta.url).pathname;

async function lint(options: Partial<LintOptions>, stdin = "") {
  const captured = capturedIo(stdin);
  const code = await runLint(
    { inputs: [], cluster: false, allNamespaces: false, format: "text", failOn: "warning", ...options },
    captured.io,
  );
  return { code, stdout: captured.stdout() };
}

describe("proxydoc lint", () => {
  test("text groups findings by resource, shows the YAML line with a caret and ends with a summary", async () => {
    const { code, stdout } = await lint({ inputs: [`${FIXTURES}seed000-kong-values/values.yaml`] });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^KongHelmValues values\.yaml /m);
    expect(stdout).toMatch(/error PD5201 .*\/kong_prefix\/proxy_temp\/error_template\.html/);
    expect(stdout).toMatch(/\n\s+12 \|\s+mountPath: \/kong_prefix\/proxy_temp\/error_template\.html\n\s+\|\s{5}\^/);
    expect(stdout.trimEnd().split("\n").pop()).toBe("1 error, 1 warning, 0 info in 1 resource from 1 input");
  });

  test("reads standard input and honours --fail-on", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  flag: on\n";
    expect((await lint({ inputs: ["-"] }, yaml)).code).toBe(1);
    expect((await lint({ inputs: ["-"], failOn: "error" }, yaml)).code).toBe(0);
  });

  test("JSON carries the schema, summary and each finding's file, line and column", async () => {
    const { stdout } = await lint({
      inputs: [`${FIXTURES}seed004-mesh-configmap/istio-configmap.yaml`],
      format: "json",
    });
    const report = JSON.parse(stdout) as {
      schema: string;
      summary: { error: number };
      findings: Record<string, unknown>[];
    };
    expect(report.schema).toBe("proxydoc.lint/v1");
    expect(report.summary.error).toBe(1);
    expect(report.findings[0]).toMatchObject({
      code: "PD5171",
      severity: "error",
      line: 7,
      column: 7,
      path: "defaultConfig.discoveryAddress",
    });
  });

  test("SARIF output names the tool, declares the rules and locates results", async () => {
    const { stdout, code } = await lint({ inputs: [`${FIXTURES}seed004-gateways/gateways.yaml`], format: "sarif" });
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string } };
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.tool.driver.name).toBe("proxydoc");
    const conflict = log.runs[0]?.results.find((r) => r.ruleId === "PD5131");
    expect(conflict?.locations[0]?.physicalLocation.region.startLine).toBe(36);
  });

  test("clean input exits 0; missing input and no input are usage errors", async () => {
    expect((await lint({ inputs: [`${FIXTURES}kong-chart-default`] })).code).toBe(0);
    await expect(lint({ inputs: [`${FIXTURES}does-not-exist.yaml`] })).rejects.toBeInstanceOf(UsageError);
    await expect(lint({ inputs: [] })).rejects.toBeInstanceOf(UsageError);
    await expect(lint({ inputs: [`${FIXTURES}bookinfo-clean`], against: `${FIXTURES}nowhere` })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
