import { kindDetector } from "../define.ts";

export const appServerEvents = kindDetector({
  id: "app-server.events",
  description:
    "gunicorn worker timeouts, uWSGI refusing a request block, uvicorn refusing a malformed request, applications refusing a proxy or host they do not allow",
  input: "app-server.event",
  codes: {
    "worker-timeout": "PD1621",
    "http-to-uwsgi": "PD1622",
    "uwsgi-buffer-too-small": "PD1623",
    "request-refused": "PD1624",
    "proxy-not-allowed": "PD1625",
  },
  kindOf: (event) => event.kind,
  finding: (event) => ({ subject: event.server, vars: { server: event.server, producer: "app", ...event.fields } }),
});
