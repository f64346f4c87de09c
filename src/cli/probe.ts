import { readFileSync, writeFileSync } from "node:fs";
import { PROBE_DETECTORS } from "../detect/probe/index.ts";
import { WIRE_DETECTORS } from "../detect/wire/index.ts";
import { diagnose } from "../engine/diagnose.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import type { Observation } from "../model/observation.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { exchangeObservation } from "../probe/observe.ts";
import { exchangeToPcapng } from "../probe/pcapng-writer.ts";
import { parseHeaderArgument } from "../probe/request.ts";
import { type ProbeOptions, type ProbeRun, type ProtocolChoice, runProbe } from "../probe/run-probe.ts";
import { findingJson } from "../report/diagnosis-json.ts";
import { severityOf } from "../report/finding-text.ts";
import { renderProbeText } from "../report/probe-text.ts";
import { chooseStyle } from "../report/style.ts";
import { analyzeHttp2 } from "../wire/http2/analyze.ts";
import { CLIENT_PREFACE } from "../wire/http2/constants.ts";
import { type PeerPrediction, type PeerVersions, parsePeerVersions, predictPeers } from "../wire/peers/predict.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import type { OutputFormat } from "./options.ts";

export interface ProbeCliOptions {
  readonly url: string;
  readonly compare?: string;
  readonly method: string;
  readonly headers: readonly string[];
  readonly data?: string;
  readonly protocol: ProtocolChoice;
  readonly resolve: readonly string[];
  readonly connectTo?: string;
  readonly insecure: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly cacert?: string;
  readonly proxy?: string;
  readonly timeoutS: number;
  readonly idleTimeoutS: number;
  readonly maxBytes: number;
  readonly save?: string;
  readonly keylog?: string;
  readonly format: OutputFormat;
  readonly failOn: Severity;
  readonly showSecrets: boolean;
  readonly peerVersions: readonly string[];
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`"${text}": only http:// and https:// URLs can be probed`);
  return url;
}

function readPem(path: string | undefined, what: string): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a number above 0`);
  return value;
}

export function buildProbeOptions(
  cli: ProbeCliOptions,
  urlText: string,
  onKeylog?: (line: Buffer) => void,
): ProbeOptions {
  const url = parseUrl(urlText);
  const headers = cli.headers.map((h) => {
    const parsed = parseHeaderArgument(h);
    if (typeof parsed === "string") throw new UsageError(parsed);
    return parsed;
  });
  const body =
    cli.data === undefined
      ? undefined
      : cli.data.startsWith("@")
        ? readPem(cli.data.slice(1), "request body")
        : Buffer.from(cli.data);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  let address: string | undefined;
  for (const entry of cli.resolve) {
    const match = /^(.+):(\d+):\[?([^\]]+)\]?$/.exec(entry);
    if (!match) throw new UsageError(`--resolve "${entry}" must look like host:port:address`);
    if (match[1] === host && match[2] === port) address = match[3];
  }
  let connectHost: string | undefined;
  let connectPort: number | undefined;
  if (cli.connectTo) {
    const match = /^\[?([^\]]*)\]?:(\d+)$/.exec(cli.connectTo);
    if (!match) throw new UsageError(`--connect-to "${cli.connectTo}" must look like host:port`);
    connectHost = match[1] || host;
    connectPort = Number(match[2]);
  }
  let proxy: { host: string; port: number } | undefined;
  if (cli.proxy) {
    const p = parseUrl(cli.proxy.includes("://") ? cli.proxy : `http://${cli.proxy}`);
    proxy = { host: p.hostname.replace(/^\[|\]$/g, ""), port: Number(p.port || 80) };
  }
  const timeoutMs = positive(cli.timeoutS, "timeout") * 1000;
  const cert = readPem(cli.cert, "client certificate");
  const key = readPem(cli.key, "client key");
  const ca = readPem(cli.cacert, "CA file");
  return {
    request: { method: cli.method, url, headers, ...(body ? { body } : {}) },
    protocol: cli.protocol,
    connect: {
      ...(address ? { address } : {}),
      ...(connectHost ? { connectHost } : {}),
      ...(connectPort ? { connectPort } : {}),
      insecure: cli.insecure,
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      ...(ca ? { ca } : {}),
      ...(proxy ? { proxy } : {}),
      timeoutMs,
      ...(onKeylog ? { onKeylog } : {}),
    },
    limits: {
      totalTimeoutMs: timeoutMs,
      idleTimeoutMs: positive(cli.idleTimeoutS, "idle-timeout") * 1000,
      maxResponseBytes: positive(cli.maxBytes, "max-bytes"),
    },
  };
}

