import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { CONFIG_FINDINGS } from "../catalogue/codes/config.ts";
import { lintTexts } from "../config/lint.ts";
import { findingSummary, severityOf } from "./finding-text.ts";
import { toSarif } from "./sarif.ts";

const SCHEMA_PATH = new URL("../../../shared/data/sarif/sarif-schema-2.1.0.json", import.meta.url);

/** The official schema is draft-04; Ajv 8 reads it once `id` becomes `$id` and the draft marker is dropped. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  return ajv.compile({ ...rest, $id: String(id) });
}

const INPUT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: default}
spec:
  hosts: [reviews]
  http:
  - fault: {abort: {httpStatus: 500, percentage: {value: 5}}}
    timeout: 3s
    route: [{destination: {host: reviews, subset: v3}}]
`;

function sarifOf(sources: { source: string; text: string }[]) {
  const run = lintTexts(sources);
  return {
    run,
    log: toSarif(run.findings, {
      toolVersion: "0.1.0",
      rules: CONFIG_FINDINGS,
      severityOf,
      messageOf: findingSummary,
      baseDir: process.cwd(),
    }),
  };
}

describe("SARIF", () => {
  const validate = sarifValidator();

  test("a log with file, related and cluster locations validates against the 2.1.0 schema", () => {
    const { run, log } = sarifOf([
      { source: "manifests/vs.yaml", text: INPUT },
      {
        source: "cluster://prod/default/DestinationRule/x",
        text: "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x}\nspec: {host: nowhere.example.org}\n",
      },
    ]);
    expect(run.findings.length).toBeGreaterThan(1);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("the validator rejects a log that breaks the schema", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: "2.0.0", runs: [] })).toBe(false);
  });

  test("an empty run still validates and declares every rule with name, help and help URI", () => {
    const { log } = sarifOf([]);
    expect(validate(log)).toBe(true);
    const driver = (log.runs as { tool: { driver: { rules: Record<string, unknown>[] } } }[])[0]?.tool.driver;
    expect(driver?.rules.length).toBe(CONFIG_FINDINGS.length);
    for (const rule of driver?.rules ?? []) {
      expect(rule.id).toMatch(/^PD5\d{3}$/);
      expect(rule.name).toMatch(/^[A-Z]/);
      expect((rule.help as { text: string }).text.length).toBeGreaterThan(40);
      expect(String(rule.helpUri)).toMatch(/^https:\/\/.+#pd5\d{3}$/);
    }
  });

  test("results carry the rule, level, line and column of the field", () => {
    const { log } = sarifOf([{ source: "manifests/vs.yaml", text: INPUT }]);
    const results = (log.runs as { results: Record<string, unknown>[] }[])[0]?.results ?? [];
    const fault = results.find((r) => r.ruleId === "PD5141") as
      | {
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
          }[];
        }
      | undefined;
    expect(fault?.level).toBe("warning");
    expect(fault?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("manifests/vs.yaml");
    expect(fault?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 7, startColumn: 5 });
  });
});
