import { defineDetector } from "../define.ts";
import { accessGroups, groupFinding, groupVars, hasFlag } from "./access-groups.ts";

const MIN_TIMEOUTS = 3;

/** Timeouts whose durations sit at one value: a configured limit. */
export const envoyTimeoutAtFixedLimitDetector = defineDetector({
  id: "envoy-access-timeout-at-fixed-limit",
  description: "UT durations clustered at one value",
  inputs: ["envoy.access-summary", "envoy.access"],
  emits: ["PD1224"],
  all(observations, emit) {
    for (const view of accessGroups(observations)) {
      if (!hasFlag(view, "UT") || view.group.count < MIN_TIMEOUTS) continue;
      const low = view.samples[0]?.groupMinDurationMs;
      const high = view.samples[0]?.groupMaxDurationMs;
      if (low === undefined || high === undefined || low < 1000) continue;
      if (high - low > Math.max(50, high * 0.02)) continue;
      emit(
        groupFinding("PD1224", view, {
          ...groupVars(view, "envoy"),
          clusters: view.group.cluster,
          timeout: Math.round(low / 100) * 100,
        }),
      );
    }
  },
});
