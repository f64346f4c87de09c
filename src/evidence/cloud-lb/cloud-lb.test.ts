import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type {
  CloudflareErrorPage,
  CloudLbOutcome,
  CloudLbTotals,
  VarnishErrorPage,
} from "../../model/observations/cloud-lb.ts";
import { cutAt, mutate, readPieces } from "../curl/testing.ts";
import { readEvidence } from "../read-evidence.ts";
import { parseAwsEntry } from "./alb.ts";
import { CLOUD_LB_FILE_READERS, CLOUD_LB_LINE_READERS } from "./index.ts";
import { OUTCOME_LIMITS } from "./outcomes.ts";

const FIXTURES = new URL("../../../test/fixtures/cloud-lb/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIXTURES), "utf8");

const read = (text: string, pieces: readonly number[] = []) =>
  readPieces(cutAt(Buffer.from(text), pieces), CLOUD_LB_LINE_READERS, CLOUD_LB_FILE_READERS);
const outcomes = (observations: readonly { type: string }[]) =>
  observations.filter((o): o is CloudLbOutcome => o.type === "cloudlb.outcome");
const varnishPages = (observations: readonly { type: string }[]) =>
  observations.filter((o): o is VarnishErrorPage => o.type === "cloudlb.varnish-page");

const ALB_504 =
  'https 2026-08-19T13:42:18.371052Z app/k8s-aigateway-public/0a1b2c3d4e5f6a7b 198.51.100.23:50744 10.0.42.17:4000 0.000 -1 -1 504 - 6203117 202 "POST https://ai-gateway.example.com:443/v1/chat/completions HTTP/1.1" "-" TLS_AES_128_GCM_SHA256 TLSv1.3 arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/k8s-aigatewa-litellm-0a1b2c3d4e/0a1b2c3d4e5f6a7b "Root=1-68a47d0e-0123456789abcdef01234567" "ai-gateway.example.com" "arn:aws:acm:eu-west-2:123456789012:certificate/00000000-0000-0000-0000-000000000000" 0 2026-08-19T13:41:18.321000Z "forward" "-" "-" "10.0.42.17:4000" "-" "-" "-" TID_0123456789abcdef';

describe("AWS access logs", () => {
  test("an ALB entry gives its statuses, target, wait and the time from arrival to answer", () => {
    expect(parseAwsEntry(ALB_504)).toEqual({
      balancer: "aws-alb",
      time: "2026-08-19T13:42:18.371052Z",
      entry: {
        lb: "app/k8s-aigateway-public/0a1b2c3d4e5f6a7b",
        status: 504,
        target: "10.0.42.17:4000",
        wait: "long",
        time: "2026-08-19T13:42:18.371052Z",
        targetTimeMissing: true,
        seconds: 60.05,
      },
    });
  });

  test("entries are counted by outcome, successes without their targets", async () => {
    const observations = await read(fixture("alb-keepalive-race/alb-access.log"));
    const groups = outcomes(observations);
    const instant = groups.filter((g) => g.status === 502);
    expect(instant.map((g) => [g.target, g.count, g.wait])).toEqual([
      ["10.0.1.20:3000", 8, "instant"],
      ["10.0.1.21:3000", 8, "instant"],
      ["10.0.1.22:3000", 8, "instant"],
    ]);
    expect(instant[0]?.samples).toHaveLength(OUTCOME_LIMITS.samples);
    expect(groups.find((g) => g.status === 200)).toMatchObject({ count: 72 });
    expect(groups.find((g) => g.status === 200)?.target).toBeUndefined();
    const totals = observations.find((o): o is CloudLbTotals => o.type === "cloudlb.totals");
    expect(totals).toMatchObject({ balancer: "aws-alb", entries: 97, ungrouped: 0 });
  });

  test("the classic ELB format is read, its wait unknown", () => {
    const entry = parseAwsEntry(
      '2015-05-13T23:40:44.945958Z my-loadbalancer 192.168.131.39:2818 10.0.0.1:80 0.000073 -1 -1 504 - 0 0 "GET http://www.example.com:80/report HTTP/1.1" "curl/7.38.0" - -',
    );
    expect(entry).toMatchObject({
      balancer: "aws-elb",
      entry: { lb: "my-loadbalancer", status: 504, wait: "unknown" },
    });
  });

  test("a classic ELB entry that reached no backend: backend `-`, every timing -1, backend status 0", () => {
    const entry = parseAwsEntry(
      '2015-12-11T13:42:07.736195Z my-elb 10.0.0.1:59893 - -1 -1 -1 504 0 0 0 "GET http://my-elb/ HTTP/1.1" "curl/7.19.7" - -',
    );
    expect(entry).toEqual({
      balancer: "aws-elb",
      time: "2015-12-11T13:42:07.736195Z",
      entry: {
        lb: "my-elb",
        status: 504,
        wait: "unknown",
        time: "2015-12-11T13:42:07.736195Z",
        targetTimeMissing: true,
      },
    });
  });

  test("classic ELB failures are grouped by status, and by backend when one is logged", async () => {
    const groups = outcomes(await read(fixture("elb-classic-failures/elb-access.log")));
    expect(groups.map((g) => [g.status, g.target, g.count])).toEqual([
      [200, undefined, 2],
      [502, "10.1.0.21:443", 1],
      [502, undefined, 2],
      [503, undefined, 3],
      [504, undefined, 3],
    ]);
    expect(groups.every((g) => g.balancer === "aws-elb" && g.targetStatus === undefined)).toBe(true);
  });

  test("lines that only look alike are left alone", () => {
    expect(parseAwsEntry("https 2026-08-19 is when we saw it")).toBeUndefined();
    expect(parseAwsEntry(ALB_504.replace("app/", "net/"))).toBeUndefined();
    expect(parseAwsEntry(ALB_504.replace(" 504 ", " 5x4 "))).toBeUndefined();
    expect(parseAwsEntry("2024-05-02T10:00:00Z INFO started")).toBeUndefined();
    expect(parseAwsEntry("2019-03-04T10:17:00Z deploy finished: 504 0 0 0 after 2 retries")).toBeUndefined();
    const classic =
      '2015-12-11T13:42:07.736195Z my-elb 10.0.0.1:59893 - -1 -1 -1 504 0 0 0 "GET http://my-elb/ HTTP/1.1" "-" - -';
    expect(parseAwsEntry(classic.replace(" 504 0 ", " 504 00 "))).toBeUndefined();
    expect(parseAwsEntry(classic.replace(" -1 -1 -1 ", " -1 x -1 "))).toBeUndefined();
  });

  test("the table of groups stays bounded; what does not fit is counted", async () => {
    const lines = Array.from({ length: OUTCOME_LIMITS.groups + 50 }, (_, i) =>
      ALB_504.replace("10.0.42.17:4000 0.000", `10.0.${i >> 8}.${i & 255}:4000 0.000`),
    );
    const observations = await read(lines.join("\n"));
    expect(outcomes(observations)).toHaveLength(OUTCOME_LIMITS.groups);
    expect(observations.find((o) => o.type === "cloudlb.totals")).toMatchObject({
      entries: lines.length,
      ungrouped: 50,
    });
  });
});

describe("GCP load balancer logs", () => {
  const entries = fixture("gclb-failures/lb-requests.ndjson")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
  const summary = (observations: readonly { type: string }[]) =>
    outcomes(observations)
      .map((g) => `${g.detail} ${g.status ?? "-"} ${g.count}`)
      .sort();

  test("one entry per line, an array, and a pretty-printed array give the same counts", async () => {
    const lines = await read(entries.map((e) => JSON.stringify(e)).join("\n"));
    const array = await read(JSON.stringify(entries));
    const pretty = await read(JSON.stringify(entries, null, 2));
    expect(summary(lines)).toHaveLength(11);
    expect(summary(array)).toEqual(summary(lines));
    expect(summary(pretty)).toEqual(summary(lines));
    const timeout = outcomes(pretty).find((g) => g.detail === "backend_timeout");
    expect(timeout).toMatchObject({
      status: 502,
      target: "k8s1-0a1b2c3d-default-api-80-4e5f6a7b",
      lb: "k8s2-fs-app-default",
      longestSeconds: 30.001,
    });
    const entryStarts = JSON.stringify(entries, null, 2)
      .split("\n")
      .flatMap((line, i) => (line === "  {" ? [i + 1] : []));
    expect(timeout?.ref.line).toBe(entryStarts[4]);
  });

  test("uniq -c counts of statusDetails are read as counts", async () => {
    const groups = outcomes(await read(fixture("gclb-rare-no-backend/statusdetails-counts.txt")));
    expect(groups.map((g) => [g.detail, g.count])).toEqual([
      ["response_sent_by_backend", 18204],
      ["backend_connection_closed_before_data_sent_to_client", 212],
      ["failed_to_pick_backend", 4],
      ["client_disconnected_before_any_response", 1],
    ]);
  });

  test("gcloud's YAML output gives each entry with its status", async () => {
    const groups = outcomes(await read(fixture("gclb-gcloud-yaml/gcloud-logging-read.yaml")));
    expect(groups.map((g) => [g.detail, g.status])).toEqual([
      ["backend_timeout", 502],
      ["response_sent_by_backend", 200],
    ]);
  });

  test("statusDetails lines and counts inside other text are read; look-alikes are not", async () => {
    const text = [
      "Here is what the logs say:",
      '      "statusDetails": "backend_timeout",',
      "\tstatus:\t503",
      "\tstatusDetails: failed_to_pick_backend",
      "   12 failed_to_connect_to_backend",
      "   12 not_a_known_detail",
      "status: 504 statusDetails: client_timed_out",
      "statusDetails were empty",
    ].join("\n");
    const groups = outcomes(await read(text));
    expect(groups.map((g) => [g.detail, g.status, g.count])).toEqual([
      ["backend_timeout", undefined, 1],
      ["failed_to_pick_backend", 503, 1],
      ["failed_to_connect_to_backend", undefined, 12],
    ]);
  });

  test("an entry too long to keep is skipped, and the next one read", async () => {
    const huge = { ...(entries[0] as object), padding: "x".repeat(1.1 * (1 << 20)) };
    const groups = outcomes(await read(JSON.stringify([huge, entries[4]])));
    expect(groups.map((g) => g.detail)).toEqual(["backend_timeout"]);
  });
});

describe("Cloudflare error pages", () => {
  test("each page is read once, at the first line that names its status", async () => {
    const pages = (await read(fixture("cloudflare-pages/pages.txt"))).filter(
      (o): o is CloudflareErrorPage => o.type === "cloudlb.cloudflare-page",
    );
    expect(pages.map((p) => [p.status, p.ref.line])).toEqual([
      [524, 1],
      [520, 14],
      [521, 16],
      [522, 18],
      [523, 19],
      [525, 20],
      [526, 21],
    ]);
  });

  test("headings alone, and other Cloudflare errors, are not read", async () => {
    expect(await read("Connection timed out\nError 1020\nAccess denied\n524 items\n")).toEqual([]);
  });
});

describe("Varnish error pages", () => {
  const summary = (observations: readonly { type: string }[]) =>
    varnishPages(observations).map((p) => [p.failure, p.reason, p.ref.line]);

  test("each page is read once, at the first line that gives its reason", async () => {
    expect(summary(await read(fixture("varnish-pages/pages.txt")))).toEqual([
      ["backend-read-error", "backend read error", 1],
      ["connect-timeout", "Connection timed out", 7],
      ["backend-fetch-failed", "Backend fetch failed", 19],
      ["no-healthy-backend", "No healthy backends", 31],
      ["first-byte-timeout", "first byte timeout", 39],
      ["backend-read-error", "backend read error", 45],
      ["backend-fetch-failed", "Service Unavailable", 47],
    ]);
  });

  test("the lines under a page's heading are taken with it, its HTML skeleton is not", async () => {
    const html = fixture("fastly-first-byte-timeout/response.html");
    const source = { id: "response.html", open: () => Readable.from([Buffer.from(html)]) };
    const { observations, inputs } = await readEvidence([source], {
      lineReaders: CLOUD_LB_LINE_READERS,
      fileReaders: [],
    });
    expect(summary(observations)).toEqual([["first-byte-timeout", "first byte timeout", 6]]);
    // The title, the heading, the reason again, Guru Mediation, Details and the footer.
    expect(inputs[0]).toMatchObject({ recognised: 6 });
  });

  test("a generic 503 counts only when a Guru Meditation or Varnish's footer follows it", async () => {
    const varnish3 =
      "<title>503 Service Unavailable</title>\n<h1>Error 503 Service Unavailable</h1>\n<h3>Guru Meditation:</h3>";
    expect(summary(await read(varnish3))).toEqual([["backend-fetch-failed", "Service Unavailable", 1]]);
    expect(
      summary(await read("HTTP/1.1 503 Service Unavailable\nContent-Type: text/html\n\nDown for maintenance")),
    ).toEqual([]);
    const footerTooLate = `Error 503 Service Unavailable\n${"\n".repeat(30)}Varnish cache server`;
    expect(summary(await read(footerTooLate))).toEqual([]);
  });

  test("reasons without their 503, prose and other statuses are not read", async () => {
    expect(varnishPages(await read(fixture("varnish-near-miss/notes.txt")))).toEqual([]);
    expect(varnishPages(await read("503 first byte timeouts\nerror 503: backend read errors\n"))).toEqual([]);
  });
});

const SAMPLES = [
  fixture("alb-failures/alb-access.log"),
  fixture("elb-classic-504/elb-access.log"),
  fixture("elb-classic-failures/elb-access.log"),
  fixture("gclb-failures/lb-requests.ndjson"),
  fixture("gclb-near-miss/gcloud-logging-read.json"),
  fixture("gclb-rare-no-backend/statusdetails-counts.txt"),
  fixture("gclb-gcloud-yaml/gcloud-logging-read.yaml"),
  fixture("cloudflare-pages/pages.txt"),
  fixture("varnish-pages/pages.txt"),
  fixture("fastly-first-byte-timeout/response.html"),
  fixture("appgw-504-timeout/appgw-access-log.txt"),
  fixture("appgw-502-json/appgw.ndjson"),
  fixture("appgw-near-miss/appgw-access-log.txt"),
  fixture("alb-464-protocol-version/probe.txt"),
];
const edit = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 }));

