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
