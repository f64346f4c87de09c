import type { LineReaderFactory } from "../reader.ts";
import { AccessSummariser } from "./access-summary.ts";
import { UNTIMED_PREFIX } from "./access-text.ts";

/**
 * A record quoted without its `[time]`, as people paste it (and as early Istio wrote it): it is
 * read with an empty time in front.
 */
const UNTIMED_RECORD = /^"[A-Z]{3,10} \S+ HTTP\/[\d.]+" \d{1,3} \S+ /;

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
        if (summariser.addRange(line.text, 0, line.text.length, line.line, line.byte)) return true;
        if (!UNTIMED_RECORD.test(line.text)) return false;
        const timed = `${UNTIMED_PREFIX}${line.text}`;
        return summariser.addRange(timed, 0, timed.length, line.line, line.byte);
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
