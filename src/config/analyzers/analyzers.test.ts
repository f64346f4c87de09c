import { describe, expect, test } from "vitest";
import { CONFIG_FINDINGS } from "../../catalogue/codes/config.ts";
import { lintTexts } from "../lint.ts";
import { ALL_ANALYZERS } from "./index.ts";

const LOADER_CODES = ["PD5001", "PD5002"];

describe("analyzer registry", () => {
  test("names are unique, described, with declared inputs and codes", () => {
    const names = ALL_ANALYZERS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const analyzer of ALL_ANALYZERS) {
      expect(analyzer.name).toMatch(/^[a-z]+\.[A-Z]\w+Analyzer$/);
      expect(analyzer.description.length).toBeGreaterThan(20);
      expect(analyzer.inputs.length).toBeGreaterThan(0);
      expect(analyzer.emits.length).toBeGreaterThan(0);
    }
  });

  test("every configuration code is emitted by exactly one analyzer or by the loader", () => {
    const owners = new Map<string, number>();
    for (const analyzer of ALL_ANALYZERS)
      for (const code of analyzer.emits) owners.set(code, (owners.get(code) ?? 0) + 1);
    for (const code of LOADER_CODES) owners.set(code, (owners.get(code) ?? 0) + 1);
    for (const def of CONFIG_FINDINGS) expect(owners.get(def.code), def.code).toBe(1);
    for (const code of owners.keys())
      expect(
        CONFIG_FINDINGS.some((d) => d.code === code),
        code,
      ).toBe(true);
  });
});

function codesOf(yaml: string, applied?: string): string[] {
  const run = lintTexts(
    [{ source: "in.yaml", text: yaml }],
    "default",
    applied ? [{ source: "applied.yaml", text: applied }] : undefined,
  );
  expect(run.internalErrors).toEqual([]);
  return run.findings.map((f) => f.code);
}

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
const DEPLOYMENT = (labels: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]${extra}
`;
const PA = (namespace: string, mode: string, extra = "") => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: p-${namespace}-${mode}, namespace: ${namespace}}
spec:
  ${extra}mtls: {mode: ${mode}}
`;
const DR = (mode: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy: {tls: {mode: ${mode}}}
`;
const join = (...docs: string[]) => docs.join("---\n");

describe("DestinationRule TLS against PeerAuthentication", () => {
  test("root-namespace STRICT applies when nothing closer says otherwise", () => {
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web"), PA("istio-system", "STRICT"), DR("DISABLE")))).toContain(
      "PD5101",
    );
  });
  test("a namespace PERMISSIVE policy wins over the root STRICT one", () => {
    const codes = codesOf(
      join(SERVICE, DEPLOYMENT("app: web"), PA("istio-system", "STRICT"), PA("shop", "PERMISSIVE"), DR("DISABLE")),
    );
    expect(codes).not.toContain("PD5101");
  });
  test("a workload policy wins over the namespace, and UNSET inherits", () => {
    const workloadPermissive = PA("shop", "PERMISSIVE", "selector: {matchLabels: {app: web}}\n  ");
    expect(
      codesOf(join(SERVICE, DEPLOYMENT("app: web"), PA("shop", "STRICT"), workloadPermissive, DR("SIMPLE"))),
    ).not.toContain("PD5101");
    const workloadUnset = PA("shop", "UNSET", "selector: {matchLabels: {app: web}}\n  ");
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web"), PA("shop", "STRICT"), workloadUnset, DR("SIMPLE")))).toContain(
      "PD5101",
    );
  });
  test("port-level mTLS is keyed by the target port", () => {
    const portLevel = PA(
      "shop",
      "STRICT",
      "selector: {matchLabels: {app: web}}\n  portLevelMtls: {8080: {mode: PERMISSIVE}}\n  ",
    );
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web"), portLevel, DR("DISABLE")))).not.toContain("PD5101");
  });
  test("ISTIO_MUTUAL towards hostNetwork pods is flagged, towards unknown injection it is not", () => {
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web", "\n      hostNetwork: true"), DR("ISTIO_MUTUAL")))).toContain(
      "PD5102",
    );
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web"), DR("ISTIO_MUTUAL")))).not.toContain("PD5102");
  });
});

describe("subsets, hosts and routes", () => {
  const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web.shop.svc.cluster.local
  subsets:
  - name: v1
    labels: {version: v1}
  - name: zone
    labels: {topology.kubernetes.io/zone: eu-1a}
`;
  test("a subset is matched against pod templates together with the Service selector", () => {
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web, version: v1"), rule))).not.toContain("PD5111");
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web, version: v2"), rule))).toContain("PD5111");
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: other, version: v1"), rule))).toContain("PD5111");
  });
  test("short host names are completed with the resource's namespace, exportTo hides services", () => {
    const route = (host: string, namespace: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: ${namespace}}
spec:
  hosts: [x]
  http: [{route: [{destination: {host: ${host}}}]}]
`;
    expect(codesOf(join(SERVICE, DEPLOYMENT("app: web"), route("web", "shop")))).not.toContain("PD5114");
    expect(
      codesOf(
        join(
          SERVICE,
          DEPLOYMENT("app: web"),
          route("web", "other"),
          DEPLOYMENT("app: x").replace("namespace: shop", "namespace: other"),
        ),
      ),
    ).toContain("PD5114");
    const hidden = SERVICE.replace(
      "metadata: {name: web, namespace: shop}",
      "metadata: {name: web, namespace: shop, annotations: {networking.istio.io/exportTo: .}}",
    );
    expect(codesOf(join(hidden, DEPLOYMENT("app: web"), route("web.shop.svc.cluster.local", "front")))).toContain(
      "PD5114",
    );
  });
});

describe("change ordering", () => {
  const vs = (subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http: [{route: [{destination: {host: web, subset: ${subset}}}]}]
`;
  const dr = (...subsets: string[]) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets: [${subsets.map((s) => `{name: ${s}, labels: {version: ${s}}}`).join(", ")}]
`;
  test("without --against nothing is said about ordering", () => {
    expect(codesOf(join(dr("v1", "v2"), vs("v2")))).not.toContain("PD5151");
  });
  test("adding a subset with its first route, then removing a routed one", () => {
    expect(codesOf(join(dr("v1", "v2"), vs("v2")), join(dr("v1"), vs("v1")))).toContain("PD5151");
    expect(codesOf(join(dr("v1"), vs("v1")), join(dr("v1", "v2"), vs("v2")))).toContain("PD5152");
    expect(codesOf(join(dr("v1", "v2"), vs("v1")), join(dr("v1", "v2"), vs("v2")))).toEqual([]);
  });
});
