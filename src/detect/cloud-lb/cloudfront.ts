import type { FindingCode } from "../../model/finding.ts";
import type { CloudFrontErrorPage } from "../../model/observations/cloud-lb.ts";
import { defineDetector } from "../define.ts";

const CODES: Readonly<Record<CloudFrontErrorPage["failure"], FindingCode>> = {
  "origin-connect": "PD1687",
  "origin-closed": "PD1688",
  "origin-timeout": "PD1689",
};

/** CloudFront's own error pages: what failed between CloudFront and the origin. */
export const cloudfrontPageDetector = defineDetector({
  id: "cloudlb.cloudfront-page",
  description: "CloudFront's error pages: no connection to the origin, the origin closed it, the origin too slow",
  inputs: ["cloudlb.cloudfront-page"],
  emits: Object.values(CODES),
  each(page, emit) {
    emit({
      code: CODES[page.failure],
      subject: "the origin behind CloudFront",
      vars: { producer: "cloudfront", status: page.failure === "origin-timeout" ? 504 : 502 },
      evidence: [page.ref],
    });
  },
});
