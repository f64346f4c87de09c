import { describe, expect, test } from "vitest";
import { classifyMeshMessage } from "./signatures.ts";

describe("classifyMeshMessage", () => {
  const cases: [string, string, Record<string, string>][] = [
    [
      "ADS:LDS: ACK ERROR productpage-v1-abc.default-3 Internal:Error adding/updating listener(s) 0.0.0.0_9080: bad",
      "xds-nack",
      { xdsType: "LDS", proxy: "productpage-v1-abc.default-3" },
    ],
    [
      'config was previously rejected by Envoy. Applying backoff before resending it   {"backoff": "5s", "nodeID": "default.app", "reason": "Error adding/updating listener(s) kuma:envoy:admin: cannot bind \'0.0.0.0:30001\': Address already in use\\n"}',
      "xds-nack",
      {
        xdsType: "Listener",
        error:
          "Error adding/updating listener(s) kuma:envoy:admin: cannot bind '0.0.0.0:30001': Address already in use\\n",
      },
    ],
    [
      "Envoy proxy is NOT ready: config received from XDS server, but was rejected: cds updates: 1 successful, 1 rejected; lds updates: 0 successful, 0 rejected",
      "xds-nack",
      {},
    ],
    [
      "Envoy proxy is NOT ready: config not received from XDS server (is Istiod running?): cds updates: 0 successful, 0 rejected",
      "proxy-config-not-received",
      {},
    ],
    [
      "skipping server on gateway default/test2 port https.443.HTTPS: duplicate host names",
      "gateway-server-rejected",
      { gateway: "default/test2", reason: "duplicate host names" },
    ],
    [
      "skipping server on gateway default/test2, duplicate host names: [test1.example.com]",
      "gateway-server-rejected",
      { gateway: "default/test2", reason: "duplicate host names" },
    ],
    [
      "skipping server on gateway mygateway2 port https.443.HTTPS: non unique port name for HTTPS port",
      "gateway-server-rejected",
      { gateway: "mygateway2", reason: "non unique port name" },
    ],
    ["Conflicting inbound listener:8080. existing: a, incoming: b", "inbound-listener-conflict", { port: "8080" }],
    ['could not find cluster for tracing provider "otel": nope', "tracing-provider-missing", { provider: "otel" }],
    [
      'connection error: desc = "transport: Error while dialing: dial tcp: lookup istiod/istio-system.svc on 10.96.0.10:53: no such host"',
      "discovery-address-invalid",
      { address: "istiod/istio-system.svc", malformed: "true" },
    ],
    [
      'connection error: desc = "transport: Error while dialing dial tcp 10.0.0.2:15012: connect: connection refused"',
      "xds-connection-error",
      {},
    ],
    [
      'MountVolume.SetUp failed for volume "istio-token" : failed to fetch token: the API server does not have TokenRequest endpoints enabled',
      "istio-token-mount-failed",
      {},
    ],
    [
      'Error creating: Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": context deadline exceeded',
      "injection-webhook-failed",
      { webhook: "namespace.sidecar-injector.istio.io" },
    ],
    [
      'Readiness probe failed: Get "http://10.0.0.5:9080/health": timeout',
      "readiness-probe-failed",
      { reason: 'Get "http://10.0.0.5:9080/health": timeout' },
    ],
    [
      "Warning  Unhealthy  2m10s (x3 over 31m)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 502",
      "probe-proxy-status",
      { probe: "Liveness", status: "502" },
    ],
    [
      "Warning  Unhealthy  3m (x18 over 6m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503",
      "readiness-probe-failed",
      { reason: "HTTP probe failed with statuscode: 503" },
    ],
    [
      "Command error output: xtables parameter problem: iptables-restore: unable to initialize table 'raw'",
      "iptables-raw-table-missing",
      { table: "raw" },
    ],
    [
      "Failed to execute: iptables-restore --noflush /tmp/rules.txt, exit status 2",
      "iptables-restore-failed",
      { status: "exit status 2" },
    ],
    [
      'Exec lifecycle hook ([pilot-agent wait]) for Container "istio-proxy" in Pod "web-1_shop(1234)" failed - error: x',
      "pilot-agent-wait-failed",
      { container: "istio-proxy", pod: "web-1", namespace: "shop" },
    ],
    [
      'Readiness probe failed: Get "http://10.0.0.5:15021/healthz/ready": connect: connection refused',
      "sidecar-probe-failed",
      { probe: "Readiness" },
    ],
    [
      "Back-off restarting failed container istio-proxy in pod web-1_shop(1234)",
      "container-backoff",
      { container: "istio-proxy", pod: "web-1", namespace: "shop" },
    ],
    [
      "CDS: Send failure for node:reviews-v1-abc.default-4 resources:35 size:33.2kB: rpc error: code = DeadlineExceeded",
      "push-failed",
      { xdsType: "CDS", proxy: "reviews-v1-abc.default-4" },
    ],
    ["Timeout writing reviews-v1-abc.default-4", "push-failed", { proxy: "reviews-v1-abc.default-4" }],
    [
      'Error [IST0101] (VirtualService bookinfo/reviews reviews.yaml:10) Referenced host not found: "reviews2"',
      "istioctl-analyze",
      { level: "Error", code: "IST0101", kind: "VirtualService", resource: "bookinfo/reviews", namespace: "bookinfo" },
    ],
    ["Error from server: etcdserver: leader changed", "etcd-leader-changed", {}],
    ["raft.node: a changed leader from a to b at term 6", "etcd-leader-changed", { from: "a", to: "b" }],
    ["8e9e05c52164694d lost leader 8e9e05c52164694d at term 6", "etcd-leader-changed", { lost: "8e9e05c52164694d" }],
    [
      '\t* invalid discovery address: "istiod/istio-system.svc" is not a valid hostname or an IPv4 address',
      "discovery-address-invalid",
      { address: "istiod/istio-system.svc", malformed: "true" },
    ],
    ["etcdserver: request timed out", "etcd-request-timeout", {}],
    ["leader failed to send out heartbeat on time; took too long", "etcd-heartbeat-late", {}],
    ["slow fdatasync", "etcd-slow-disk", {}],
    ["sync duration of 1.2s, expected less than 1s", "etcd-slow-disk", { took: "1.2s" }],
    ["Envoy proxy is ready", "proxy-ready", {}],
  ];

  test.each(cases)("%s", (message, signal, details) => {
    const hit = classifyMeshMessage(message, "istio");
    expect(hit?.signal).toBe(signal);
    expect(hit?.details).toMatchObject(details);
  });

  test.each([
    "connected to upstream XDS server: 192.168.0.6:15012",
    "Envoy proxy is ready to serve",
    "Running command: iptables-restore --noflush /tmp/rules.txt",
    "lookup reviews.default.svc on 10.96.0.10:53: no such host",
    'failed calling webhook "validate.nginx.ingress.kubernetes.io": timeout',
    'failed calling webhook "validation.istio.io": context deadline exceeded',
    'MountVolume.SetUp failed for volume "config" : configmap "x" not found',
    "raft.node: a elected leader a at term 2",
    "ADS: new connection for node:productpage-v1-abc.default-1",
  ])("no signal in %s", (message) => {
    expect(classifyMeshMessage(message, "istio")).toBeUndefined();
  });

  test("a message over several lines (JSON logs keep the newlines) is read as one", () => {
    const hit = classifyMeshMessage(
      "ADS:LDS: ACK ERROR gw-1.istio-system-2 Internal:Error adding/updating listener(s) 0.0.0.0_8080: bad filter\n0.0.0.0_8443: bad filter\n",
      "istio",
    );
    expect(hit?.signal).toBe("xds-nack");
    expect(hit?.details).toMatchObject({ xdsType: "LDS", proxy: "gw-1.istio-system-2" });
    expect(hit?.details.error).toContain("0.0.0.0_8443: bad filter");
  });

  test("pilot-agent's 'Envoy proxy is ready' counts only in an Istio component's log", () => {
    expect(classifyMeshMessage("Envoy proxy is ready", "text")).toBeUndefined();
  });

  test("git's 'failed to push' counts only in an Istio component's log", () => {
    const line = "error: failed to push some refs to 'github.com:org/repo.git'";
    expect(classifyMeshMessage(line, "text")).toBeUndefined();
    expect(classifyMeshMessage("Failed to push config to proxy", "istio")?.signal).toBe("push-failed");
  });

  test("wordings every gRPC client or chat could print need their context", () => {
    const dial =
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial tcp 10.0.0.5:50051: i/o timeout"';
    expect(classifyMeshMessage(dial, "text")).toBeUndefined();
    expect(classifyMeshMessage(dial.replace("50051", "15012"), "text")?.signal).toBe("xds-connection-error");
    expect(classifyMeshMessage("we lost leader election yesterday", "text")).toBeUndefined();
  });

  test("a discovery address without a slash resolves to not malformed", () => {
    const hit = classifyMeshMessage("dial tcp: lookup istiod.istio-system.svc on 10.0.0.10:53: no such host", "istio");
    expect(hit).toEqual({
      signal: "discovery-address-invalid",
      details: { address: "istiod.istio-system.svc", malformed: "false" },
    });
  });
});
