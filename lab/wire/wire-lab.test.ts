import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { analyzeHttp1 } from "../../src/wire/http1/analyze.ts";
import type { PeerName, PeerOutcome } from "../../src/wire/peers/model.ts";
import { type PeerVersions, predictPeers } from "../../src/wire/peers/predict.ts";
import { responseCases, type WireCase } from "./cases.ts";
import { buildGoClient, curlFetch, goFetchAll, nodeFetch } from "./clients.ts";
import { LAB_EXCEPTIONS } from "./exceptions.ts";
import { observeProxyAnswer } from "./observe.ts";
import { agrees, type Observation } from "./peers.ts";
import { hasProgram, tempDir } from "./processes.ts";
import { INSTALLED, type RunningProxy, startApache, startCaddy, startHaproxy, startNginx } from "./proxies.ts";
import { startUpstream } from "./upstream.ts";

/**
 * The wire lab: a raw upstream serves every defect case byte-exact; real nginx, HAProxy, Apache
 * httpd and Caddy sit in front of it, and curl, Node (strict and insecure) and Go fetch it
 * directly. Each reaction is compared with the prediction for the installed version.
 */
const cases = responseCases();
const PROXIES: { peer: PeerName; program: string; start: (upstream: number) => Promise<RunningProxy> }[] = [
  { peer: "nginx", program: "nginx", start: startNginx },
  { peer: "haproxy", program: "haproxy", start: startHaproxy },
  { peer: "apache", program: "apache2", start: startApache },
  { peer: "caddy", program: "caddy", start: startCaddy },
];

interface Row {
  readonly name: string;
  readonly codes: string;
  readonly cells: Map<string, { predicted: PeerOutcome; observed: Observation; ok: boolean; excused: boolean }>;
}

const rows = new Map<string, Row>();
const columns: string[] = [];
let upstream: Awaited<ReturnType<typeof startUpstream>>;
const running: RunningProxy[] = [];
const versions: PeerVersions = { node: process.versions.node };
const goDir = tempDir("go");
let goBinary: string | undefined;

function defectsOf(c: WireCase) {
  return analyzeHttp1(c.bytes, { expect: "response", head: c.head })
    .messages.flatMap((m) => m.defects)
    .map((d) => ({ code: d.code, vars: d.vars }));
}

function record(c: WireCase, column: string, predicted: PeerOutcome, observed: Observation): boolean {
  if (!columns.includes(column)) columns.push(column);
  const row = rows.get(c.name) ?? { name: c.name, codes: c.codes.join(" "), cells: new Map() };
  rows.set(c.name, row);
  const ok = agrees(predicted, observed.outcome);
  const excused = !ok && LAB_EXCEPTIONS[`${c.name}/${column}`] !== undefined;
  row.cells.set(column, { predicted, observed, ok, excused });
  return ok || excused;
}

function predictionFor(c: WireCase, peer: PeerName, insecure = false) {
  const list = predictPeers(defectsOf(c), versions).filter((p) => p.peer === peer);
  return (insecure ? list[1] : list[0])!;
}

beforeAll(async () => {
  upstream = await startUpstream(cases);
  for (const proxy of PROXIES) {
    if (!hasProgram(proxy.program)) continue;
    try {
      const started = await proxy.start(upstream.port);
      running.push(started);
      versions[proxy.peer] = started.version;
    } catch (error) {
      process.stderr.write(`lab: ${String(error)}\n`);
    }
  }
  const curl = INSTALLED.curl();
  if (curl) versions.curl = curl;
  const go = INSTALLED.go();
  if (go) {
    versions.go = go;
    goBinary = buildGoClient(goDir.path);
  }
}, 180_000);

afterAll(async () => {
  for (const proxy of running) await proxy.stop();
  await upstream?.close();
  goDir.remove();
  const table = renderTable();
  const path = join(tmpdir(), "proxydoc-wire-lab.md");
  writeFileSync(path, table);
  process.stdout.write(`\n${table}\n(table also written to ${path})\n`);
});