export async function runProbeCommand(cli: ProbeCliOptions, io: Io): Promise<number> {
  const keylog: Buffer[] = [];
  const onKeylog = cli.keylog ? (line: Buffer) => keylog.push(line) : undefined;
  const urls = [cli.url, ...(cli.compare ? [cli.compare] : [])];
  const plans = urls.map((url) => buildProbeOptions(cli, url, onKeylog));
  if (cli.protocol.startsWith("h2c") && plans.some((plan) => plan.request.url.protocol === "https:")) {
    throw new UsageError("--h2c is HTTP/2 without TLS: give an http:// URL (use --http2 for https://)");
  }
  const runs: ProbeRun[] = [];
  for (const plan of plans) runs.push(await runProbe(plan));
  if (cli.keylog) writeFileSync(cli.keylog, Buffer.concat(keylog), { flag: "a" });
  if (cli.save) saveCapture(cli.save, runs);
  const observations = runs.flatMap((run) => probeObservations(run));
  const versions = peerVersionsOf(cli.peerVersions);
  const http2 = new Map(runs.map((run) => [run, http2Checks(run, versions)] as const));
  const extraFindings = [...http2.values()].flatMap((checked) => checked?.findings ?? []);
  const diagnosis = diagnose({
    observations,
    inputs: [],
    detectors: [...PROBE_DETECTORS, ...WIRE_DETECTORS],
    extraFindings,
  });
  const peers = (run: ProbeRun, findings: readonly Finding[]) => http2.get(run)?.peers ?? peersOf(findings, versions);
  writeReport(runs, diagnosis, cli, io, peers);
  return diagnosis.findings.some((f) => atLeast(severityOf(f), cli.failOn)) ? EXIT.problems : EXIT.clean;
}

function sourceOf(run: ProbeRun): string {
  return `probe:${run.result.url}`;
}

/** The exchange, and the response bytes as the wire checks read them. */
function probeObservations(run: ProbeRun): Observation[] {
  const source = sourceOf(run);
  const observations: Observation[] = [exchangeObservation(run.result, source)];
  if (run.messages && run.messages.length > 0) {
    observations.push({
      type: "wire.http1-stream",
      ref: { source },
      label: "response",
      messages: run.messages,
      partial: false,
      bytes: run.result.bytesReceived,
    });
  }
  return observations;
}

/** HTTP/2 answers go through the HTTP/2 checks: frames, streams, and the response header block. */
function http2Checks(
  run: ProbeRun,
  versions: PeerVersions,
): { findings: Finding[]; peers: readonly PeerPrediction[] } | undefined {
  if (run.result.protocol === "http/1.1") return undefined;
  const analysis = analyzeHttp2(http2Connection(run), { source: sourceOf(run), versions });
  const responses = analysis.messages.filter((m) => m.role === "response" && m.direction === "server");
  return {
    findings: [...analysis.findings, ...responses.flatMap((m) => m.findings)],
    peers: responses.find((m) => m.findings.length > 0)?.peers ?? [],
  };
}

/**
 * Both directions as the HTTP/2 analysis reads a connection: the client's bytes from the
 * preface on, then the server's; an h2c upgrade's HTTP/1.1 prelude is left out.
 */
function http2Connection(run: ProbeRun): Buffer {
  const out = run.recorder.joined("out");
  const preface = out.indexOf(Buffer.from(CLIENT_PREFACE));
  let answer = run.recorder.joined("in");
  if (answer.subarray(0, 12).toString("latin1") === "HTTP/1.1 101")
    answer = answer.subarray(answer.indexOf("\r\n\r\n") + 4);
  return Buffer.concat([preface >= 0 ? out.subarray(preface) : out, answer]);
}

function findingsOf(run: ProbeRun, diagnosis: Diagnosis): Finding[] {
  const source = sourceOf(run);
  return diagnosis.findings.filter((f) => f.evidence.some((ref) => ref.source === source));
}

