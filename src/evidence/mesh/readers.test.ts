import { describe, expect, test } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { MeshEnvoyCluster, MeshMetric, MeshSignal } from "../../model/observations/mesh.ts";
import { envoyClustersReader, parseClustersLine } from "./envoy-clusters-reader.ts";
import { etcdReader, meshTextReader, parseEtcdLogLine } from "./etcd-reader.ts";
import { istioLogReader, parseIstioLogLine } from "./istio-log-reader.ts";
import { columnsOf, kubeReader, parseEventColumns, parseEventRow } from "./kube-reader.ts";
import { metricsReader } from "./metrics-reader.ts";
import { correlationOfProxyId } from "./names.ts";
import { runLineReader } from "./run-reader.ts";

const signals = (observations: Observation[]): MeshSignal[] =>
  observations.filter((o): o is MeshSignal => o.type === "mesh.signal");

describe("metrics reader", () => {
  test("keeps pilot and Envoy cluster samples with their TYPE and cluster correlation", async () => {
    const text = [
      "# HELP pilot_eds_no_instances Number of clusters without instances.",
      "# TYPE pilot_eds_no_instances gauge",
      'pilot_eds_no_instances{cluster="outbound|9080|v1|reviews.default.svc.cluster.local"} 1',
      "go_goroutines 120",
      "cluster.outbound|8080||pay.shop.svc.cluster.local.upstream_cx_connect_fail: 4",
      "cluster.outbound|8080||pay.shop.svc.cluster.local.upstream_cx_total: 40",
    ].join("\n");
    const { observations, accepted } = await runLineReader(metricsReader, [text]);
    expect(accepted).toBe(6);
    const metrics = observations as MeshMetric[];
    expect(metrics.map((m) => m.name)).toEqual(["pilot_eds_no_instances", "envoy_cluster_upstream_cx_connect_fail"]);
    expect(metrics[0]).toMatchObject({
      value: 1,
      metricType: "gauge",
      correlation: { upstream: "outbound|9080|v1|reviews.default.svc.cluster.local", namespace: "default" },
      ref: { line: 3 },
    });
    expect(metrics[1]).toMatchObject({
      format: "envoy-stats",
      labels: { cluster_name: "outbound|8080||pay.shop.svc.cluster.local" },
    });
  });

  test("gives agent re-exports and legacy names their istiod name", async () => {
    const text = "istio_agent_pilot_conflict_inbound_listener 1\npilot_conf_in_listeners 2\n";
    const { observations } = await runLineReader(metricsReader, [text]);
    expect((observations as MeshMetric[]).map((m) => m.name)).toEqual([
      "pilot_conflict_inbound_listener",
      "pilot_conflict_inbound_listener",
    ]);
  });

  test("does not claim bare words followed by a number outside an exposition", async () => {
    const { accepted } = await runLineReader(metricsReader, ["total 12\nreal 1\nnet::ERR_HTTP2_PROTOCOL_ERROR 200\n"]);
    expect(accepted).toBe(0);
  });
});

