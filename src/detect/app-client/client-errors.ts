import type { FindingCode } from "../../model/finding.ts";
import type { AppClientFailure } from "../../model/observations/app-client.ts";
import { kindDetector } from "../define.ts";

const CODES: Readonly<Record<AppClientFailure | "own-response-timeout", FindingCode>> = {
  "connection-refused": "PD1601",
  "tcp-timeout": "PD1602",
  "host-unreachable": "PD1603",
  "name-not-resolved": "PD1604",
  "connection-reset": "PD1605",
  "closed-before-response": "PD1606",
  "response-timeout": "PD1607",
  "own-response-timeout": "PD1627",
  "body-timeout": "PD1608",
  "body-cut": "PD1609",
  "plaintext-answer-to-tls": "PD1610",
  "tls-answer-to-plaintext": "PD1611",
  "certificate-rejected": "PD1612",
  "tls-handshake-failed": "PD1613",
  "malformed-header": "PD1614",
  "malformed-response": "PD1615",
  "plaintext-request-to-tls-server": "PD1616",
  "header-too-large": "PD1617",
  goaway: "PD1618",
  "h2-answer-not-h2": "PD1626",
  "concurrency-limit": "PD1619",
  "no-server": "PD1620",
};

export const appClientErrors = kindDetector({
  id: "app-client.errors",
  description:
    "Errors of application HTTP clients (Node.js, Python, Java, .NET, Rust, Ruby, PHP), by what failed under the request",
  input: "app-client.error",
  codes: CODES,
  // A client's own response timeout is the client giving up, unless it runs inside a gateway.
  kindOf: (observation) =>
    observation.failure === "response-timeout" && !observation.gateway ? "own-response-timeout" : observation.failure,
  finding: (observation) => ({
    subject: observation.correlation?.upstream ?? "the server",
    vars: { library: observation.gateway ?? observation.library, ...observation.fields },
  }),
});
