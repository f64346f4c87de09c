import type { Finding } from "../../model/finding.ts";
import type { Http2Analysis, Http2Message } from "./analyze.ts";

export interface Http2TextOptions {
  /** One line for a finding (the CLI passes the catalogue's summary renderer). */
  readonly summarize: (finding: Finding) => string;
  /** Makes a field value safe to print (the CLI passes its redaction). */
  readonly quote: (text: string) => string;
  /** Frames listed before "… N more". */
  readonly maxFrames?: number;
}

const pad = (text: string | number, width: number) => String(text).padEnd(width);

function frameTable(analysis: Http2Analysis, max: number): string[] {
  const lines = ["  #    side    byte     type            stream  length  info"];
  for (const f of analysis.frames.slice(0, max)) {
    lines.push(
      `  ${pad(f.n, 4)} ${pad(f.direction, 7)} ${pad(f.byte, 8)} ${pad(f.type, 15)} ${pad(f.stream, 7)} ${pad(f.length, 7)} ${f.info}`,
    );
  }
  const more = analysis.frameCount - Math.min(max, analysis.frames.length);
  if (more > 0) lines.push(`  … ${more} more frames`);
  return lines;
}

function messageLines(message: Http2Message, options: Http2TextOptions): string[] {
  const lines = [
    `  ${message.role} from the ${message.direction}, stream ${message.stream} (frame ${message.frame}, byte ${message.byte})`,
  ];
  for (const field of message.fields) lines.push(`      ${options.quote(field.name)}: ${options.quote(field.value)}`);
  for (const finding of message.findings) lines.push(`    ✗ ${finding.code} ${options.summarize(finding)}`);
  const objecting = message.peers.filter((p) => p.outcome !== "accept");
  if (objecting.length > 0) {
    lines.push("    who would object:");
    for (const p of objecting)
      lines.push(
        `      ${pad(`${p.peer} ${p.version}`, 16)} ${p.outcome}${p.status ? ` ${p.status}` : ""}: ${p.detail} [${p.confidence}]`,
      );
    const accepting = message.peers.filter((p) => p.outcome === "accept").map((p) => p.peer);
    if (accepting.length > 0) lines.push(`      accepted by: ${accepting.join(", ")}`);
  }
  return lines;
}

/** The analysis as text lines for `proxydoc wire`: frames, each header block, then the other findings. */
export function renderHttp2Text(analysis: Http2Analysis, options: Http2TextOptions): string[] {
  const layout = analysis.layout === "connection" ? "client bytes, then server bytes" : `${analysis.layout} bytes only`;
  const lines = [
    `HTTP/2 (${layout}): ${analysis.frameCount} frames, ${analysis.streams.length} streams`,
    ...frameTable(analysis, options.maxFrames ?? 40),
  ];
  for (const stream of analysis.streams) {
    const request = stream.method ? `${stream.method} ${options.quote(stream.path ?? "")}` : "no request seen";
    const reset = stream.reset ? `, reset by the ${stream.reset.by} with ${stream.reset.errorCode}` : "";
    lines.push(
      `stream ${stream.id}: ${request} → ${stream.status ?? "no response"}, ${stream.dataBytes.server} body octets from the server${reset}`,
    );
  }
  for (const message of analysis.messages) lines.push(...messageLines(message, options));
  if (analysis.findings.length > 0) {
    lines.push("frames, streams and the connection:");
    for (const finding of analysis.findings) {
      const where = finding.evidence[0];
      const at = where
        ? ` (byte ${where.byte ?? "?"}, frame ${where.frame ?? "?"}${where.stream ? `, stream ${where.stream}` : ""})`
        : "";
      lines.push(`  ✗ ${finding.code} ${options.summarize(finding)}${at}`);
    }
  }
  return lines;
}
