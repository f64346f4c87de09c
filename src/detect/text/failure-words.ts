import type { FindingCode } from "../../model/finding.ts";
import type { FailureWords, FailureWordsKind } from "../../model/observations/text.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

const CODE_OF: Readonly<Record<FailureWordsKind, FindingCode>> = {
  refused: "PD1910",
  reset: "PD1911",
  "timed-out": "PD1912",
  certificate: "PD1913",
  "broken-pipe": "PD1914",
  "header-too-large": "PD1915",
  "wrong-version-number": "PD1916",
  "h2-preface-as-request": "PD1917",
  "datagram-too-long": "PD1918",
  "conntrack-full": "PD1919",
  "session-cut": "PD1920",
  "round-timeout": "PD1921",
  "tls-handshake": "PD1922",
  "h2-header-rejected": "PD1923",
  canceled: "PD1924",
};
const MAX_EVIDENCE = 3;

/** One finding per kind of failure and file, however many lines say it. */
export const failureWordsDetector = defineDetector({
  id: "text.failure-words",
  description: "socket and TLS failures named in lines of no known format",
  inputs: ["text.failure-words"],
  emits: Object.values(CODE_OF),
  all(observations, emit) {
    const groups = new Map<string, { first: FailureWords; evidence: SourceRef[]; count: number }>();
    for (const o of observations) {
      const key = `${o.ref.source}\u0000${o.kind}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { first: o, evidence: [o.ref], count: 1 });
      else {
        group.count++;
        if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(o.ref);
      }
    }
    for (const { first, evidence, count } of groups.values()) {
      emit({
        code: CODE_OF[first.kind],
        subject: first.ref.source,
        vars: { words: first.words, count },
        evidence,
      });
    }
  },
});