describe("istio log reader", () => {
  test("splits tab-separated and space-separated lines into level, scope and message", () => {
    expect(parseIstioLogLine("2023-04-17T09:27:13.557757Z\tinfo\txdsproxy\tconnected to upstream XDS server")).toEqual({
      time: "2023-04-17T09:27:13.557757Z",
      level: "info",
      scope: "xdsproxy",
      message: "connected to upstream XDS server",
    });
    expect(parseIstioLogLine("2023-11-02T02:25:27.724604Z error Failed to execute: iptables-restore")).toEqual({
      time: "2023-11-02T02:25:27.724604Z",
      level: "error",
      message: "Failed to execute: iptables-restore",
    });
    expect(parseIstioLogLine('{"level":"warn","time":"t","scope":"ads","msg":"ADS:CDS: ACK ERROR x y"}')).toMatchObject(
      {
        scope: "ads",
        message: "ADS:CDS: ACK ERROR x y",
      },
    );
    expect(parseIstioLogLine("2024-02-01T10:00:00.2Z\terror\tiptables validation failed")).toEqual({
      time: "2024-02-01T10:00:00.2Z",
      level: "error",
      message: "iptables validation failed",
    });
    expect(parseIstioLogLine("hello world")).toBeUndefined();
  });

  test("emits signals with the pod named by the proxy id, and keeps iptables trailers", async () => {
    const text = [
      "2023-05-10T08:01:04.5Z\twarn\tads\tADS:LDS: ACK ERROR sidecar~10.1.1.7~web-1.shop~shop.svc.cluster.local-2 bad",
      "2023-11-02T02:25:27.724588Z\terror\tCommand error output: xtables parameter problem: iptables-restore: unable to initialize table 'raw'",
      "",
      "Error occurred at line: 1",
      "Try `iptables-restore -h' or 'iptables-restore --help' for more information.",
    ].join("\n");
    const { observations, accepted } = await runLineReader(istioLogReader, [text]);
    expect(accepted).toBe(5);
    const found = signals(observations);
    expect(found.map((s) => s.signal)).toEqual(["xds-nack", "iptables-raw-table-missing"]);
    expect(found[0]).toMatchObject({ origin: "istio", scope: "ads", correlation: { pod: "web-1", namespace: "shop" } });
  });
});

test("istio log lines from kubectl logs --prefix name their pod and container", async () => {
  const text =
    "[pod/web-1/istio-proxy] 2023-08-11T08:00:01.000000Z\tinfo\tEnvoy proxy is NOT ready: config not received from XDS server";
  const { observations } = await runLineReader(istioLogReader, [text]);
  expect(signals(observations)[0]).toMatchObject({
    signal: "proxy-config-not-received",
    correlation: { pod: "web-1", container: "istio-proxy" },
  });
});

describe("kubectl reader", () => {
  test("reads describe blocks: container reasons and events with the pod's name", async () => {
    const text = [
      "Name:         istiod-abc",
      "Namespace:    istio-system",
      "Containers:",
      "  discovery:",
      "    Last State:     Terminated",
      "      Reason:       OOMKilled",
      "Events:",
      "  Type     Reason       Age               From     Message",
      "  ----     ------       ----              ----     -------",
      '  Warning  FailedMount  8s (x6 over 24s)  kubelet  MountVolume.SetUp failed for volume "istio-token" : failed to fetch token',
    ].join("\n");
    const { observations, accepted } = await runLineReader(kubeReader, [text]);
    expect(accepted).toBe(10);
    const found = signals(observations);
    expect(found.map((s) => s.signal)).toEqual(["oom-killed", "istio-token-mount-failed"]);
    expect(found[0]?.correlation).toEqual({ pod: "istiod-abc", namespace: "istio-system", container: "discovery" });
    expect(found[1]).toMatchObject({ count: 6, scope: "FailedMount", level: "Warning" });
  });

  test("reads kubectl get events tables by their header's columns", () => {
    const header = "NAMESPACE   LAST SEEN   TYPE      REASON    OBJECT        MESSAGE";
    const row =
      "shop        2m          Warning   BackOff   pod/web-1     Back-off restarting failed container istio-proxy in pod web-1_shop(1)";
    const event = parseEventColumns(row, columnsOf(header));
    expect(event).toEqual({
      type: "Warning",
      reason: "BackOff",
      object: "pod/web-1",
      namespace: "shop",
      count: 1,
      message: "Back-off restarting failed container istio-proxy in pod web-1_shop(1)",
    });
  });

  test("reads an event row pasted with single spaces", () => {
    expect(parseEventRow("Warning FailedMount 8s (x6 over 24s) kubelet MountVolume.SetUp failed")).toEqual({
      type: "Warning",
      reason: "FailedMount",
      count: 6,
      message: "MountVolume.SetUp failed",
    });
    expect(parseEventRow("Warning: something else")).toBeUndefined();
  });
});

