import type { FindingCode, FindingVars } from "../../../model/finding.ts";
import { escapeBytes } from "../bytes.ts";
import type { Http1Message, ParseEvent, ParseEventKind } from "../types.ts";
import { defineCheck, type Http1Check } from "./define.ts";

interface EventCheckSpec {
  readonly id: string;
  readonly code: FindingCode;
  readonly kind: ParseEventKind;
  /** Skip when the input may be an excerpt whose end is cut by the capture, not by the peer. */
  readonly skipWhenPartial?: boolean;
  readonly subject: string;
  readonly vars?: (event: ParseEvent, message: Http1Message) => FindingVars;
}

/** A check that reports a framing event the parser noted. */
function eventCheck(spec: EventCheckSpec): Http1Check {
  return defineCheck({
    id: spec.id,
    codes: [spec.code],
    run({ message, partial }, report) {
      if (spec.skipWhenPartial && (partial || message.kind === "fragment")) return;
      const event = message.events.find((e) => e.kind === spec.kind);
      if (!event) return;
      report({
        code: spec.code,
        subject: spec.subject,
        vars: { offset: event.offset, ...(spec.vars?.(event, message) ?? {}) },
        offset: event.offset,
        length: Math.max(1, event.length),
      });
    },
  });
}

export const EVENT_CHECKS: readonly Http1Check[] = [
  eventCheck({ id: "bare-lf", code: "PD2013", kind: "bare-lf", subject: "line endings" }),
  eventCheck({
    id: "body-short",
    code: "PD2024",
    kind: "body-short",
    subject: "body",
    skipWhenPartial: true,
    vars: (event, message) => ({ missing: Number(event.detail ?? 0), length: message.body.declared ?? 0 }),
  }),
  eventCheck({
    id: "missing-last-chunk",
    code: "PD2026",
    kind: "chunked-incomplete",
    subject: "chunked body",
    skipWhenPartial: true,
  }),
  eventCheck({
    id: "chunk-size-invalid",
    code: "PD2027",
    kind: "chunk-size-invalid",
    subject: "chunk size",
    vars: (event) => ({ line: JSON.stringify(event.detail ?? "") }),
  }),
  eventCheck({ id: "chunk-crlf-missing", code: "PD2028", kind: "chunk-crlf-missing", subject: "chunk data" }),
  eventCheck({
    id: "header-section-cut",
    code: "PD2045",
    kind: "eof-in-head",
    subject: "header section",
    skipWhenPartial: true,
    vars: (_, message) => ({ bytes: message.headerBytes }),
  }),
  eventCheck({
    id: "chunk-extension",
    code: "PD2046",
    kind: "chunk-extension",
    subject: "chunk extension",
    vars: (event, message) => ({ value: extensionText(event, message) }),
  }),
  eventCheck({ id: "space-after-chunk-size", code: "PD2047", kind: "chunk-size-space", subject: "chunk size" }),
  eventCheck({
    id: "empty-line-before-status-line",
    code: "PD2052",
    kind: "leading-empty-line",
    subject: "status line",
  }),
];

function extensionText(event: ParseEvent, message: Http1Message): string {
  const chunk = message.body.chunks.find((c) => c.offset <= event.offset);
  return chunk ? `(${event.length} bytes after size ${chunk.sizeText})` : `(${event.length} bytes)`;
}

function isNoBodyResponse(message: Http1Message): boolean {
  return message.kind === "response" && message.framing === "none";
}

function announcesClose(message: Http1Message): boolean {
  return message.fields.some((f) => f.key === "connection" && /(^|,)\s*close\s*(,|$)/i.test(f.value));
}

export const EXCESS_CHECKS: readonly Http1Check[] = [
  defineCheck({
    id: "bytes-after-message",
    codes: ["PD2025"],
    run({ message }, report) {
      const excess = message.excess;
      if (!excess || isNoBodyResponse(message)) return;
      report({
        code: "PD2025",
        subject: "message end",
        vars: { length: excess.length, message: message.index + 1, sample: escapeBytes(excess.sample.subarray(0, 24)) },
        offset: excess.offset,
        length: excess.length,
      });
    },
  }),
  defineCheck({
    id: "body-after-bodiless-response",
    codes: ["PD2036"],
    run({ message }, report) {
      const excess = message.excess;
      if (!excess || !isNoBodyResponse(message)) return;
      const status = message.startLine.status;
      report({
        code: "PD2036",
        subject: `status ${status ?? "?"}`,
        vars: { length: excess.length, status: status === 204 || status === 304 ? status : `${status} (HEAD)` },
        offset: excess.offset,
        length: excess.length,
      });
    },
  }),
  defineCheck({
    id: "data-after-connection-close",
    codes: ["PD2050"],
    run({ message, messages }, report) {
      if (!announcesClose(message)) return;
      const next = messages[message.index + 1];
      const offset = next?.offset ?? message.excess?.offset;
      if (offset === undefined) return;
      const length = next ? next.end - next.offset : (message.excess?.length ?? 0);
      report({ code: "PD2050", subject: "Connection: close", vars: { length }, offset, length });
    },
  }),
];
