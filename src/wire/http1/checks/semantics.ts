import { byteLimitsExceeded, fieldLimitsExceeded, type HeaderLimit } from "../../peers/limits.ts";
import { fieldsNamed } from "../parser.ts";
import { defineCheck, type Http1Check } from "./define.ts";

function describeLimits(limits: readonly HeaderLimit[], pick: (l: HeaderLimit) => number | undefined): string {
  return limits.map((l) => `${l.peer} ${pick(l)}`).join(", ");
}

/** Connection options that are themselves standard hop-by-hop fields, or options with no field. */
const PLAIN_CONNECTION_OPTIONS = new Set(["close", "keep-alive", "upgrade", "te", "http2-settings"]);

export const SEMANTIC_CHECKS: readonly Http1Check[] = [
  defineCheck({
    id: "hop-by-hop-for-h2",
    codes: ["PD2038"],
    run({ message }, report) {
      for (const field of message.fields) {
        const hazard =
          field.key === "proxy-connection" ||
          field.key === "keep-alive" ||
          (field.key === "upgrade" && message.startLine.status !== 101 && message.kind === "response") ||
          (field.key === "te" && field.value.toLowerCase() !== "trailers");
        if (!hazard) continue;
        report({
          code: "PD2038",
          subject: field.name.trim(),
          vars: { name: field.name.trim() },
          offset: field.line.offset,
          length: field.line.length,
        });
      }
    },
  }),
  defineCheck({
    id: "connection-lists-field",
    codes: ["PD2039"],
    run({ message }, report) {
      for (const field of fieldsNamed(message.fields, "connection")) {
        for (const option of field.value.split(",")) {
          const name = option.trim().toLowerCase();
          if (!name || PLAIN_CONNECTION_OPTIONS.has(name)) continue;
          report({
            code: "PD2039",
            subject: name,
            vars: { name },
            offset: field.line.offset,
            length: field.line.length,
          });
        }
      }
    },
  }),
  defineCheck({
    id: "too-many-fields",
    codes: ["PD2040"],
    run({ message }, report) {
      const exceeded = fieldLimitsExceeded(message.fieldCount);
      const start = message.startLine.line?.offset ?? message.offset;
      if (exceeded.length === 0) return;
      report({
        code: "PD2040",
        subject: "header section",
        vars: { count: message.fieldCount, limits: describeLimits(exceeded, (l) => l.maxFields) },
        offset: start,
        length: message.headerBytes,
      });
    },
  }),
  defineCheck({
    id: "header-section-too-large",
    codes: ["PD2041"],
    run({ message }, report) {
      const exceeded = byteLimitsExceeded(message.headerBytes);
      if (exceeded.length === 0) return;
      report({
        code: "PD2041",
        subject: "header section",
        vars: { bytes: message.headerBytes, limits: describeLimits(exceeded, (l) => l.maxBytes) },
        offset: message.offset,
        length: message.headerBytes,
      });
    },
  }),
  defineCheck({
    id: "multiple-host",
    codes: ["PD2048"],
    run({ message }, report) {
      const hosts = fieldsNamed(message.fields, "host");
      if (message.kind !== "request" || hosts.length < 2) return;
      const second = hosts[1]!;
      report({
        code: "PD2048",
        subject: "Host",
        vars: { count: hosts.length },
        offset: second.line.offset,
        length: second.line.length,
      });
    },
  }),
  defineCheck({
    id: "request-without-host",
    codes: ["PD2049"],
    run({ message }, report) {
      const { kind, line, version } = message.startLine;
      if (kind !== "request" || !line || version !== "HTTP/1.1" || !message.headComplete) return;
      if (fieldsNamed(message.fields, "host").length > 0) return;
      report({ code: "PD2049", subject: "Host", vars: { version }, offset: line.offset, length: line.length });
    },
  }),
];