describe("etcd reader", () => {
  test("reads capnslog and zap JSON lines", async () => {
    expect(parseEtcdLogLine("2019-03-07 09:58:17.123456 W | etcdserver: request timed out")).toEqual({
      time: "2019-03-07T09:58:17.123456",
      level: "warn",
      message: "etcdserver: request timed out",
    });
    expect(
      parseEtcdLogLine('{"level":"warn","ts":"t","caller":"wal/wal.go:805","msg":"slow fdatasync","took":"1.5s"}'),
    ).toEqual({
      time: "t",
      level: "warn",
      message: "slow fdatasync (took=1.5s)",
    });
    expect(parseEtcdLogLine('{"level":"warn","caller":"app/main.go:1","msg":"slow fdatasync"}')).toBeUndefined();
    const { observations } = await runLineReader(etcdReader, [
      "2019-03-07 09:58:17.123456 W | etcdserver: request timed out\n",
    ]);
    expect(signals(observations)[0]).toMatchObject({ signal: "etcd-request-timeout", origin: "etcd" });
  });

  test("the bare-message reader takes only lines that carry a signature", async () => {
    const { observations, accepted } = await runLineReader(meshTextReader, [
      "Error from server: etcdserver: leader changed\nsomething unrelated\n",
    ]);
    expect(accepted).toBe(1);
    expect(signals(observations)[0]).toMatchObject({ signal: "etcd-leader-changed", origin: "etcd" });
  });
});

describe("Envoy /clusters reader", () => {
  test("counts hosts and healthy hosts per Istio service cluster", async () => {
    const text = [
      "outbound|9080|v1|reviews.default.svc.cluster.local::observability_name::x",
      "outbound|9080|v2|reviews.default.svc.cluster.local::10.0.0.1:9080::cx_active::1",
      "outbound|9080|v2|reviews.default.svc.cluster.local::10.0.0.1:9080::health_flags::healthy",
      "outbound|9080|v2|reviews.default.svc.cluster.local::10.0.0.2:9080::health_flags::/failed_active_hc",
      "BlackHoleCluster::observability_name::BlackHoleCluster",
    ].join("\n");
    const { observations } = await runLineReader(envoyClustersReader, [text]);
    const clusters = observations as MeshEnvoyCluster[];
    expect(clusters.map((c) => [c.cluster, c.hosts, c.healthyHosts])).toEqual([
      ["outbound|9080|v1|reviews.default.svc.cluster.local", 0, 0],
      ["outbound|9080|v2|reviews.default.svc.cluster.local", 2, 1],
    ]);
    expect(clusters[1]?.unhealthyFlags).toEqual(["/failed_active_hc"]);
  });

  test("rejects lines that only look similar", () => {
    expect(parseClustersLine("a::b")).toBeUndefined();
    expect(parseClustersLine("has space::observability_name::x")).toBeUndefined();
    expect(parseClustersLine("c::not an address::cx::1")).toBeUndefined();
  });
});

describe("names", () => {
  test("reads pods out of old and new proxy ids", () => {
    expect(correlationOfProxyId("sidecar~10.1.1.7~web-1.shop~shop.svc.cluster.local-2")).toEqual({
      pod: "web-1",
      namespace: "shop",
    });
    expect(correlationOfProxyId("web-1.shop-12")).toEqual({ pod: "web-1", namespace: "shop" });
    expect(correlationOfProxyId("nonsense")).toBeUndefined();
  });
});

describe("istioctl proxy-status reader", () => {
  test("reports proxies with STALE types and names their pod", async () => {
    const { proxyStatusReader } = await import("./proxy-status-reader.ts");
    const text = [
      "NAME                                  CDS        LDS                           EDS        RDS          ISTIOD         VERSION",
      "web-1.shop                            SYNCED     STALE (Never Acknowledged)    SYNCED     NOT SENT     istiod-abc     1.18.0",
      "api-2.shop                            SYNCED     SYNCED                        SYNCED     SYNCED       istiod-abc     1.18.0",
      "not a row",
    ].join("\n");
    const { observations, accepted } = await runLineReader(proxyStatusReader, [text]);
    expect(accepted).toBe(3);
    expect(signals(observations)).toMatchObject([
      {
        signal: "proxy-status-stale",
        details: { proxy: "web-1.shop", types: "LDS", state: "STALE (Never Acknowledged)" },
        correlation: { pod: "web-1", namespace: "shop" },
      },
    ]);
  });
});

