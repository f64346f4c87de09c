import type { FindingCode } from "../../model/finding.ts";
import type { AppServerEventKind } from "../../model/observations/app-client.ts";
import { defineDetector } from "../define.ts";

const CODES: Readonly<Record<AppServerEventKind, FindingCode>> = {
  "worker-timeout": "PD1621",
  "http-to-uwsgi": "PD1622",
  "uwsgi-buffer-too-small": "PD1623",
  "request-refused": "PD1624",
  "proxy-not-allowed": "PD1625",
};

export const appServerEvents = defineDetector({
  id: "app-server.events",
  description:
    "gunicorn worker timeouts, uWSGI refusing a request block, uvicorn refusing a malformed request, applications refusing a proxy or host they do not allow",
  inputs: ["app-server.event"],
  emits: Object.values(CODES),
  each(event, emit) {
    emit({
      code: CODES[event.kind],
      subject: event.server,
      vars: { server: event.server, producer: "app", ...event.fields },
      evidence: [event.ref],
    });
  },
});
