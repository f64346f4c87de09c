import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { durationSeconds } from "./access.ts";
import { discoveryAddressProblem } from "./analyzers/discovery-address.ts";
import { filePlaceInPrefix, placeInPrefix } from "./analyzers/kong-prefix.ts";
import { preStopDuration } from "./analyzers/termination-drain.ts";
import { lintTexts } from "./lint.ts";
import { loadText, yaml12Value } from "./load.ts";
import { hostMatches, resolveHost, visible } from "./mesh-index.ts";
import { readNginxDirectives } from "./nginx-conf.ts";
import { effectiveProtocol } from "./protocol.ts";
import { refAt } from "./resource.ts";

const load = (text: string, source = "in.yaml") => loadText(text, source, { namespace: "default", order: { next: 0 } });

describe("loading", () => {
  test("multi-document YAML, Lists and kind-less Kong values", () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: a}
- apiVersion: v1
  kind: Service
  metadata: {name: b, namespace: x}
---
env:
  prefix: /kong_prefix/
`;
    const { resources } = load(text);
    expect(resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual([
      "Service/default/a",
      "Service/x/b",
      "KongHelmValues//in.yaml",
    ]);
    const b = resources[1];
    expect(b && refAt(b, ["metadata", "namespace"])).toMatchObject({ line: 9, column: 23 });
  });

  test("JSON positions equal the YAML ones for the same fields", () => {
    const json = JSON.stringify(
      {
        apiVersion: "v1",
        kind: "List",
        items: [
          { apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: { ports: [{ port: 80 }, { port: 81 }] } },
        ],
      },
      null,
      2,
    );
    const [service] = load(json, "in.json").resources;
    const line = json.split("\n").findIndex((l) => l.includes('"port": 81')) + 1;
    expect(service && refAt(service, ["spec", "ports", 1, "port"])).toMatchObject({ line, excerpt: '"port": 81' });
    expect(service && refAt(service, ["spec", "missing", "deeper"])).toMatchObject({
      path: "spec.missing.deeper",
      excerpt: '"spec": {',
    });
  });

  test("a mesh config inside the istio ConfigMap points at the right outer line", () => {
    const text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |-\n    rootNamespace: istio-system\n    defaultConfig:\n      discoveryAddress: a/b:1\n";
    const mesh = load(text).resources.find((r) => r.kind === "MeshConfig");
    expect(mesh && refAt(mesh, ["defaultConfig", "discoveryAddress"])).toMatchObject({ line: 8, column: 7 });
  });

  test("YAML 1.1 and 1.2 readings", () => {
    expect(yaml12Value("on")).toBe("on");
    expect(yaml12Value("0755")).toBe(755);
    expect(yaml12Value("0o755")).toBe(493);
    expect(yaml12Value("True")).toBe(true);
    const codes = load("a: yes\nb: 'yes'\nc: 0755\nd: 10\ne: off\nf: 1:20\n").findings.map((f) => f.vars.scalar);
    expect(codes).toEqual(["yes", "0755", "off"]);
    const [values] = load(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1:20, b: 2001-12-14}\n",
    ).resources;
    expect(values?.body.data).toEqual({ a: "1:20", b: "2001-12-14" });
  });
});

describe("helpers", () => {
  test("hosts, wildcards and exportTo", () => {
    expect(resolveHost("reviews", "default")).toBe("reviews.default.svc.cluster.local");
    expect(resolveHost("reviews.default", "x")).toBe("reviews.default");
    expect(resolveHost("ns/reviews", "x")).toBe("reviews.x.svc.cluster.local");
    expect(hostMatches("*.example.com", "a.example.com")).toBe(true);
    expect(hostMatches("*.example.com", "example.com")).toBe(false);
    expect(visible(["."], "a", "a")).toBe(true);
    expect(visible(["."], "a", "b")).toBe(false);
    expect(visible(["~"], "a", "a")).toBe(false);
    expect(visible([], "a", "b")).toBe(true);
  });

  test("protocol precedence: appProtocol, then name prefix, else sniffed", () => {
    const port = { index: 0, port: 80, name: "http-web", appProtocol: "", transport: "TCP", targetPort: 80 };
    expect(effectiveProtocol(port)).toBe("http");
    expect(effectiveProtocol({ ...port, appProtocol: "grpc" })).toBe("grpc");
    expect(effectiveProtocol({ ...port, name: "web" })).toBe("auto");
    expect(effectiveProtocol({ ...port, name: "httpweb" })).toBe("auto");
    expect(effectiveProtocol({ ...port, transport: "UDP" })).toBe("udp");
  });

  test("discovery addresses", () => {
    expect(discoveryAddressProblem("istiod.istio-system.svc:15012")).toBeUndefined();
    expect(discoveryAddressProblem("10.0.0.1:15012")).toBeUndefined();
    expect(discoveryAddressProblem("istiod/istio-system.svc:15012")).toMatch(/slash/);
    expect(discoveryAddressProblem("istiod.istio-system.svc")).toBe("no port");
    expect(discoveryAddressProblem("istiod:http")).toMatch(/port/);
  });

  test("Kong prefix places", () => {
    expect(placeInPrefix("/kong_prefix/proxy_temp/x.html", "/kong_prefix/", false)).toMatch(/proxy_temp/);
    expect(placeInPrefix("/kong_prefix/", "/kong_prefix", false)).toMatch(/prefix/);
    expect(placeInPrefix("/kong_prefix/", "/kong_prefix", true)).toBeUndefined();
    expect(placeInPrefix("/kong_prefix/error_template", "/kong_prefix", false)).toBeUndefined();
    expect(placeInPrefix("/data/client_body_temp", "/kong_prefix", false)).toMatch(/client_body_temp/);
    expect(filePlaceInPrefix("/kong_prefix/error.html", "/kong_prefix/")).toMatch(/directly/);
    expect(filePlaceInPrefix("/kong_prefix/error_template/error.html", "/kong_prefix/")).toBeUndefined();
  });

  test("durations and preStop hooks", () => {
    expect(durationSeconds("1m30s")).toBe(90);
    expect(durationSeconds("300ms")).toBeCloseTo(0.3);
    expect(durationSeconds("soon")).toBeUndefined();
    expect(preStopDuration({ exec: { command: ["sh", "-c", "sleep 20"] } })).toBe(20);
    expect(preStopDuration({ sleep: { seconds: 7 } })).toBe(7);
    expect(preStopDuration({ exec: { command: ["sh", "-c", "while true; do sleep 1; done"] } })).toBe("loop");
    expect(preStopDuration({ httpGet: { path: "/quit" } })).toBeUndefined();
  });

  test("nginx directives with blocks, quotes and comments", () => {
    const directives = readNginxDirectives(
      'http {\n  # comment ; {\n  server {\n    add_header "X-A" "b;c";\n  }\n}\n',
    );
    expect(directives.map((d) => [d.name, d.args, d.context, d.line, d.column])).toEqual([
      ["http", [], "", 1, 1],
      ["server", [], "http", 3, 3],
      ["add_header", ["X-A", "b;c"], "http>server", 4, 5],
    ]);
  });
});

const VALID = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - fault: {abort: {httpStatus: 500}}
    retries: {attempts: 3}
    route: [{destination: {host: reviews, subset: v9}}]
---
apiVersion: v1
kind: Service
metadata: {name: reviews}
spec:
  selector: {app: reviews}
  ports: [{name: db, port: 3306}]
---
env:
  prefix: /kong_prefix/
  error_template_html: /kong_prefix/proxy_temp/e.html
`;

describe("hostile input", () => {
  test.prop([fc.uint8Array({ maxLength: 4096 })], { numRuns: 150 })("random bytes never throw", (bytes) => {
    const run = lintTexts([{ source: "x", text: Buffer.from(bytes).toString("latin1") }]);
    expect(run.internalErrors).toEqual([]);
  });

  test.prop([fc.array(fc.tuple(fc.nat(VALID.length), fc.nat(40), fc.string({ maxLength: 12 })), { maxLength: 8 })], {
    numRuns: 150,
  })("mutated manifests never throw", (edits) => {
    let text = VALID;
    for (const [at, remove, insert] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
    const run = lintTexts([{ source: "x.yaml", text }]);
    expect(run.internalErrors).toEqual([]);
    for (const finding of run.findings) expect(finding.evidence.length).toBeGreaterThan(0);
  });

  test.prop([fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })], { numRuns: 20 })(
    "documents split across inputs give the same findings as one input",
    (cuts) => {
      const documents = VALID.split(/^---\n/m);
      const whole = lintTexts([{ source: "x.yaml", text: VALID }]);
      const pieces: string[][] = [[]];
      documents.forEach((doc, i) => {
        if (i > 0 && cuts[i]) pieces.push([]);
        pieces[pieces.length - 1]?.push(doc);
      });
      const split = lintTexts(pieces.map((docs, i) => ({ source: `x${i}.yaml`, text: docs.join("---\n") })));
      const key = (run: typeof whole) =>
        run.findings.map((f) => `${f.code} ${f.evidence[0]?.path ?? ""} ${f.evidence[0]?.excerpt ?? ""}`).sort();
      expect(key(split)).toEqual(key(whole));
    },
  );

  test("deep nesting and alias bombs end quickly", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    expect(lintTexts([{ source: "d", text: deep }]).internalErrors).toEqual([]);
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    const run = lintTexts([{ source: "bomb.yaml", text: bomb }]);
    expect(run.internalErrors).toEqual([]);
    expect(run.findings.map((f) => f.code)).toContain("PD5002");
    const json = `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`;
    expect(lintTexts([{ source: "deep.json", text: json }]).internalErrors).toEqual([]);
  });
});
