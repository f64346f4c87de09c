import type { FindingCode } from "../../model/finding.ts";
import type { WebSocketFailureKind } from "../../model/observations/browser.ts";
import { placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

const CODE_OF: Readonly<Record<WebSocketFailureKind, FindingCode>> = {
  "handshake-refused": "PD1125",
  "closed-abnormally": "PD1126",
  "keepalive-timeout": "PD1127",
  "upgrade-headers-missing": "PD1128",
};

/** WebSocket clients' failures, one code per way of failing whatever the client. */
export const webSocketFailureDetector = defineDetector({
  id: "browser.websocket-failure",
  description: "WebSocket handshakes answered without 101, and connections dropped without a close frame",
  inputs: ["websocket.failure"],
  emits: Object.values(CODE_OF),
  each(failure, emit) {
    emit({
      code: CODE_OF[failure.kind],
      subject: subjectOf(failure.correlation, failure.url ?? "its server"),
      vars: {
        ...placeVars(failure.correlation),
        client: failure.client,
        status: failure.status ?? "a status other than 101",
      },
      evidence: [failure.ref],
    });
  },
});
