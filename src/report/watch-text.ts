import type { Diagnosis } from "../model/diagnosis.ts";
import type { TargetStats } from "../probe/watch/stats.ts";
import { renderFinding } from "./finding-text.ts";
import type { Style } from "./style.ts";

export type Verdict = "healthy" | "lossy" | "black-holed" | "unreachable" | "too few attempts";

export function verdictOf(stats: TargetStats, codes: ReadonlySet<string>): Verdict {
  if (stats.sent > 0 && stats.ok === 0) return "unreachable";
  if (codes.has("PD4002")) return "black-holed";
  if (stats.lossPct > 0) return "lossy";
  return stats.sent >= 20 ? "healthy" : "too few attempts";
}

function rttText(stats: TargetStats): string {
  return stats.rtt ? `${stats.rtt.p50}/${stats.rtt.p90}/${stats.rtt.p99}` : "-";
}

/** One table row per target: the live view and the summary share it. */
export function statsTable(stats: readonly TargetStats[], verdicts?: readonly Verdict[]): string[] {
  const header = [
    "target",
    "sent",
    "failed",
    "loss%",
    "rtt p50/p90/p99 ms",
    "longest outage",
    ...(verdicts ? ["verdict"] : []),
  ];
  const rows = stats.map((s, i) => [
    s.target,
    String(s.sent),
    String(s.failed),
    s.lossPct.toFixed(1),
    rttText(s),
    s.longestOutage ? `${s.longestOutage.attempts} in a row` : "-",
    ...(verdicts ? [verdicts[i] ?? ""] : []),
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, col) => c.padEnd(widths[col] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function renderWatchSummary(
  stats: readonly TargetStats[],
  diagnosis: Diagnosis,
  elapsedMs: number,
  style: Style,
): string {
  const codesByTarget = new Map<string, Set<string>>();
  for (const finding of diagnosis.findings) {
    const set = codesByTarget.get(finding.subject) ?? new Set<string>();
    set.add(finding.code);
    codesByTarget.set(finding.subject, set);
  }
  const verdicts = stats.map((s) => verdictOf(s, codesByTarget.get(s.target) ?? new Set()));
  const out = [
    style.bold(
      `proxydoc watch: ${stats.length} target${stats.length === 1 ? "" : "s"}, ${(elapsedMs / 1000).toFixed(1)} s`,
    ),
    ...statsTable(stats, verdicts),
    "",
  ];
  for (const s of stats) {
    const errors = Object.entries(s.errorCounts).sort((a, b) => b[1] - a[1]);
    if (errors.length > 0)
      out.push(
        `${s.target}: ${errors
          .slice(0, 3)
          .map(([e, n]) => `${e} ×${n}`)
          .join("; ")}`,
      );
  }
  if (diagnosis.findings.length > 0) {
    out.push(style.bold("Findings"));
    for (const finding of diagnosis.findings) out.push(...renderFinding(finding, { style, maxEvidence: 0 }));
    out.push("");
  }
  const top = diagnosis.causes[0];
  if (top && top.confidence >= 0.5) {
    out.push(`${style.bold("Cause:")} ${top.title} ${style.cyan(top.id)} ${Math.round(top.confidence * 100)}%`);
    out.push(`${style.green("fix:")} ${top.fix}`);
  } else if (verdicts.every((v) => v === "healthy")) {
    out.push(style.green("The path looks healthy: no attempt was lost."));
  }
  return `${out.join("\n").trimEnd()}\n`;
}
