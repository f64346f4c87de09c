import type { WatchTargetObservation } from "../../model/observations/probe.ts";
import type { FileReaderFactory } from "../reader.ts";
import { readJsonDocument, sniffSchema } from "./json-document.ts";

const MODES = new Set(["tcp", "h2-ping", "http"]);

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function rttOf(value: unknown): WatchTargetObservation["rtt"] {
  if (!value || typeof value !== "object") return null;
  const r = value as Record<string, unknown>;
  return { min: num(r.min), p50: num(r.p50), p90: num(r.p90), p99: num(r.p99), max: num(r.max) };
}

function outageOf(value: unknown): WatchTargetObservation["longestOutage"] {
  if (!value || typeof value !== "object") return null;
  const o = value as Record<string, unknown>;
  return { fromMs: num(o.fromMs), toMs: num(o.toMs), attempts: num(o.attempts) };
}

function countsOf(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, num(v)]));
}

/** Reads the `proxydoc.watch/v1` report back as evidence, so `diagnose` can weigh it with logs. */
export const watchJsonReader: FileReaderFactory = {
  format: "proxydoc-watch",
  sniff: (head) => sniffSchema(head, "proxydoc.watch/v1"),
  async read(chunks, context) {
    const doc = await readJsonDocument(chunks);
    if (!doc || typeof doc !== "object") return { records: 0, unknown: 1 };
    const root = doc as Record<string, unknown>;
    const mode =
      typeof root.mode === "string" && MODES.has(root.mode) ? (root.mode as WatchTargetObservation["mode"]) : "tcp";
    const targets = Array.isArray(root.targets) ? root.targets : [];
    let records = 0;
    targets.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== "object") return;
      const t = entry as Record<string, unknown>;
      const target = typeof t.target === "string" ? t.target : `target ${index + 1}`;
      records++;
      context.emit({
        type: "probe.watch-target",
        ref: { source: context.source, path: `targets[${index}]` },
        correlation: { upstream: target },
        target,
        mode,
        intervalMs: num(root.intervalMs),
        sent: num(t.sent),
        ok: num(t.ok),
        failed: num(t.failed),
        retransmitted: num(t.retransmitted),
        lossPct: num(t.lossPct),
        rtt: rttOf(t.rtt),
        longestOutage: outageOf(t.longestOutage),
        errorCounts: countsOf(t.errorCounts),
      });
    });
    return { records, unknown: targets.length - records };
  },
};
