/**
 * Runs the wire layer's HTTP/1 checks over every message head the capture decodes, and turns
 * each defect into a finding that points at the packet the head started in.
 */
import type { Finding } from "../model/finding.ts";
import { analyzeHttp1 } from "../wire/http1/analyze.ts";
import type { Http1Head } from "./types.ts";

/** Defect codes that judge a body, which a head alone cannot show. */
const NEEDS_BODY = /body|chunk|length|truncat|incomplete/i;

export interface WireCheckCollector {
  head(head: Http1Head): void;
  readonly findings: Finding[];
  /** Messages checked. */
  readonly checked: number;
}

export function collectWireFindings(source: string, maxFindings = 2000): WireCheckCollector {
  const findings: Finding[] = [];
  let checked = 0;
  return {
    findings,
    get checked() {
      return checked;
    },
    head(head) {
      checked++;
      let analysis: ReturnType<typeof analyzeHttp1>;
      try {
        analysis = analyzeHttp1(head.bytes, {
          expect: head.kind,
          head: head.transaction.method === "HEAD",
          partial: true,
        });
      } catch {
        return;
      }
      const message = analysis.messages[0];
      if (!message) return;
      for (const defect of message.defects) {
        if (findings.length >= maxFindings) return;
        if (defect.offset >= head.bytes.length || NEEDS_BODY.test(String(defect.vars.kind ?? ""))) continue;
        const t = head.transaction;
        findings.push({
          code: defect.code,
          subject: defect.subject,
          vars: {
            ...defect.vars,
            connection: head.connection,
            side: head.side,
            ...(t.path !== undefined ? { path: t.path } : {}),
            ...(t.server !== undefined && head.kind === "response" ? { responseServer: t.server } : {}),
          },
          evidence: [
            {
              source,
              packet: head.packet,
              byte: defect.offset,
              length: defect.length,
              excerpt: head.bytes.toString(
                "latin1",
                lineStart(head.bytes, defect.offset),
                lineEnd(head.bytes, defect.offset),
              ),
            },
          ],
        });
      }
    },
  };
}

function lineStart(bytes: Buffer, offset: number): number {
  return bytes.lastIndexOf(0x0a, Math.max(0, offset - 1)) + 1;
}

function lineEnd(bytes: Buffer, offset: number): number {
  const nl = bytes.indexOf(0x0a, offset);
  return Math.min(nl < 0 ? bytes.length : nl, lineStart(bytes, offset) + 200);
}
