import { producerOf, splitFlags } from "../../evidence/envoy/vocabulary.ts";
import { defineDetector } from "../define.ts";

/** Says, once per log, how many failing responses Envoy made itself rather than the application. */
export const envoyLocalRepliesDetector = defineDetector({
  id: "envoy-access-local-replies",
  description: "failing responses whose details show an Envoy local reply",
  inputs: ["envoy.access-summary"],
  emits: ["PD1217"],
  each(summary, emit) {
    const local = summary.groups.filter(
      (g) => g.status >= 400 && producerOf(g.details, splitFlags(g.flags)) === "envoy",
    );
    const first = local[0];
    if (!first) return;
    const count = local.reduce((sum, g) => sum + g.count, 0);
    emit({
      code: "PD1217",
      subject: summary.ref.source,
      vars: { producer: "envoy", status: first.status, details: first.details, flags: first.flags, count },
      evidence: [summary.ref],
    });
  },
});
