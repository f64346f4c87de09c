import type { FindingCode } from "../../model/finding.ts";
import type { CurlExchange } from "../../model/observations/curl.ts";
import { defineDetector } from "../define.ts";
import { compact, placeVars, subjectOf } from "./vars.ts";

function exchangeVars(exchange: CurlExchange) {
  return { ...placeVars(exchange.correlation), ...compact({ status: exchange.status }) };
}

export const curlGoawayDetector = defineDetector({
  id: "curl.goaway",
  description: "GOAWAY with an error code, or a refused stream, reported in a curl -v transcript",
  inputs: ["curl.exchange"],
  emits: ["PD1019", "PD1004"],
  each(exchange, emit) {
    const subject = subjectOf(exchange.correlation, "the target");
    if (exchange.goaway && exchange.goaway.error !== 0) {
      emit({
        code: "PD1019",
        subject,
        vars: compact({
          ...exchangeVars(exchange),
          error: exchange.goaway.error,
          lastStream: exchange.goaway.lastStream,
        }),
        evidence: [exchange.ref],
      });
    }
    if (exchange.refusedStream) {
      emit({ code: "PD1004", subject, vars: exchangeVars(exchange), evidence: [exchange.ref] });
    }
  },
});

/** What an AWS ALB or Classic ELB means by answering a status itself (its troubleshooting guide). */
const AWS_ELB_CODES: Readonly<Record<number, FindingCode>> = { 502: "PD1046", 503: "PD1047", 504: "PD1048" };

export const curlAwsElbStatusDetector = defineDetector({
  id: "curl.aws-elb-status",
  description: "502, 503 and 504 that an AWS ALB or Classic ELB generated itself (Server: awselb)",
  inputs: ["curl.exchange"],
  emits: Object.values(AWS_ELB_CODES),
  each(exchange, emit) {
    const code = exchange.status === undefined ? undefined : AWS_ELB_CODES[exchange.status];
    if (!code || exchange.responder?.producer !== "aws-elb") return;
    emit({
      code,
      subject: subjectOf(exchange.correlation, "the target"),
      vars: compact({ ...exchangeVars(exchange), producer: "aws-elb", server: exchange.responder.server }),
      evidence: [exchange.ref],
    });
  },
});

/** Envoy marks the 503s of a full circuit breaker or connection pool with `x-envoy-overloaded: true`. */
export const curlEnvoyOverloadedDetector = defineDetector({
  id: "curl.envoy-overloaded",
  description: "503 answers marked x-envoy-overloaded: a circuit breaker of the cluster is full",
  inputs: ["curl.exchange"],
  emits: ["PD1054"],
  each(exchange, emit) {
    const overloaded = exchange.headers.some(([name, value]) => name === "x-envoy-overloaded" && value === "true");
    if (exchange.status !== 503 || !overloaded) return;
    emit({
      code: "PD1054",
      subject: subjectOf(exchange.correlation, "the target"),
      vars: compact({ ...exchangeVars(exchange), producer: "envoy" }),
      evidence: [exchange.ref],
    });
  },
});

export const curlErrorStatusDetector = defineDetector({
  id: "curl.error-status-producer",
  description: "who produced a 5xx seen in a curl transcript: the application through a proxy, or the proxy itself",
  inputs: ["curl.exchange"],
  emits: ["PD1026", "PD1027"],
  each(exchange, emit) {
    const responder = exchange.responder;
    if (exchange.status === undefined || exchange.status < 500 || !responder) return;
    // nginx writes its own Server header on relayed responses too; only its error page proves it answered.
    if (responder.producer === "nginx" && !exchange.nginxErrorPage) return;
    // Cloudflare's own 52x statuses are read by the cloud-lb detectors, by what each one means.
    if (responder.producer === "cloudflare") return;
    // An AWS load balancer's own 5xx are read by what each status means (curl.aws-elb-status).
    if (responder.producer === "aws-elb" && AWS_ELB_CODES[exchange.status]) return;
    const subject = subjectOf(exchange.correlation, "the target");
    const vars = compact({
      ...exchangeVars(exchange),
      producer: responder.producer,
      frontProxy: responder.frontProxy ?? "no proxy",
      server: responder.server,
    });
    const code = responder.producer === "app" ? "PD1026" : "PD1027";
    emit({ code, subject, vars, evidence: [exchange.ref] });
  },
});

export const curlRejectedHeaderDetector = defineDetector({
  id: "curl.rejected-h2-header",
  description: "a response header curl's HTTP/2 library refused, named in the transcript",
  inputs: ["curl.exchange"],
  emits: ["PD1032"],
  each(exchange, emit) {
    if (!exchange.invalidHeader) return;
    const { name, value } = exchange.invalidHeader;
    emit({
      code: "PD1032",
      subject: subjectOf(exchange.correlation, "the target"),
      vars: compact({ ...exchangeVars(exchange), header: `${name}: ${value}`, headerName: name }),
      evidence: [exchange.ref],
    });
  },
});

