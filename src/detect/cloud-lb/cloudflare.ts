import { isCloudflareStatus } from "../../evidence/cloud-lb/cloudflare.ts";
import type { FindingCode } from "../../model/finding.ts";
import type { ResponderHint } from "../../model/observations/curl.ts";
import { compact, placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

const BY_STATUS: Readonly<Record<number, FindingCode>> = {
  520: "PD1680",
  521: "PD1681",
  522: "PD1682",
  523: "PD1683",
  524: "PD1684",
  525: "PD1685",
  526: "PD1686",
};

/** A 52x is Cloudflare's unless a server header names someone else. */
function fromCloudflare(status: number | undefined, responder: ResponderHint | undefined): boolean {
  return isCloudflareStatus(status) && (responder?.server === undefined || responder.producer === "cloudflare");
}

/**
 * Cloudflare's own 52x statuses, read by what each says about its connection to the origin: from
 * its error pages, curl transcripts, HAR entries and browser console lines.
 */
export const cloudflareStatusDetector = defineDetector({
  id: "cloudlb.cloudflare-status",
  description: "Cloudflare's 520–526 statuses (origin failures) in pages, curl transcripts, HARs and console lines",
  inputs: ["cloudlb.cloudflare-page", "curl.exchange", "browser.har-entry", "browser.console-status"],
  emits: Object.values(BY_STATUS),
  each(o, emit) {
    const responder = o.type === "curl.exchange" || o.type === "browser.har-entry" ? o.responder : undefined;
    if (!fromCloudflare(o.status, responder)) return;
    const code = BY_STATUS[o.status as number] as FindingCode;
    const url = o.type === "browser.har-entry" || o.type === "browser.console-status" ? o.url : undefined;
    emit({
      code,
      subject: subjectOf(o.correlation, url ?? "the site behind Cloudflare"),
      vars: compact({ ...placeVars(o.correlation), status: o.status, producer: "cloudflare" }),
      evidence: [o.ref],
    });
  },
});