describe("kubectl get pods", () => {
  test("turns OOMKilled and CrashLoopBackOff statuses into signals about the pod", async () => {
    const text = [
      "NAMESPACE      NAME                       READY   STATUS             RESTARTS     AGE",
      "istio-system   istiod-6d8f9c7b5-qz4lm     0/1     OOMKilled          6 (2m ago)   3d",
      "default        web-1                      2/2     Running            0            1h",
      "default        api-2                      1/2     CrashLoopBackOff   9            1h",
    ].join("\n");
    const { observations, accepted } = await runLineReader(kubeReader, [text]);
    expect(accepted).toBe(4);
    expect(signals(observations).map((s) => [s.signal, s.correlation?.pod, s.correlation?.namespace])).toEqual([
      ["oom-killed", "istiod-6d8f9c7b5-qz4lm", "istio-system"],
      ["container-backoff", "api-2", "default"],
    ]);
  });
});

describe("kubectl get endpoints, endpointslices and describe service", () => {
  test("a Service without addresses becomes a signal; one with addresses, or a line after the table, does not", async () => {
    const text = [
      "NAMESPACE   NAME       ENDPOINTS                         AGE",
      "shop        cart       10.244.1.17:8080,10.244.2.9:8080  41d",
      "shop        checkout   <none>                            3d",
      "the pods were all Pending <none> of them ready",
      "NAME             ADDRESSTYPE   PORTS     ENDPOINTS     AGE",
      "payments-x7k2q   IPv4          <unset>   <unset>       2m",
      "Name:              ledger",
      "Namespace:         bank",
      "Endpoints:         <none>",
    ].join("\n");
    const { observations, accepted } = await runLineReader(kubeReader, [text]);
    expect(accepted).toBe(8);
    expect(signals(observations).map((s) => [s.signal, s.details.service, s.correlation?.namespace])).toEqual([
      ["service-no-endpoints", "checkout", "shop"],
      ["service-no-endpoints", "payments", undefined],
      ["service-no-endpoints", "ledger", "bank"],
    ]);
  });
});

describe("istiod push status", () => {
  test("reads the multi-line JSON block into one sample per cluster or proxy", async () => {
    const text = [
      "2023-04-17T09:40:22.000000Z\tinfo\tads\tPush Status: {",
      '    "pilot_eds_no_instances": {',
      '        "outbound|9080|v1|reviews.default.svc.cluster.local": {}',
      "    },",
      '    "pilot_conflict_inbound_listener": {',
      '        "web-1.shop-3": { "proxy": "web-1.shop-3", "message": "Conflicting inbound listener:8080. {x}" }',
      "    }",
      "}",
      "2023-04-17T09:40:23.000000Z\tinfo\tads\tnext line",
    ].join("\n");
    const { observations, accepted } = await runLineReader(istioLogReader, [text]);
    expect(accepted).toBe(9);
    const metrics = observations as MeshMetric[];
    expect(metrics.map((m) => [m.name, m.labels, m.correlation])).toEqual([
      [
        "pilot_eds_no_instances",
        { cluster: "outbound|9080|v1|reviews.default.svc.cluster.local" },
        { upstream: "outbound|9080|v1|reviews.default.svc.cluster.local", namespace: "default" },
      ],
      ["pilot_conflict_inbound_listener", { proxy: "web-1.shop-3" }, { pod: "web-1", namespace: "shop" }],
    ]);
    expect(metrics[1]?.ref).toMatchObject({
      line: 1,
      excerpt: "Push Status: pilot_conflict_inbound_listener web-1.shop-3: Conflicting inbound listener:8080. {x}",
    });
  });

  test("drops a block cut short by the next log line and reads that line", async () => {
    const text = [
      "2023-04-17T09:40:22.000000Z\tinfo\tads\tPush Status: {",
      '    "pilot_eds_no_instances": {',
      "2023-04-17T09:40:23.000000Z\twarn\tads\tADS:CDS: ACK ERROR web-1.shop-3 bad",
    ].join("\n");
    const { observations } = await runLineReader(istioLogReader, [text]);
    expect(observations.map((o) => o.type)).toEqual(["mesh.signal"]);
  });
});