export const curlTlsStallDetector = defineDetector({
  id: "curl.tls-stall",
  description: "curl sent its ClientHello and nothing came back before the transcript ended",
  inputs: ["curl.exchange"],
  emits: ["PD1057"],
  each(exchange, emit) {
    if (!exchange.tlsStalledAfterClientHello) return;
    emit({
      code: "PD1057",
      subject: subjectOf(exchange.correlation, "the server"),
      vars: compact({ ...exchangeVars(exchange) }),
      evidence: [exchange.ref],
    });
  },
});

/** Statuses with which proxies refuse a protocol switch they are not configured for. */
const UPGRADE_REFUSALS = new Set([400, 403, 404, 426, 501]);

/** The request asked to switch protocols and a proxy, not the application, answered with a refusal. */
export const curlUpgradeRefusedDetector = defineDetector({
  id: "curl.upgrade-refused",
  description: "an Upgrade request (h2c, websocket, SPDY) refused by a proxy with 4xx instead of 101",
  inputs: ["curl.exchange"],
  emits: ["PD1040"],
  each(exchange, emit) {
    const producer = exchange.responder?.producer;
    if (!exchange.upgradeOffered || exchange.status === undefined || !UPGRADE_REFUSALS.has(exchange.status)) return;
    if (!producer || producer === "app" || (producer === "nginx" && !exchange.nginxErrorPage)) return;
    emit({
      code: "PD1040",
      subject: subjectOf(exchange.correlation, "the target"),
      vars: compact({ ...exchangeVars(exchange), producer, upgrade: exchange.upgradeOffered }),
      evidence: [exchange.ref],
    });
  },
});

/** The request asked to switch protocols and the application behind the proxy answered with a refusal. */
export const curlUpgradeRefusedByAppDetector = defineDetector({
  id: "curl.upgrade-refused-by-app",
  description: "an Upgrade request (websocket, h2c) refused with 4xx by the application, relayed through any proxy",
  inputs: ["curl.exchange"],
  emits: ["PD1045"],
  each(exchange, emit) {
    const producer = exchange.responder?.producer;
    if (!exchange.upgradeOffered || exchange.status === undefined || !UPGRADE_REFUSALS.has(exchange.status)) return;
    const relayed = producer === "app" || (producer === "nginx" && !exchange.nginxErrorPage);
    if (!relayed) return;
    emit({
      code: "PD1045",
      subject: subjectOf(exchange.correlation, "the target"),
      vars: compact({ ...exchangeVars(exchange), producer: "app", upgrade: exchange.upgradeOffered }),
      evidence: [exchange.ref],
    });
  },
});

/** A response's HTTP major version, as curl printed its status line. */
function majorVersion(exchange: CurlExchange): "1" | "2" | undefined {
  const version = exchange.responseVersion ?? "";
  if (version.startsWith("HTTP/1")) return "1";
  if (version === "HTTP/2") return "2";
  return undefined;
}

/**
 * The same URL answered over HTTP/1.1 and failed over HTTP/2 (or the reverse), and the failure
 * came from the proxy: the two protocols take different paths through it.
 */
export const curlWorksOnOneVersionDetector = defineDetector({
  id: "curl.works-on-one-version",
  description: "one URL that succeeds over one HTTP version and gets a proxy's 5xx over the other",
  inputs: ["curl.exchange"],
  emits: ["PD1044"],
  all(exchanges, emit) {
    const byUrl = new Map<string, CurlExchange[]>();
    for (const x of exchanges) {
      if (!x.authority || majorVersion(x) === undefined || x.status === undefined) continue;
      const key = `${x.ref.source} ${x.authority}${x.target ?? ""}`;
      const group = byUrl.get(key);
      if (group) group.push(x);
      else byUrl.set(key, [x]);
    }
    for (const group of byUrl.values()) {
      const ok = group.find((x) => (x.status as number) < 400);
      const failed = group.find(
        (x) =>
          (x.status as number) >= 500 && x.responder?.producer !== "app" && majorVersion(x) !== majorVersion(ok ?? x),
      );
      if (!ok || !failed) continue;
      emit({
        code: "PD1044",
        subject: subjectOf(failed.correlation, "the target"),
        vars: compact({
          ...exchangeVars(failed),
          producer: failed.responder?.producer,
          works: ok.responseVersion,
          fails: failed.responseVersion,
        }),
        evidence: [ok.ref, failed.ref],
      });
    }
  },
});
