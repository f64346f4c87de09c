import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { generateMesh } from "../../bench/lint/generate.ts";
import type { Json } from "./access.ts";
import { readFastDocument } from "./fast-yaml.ts";
import { loadText } from "./load.ts";
import type { FieldPath, Resource } from "./resource.ts";

const FIXTURES = new URL("../../test/fixtures/lint/", import.meta.url).pathname;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

function paths(value: Json, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      paths(item, [...prefix, i], out);
    });
  } else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

function snapshot(text: string, fast: boolean) {
  const loaded = loadText(text, "x.yaml", { namespace: "default", order: { next: 0 }, fast });
  const located = (r: Resource) => paths(r.body).map((p) => `${p.join(".")}@${JSON.stringify(r.locator.locate(p))}`);
  return {
    resources: loaded.resources.map((r) => ({ kind: r.kind, name: r.name, body: r.body, positions: located(r) })),
    findings: loaded.findings.map(
      (f) => `${f.code} ${f.subject} ${JSON.stringify(f.vars)} ${f.evidence[0]?.line}:${f.evidence[0]?.column}`,
    ),
  };
}

describe("fast YAML reader", () => {
  const files = yamlFiles(FIXTURES);

  test("reads every fixture manifest exactly as the yaml package does (values, positions, 1.1 findings)", () => {
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(snapshot(text, true), file).toEqual(snapshot(text, false));
    }
  });

  test("takes most plain manifests itself and gives up on what it does not know", () => {
    const mesh = generateMesh(60);
    expect(readFastDocument(mesh, 0, mesh.indexOf("\n---"))).toBeDefined();
    for (const odd of [
      "a: &x 1\nb: *x\n",
      "a: >\n  folded\n",
      "a: b\n  c\n",
      "a: 1\na: 2\n",
      "? complex\n: key\n",
      "a: !tag x\n",
      "apiV #rsion: v1\nkind: Gateway\n",
      'hosts:\n- "a.example.com"#\n',
    ]) {
      expect(readFastDocument(odd, 0, odd.length), odd).toBeUndefined();
    }
    expect(snapshot(mesh, true)).toEqual(snapshot(mesh, false));
  });

  test("places an empty sequence item where the yaml package does: after the dash and its spaces", () => {
    for (const item of ["-", "- ", "- #c", "-  #c"]) {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ports:\n  ${item}\n  - 2\n`;
      expect(snapshot(text, true), item).toEqual(snapshot(text, false));
    }
  });

  test.prop(
    [
      fc.array(
        fc.tuple(
          fc.nat(2000),
          fc.nat(6),
          fc.constantFrom(" ", "\n", "- ", ": ", "#", "'", '"', "[", "]", "|", "x", "  ", "0755", "on", "{a: b}"),
        ),
        { maxLength: 6 },
      ),
    ],
    {
      numRuns: Number(process.env.YAML_RUNS ?? 120),
    },
  )("mutated manifests read the same both ways", (edits) => {
    let text = generateMesh(12).slice(0, 2000);
    for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
    expect(snapshot(text, true)).toEqual(snapshot(text, false));
  });
});
