import type { Correlation } from "../../model/observations/base.ts";
import type { AccessFormat, NginxAccessExample, NginxErrorLine } from "../../model/observations/nginx.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { COMBINED, KEY_VALUE, parseAccessLine } from "./access-line.ts";
import {
  ERROR_LINE_NEEDLES,
  type ParsedErrorLine,
  parseErrorLine,
  requestPath,
  upstreamAuthority,
} from "./error-line.ts";

/** nginx, Kong and ingress-nginx error logs: one observation per line. */
export const nginxErrorLogReader: LineReaderFactory = {
  format: "nginx-error",
  needles: ERROR_LINE_NEEDLES,
  create(context) {
    return {
      accept(line) {
        const parsed = parseErrorLine(line.text);
        if (!parsed) return false;
        const time = parsed.time === undefined ? {} : { time: isoTime(parsed.time) };
        context.emit(toObservation(parsed, lineRef(context.source, line, time)));
        return true;
      },
      end() {},
    };
  },
};

function toObservation(parsed: ParsedErrorLine, ref: NginxErrorLine["ref"]): NginxErrorLine {
  const correlation = correlationOf(parsed);
  return {
    type: "nginx.error",
    ref,
    ...parsed,
    ...(parsed.time === undefined ? {} : { time: isoTime(parsed.time) }),
    ...(correlation ? { correlation } : {}),
  };
}

function correlationOf(parsed: ParsedErrorLine): Correlation | undefined {
  const { path } = requestPath(parsed.request);
  const upstream = upstreamAuthority(parsed.upstream);
  const correlation: Correlation = {
    ...(parsed.host ? { authority: parsed.host } : {}),
    ...(path ? { path } : {}),
    ...(upstream ? { upstream } : {}),
  };
  return Object.keys(correlation).length > 0 ? correlation : undefined;
}

/** `2023/07/27 11:28:56` → `2023-07-27T11:28:56` (nginx logs local time without a zone). */
function isoTime(time: string): string {
  return time.replace(/\//g, "-").replace(" ", "T");
}

const EXAMPLES_PER_STATUS = 5;
/** Lines read in full at the start of a log to learn its format; later only notable ones are. */
const FORMAT_PROBE_LINES = 100;
/** Client aborts (499), nginx's own client timeouts (408) and every 5xx. */
const NOTABLE = (status: number): boolean => status === 499 || status === 408 || status >= 500;
/**
 * Connection prefaces nginx read as a request line: a PROXY protocol header (`"PROXY TCP4 a b p q" 400`)
 * or the HTTP/2 preface (`"PRI * HTTP/2.0" 400`).
 */
const PREFACE_AS_REQUEST = (line: { readonly method?: string }): boolean =>
  line.method === "PROXY" || line.method === "PRI";

/**
 * nginx access logs (combined format, and ingress-nginx's default upstream format): counted by
 * status with a few examples of notable ones, so memory stays flat on any size.
 */
export const nginxAccessLogReader: LineReaderFactory = {
  format: "nginx-access",
  // Every line counted or learned from matches COMBINED (`] "` after the time) or KEY_VALUE.
  needles: [COMBINED, KEY_VALUE],
  create(context) {
    let lines = 0;
    let format: AccessFormat = "combined";
    const byStatus: Record<string, number> = {};
    const upstreamStatusByStatus: Record<string, Record<string, number>> = {};
    const examples: Record<string, NginxAccessExample[]> = {};
    const correlation: { authority?: string; path?: string; upstream?: string; requestId?: string } = {};
    return {
      accept(line) {
        const cheap = parseAccessLine(line.text, { tail: false });
        if (!cheap) return false;
        const notable = NOTABLE(cheap.status) || PREFACE_AS_REQUEST(cheap);
        const parsed = notable || lines < FORMAT_PROBE_LINES ? parseAccessLine(line.text) : cheap;
        if (!parsed) return false;
        lines++;
        if (parsed.format !== "combined") format = parsed.format;
        const key = String(parsed.status);
        byStatus[key] = (byStatus[key] ?? 0) + 1;
        if (!notable) return true;
        if (parsed.upstreamStatus) {
          const inner = upstreamStatusByStatus[key] ?? {};
          const last =
            parsed.upstreamStatus
              .split(/[\s,:]+/)
              .filter(Boolean)
              .pop() ?? parsed.upstreamStatus;
          inner[last] = (inner[last] ?? 0) + 1;
          upstreamStatusByStatus[key] = inner;
        }
        const list = examples[key] ?? [];
        if (list.length < EXAMPLES_PER_STATUS) {
          list.push({
            ref: lineRef(context.source, line),
            ...(parsed.method ? { method: parsed.method } : {}),
            ...(parsed.path ? { path: parsed.path } : {}),
            ...(parsed.upstreamStatus ? { upstreamStatus: parsed.upstreamStatus } : {}),
            ...(parsed.upstream ? { upstream: parsed.upstream } : {}),
            ...(parsed.requestTime !== undefined ? { requestTime: parsed.requestTime } : {}),
            ...(parsed.upstreamName ? { upstreamName: parsed.upstreamName } : {}),
            ...(parsed.requestId ? { requestId: parsed.requestId } : {}),
          });
          examples[key] = list;
          if (correlation.path === undefined && parsed.path) correlation.path = parsed.path.split("?")[0] as string;
          if (correlation.upstream === undefined && parsed.upstream) {
            correlation.upstream = parsed.upstream.split(/[\s,]/)[0] as string;
          }
          if (correlation.requestId === undefined && parsed.requestId) correlation.requestId = parsed.requestId;
        }
        return true;
      },
      end() {
        if (lines === 0) return;
        const first = Object.values(examples)[0]?.[0];
        context.emit({
          type: "nginx.access-summary",
          ref: first?.ref ?? { source: context.source },
          lines,
          byStatus,
          upstreamStatusByStatus,
          examples,
          format,
          ...(Object.keys(correlation).length > 0 ? { correlation } : {}),
        });
      },
    };
  },
};

const KLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] (.*)$/;
/** The Service is `namespace/name`; quoted without its klog head, the name alone may be given. */
const NO_ACTIVE_ENDPOINT = /Service "([^"]+)" does not have any active Endpoint/;
const NO_ENDPOINTS_OBJECT = /Error obtaining Endpoints for Service "([^"]+)"/;

