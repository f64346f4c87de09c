import { describe, expect, test } from "vitest";
import type { Finding } from "../../model/finding.ts";
import type { MeshMetric, MeshSignal } from "../../model/observations/mesh.ts";
import { runDetectors } from "../run.ts";
import { MESH_DETECTORS } from "./index.ts";
import { isPositive, latestSeries } from "./metrics.ts";
import { istioComponentOf } from "./restarts.ts";
import { agentWaitReason } from "./signals.ts";

const ref = { source: "m.txt", line: 1 };
const metric = (name: string, value: number, labels: Record<string, string> = {}): MeshMetric => ({
  type: "mesh.metric",
  ref,
  format: "prometheus",
  name,
  labels,
  value,
});
const signal = (over: Partial<MeshSignal>): MeshSignal => ({
  type: "mesh.signal",
  ref,
  signal: "oom-killed",
  origin: "kubernetes",
  message: "",
  details: {},
  count: 1,
  ...over,
});
const codes = (findings: Finding[]): string[] => findings.map((f) => f.code).sort();

describe("metric detectors", () => {
  test("the latest sample of a series decides, and NaN, Inf and zero are not problems", () => {
    const series = latestSeries([metric("pilot_eds_no_instances", 2), metric("pilot_eds_no_instances", 0)], () => true);
    expect(series.map((m) => m.value)).toEqual([0]);
    expect([Number.NaN, Number.POSITIVE_INFINITY, 0, -1].map(isPositive)).toEqual([false, false, false, false]);
    const { findings } = runDetectors(MESH_DETECTORS, [
      metric("pilot_eds_no_instances", 2),
      metric("pilot_eds_no_instances", 0),
      metric("pilot_total_xds_rejects", Number.NaN, { type: "cds" }),
    ]);
    expect(findings).toEqual([]);
  });

  test("rejected configs name the resource; send errors count, plain pushes do not", () => {
    const { findings } = runDetectors(MESH_DETECTORS, [
      metric("pilot_total_rejected_configs", 1, { type: "gateway", key: "default/test2" }),
      metric("pilot_xds_pushes", 3, { type: "lds_senderr" }),
      metric("pilot_xds_pushes", 300, { type: "lds" }),
    ]);
    expect(codes(findings)).toEqual(["PD1703", "PD1706"]);
    expect(findings.find((f) => f.code === "PD1703")?.subject).toBe("default/test2");
  });

  test("slow convergence needs enough observations above ten seconds", () => {
    const buckets = (under10: number, total: number): MeshMetric[] => [
      metric("pilot_proxy_convergence_time_bucket", under10, { le: "10" }),
      metric("pilot_proxy_convergence_time_bucket", total, { le: "+Inf" }),
    ];
    expect(codes(runDetectors(MESH_DETECTORS, buckets(90, 100)).findings)).toEqual(["PD1705"]);
    expect(codes(runDetectors(MESH_DETECTORS, buckets(99, 100)).findings)).toEqual([]);
    expect(codes(runDetectors(MESH_DETECTORS, buckets(5, 10)).findings)).toEqual([]);
  });

  test("a cluster whose members are all unhealthy is reported once its total is known", () => {
    const labels = { cluster_name: "outbound|80||a.b.svc.cluster.local" };
    const { findings } = runDetectors(MESH_DETECTORS, [
      metric("envoy_cluster_membership_healthy", 0, labels),
      metric("envoy_cluster_membership_total", 2, labels),
    ]);
    expect(codes(findings)).toEqual(["PD1709"]);
  });
});

describe("restart detector", () => {
  test("tells istiod, the sidecar and the init container apart and ignores applications", () => {
    expect(istioComponentOf(signal({ correlation: { container: "discovery" } }))).toBe("istiod");
    expect(istioComponentOf(signal({ correlation: { pod: "istiod-1" } }))).toBe("istiod");
    expect(istioComponentOf(signal({ details: { container: "istio-proxy" } }))).toBe("sidecar");
    expect(istioComponentOf(signal({ correlation: { container: "istio-validation" } }))).toBe("init");
    expect(istioComponentOf(signal({ correlation: { container: "reviews", pod: "reviews-1" } }))).toBeUndefined();
    const { findings } = runDetectors(MESH_DETECTORS, [
      signal({ signal: "container-backoff", correlation: { container: "istio-init", pod: "web-1" } }),
    ]);
    expect(codes(findings)).toEqual(["PD1724"]);
    expect(findings[0]?.vars).toMatchObject({ container: "istio-init", pod: "web-1", reason: "restart back-off" });
  });
});

describe("pilot-agent wait", () => {
  test("keeps the timeout and the last readiness error", () => {
    const message =
      'Exec lifecycle hook ([pilot-agent wait]) for Container "istio-proxy" in Pod "a_b(1)" failed - error: command \'pilot-agent wait\' exited with 255: Error: timeout waiting for Envoy proxy to become ready. Last error: HTTP status code 503, message: ""';
    expect(agentWaitReason(message)).toBe(
      "timed out waiting for Envoy to become ready (last error: HTTP status code 503)",
    );
    expect(agentWaitReason("Exec lifecycle hook ([pilot-agent wait]) failed")).toBe("the hook failed");
  });
});