describe("Application Gateway access logs", () => {
  test("a Log Analytics row copied one field a line is one entry; a field seen again starts the next", async () => {
    const groups = outcomes(await read(fixture("appgw-504-timeout/appgw-access-log.txt")));
    expect(groups.map((g) => [g.balancer, g.status, g.targetStatus, g.target, g.count, g.longestSeconds])).toEqual([
      ["azure-appgw", 504, 504, "10.240.0.77:8080", 2, 30.211],
    ]);
    expect(groups[0]?.samples.map((ref) => ref.line)).toEqual([1, 8]);
  });

  test("diagnostic-log JSON lines and tab-separated rows give the same fields", async () => {
    const json = outcomes(await read(fixture("appgw-502-json/appgw.ndjson")));
    expect(json.map((g) => [g.status, g.targetStatus, g.target, g.count])).toEqual([
      [502, undefined, "10.240.0.80:443", 2],
    ]);
    const rows = outcomes(await read(fixture("appgw-near-miss/appgw-access-log.txt")));
    expect(rows.map((g) => [g.status, g.targetStatus, g.count])).toEqual([
      [200, undefined, 1],
      [500, 500, 1],
    ]);
  });

  test("columns without a status, and other Azure logs, give nothing", async () => {
    const text =
      "timeTaken_d | 30.2\nserverRouted_s | 10.0.0.1:80\n\n" +
      '{"operationName":"ApplicationGatewayFirewall","properties":{"httpStatus":504}}\n';
    expect(outcomes(await read(text))).toEqual([]);
  });
});

