import { defineDetector } from "../define.ts";
import { binaryFinding, factsOf } from "./facts.ts";
import { clientGoChecksHealth } from "./versions.ts";

/** x/net gained the HTTP/2 PING health check on 2020-03-11 (golang/net#55). */
const HEALTH_CHECK_DATE = "20200311";

export const http2HealthCheck = defineDetector({
  id: "binary.http2-health-check",
  description: "Whether the executable's HTTP/2 client can and does detect dead connections",
  inputs: ["binary.go-build"],
  emits: ["PD6003", "PD6004", "PD6005", "PD6006"],
  each(observation, emit) {
    const facts = factsOf(observation);
    const checks = facts.clientGo
      ? clientGoChecksHealth(facts.clientGo)
      : observation.kubeTransportDefaults?.healthCheck;
    if (checks === true) emit(binaryFinding(observation, facts, "PD6005"));
    if (checks === false) emit(binaryFinding(observation, facts, "PD6004"));
    const client = facts.xnetClients[0];
    if (!client) return;
    const byDate = client.path === "golang.org/x/net/http2" ? facts.xnet?.date : undefined;
    const hasHealthCheck = byDate !== undefined ? byDate >= HEALTH_CHECK_DATE : client.healthCheck;
    if (!hasHealthCheck) emit(binaryFinding(observation, facts, "PD6003", { copy: client.path }));
    else if (checks === undefined) emit(binaryFinding(observation, facts, "PD6006"));
  },
});
