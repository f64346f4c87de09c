import type { Diagnosis } from "../model/diagnosis.ts";
import type { ProbeResult } from "../probe/result.ts";
import type { PeerPrediction } from "../wire/peers/predict.ts";
import { quote, type RenderOptions, renderFinding } from "./finding-text.ts";

function ms(value: number | undefined): string {
  return value === undefined ? "-" : `${value.toFixed(1)} ms`;
}

/** The probe's report: who answered, how long each phase took, what arrived, what is wrong. */
export function renderProbeText(
  result: ProbeResult,
  diagnosis: Diagnosis,
  options: RenderOptions,
  peers: readonly PeerPrediction[] = [],
): string {
  const { style } = options;
  const out = [style.bold(`proxydoc probe ${result.method} ${result.url} (${result.protocol})`)];
  if (result.remote) out.push(`  connected to ${result.remote.address}:${result.remote.port}`);
  const t = result.timings;
  out.push(
    `  timings: dns ${ms(t.dnsMs)}, connect ${ms(t.connectMs)}, tls ${ms(t.tlsMs)}, first byte ${ms(t.firstByteMs)}, total ${ms(t.totalMs)}`,
  );
  if (result.tls) {
    const leaf = result.tls.chain[0];
    out.push(
      `  tls: ${result.tls.version} ${result.tls.cipher}, ALPN ${result.tls.alpn ?? "none"}, ${result.tls.authorized ? "trusted" : `not trusted (${result.tls.authorizationError ?? "unknown"})`}, hostname ${result.tls.hostnameMatches ? "matches" : "does NOT match"}`,
    );
    if (leaf)
      out.push(
        `  certificate: ${leaf.subject}; issuer ${leaf.issuer}; expires ${leaf.validTo} (${leaf.daysLeft} days)`,
      );
  }
  if (result.error) out.push(style.red(`  ${result.error.phase} failed: ${result.error.message}`));
  const response = result.response;
  if (response) {
    out.push(
      "",
      style.bold(
        `< ${response.httpVersion ?? result.protocol} ${response.status ?? "?"} ${response.reason ?? ""}`.trimEnd(),
      ),
    );
    for (const [name, value] of response.headers.slice(0, 40)) out.push(`< ${quote(`${name}: ${value}`, options)}`);
    if (response.headers.length > 40) out.push(style.dim(`< … ${response.headers.length - 40} more header lines`));
    const declared =
      response.declaredLength !== undefined
        ? ` of ${response.declaredLength} declared`
        : response.chunked
          ? " (chunked)"
          : "";
    out.push(
      `  body: ${response.bodyBytes} bytes${declared}; ${response.complete ? style.green("complete") : style.red(`incomplete (${result.end})`)}`,
    );
  }
  if (result.reset)
    out.push(style.red(`  RST_STREAM ${result.reset.code} after ${result.reset.afterBodyBytes} body bytes`));
  if (result.goaway)
    out.push(
      style.yellow(`  GOAWAY ${result.goaway.code} last stream ${result.goaway.lastStreamId} ${result.goaway.debug}`),
    );
  out.push("");
  if (diagnosis.responders.length > 0) out.push(`Answered by: ${diagnosis.responders.map((r) => r.who).join(", ")}`);
  if (diagnosis.findings.length > 0) {
    out.push(style.bold("Findings"));
    for (const finding of diagnosis.findings) out.push(...renderFinding(finding, { ...options, maxEvidence: 0 }));
  } else {
    out.push(style.green("No defect found in this exchange."));
  }
  const rejecting = peers.filter((p) => p.outcome !== "accept");
  if (rejecting.length > 0) {
    out.push("", style.bold("What other peers would do with this answer"));
    for (const p of peers) {
      const what =
        p.outcome === "accept"
          ? style.green("accept")
          : p.outcome === "reject"
            ? style.red(`reject${p.status ? ` ${p.status}` : ""}`)
            : style.yellow(p.outcome);
      out.push(`  ${`${p.peer} ${p.version}`.padEnd(32)} ${what}  ${style.dim(quote(p.detail, options))}`);
    }
  }
  const top = diagnosis.causes[0];
  if (top)
    out.push(
      "",
      `${style.bold("Most likely:")} ${top.title} ${style.cyan(top.id)} ${Math.round(top.confidence * 100)}%`,
    );
  return `${out.join("\n").trimEnd()}\n`;
}
