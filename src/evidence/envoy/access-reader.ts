import type { LineReaderFactory } from "../reader.ts";
import { JSON_ALIASES } from "./access-json.ts";
import { AccessSummariser } from "./access-summary.ts";
import { UNTIMED_PREFIX } from "./access-text.ts";
import { KNOWN_FLAGS } from "./vocabulary.ts";

/**
 * A record quoted without its `[time]`, as people paste it (and as early Istio wrote it): it is
 * read with an empty time in front.
 */
const UNTIMED_RECORD = /^"[A-Z]{3,10} \S+ HTTP\/[\d.]+" \d{1,3} \S+ /;

/**
 * A custom format that keeps the default's first fields in order without its brackets and quotes
 * (`<start time> GET /path HTTP/2 503 UC 0 57 0 …`): those fields are read as the default's.
 */
const UNQUOTED_RECORD =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ([A-Z]{3,10}) (\S+) (HTTP\/[\d.]+) (\d{3}) ((?:[A-Z]{2,5},)*[A-Z]{2,5}|-) (\d+) (\d+) (\d+) (\d+|-)(?: |$)/;

/** The default format's rendering of an unquoted record's leading fields, or undefined. */
export function quotedRecord(text: string): string | undefined {
  const m = UNQUOTED_RECORD.exec(text);
  if (!m) return undefined;
  const [, time, method, path, protocol, status, flags, received, sent, duration, upstreamTime] = m;
  if (flags !== "-" && !flags?.split(",").every((flag) => KNOWN_FLAGS.has(flag))) return undefined;
  return `[${time}] "${method} ${path} ${protocol}" ${status} ${flags} ${received} ${sent} ${duration} ${upstreamTime} "-" "-" "-" "-" "-"`;
}

/**
 * Text every record holds: a TEXT record's `] "` after its time; the protocol of one quoted
 * without its time, or without brackets and quotes; in JSON the key the fast path reads
 * (`"response_code":`), or the end of one of the keys that make an object an access record besides
 * its status (a key spelled with `\u` escapes is read by JSON.parse: `\u` is a needle too).
 */
const ENVOY_ACCESS_NEEDLES: readonly (string | RegExp)[] = [
  '] "',
  UNTIMED_RECORD,
  UNQUOTED_RECORD,
  'response_code":',
  ...[...JSON_ALIASES.flags, ...JSON_ALIASES.details, ...JSON_ALIASES.cluster, ...JSON_ALIASES.host, "bytes_sent"].map(
    (key) => `${key}"`,
  ),
  "\\u",
];

/**
 * Envoy/Istio access logs, line by line: every record is counted, and at the end the summary
 * and a bounded set of example records (failures first) are emitted.
 */
export const envoyAccessReader: LineReaderFactory = {
  format: "envoy-access",
  // The summariser counts every line it is given, but that count only places a worker's range.
  needles: ENVOY_ACCESS_NEEDLES,
  create(context) {
    const summariser = new AccessSummariser();
    return {
      accept(line) {
        if (summariser.addRange(line.text, 0, line.text.length, line.line, line.byte)) return true;
        const rewritten = UNTIMED_RECORD.test(line.text) ? `${UNTIMED_PREFIX}${line.text}` : quotedRecord(line.text);
        return rewritten !== undefined && summariser.addRange(rewritten, 0, rewritten.length, line.line, line.byte);
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
