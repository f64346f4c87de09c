import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { responseCases, type WireCase } from "../../../lab/wire/cases.ts";
import { nodeFetch } from "../../../lab/wire/clients.ts";
import { agrees } from "../../../lab/wire/peers.ts";
import { predictPeers } from "../peers/predict.ts";
import { analyzeHttp1 } from "./analyze.ts";

/**
 * Node's own llhttp as an oracle: each case is served byte-exact by a loopback server and read
 * by node:http, strict and with insecureHTTPParser; the outcome must match our prediction for
 * this Node version.
 */
// A 101 hands the socket over to another protocol; node:http has nothing to parse after it.
const cases = responseCases().filter((c) => !c.bytes.toString("latin1", 0, 12).endsWith(" 101"));
let server: net.Server;
let port = 0;
const byPath = new Map<string, WireCase>();

beforeAll(async () => {
  for (const c of cases) byPath.set(`/${c.name}`, c);
  server = net.createServer((socket) => {
    let head = "";
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      const path = head.split(" ")[1] ?? "";
      socket.end(byPath.get(path)?.bytes ?? Buffer.from("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("llhttp oracle (node:http over loopback)", () => {
  test("has cases", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const analysis = analyzeHttp1(c.bytes, { expect: "response", head: c.head });
    const defects = analysis.messages.flatMap((m) => m.defects).map((d) => ({ code: d.code, vars: d.vars }));
    const predictions = predictPeers(defects, { node: process.versions.node });
    const [strict, insecure] = predictions.filter((p) => p.peer === "node");
    const seenStrict = await nodeFetch(port, `/${c.name}`, c.head ?? false, false);
    const seenInsecure = await nodeFetch(port, `/${c.name}`, c.head ?? false, true);
    expect(
      agrees(strict!.outcome, seenStrict.outcome),
      `strict: predicted ${strict!.outcome} (${strict!.detail}), saw ${seenStrict.outcome} (${seenStrict.detail})`,
    ).toBe(true);
    expect(
      agrees(insecure!.outcome, seenInsecure.outcome),
      `insecure: predicted ${insecure!.outcome} (${insecure!.detail}), saw ${seenInsecure.outcome} (${seenInsecure.detail})`,
    ).toBe(true);
  });
});
