import { placeVars, subjectOf } from "../curl/vars.ts";
import { kindDetector } from "../define.ts";

/** WebSocket clients' and servers' failures, one code per way of failing whatever the program. */
export const webSocketFailureDetector = kindDetector({
  id: "browser.websocket-failure",
  description:
    "WebSocket handshakes answered without 101, connections dropped without a close frame, upgrades stripped",
  input: "websocket.failure",
  codes: {
    "handshake-refused": "PD1125",
    "closed-abnormally": "PD1126",
    "keepalive-timeout": "PD1127",
    "upgrade-headers-missing": "PD1128",
    "origin-rejected": "PD1129",
    "connect-failed": "PD1130",
  },
  kindOf: (failure) => failure.kind,
  finding: (failure) => ({
    subject: subjectOf(failure.correlation, failure.url ?? "its server"),
    vars: {
      ...placeVars(failure.correlation),
      client: failure.client,
      status: failure.status ?? "a status other than 101",
    },
  }),
});
