import { kindDetector } from "../define.ts";

/** The 503s Varnish (and Fastly) make themselves: what failed between the cache and the origin. */
export const varnishPageDetector = kindDetector({
  id: "cloudlb.varnish-page",
  description:
    "Varnish's and Fastly's own 503s: first byte timeout, read error, connect timeout, fetch failed, no healthy backend",
  input: "cloudlb.varnish-page",
  codes: {
    "first-byte-timeout": "PD1690",
    "backend-read-error": "PD1691",
    "connect-timeout": "PD1692",
    "backend-fetch-failed": "PD1693",
    "no-healthy-backend": "PD1694",
  },
  kindOf: (page) => page.failure,
  finding: (page) => ({ subject: "the origin", vars: { producer: "varnish", status: 503, reason: page.reason } }),
});
