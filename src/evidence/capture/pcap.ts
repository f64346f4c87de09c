import { CaptureAnalyzer } from "../../capture/analyze.ts";
import { sniffContainer } from "../../capture/container.ts";
import { hpackHeaderDecoder } from "../../capture/hpack.ts";
import type { FileReaderFactory } from "../reader.ts";

/** Packet captures (pcap, pcapng, gzip-compressed or not) as evidence for `diagnose`. */
export const pcapReader: FileReaderFactory = {
  format: "pcap",
  sniff(head) {
    return sniffContainer(head) !== undefined;
  },
  async read(chunks, context) {
    const analyzer = new CaptureAnalyzer({
      source: context.source,
      decoder: hpackHeaderDecoder,
      keepTransactions: 0,
      keepConnections: 0,
      observe: (observation) => context.emit(observation),
    });
    for await (const chunk of chunks) analyzer.push(chunk);
    const result = analyzer.end();
    return { records: result.packets, unknown: result.packets - result.tcpPackets };
  },
};
