import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { findingDef } from "../catalogue/index.ts";
import type { Finding } from "../model/finding.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { findingSummary, severityOf } from "../report/finding-text.ts";
import { printable, redact } from "../report/redact.ts";
import { chooseStyle, type Style } from "../report/style.ts";
import { type AnalysedMessage, checkMessages } from "../wire/http1/analyze.ts";
import { escapeBytes } from "../wire/http1/bytes.ts";
import type { WireDefect } from "../wire/http1/checks/define.ts";
import { highlightBytes } from "../wire/http1/highlight.ts";
import { parseHttp1 } from "../wire/http1/parser.ts";
import type { Http1Message } from "../wire/http1/types.ts";
import { analyzeHttp2, type Http2Analysis } from "../wire/http2/analyze.ts";
import { renderHttp2Text } from "../wire/http2/text.ts";
import { decodeWireInput, type WireStream } from "../wire/input/decode.ts";
import { type PeerPrediction, type PeerVersions, parsePeerVersions, predictPeers } from "../wire/peers/predict.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import type { OutputFormat } from "./options.ts";

export interface WireOptions {
  readonly input: string;
  readonly format: OutputFormat;
  readonly failOn: Severity;
  readonly peerVersions: readonly string[];
  readonly expect: "auto" | "request" | "response";
  readonly head: boolean;
}

const MAX_INPUT = 64 << 20;
const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

interface StreamReport {
  readonly stream: WireStream;
  readonly messages: readonly AnalysedMessage[];
  readonly messageCount: number;
  readonly http2?: Http2Analysis;
}

export async function runWire(options: WireOptions, io: Io): Promise<number> {
  const { versions, errors } = parsePeerVersions(options.peerVersions);
  if (errors.length > 0) throw new UsageError(errors.join("; "));
  const bytes = await readInput(options.input, io.stdin);
  const decoded = decodeWireInput(bytes);
  const reports: StreamReport[] = [];
  for (const stream of decoded.streams) reports.push(analyseStream(stream, options, versions));
  const source = options.input;
  if (options.format === "json") {
    io.stdout.write(`${JSON.stringify(wireJson(source, decoded.format, reports, versions), null, 2)}\n`);
  } else {
    io.stdout.write(renderText(source, decoded.format, reports, versions, chooseStyle(io.stdoutIsTTY, io.env)));
  }
  const codes = reports.flatMap((r) => [
    ...r.messages.flatMap((m) => m.defects.map((d) => d.code)),
    ...http2Codes(r.http2),
  ]);
  return codes.some((code) => atLeast(findingDef(code)?.severity ?? "warning", options.failOn))
    ? EXIT.problems
    : EXIT.clean;
}

/** Every finding code of an HTTP/2 analysis: connection-level and per message. */
function http2Codes(analysis: Http2Analysis | undefined): string[] {
  if (!analysis) return [];
  return [...analysis.findings, ...analysis.messages.flatMap((m) => m.findings)].map((f) => f.code);
}

