import { CaptureAnalyzer } from "../../capture/analyze.ts";
import { sniffContainer } from "../../capture/container.ts";
import { readCaptureFile } from "../../capture/file-reader.ts";
import { hpackHeaderDecoder } from "../../capture/hpack.ts";
import { collectWireFindings } from "../../capture/wire-checks.ts";
import type { FileReaderFactory } from "../reader.ts";

/** Wire defects passed on as observations; the rest are counted by the collector only. */
const MAX_WIRE_DEFECTS = 200;

/** Packet captures (pcap, pcapng, gzip-compressed or not) as evidence for `diagnose`. */
export const pcapReader: FileReaderFactory = {
  format: "pcap",
  sniff(head) {
    return sniffContainer(head) !== undefined;
  },
  async read(chunks, context) {
    const wire = collectWireFindings(context.source, MAX_WIRE_DEFECTS);
    const analyzer = new CaptureAnalyzer({
      source: context.source,
      decoder: hpackHeaderDecoder,
      keepTransactions: 0,
      keepConnections: 0,
      onHttp1Head: (head) => wire.head(head),
      onHttp2Headers: (block) => wire.block(block),
      observe: (observation) => context.emit(observation),
    });
    const file = context.file;
    if (file) await readCaptureFile(file.path, analyzer);
    else for await (const chunk of chunks) analyzer.push(chunk);
    const result = analyzer.end();
    for (const finding of wire.findings) {
      const ref = finding.evidence[0] ?? { source: context.source };
      context.emit({
        type: "capture.wire-defect",
        ref,
        connection: Number(finding.vars.connection ?? 0),
        side: finding.vars.side === "client" ? "client" : "server",
        code: finding.code,
        subject: finding.subject,
        vars: finding.vars,
      });
    }
    return {
      records: result.packets,
      unknown: result.packets - result.tcpPackets,
      ...(file ? { bytes: file.size } : {}),
    };
  },
};