describe("ALB statuses reported outside an access log", () => {
  test("464 next to the ALB's server header is the ALB's own answer; 4640 bytes is not a status", async () => {
    const groups = outcomes(await read(fixture("alb-464-protocol-version/probe.txt")));
    expect(groups.map((g) => [g.balancer, g.status, g.count])).toEqual([["aws-alb", 464, 1]]);
    expect(outcomes(await read(fixture("alb-464-near-miss/probe.txt")))).toEqual([]);
  });
});

describe("cloud load balancer readers under hostile input", () => {
  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throw on random bytes", async (bytes) => {
    await expect(readPieces([bytes], CLOUD_LB_LINE_READERS, CLOUD_LB_FILE_READERS)).resolves.toBeDefined();
  });

  test.prop([fc.constantFrom(...SAMPLES), fc.array(edit, { maxLength: 8 })])(
    "never throw on mutated logs",
    async (sample, edits) => {
      await expect(read(mutate(sample, edits))).resolves.toBeDefined();
    },
  );

  test.prop([fc.constantFrom(...SAMPLES), fc.array(fc.nat(), { maxLength: 10 })])(
    "give the same observations whole or in random pieces",
    async (sample, points) => {
      expect(await read(sample, points)).toEqual(await read(sample));
    },
  );

  test("finish on long lines full of near-matches", async () => {
    const quotes = `https 2024-05-02T10:00:00Z app/x 1.2.3.4:5 ${'"a '.repeat(50_000)}`;
    const braces = `{"statusDetails": ${"[{".repeat(100_000)}`;
    const errors = "Error 52 ".repeat(50_000);
    const varnish = `${"503 ".repeat(50_000)}\n${"Error 503 Service Unavailable\n".repeat(200)}${"<p><p>".repeat(50_000)}`;
    const classic = `2015-12-11T13:42:07Z my-elb ${"- -1 ".repeat(50_000)}`;
    const appgw = `httpStatus_d ${"| timeTaken_d | ".repeat(20_000)}`;
    const started = Date.now();
    const observations = await read(`${quotes}\n${errors}\n${braces}\n${varnish}\n${classic}\n${appgw}\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcomes(observations)).toEqual([]);
    expect(varnishPages(observations)).toEqual([]);
  });
});
