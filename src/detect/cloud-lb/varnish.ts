import type { FindingCode } from "../../model/finding.ts";
import type { VarnishFailure } from "../../model/observations/cloud-lb.ts";
import { defineDetector } from "../define.ts";

const CODES: Readonly<Record<VarnishFailure, FindingCode>> = {
  "first-byte-timeout": "PD1690",
  "backend-read-error": "PD1691",
  "connect-timeout": "PD1692",
  "backend-fetch-failed": "PD1693",
  "no-healthy-backend": "PD1694",
};

/** The 503s Varnish (and Fastly) make themselves: what failed between the cache and the origin. */
export const varnishPageDetector = defineDetector({
  id: "cloudlb.varnish-page",
  description:
    "Varnish's and Fastly's own 503s: first byte timeout, read error, connect timeout, fetch failed, no healthy backend",
  inputs: ["cloudlb.varnish-page"],
  emits: Object.values(CODES),
  each(page, emit) {
    emit({
      code: CODES[page.failure],
      subject: "the origin",
      vars: { producer: "varnish", status: 503, reason: page.reason },
      evidence: [page.ref],
    });
  },
});
