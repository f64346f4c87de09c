import type { BrowserHarEntry } from "../../model/observations/browser.ts";
import { compact, placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

function entryVars(entry: BrowserHarEntry) {
  return {
    ...placeVars(entry.correlation),
    ...compact({ status: entry.status || undefined, url: entry.url, method: entry.method }),
  };
}

function subject(entry: BrowserHarEntry): string {
  return subjectOf(entry.correlation, entry.url ?? "a request");
}

export const harShortBodyDetector = defineDetector({
  id: "browser.har-short-body",
  description: "HAR entries whose received body is shorter than their Content-Length",
  inputs: ["browser.har-entry"],
  emits: ["PD1116"],
  each(entry, emit) {
    const { contentLength, bodyBytes } = entry;
    if (contentLength === undefined || bodyBytes === undefined) return;
    if (entry.status < 200 || entry.status === 204 || entry.status === 304) return;
    if (bodyBytes >= contentLength || (bodyBytes === 0 && !entry.error)) return;
    emit({
      code: "PD1116",
      subject: subject(entry),
      vars: compact({
        ...entryVars(entry),
        contentLength,
        bodyBytes,
        producer: entry.responder?.frontProxy ?? entry.responder?.producer,
      }),
      evidence: [entry.ref],
    });
  },
});

export const harErrorStatusDetector = defineDetector({
  id: "browser.har-error-status-producer",
  description: "who produced a 5xx recorded in a HAR: the application through a proxy, or the proxy itself",
  inputs: ["browser.har-entry"],
  emits: ["PD1117", "PD1118"],
  each(entry, emit) {
    const responder = entry.responder;
    if (entry.status < 500 || !responder) return;
    // nginx writes its own Server header on relayed responses too; only its error page proves it answered.
    if (responder.producer === "nginx" && !entry.nginxErrorPage) return;
    // Cloudflare's own 52x statuses are read by the cloud-lb detectors, by what each one means.
    if (responder.producer === "cloudflare") return;
    const code = responder.producer === "app" ? "PD1118" : "PD1117";
    emit({
      code,
      subject: subject(entry),
      vars: compact({ ...entryVars(entry), producer: responder.producer, frontProxy: responder.frontProxy }),
      evidence: [entry.ref],
    });
  },
});

export const harGatewayTimeoutDetector = defineDetector({
  id: "browser.har-gateway-timeout",
  description: "HAR entries answered 504, with the time the browser waited",
  inputs: ["browser.har-entry"],
  emits: ["PD1119"],
  each(entry, emit) {
    if (entry.status !== 504) return;
    emit({
      code: "PD1119",
      subject: subject(entry),
      vars: compact({
        ...entryVars(entry),
        waitMs: entry.waitMs !== undefined ? Math.round(entry.waitMs) : undefined,
        producer: entry.responder?.producer,
      }),
      evidence: [entry.ref],
    });
  },
});

/** Below this a response fits any proxy's memory buffers, so size cannot be the story. */
const LARGE_BYTES = 32 * 1024;

function isBroken(entry: BrowserHarEntry): boolean {
  if (entry.status < 200 || entry.status >= 300) return false;
  const short =
    entry.contentLength !== undefined && entry.bodyBytes !== undefined && entry.bodyBytes < entry.contentLength;
  return short || entry.error !== undefined;
}

export const harSizeDependentFailureDetector = defineDetector({
  id: "browser.har-size-dependent-failure",
  description: "in a HAR, the broken successful responses are all larger than every complete one",
  inputs: ["browser.har-entry", "browser.har-summary"],
  emits: ["PD1120"],
  all(observations, emit) {
    const bySource = new Map<string, { broken: BrowserHarEntry[]; largestComplete?: number }>();
    for (const observation of observations) {
      const entry = bySource.get(observation.ref.source) ?? { broken: [] };
      if (observation.type === "browser.har-summary") {
        if (observation.largestComplete !== undefined) entry.largestComplete = observation.largestComplete;
      } else if (isBroken(observation)) entry.broken.push(observation);
      bySource.set(observation.ref.source, entry);
    }
    for (const { broken, largestComplete } of bySource.values()) {
      if (broken.length === 0 || largestComplete === undefined) continue;
      const sizes = broken.map((e) => e.contentLength ?? 0);
      const smallestFailed = Math.min(...sizes);
      if (smallestFailed < LARGE_BYTES || smallestFailed <= largestComplete) continue;
      const first = broken[0] as BrowserHarEntry;
      emit({
        code: "PD1120",
        subject: subject(first),
        vars: compact({
          ...entryVars(first),
          failedCount: broken.length,
          smallestFailed,
          largestComplete,
          producer: first.responder?.frontProxy,
        }),
        evidence: broken.slice(0, 10).map((e) => e.ref),
      });
    }
  },
});
