import http from "node:http";
import type { TargetStats } from "./stats.ts";

/** Prometheus text exposition of the current figures. */
export function renderMetrics(stats: readonly TargetStats[]): string {
  const lines = [
    "# HELP proxydoc_watch_attempts_total Attempts made per target.",
    "# TYPE proxydoc_watch_attempts_total counter",
    ...stats.map((s) => `proxydoc_watch_attempts_total{target="${escapeLabel(s.target)}"} ${s.sent}`),
    "# HELP proxydoc_watch_failures_total Attempts that failed per target.",
    "# TYPE proxydoc_watch_failures_total counter",
    ...stats.map((s) => `proxydoc_watch_failures_total{target="${escapeLabel(s.target)}"} ${s.failed}`),
    "# HELP proxydoc_watch_loss_ratio Share of attempts lost, retransmissions included.",
    "# TYPE proxydoc_watch_loss_ratio gauge",
    ...stats.map((s) => `proxydoc_watch_loss_ratio{target="${escapeLabel(s.target)}"} ${s.lossPct / 100}`),
    "# HELP proxydoc_watch_rtt_milliseconds Round-trip time quantiles.",
    "# TYPE proxydoc_watch_rtt_milliseconds gauge",
  ];
  for (const s of stats) {
    if (!s.rtt) continue;
    for (const [quantile, value] of [
      ["0.5", s.rtt.p50],
      ["0.9", s.rtt.p90],
      ["0.99", s.rtt.p99],
    ] as const) {
      lines.push(`proxydoc_watch_rtt_milliseconds{target="${escapeLabel(s.target)}",quantile="${quantile}"} ${value}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Serves /metrics on 127.0.0.1 only, for as long as the watch runs. */
export async function startMetricsServer(
  port: number,
  current: () => readonly TargetStats[],
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(renderMetrics(current()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
