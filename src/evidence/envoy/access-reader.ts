import type { LineReaderFactory } from "../reader.ts";
import { AccessSummariser } from "./access-summary.ts";

/**
 * Envoy/Istio access logs, line by line: every record is counted, and at the end the summary
 * and a bounded set of example records (failures first) are emitted.
 */
export const envoyAccessReader: LineReaderFactory = {
  format: "envoy-access",
  create(context) {
    const summariser = new AccessSummariser();
    return {
      accept(line) {
        return summariser.addRange(line.text, 0, line.text.length, line.line, line.byte);
      },
      end() {
        const read = summariser.observations(context.source);
        if (!read) return;
        context.emit(read.summary);
        for (const sample of read.samples) context.emit(sample);
      },
    };
  },
};