async function readInput(input: string, stdin: () => Readable): Promise<Buffer> {
  if (input !== "-") {
    return readFile(input).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`Cannot read ${input}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin()) {
    const piece = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    if (size + piece.length > MAX_INPUT) break;
    chunks.push(piece);
    size += piece.length;
  }
  return Buffer.concat(chunks, size);
}

function looksLikeHttp2(bytes: Buffer): boolean {
  if (bytes.subarray(0, H2_PREFACE.length).equals(H2_PREFACE)) return true;
  // A server's first frame is SETTINGS on stream 0: length, type 0x4, flags, stream id 0.
  return bytes.length >= 9 && bytes[3] === 0x04 && bytes.readUInt32BE(5) === 0 && bytes.readUIntBE(0, 3) % 6 === 0;
}

function analyseStream(stream: WireStream, options: WireOptions, versions: PeerVersions): StreamReport {
  if (looksLikeHttp2(stream.bytes)) {
    return {
      stream,
      messages: [],
      messageCount: 0,
      http2: analyzeHttp2(stream.bytes, { source: options.input, versions }),
    };
  }
  const expect =
    options.expect !== "auto" ? options.expect : stream.direction === "unknown" ? "auto" : stream.direction;
  const parsed = parseHttp1(stream.bytes, { expect, partial: stream.partial, head: options.head });
  return { stream, messages: checkMessages(parsed.messages, stream.partial), messageCount: parsed.messageCount };
}

function toFinding(defect: WireDefect, source: string, stream: WireStream): Finding {
  const [line] = highlightBytes(stream.bytes, defect.offset, defect.length);
  return {
    code: defect.code,
    subject: defect.subject,
    vars: { ...defect.vars, message: defect.message + 1 },
    evidence: [{ source, byte: defect.offset, length: defect.length, excerpt: line }],
  };
}

function peersOf(message: AnalysedMessage, versions: PeerVersions): PeerPrediction[] {
  return predictPeers(
    message.defects.map((d) => ({ code: d.code, vars: d.vars })),
    versions,
  );
}

function describeMessage(message: Http1Message): string {
  const line = message.startLine.line;
  if (message.startLine.kind === "http09") return "reply without a status line";
  if (message.startLine.kind === "fragment") return "excerpt of a header section";
  return line ? escapeBytes(line.bytes.subarray(0, 100)) : message.kind;
}

function wireJson(source: string, format: string, reports: readonly StreamReport[], versions: PeerVersions) {
  return {
    schema: "proxydoc.wire/v1",
    input: { source, format },
    streams: reports.map((report) => ({
      label: report.stream.label,
      direction: report.stream.direction,
      bytes: report.stream.bytes.length,
      partial: report.stream.partial,
      messageCount: report.messageCount,
      ...(report.http2 !== undefined ? { http2: report.http2 } : {}),
      messages: report.messages.map((m) => ({
        index: m.message.index,
        kind: m.message.kind,
        startLine: describeMessage(m.message),
        offset: m.message.offset,
        end: m.message.end,
        framing: m.message.framing,
        headerBytes: m.message.headerBytes,
        fields: m.message.fieldCount,
        body: { received: m.message.body.received, complete: m.message.body.complete },
        ...(m.message.strictStop ? { strictStop: m.message.strictStop } : {}),
        defects: m.defects.map((d) => {
          const finding = toFinding(d, source, report.stream);
          return { ...finding, severity: severityOf(finding), summary: findingSummary(finding) };
        }),
        peers: peersOf(m, versions),
        ...(m.message.kind === "request" ? { peersNote: REQUEST_NOTE } : {}),
        explanation: curlVersusMesh(peersOf(m, versions)),
      })),
    })),
  };
}

/** The peer table describes upstream responses; a proxy reading a bad request answers 400 instead. */
const REQUEST_NOTE =
  "Peer reactions are those to the same bytes arriving as an upstream response; a proxy that receives them as a client request answers 400 (Envoy: DPE, http1.codec_error) instead of 502.";

const STRICT_PROXIES = ["envoy", "nginx", "haproxy", "apache", "caddy"] as const;

/** Why a direct curl works while the proxy in front fails, when that is what the peers say. */
export function curlVersusMesh(peers: readonly PeerPrediction[]): string | undefined {
  const curl = peers.find((p) => p.peer === "curl");
  if (!curl || curl.outcome === "reject" || curl.outcome === "truncate") return undefined;
  const rejecting = peers.filter(
    (p) =>
      (STRICT_PROXIES as readonly string[]).includes(p.peer) && (p.outcome === "reject" || p.outcome === "truncate"),
  );
  if (rejecting.length === 0) return undefined;
  const envoy = rejecting.find((p) => p.peer === "envoy");
  const names = rejecting.map((p) => `${p.peer} ${p.version}`).join(", ");
  const lead = envoy
    ? `Envoy ${envoy.version} (the Istio sidecar) stops at ${envoy.code} and answers ${envoy.status ?? 502} itself (${envoy.detail})`
    : `${rejecting[0]!.peer} stops at ${rejecting[0]!.code}`;
  return `curl ${curl.version} reads this message without complaint (${curl.detail}), so a direct request to the application looks healthy; ${lead}. Rejected by: ${names}. Fix the bytes in the application, not the proxy.`;
}

function renderText(
  source: string,
  format: string,
  reports: readonly StreamReport[],
  versions: PeerVersions,
  style: Style,
): string {
  const out: string[] = [`${style.bold(source)} (${format})`];
  if (reports.length === 0) out.push("", "No bytes to read.");
  for (const report of reports) {
    const { stream } = report;
    out.push("", style.bold(`${stream.label}: ${stream.bytes.length} bytes${stream.partial ? " (excerpt)" : ""}`));
    if (report.http2 !== undefined) {
      const lines = renderHttp2Text(report.http2, {
        summarize: findingSummary,
        quote: (text) => printable(redact(text)),
      });
      out.push(...lines.map((line) => `  ${line}`));
      continue;
    }
    for (const analysed of report.messages) out.push(...renderMessage(analysed, stream, source, versions, style));
    if (report.messageCount > report.messages.length) {
      out.push(style.dim(`  … ${report.messageCount - report.messages.length} more messages not shown`));
    }
  }
  return `${out.join("\n")}\n`;
}

function renderMessage(
  analysed: AnalysedMessage,
  stream: WireStream,
  source: string,
  versions: PeerVersions,
  style: Style,
): string[] {
  const { message, defects } = analysed;
  const out = [
    "",
    `  ${style.bold(`Message ${message.index + 1}`)} ${message.kind}: ${describeMessage(message)}  ${style.dim(
      `bytes ${message.offset}–${message.end}, ${message.fieldCount} fields, framing ${message.framing}`,
    )}`,
  ];
  if (message.strictStop) {
    out.push(
      `  ${style.dim(`a strict parser stops at byte ${message.strictStop.offset}: ${message.strictStop.reason}`)}`,
    );
  }
  if (defects.length === 0) out.push(`    ${style.green("no defects")}`);
  for (const defect of defects) {
    const finding = toFinding(defect, source, stream);
    const severity = severityOf(finding);
    const paint = severity === "error" ? style.red : severity === "warning" ? style.yellow : style.dim;
    const name = findingDef(defect.code)?.name ?? "";
    out.push(
      `    ${paint(defect.code)} ${redact(findingSummary(finding))} ${style.dim(`(${name}, byte ${defect.offset})`)}`,
    );
    const [line, marks] = highlightBytes(stream.bytes, defect.offset, defect.length);
    out.push(`        ${redact(line)}`, `        ${style.red(marks)}`);
  }
  const peers = peersOf(analysed, versions);
  out.push(
    "",
    `    ${style.bold("peer".padEnd(9))} ${"version".padEnd(28)} ${"outcome".padEnd(9)} what the person sees`,
  );
  for (const peer of peers) {
    const paint =
      peer.outcome === "reject" || peer.outcome === "truncate"
        ? style.red
        : peer.outcome === "alter"
          ? style.yellow
          : style.green;
    out.push(
      `    ${peer.peer.padEnd(9)} ${peer.version.padEnd(28)} ${paint(peer.outcome.padEnd(9))} ${peer.detail} ${style.dim(`[${peer.confidence}]`)}`,
    );
  }
  if (message.kind === "request") out.push(`    ${style.dim(REQUEST_NOTE)}`);
  const why = curlVersusMesh(peers);
  if (why) out.push("", `    ${why}`);
  return out;
}