function renderTable(): string {
  const head = `| case | codes | ${columns.join(" | ")} |`;
  const rule = `|---|---|${columns.map(() => "---").join("|")}|`;
  const lines = [...rows.values()].map((row) => {
    const cells = columns.map((column) => {
      const cell = row.cells.get(column);
      if (!cell) return "–";
      const mark = cell.ok ? "✓" : cell.excused ? "≈" : "✗";
      return cell.predicted === cell.observed.outcome
        ? `${mark} ${cell.observed.outcome}`
        : `${mark} ${cell.predicted}/${cell.observed.outcome}`;
    });
    return `| ${row.name} | ${row.codes} | ${cells.join(" | ")} |`;
  });
  const versionLine = Object.entries(versions)
    .map(([peer, version]) => `${peer} ${version}`)
    .join(", ");
  return [
    `Versions: ${versionLine}. Cell: ✓ agrees, ≈ known exception (lab/wire/exceptions.ts), ✗ mismatch; "predicted/observed" when they differ (alter is seen as accept).`,
    "",
    head,
    rule,
    ...lines,
  ].join("\n");
}

describe("wire lab: proxies in front of a raw upstream", () => {
  test("the upstream serves the cases", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const proxy of PROXIES) {
    test.skipIf(!hasProgram(proxy.program))(`${proxy.peer} (skipped when ${proxy.program} is missing)`, async () => {
      const started = running.find((r) => r.peer === proxy.peer);
      expect(started, `${proxy.peer} started`).toBeDefined();
      const mismatches: string[] = [];
      for (const c of cases) {
        const { rawRequest } = await import("./upstream.ts");
        const answer = await rawRequest(started!.port, `/${c.name}`, c.head ? "HEAD" : "GET");
        const observed = observeProxyAnswer(answer, c.head);
        const predicted = predictionFor(c, proxy.peer);
        if (!record(c, proxy.peer, predicted.outcome, observed)) {
          mismatches.push(
            `${c.name}: predicted ${predicted.outcome} (${predicted.detail}), saw ${observed.outcome} (${observed.detail})`,
          );
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe("wire lab: clients straight at the upstream", () => {
  test.skipIf(!hasProgram("curl"))("curl (skipped when curl is missing)", async () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const observed = await curlFetch(`http://127.0.0.1:${upstream.port}/${c.name}`, c.head);
      const predicted = predictionFor(c, "curl");
      if (!record(c, "curl", predicted.outcome, observed)) {
        mismatches.push(
          `${c.name}: predicted ${predicted.outcome} (${predicted.detail}), saw ${observed.outcome} (${observed.detail})`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("node strict and insecure", async () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      for (const insecure of [false, true]) {
        const observed = await nodeFetch(upstream.port, `/${c.name}`, c.head, insecure);
        const predicted = predictionFor(c, "node", insecure);
        if (!record(c, insecure ? "node-insecure" : "node", predicted.outcome, observed)) {
          mismatches.push(
            `${c.name}${insecure ? " (insecure)" : ""}: predicted ${predicted.outcome}, saw ${observed.outcome} (${observed.detail})`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  test.skipIf(!hasProgram("go"))("go net/http (skipped when golang-go is missing)", async () => {
    expect(goBinary, "the Go client compiles").toBeDefined();
    const requests = cases.map((c) => `${c.head ? "HEAD" : "GET"} http://127.0.0.1:${upstream.port}/${c.name}`);
    const observations = await goFetchAll(goBinary!, requests);
    const mismatches: string[] = [];
    cases.forEach((c, i) => {
      const observed = observations[i] ?? { outcome: "reject" as const, detail: "no answer from the Go client" };
      const predicted = predictionFor(c, "go");
      if (!record(c, "go", predicted.outcome, observed)) {
        mismatches.push(
          `${c.name}: predicted ${predicted.outcome} (${predicted.detail}), saw ${observed.outcome} (${observed.detail})`,
        );
      }
    });
    expect(mismatches).toEqual([]);
  });
});
