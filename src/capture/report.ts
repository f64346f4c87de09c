/** Text rendering of a capture analysis: summary, conversation and transaction tables, Follow Stream, findings. */
import type { Diagnosis } from "../model/diagnosis.ts";
import { renderFinding } from "../report/finding-text.ts";
import { printable, redact } from "../report/redact.ts";
import type { Style } from "../report/style.ts";
import type { CaptureAnalysis, ConversationRow, FollowTranscript } from "./analyze.ts";
import type { HttpTransaction } from "./types.ts";

export interface CaptureTextOptions {
  readonly style: Style;
  readonly showSecrets: boolean;
  /** The transaction table was already streamed out. */
  readonly transactionsPrinted: boolean;
  readonly follow?: number;
}

/** Padding cut from one string of spaces: cheaper than padEnd and padStart, which a row calls a dozen times. */
const SPACES = " ".repeat(64);

function spaces(count: number): string {
  return count <= SPACES.length ? SPACES.slice(0, count) : " ".repeat(count);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + spaces(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : spaces(width - text.length) + text;
}

/** Sizes shown before, by byte count: most rows repeat a few sizes, and toFixed is slow. */
const SIZE_TEXTS = new Map<number, string>();

function bytes(n: number): string {
  let text = SIZE_TEXTS.get(n);
  if (text === undefined) {
    text = sizeText(n);
    if (SIZE_TEXTS.size >= 4096) SIZE_TEXTS.clear();
    SIZE_TEXTS.set(n, text);
  }
  return text;
}

function sizeText(n: number): string {
  if (n < 10_000) return `${n}`;
  if (n < 10_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

function ms(seconds: number | undefined): string {
  return seconds === undefined || !Number.isFinite(seconds) ? "-" : `${Math.round(seconds * 1000)}`;
}

function clip(text: string, width: number): string {
  const safe = printable(text);
  return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
}

export function transactionHeader(): string {
  return `  ${pad("conn", 5)} ${pad("stream", 6)} ${pad("proto", 8)} ${pad("method", 7)} ${pad("authority", 22)} ${pad("path", 32)} ${padLeft("status", 6)} ${padLeft("req B", 8)} ${padLeft("resp B", 9)} ${padLeft("ms", 6)}  packets      end`;
}

function endOf(t: HttpTransaction): string {
  if (t.complete && !t.cut) return t.missingBytes > 0 ? `complete (${t.missingBytes} B not captured)` : "complete";
  const who = t.resetBy ? ` by ${t.resetBy}` : "";
  const code = t.resetCode ? ` ${t.resetCode}` : "";
  switch (t.cut) {
    case "rst_stream":
      return `RST_STREAM${code}${who}`;
    case "goaway":
      return `GOAWAY${code}${who}`;
    case "rst":
      return `RST${who}`;
    case "fin":
      return "closed (FIN)";
    case "gap":
      return "bytes missing";
    default:
      return "capture ended";
  }
}

export function transactionLine(t: HttpTransaction): string {
  const duration = t.endTime !== undefined && t.requestTime !== undefined ? t.endTime - t.requestTime : undefined;
  const packets = `${t.requestPacket ?? "?"}-${t.endPacket ?? "?"}`;
  return `  ${pad(String(t.connection), 5)} ${pad(String(t.stream), 6)} ${pad(t.protocol, 8)} ${pad(clip(t.method ?? "?", 7), 7)} ${pad(clip(t.authority ?? "-", 22), 22)} ${pad(clip(t.path ?? "-", 32), 32)} ${padLeft(t.status === undefined ? "-" : String(t.status), 6)} ${padLeft(bytes(t.requestBodyBytes), 8)} ${padLeft(bytes(t.responseBodyBytes), 9)} ${padLeft(ms(duration), 6)}  ${pad(packets, 12)} ${endOf(t)}`;
}

function conversationLines(rows: readonly ConversationRow[], total: number): string[] {
  const lines = [
    `  ${padLeft("#", 5)} ${pad("client", 22)} ${pad("server", 22)} ${pad("protocol", 16)} ${padLeft("pkts", 6)} ${padLeft("→ bytes", 9)} ${padLeft("← bytes", 9)} ${padLeft("ms", 7)} ${padLeft("http", 5)}  ${pad("end", 14)} notes`,
  ];
  for (const row of rows) {
    const notes: string[] = [];
    if (row.midStream) notes.push("joined mid-stream");
    if (row.retransmissions > 0) notes.push(`${row.retransmissions} retransmitted`);
    if (row.dupAcks > 0) notes.push(`${row.dupAcks} dup ACKs`);
    if (row.missingBytes > 0) notes.push(`${row.missingBytes} B missing`);
    if (row.tls) {
      const t = row.tls;
      notes.push(
        [
          t.version,
          t.sni && `SNI ${t.sni}`,
          t.alpnSelected && `ALPN ${t.alpnSelected}`,
          !t.established && "not established",
        ]
          .filter(Boolean)
          .join(", "),
      );
    }
    lines.push(
      `  ${padLeft(String(row.id), 5)} ${pad(row.client, 22)} ${pad(row.server, 22)} ${pad(row.protocol, 16)} ${padLeft(String(row.packets), 6)} ${padLeft(bytes(row.bytesToServer), 9)} ${padLeft(bytes(row.bytesToClient), 9)} ${padLeft(ms(row.duration), 7)} ${padLeft(String(row.transactions), 5)}  ${pad(row.ended, 14)} ${notes.join("; ")}`,
    );
  }
  if (total > rows.length) lines.push(`  … ${total - rows.length} more (use --limit 0 for all)`);
  return lines;
}

function followLines(follow: FollowTranscript, options: CaptureTextOptions): string[] {
  const { style } = options;
  const lines = [
    style.bold(`Connection ${follow.connection}: ${follow.client} ⇄ ${follow.server} (${follow.protocol})`),
    "",
  ];
  const safe = (text: string): string => (options.showSecrets ? text : redact(text));
  if (follow.frames.length > 0) {
    for (const frame of follow.frames) {
      const arrow = frame.side === "client" ? "→" : "←";
      const paint = frame.side === "client" ? style.red : style.cyan;
      lines.push(
        paint(
          `#${padLeft(String(frame.packet), 6)} ${arrow} ${pad(frame.type, 13)} stream=${pad(String(frame.stream), 4)} flags=0x${frame.flags.toString(16).padStart(2, "0")} len=${frame.length}${frame.detail ? `  ${frame.detail}` : ""}`,
        ),
      );
      for (const [name, value] of frame.headers ?? [])
        lines.push(paint(`          ${printable(safe(`${name}: ${value}`))}`));
    }
  }
  for (const entry of follow.entries) {
    const paint = entry.side === "client" ? style.red : style.cyan;
    const text = printable(safe(entry.text).replace(/\r\n/g, "\n")).replace(/\\n/g, "\n");
    lines.push(style.dim(`#${entry.packet} ${entry.side === "client" ? "client → server" : "server → client"}`));
    for (const line of text.split("\n")) lines.push(paint(line));
  }
  return lines;
}

export function renderCaptureText(
  analysis: CaptureAnalysis,
  diagnosis: Diagnosis,
  options: CaptureTextOptions,
): string {
  const { style } = options;
  const out: string[] = [];
  if (options.follow !== undefined) {
    if (analysis.follow) out.push(...followLines(analysis.follow, options), "");
  }
  const span =
    analysis.firstTime !== undefined && analysis.lastTime !== undefined
      ? `, ${new Date(analysis.firstTime * 1000).toISOString()} + ${(analysis.lastTime - analysis.firstTime).toFixed(3)} s`
      : "";
  if (options.transactionsPrinted) out.push("");
  out.push(
    style.bold(
      `${diagnosis.inputs[0]?.source ?? "capture"}: ${analysis.format ?? "?"}, ${analysis.packets} packets, ${bytes(analysis.bytes)} bytes, ${analysis.connectionCount} TCP connections, ${analysis.transactionCount} HTTP transactions${span}`,
    ),
  );
  if (options.follow === undefined) {
    out.push("", style.bold("Conversations"), ...conversationLines(analysis.connections, analysis.connectionCount));
  }
  out.push("");
  if (diagnosis.findings.length === 0) out.push(style.green("No findings: nothing in this capture looks wrong."));
  else {
    out.push(style.bold(`Findings (${diagnosis.findings.length})`));
    for (const finding of diagnosis.findings)
      out.push(...renderFinding(finding, { style, showSecrets: options.showSecrets }));
  }
  const causes = diagnosis.causes.slice(0, 3);
  if (causes.length > 0) {
    out.push("", style.bold("Likely causes"));
    for (const cause of causes) out.push(`  ${Math.round(cause.confidence * 100)}% ${cause.id}: ${cause.title}`);
  }
  return `${out.join("\n")}\n`;
}