/** The controller leaves out an Ingress whose class it cannot match; its hosts then get the default 404. */
const CLASS_IGNORED =
  /Ignoring ingress because of error while validating ingress class"?(?:.*?\bingress="([^"]{1,300})")?/;
/** Annotations the controller refuses (snippets above the allowed risk level, or snippets turned off). */
const ANNOTATION_REFUSED =
  /annotation group \w{1,60} contains risky annotation based on ingress configuration|\S{1,120}-snippet annotation cannot be used\. Snippet directives are disabled by the Ingress administrator/;

/** Lines about an Ingress the controller left out or cut: a class it does not own, annotations it refuses. */
function ingressRefused(context: ReaderContext, line: Line): boolean {
  const klog = KLOG.exec(line.text);
  const message = klog ? (klog[2] as string) : line.text.trim();
  const ignored = CLASS_IGNORED.exec(message);
  const refused = ignored ? null : ANNOTATION_REFUSED.exec(message);
  if (!ignored && !refused) return false;
  context.emit({
    type: "nginx.ingress-controller",
    ref: lineRef(context.source, line),
    severity: klog ? (klog[1] as string) : "E",
    kind: ignored ? "ingress-class-ignored" : "annotation-refused",
    service: ignored?.[1] ?? "",
    message: ((ignored ?? refused)?.[0] ?? message).slice(0, 300),
  });
  return true;
}

/**
 * HAProxy's Kubernetes ingress controller (haproxytech): `2021/11/17 12:32:30 WARNING
 * service/endpoints.go:33 Ingress 'default/web': no available endpoints`.
 */
const HAPROXY_INGRESS_NO_ENDPOINTS =
  /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?(ERROR|WARNING|INFO|DEBUG) +[\w./-]{1,200}:\d{1,6} (?:Ingress|Service) '([^'\s]{1,300})': no available endpoints\b/;

/** A Service named `namespace/name`, or by its name alone, as the place its requests go. */
function serviceCorrelation(service: string): Correlation {
  const slash = service.indexOf("/");
  return slash > 0 ? { namespace: service.slice(0, slash), upstream: service.slice(slash + 1) } : { upstream: service };
}

function haproxyIngressNoEndpoints(context: ReaderContext, line: Line): boolean {
  const m = HAPROXY_INGRESS_NO_ENDPOINTS.exec(line.text);
  if (!m) return false;
  const service = m[2] as string;
  context.emit({
    type: "nginx.ingress-controller",
    ref: lineRef(context.source, line),
    severity: (m[1] as string).charAt(0),
    kind: "no-active-endpoints",
    controller: "haproxy-ingress",
    service,
    message: m[0].slice(m[0].indexOf(m[1] as string)).slice(0, 300),
    correlation: serviceCorrelation(service),
  });
  return true;
}

/**
 * The ingress-nginx controller's own log: the lines that say a Service has no endpoints, or that
 * an Ingress was left out (class) or refused (annotations); other klog lines are left to the Go
 * and Kubernetes readers. HAProxy's ingress controller's "no available endpoints" too.
 */
export const ingressControllerReader: LineReaderFactory = {
  format: "ingress-nginx-controller",
  // The messages themselves: the klog head, when there is one, is only in front of them.
  needles: [CLASS_IGNORED, ANNOTATION_REFUSED, NO_ACTIVE_ENDPOINT, NO_ENDPOINTS_OBJECT, HAPROXY_INGRESS_NO_ENDPOINTS],
  create(context) {
    return {
      accept(line) {
        if (line.text.includes("ngress") || line.text.includes("annotation")) {
          if (ingressRefused(context, line)) return true;
        }
        if (line.text.includes("no available endpoints")) return haproxyIngressNoEndpoints(context, line);
        if (!line.text.includes("Endpoint")) return false;
        const klog = KLOG.exec(line.text);
        // Without the klog head, only a line that is the message and nothing else is taken.
        const message = klog ? (klog[2] as string) : line.text.trim();
        if (!klog && !message.startsWith("Service ")) return false;
        const active = NO_ACTIVE_ENDPOINT.exec(message);
        const missing = active ? null : NO_ENDPOINTS_OBJECT.exec(message);
        const found = active ?? missing;
        if (!found) return false;
        const service = found[1] as string;
        context.emit({
          type: "nginx.ingress-controller",
          ref: lineRef(context.source, line),
          severity: klog ? (klog[1] as string) : "W",
          kind: active ? "no-active-endpoints" : "no-endpoints-object",
          service,
          message,
          correlation: serviceCorrelation(service),
        });
        return true;
      },
      end() {},
    };
  },
};