/** Wire defects in the answer, and which peers would reject them. */
function peersOf(findings: readonly Finding[], versions: PeerVersions): PeerPrediction[] {
  const defects = findings.filter((f) => /^PD[23]/.test(f.code)).map((f) => f.code);
  return defects.length > 0 ? predictPeers(defects, versions) : [];
}

function saveCapture(path: string, runs: readonly ProbeRun[]): void {
  const run = runs[0] as ProbeRun;
  const remote = run.result.remote;
  const file = exchangeToPcapng(run.recorder.chunks, {
    clientAddress: run.local?.address?.replace(/^::ffff:/, "") || "127.0.0.1",
    clientPort: run.local?.port || 40000,
    serverAddress: remote?.address?.replace(/^::ffff:/, "") || "127.0.0.2",
    serverPort: remote?.port || 80,
    startedAtMs: run.startedAtMs,
    comment: `proxydoc probe ${run.result.method} ${run.result.url}: application bytes after TLS`,
  });
  writeFileSync(path, file);
}

type PeersOf = (run: ProbeRun, findings: readonly Finding[]) => readonly PeerPrediction[];

function writeReport(
  runs: readonly ProbeRun[],
  diagnosis: Diagnosis,
  cli: ProbeCliOptions,
  io: Io,
  peersFor: PeersOf,
): void {
  if (cli.format === "json") {
    const json = (f: Finding) => findingJson(f, { showSecrets: cli.showSecrets });
    const doc = {
      schema: "proxydoc.probe/v1",
      exchanges: runs.map((run) => {
        const own = findingsOf(run, diagnosis);
        return { ...run.result, findings: own.map(json), peers: peersFor(run, own) };
      }),
      findings: diagnosis.findings.map(json),
      causes: diagnosis.causes.map(({ id, title, confidence, fix }) => ({ id, title, confidence, fix })),
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  for (const run of runs) {
    const findings = findingsOf(run, diagnosis);
    const own = { ...diagnosis, findings, causes: runs.length > 1 ? [] : diagnosis.causes };
    io.stdout.write(renderProbeText(run.result, own, { style, showSecrets: cli.showSecrets }, peersFor(run, findings)));
    if (runs.length > 1) io.stdout.write("\n");
  }
  if (runs.length > 1) io.stdout.write(compareSentence(runs, diagnosis));
}

function peerVersionsOf(specs: readonly string[]): PeerVersions {
  const { versions, errors } = parsePeerVersions(specs);
  if (errors.length > 0) throw new UsageError(errors.join("; "));
  return versions;
}

/**
 * Names the hop that breaks when the same request fails one way and works the other. An answer
 * "works" when it arrives whole and below 500; defects in its bytes are named separately,
 * because they are what a strict proxy in front turns into a failure.
 */
function compareSentence(runs: readonly ProbeRun[], diagnosis: Diagnosis): string {
  const [via, direct] = runs as [ProbeRun, ProbeRun];
  const fails = (run: ProbeRun) =>
    findingsOf(run, diagnosis).some((f) => f.code.startsWith("PD40") && severityOf(f) === "error") ||
    (run.result.response?.status ?? 0) >= 500 ||
    !run.result.response;
  const defects = (run: ProbeRun) => [
    ...new Set(
      findingsOf(run, diagnosis)
        .filter((f) => /^PD[23]/.test(f.code))
        .map((f) => f.code),
    ),
  ];
  const directDefects = defects(direct);
  const because =
    directDefects.length > 0
      ? ` The direct answer carries ${directDefects.join(", ")}: lenient clients accept it, a strict proxy rejects it.`
      : "";
  if (fails(via) && !fails(direct))
    return `The request fails through ${via.result.url} and works at ${direct.result.url}: the hop between them breaks it.${because}\n`;
  if (fails(direct) && !fails(via))
    return `The request fails at ${direct.result.url} but works through ${via.result.url}.\n`;
  if (fails(via) && fails(direct)) return "The request fails both ways: the problem is in the upstream itself.\n";
  return directDefects.length > 0
    ? `Both answers arrive, but${because.replace(/^ The/, " the")}\n`
    : "Both answers are clean.\n";
}
