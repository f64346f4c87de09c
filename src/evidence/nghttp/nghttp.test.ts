import { readFileSync } from "node:fs";
import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { hostileInputProperties } from "../../../test/support/hostile-input.ts";
import type { Observation } from "../../model/observation.ts";
import { readPieces } from "../curl/testing.ts";
import { NGHTTP_LINE_READERS } from "./index.ts";

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../test/fixtures/nghttp/${path}`, import.meta.url), "utf8");

const read = (text: string): Promise<Observation[]> => readPieces([Buffer.from(text)], NGHTTP_LINE_READERS);

describe("nghttp reader", () => {
  test("names the response header nghttp2 refused, with the status, server and request before it", async () => {
    const [invalid, ...rest] = await read(fixture("nginx-forwards-upgrade/nghttp.txt"));
    expect(rest).toEqual([]);
    expect(invalid).toMatchObject({
      type: "nghttp.invalid-header",
      stream: 13,
      name: "upgrade",
      value: "h2,h2c",
      status: 200,
      server: "nginx/1.22.1",
      correlation: { authority: "localhost:18443", path: "/portal/" },
      ref: { line: 47, stream: 13 },
    });
  });

  test("reads the debug lines of an nghttp2 built with --enable-debug, once per stream", async () => {
    const text = [
      "inflatehd: header emission: upgrade: h2",
      "recv: proclen=10",
      "recv: HTTP error: type=1, id=13, header upgrade: h2",
      "[  0.008] [INVALID; error=Invalid HTTP header field was received] recv HEADERS frame <length=798, flags=0x04, stream_id=13>",
      "          ; END_HEADERS",
      "          (padlen=0)",
      "          ; First response header",
    ].join("\n");
    const out = await read(text);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: "nghttp.invalid-header", stream: 13, name: "upgrade", value: "h2" });
    expect(out[0]?.ref.line).toBe(3);
  });

  test("an [INVALID] frame line alone still says a header was refused", async () => {
    const out = await read(
      "[  0.008] [INVALID; error=Invalid HTTP header field was received] recv HEADERS frame <length=9, flags=0x04, stream_id=1>\n",
    );
    expect(out).toEqual([expect.objectContaining({ type: "nghttp.invalid-header", stream: 1 })]);
    expect(out[0]).not.toHaveProperty("name");
  });

  test("keeps the RST_STREAM and GOAWAY frames received, not the ones nghttp sends", async () => {
    const resets = (await read(fixture("stream-resets/nghttp.txt"))).map((o) =>
      o.type === "nghttp.stream-reset" ? [o.error, o.errorCode, o.stream, o.correlation?.path] : o.type,
    );
    expect(resets).toEqual([
      ["PROTOCOL_ERROR", 1, 13, "/portal/"],
      ["INTERNAL_ERROR", 2, 13, "/portal/"],
      ["REFUSED_STREAM", 7, 13, "/portal/"],
      ["CANCEL", 8, 13, "/portal/"],
      ["FLOW_CONTROL_ERROR", 3, 13, "/portal/"],
    ]);
    const goaways = await read(fixture("goaway-errors/nghttp.txt"));
    expect(goaways).toEqual([
      expect.objectContaining({
        type: "nghttp.goaway",
        error: "PROTOCOL_ERROR",
        lastStream: 0,
        debug: "unexpected frame",
      }),
      expect.objectContaining({
        type: "nghttp.goaway",
        error: "ENHANCE_YOUR_CALM",
        errorCode: 11,
        debug: "too_many_pings",
      }),
    ]);
  });

  test("reads nghttp's own errors, with and without the time prefix", async () => {
    const kinds = async (name: string) =>
      (await read(fixture(`negotiation/${name}`))).map((o) =>
        o.type === "nghttp.error" ? [o.kind, o.address] : o.type,
      );
    expect(await kinds("refused.txt")).toEqual([["connect", "127.0.0.1"]]);
    expect(await kinds("alpn.txt")).toEqual([["alpn", undefined]]);
    expect(await kinds("h2c-to-tls-port.txt")).toEqual([["not-h2", undefined]]);
    expect(await kinds("timeout.txt")).toEqual([["timeout", undefined]]);
    expect(await read("[  0.031] Connected\nThe negotiated protocol: http/1.1\n")).toEqual([
      expect.objectContaining({ type: "nghttp.error", kind: "alpn", address: "http/1.1" }),
    ]);
  });

  test("reads nothing from healthy exchanges, graceful GOAWAYs and NO_ERROR resets", async () => {
    for (const name of ["nginx-ok.txt", "graceful-goaway.txt", "reset-no-error.txt"]) {
      const out = await read(fixture(`healthy-near-miss/${name}`));
      for (const o of out) {
        expect(o.type === "nghttp.stream-reset" || o.type === "nghttp.goaway" ? o.errorCode : o.type).toBe(0);
      }
    }
  });

  test("leaves lines of other formats alone, even after a transcript", async () => {
    const text = [
      "[  0.000] Connected",
      "Feb 19 16:18:22 localserver haproxy[30088]: [ALERT] 049/161822 (30088) : backend 'plex-http' has no server available!",
      "[ERROR] 049/161822 (30088) : Server plex-http/plex is DOWN",
      "[WARNING] 049/161822 (30088) : Server plex-http/plex is DOWN, reason: Layer7 wrong status",
      "[    0.000000] Linux version 6.1.0",
      "receiver: some other tool",
      "          ; END_STREAM",
      "status: 200",
    ].join("\n");
    const context = { taken: 0 };
    const reader = NGHTTP_LINE_READERS[0]?.create({ source: "x", emit: () => {} });
    text.split("\n").forEach((line, i) => {
      if (reader?.accept({ text: line, line: i + 1, byte: 0, length: line.length, truncated: false })) context.taken++;
    });
    expect(context.taken).toBe(1);
  });
});

const SAMPLES = [
  fixture("nginx-forwards-upgrade/nghttp.txt"),
  fixture("stream-resets/nghttp.txt"),
  fixture("goaway-errors/nghttp.txt"),
  fixture("negotiation/timeout.txt"),
  "inflatehd: header emission: upgrade: h2\nrecv: HTTP error: type=1, id=13, header upgrade: h2\n",
];
describe("nghttp reader under hostile input", () => {
  hostileInputProperties(NGHTTP_LINE_READERS, SAMPLES);

  test("stays bounded on a transcript with very many refused streams", async () => {
    const lines: string[] = [];
    for (let stream = 1; stream < 4000; stream += 2) {
      lines.push(
        `[  0.001] [ERROR] Invalid HTTP header field was received: frame type: 1, stream: ${stream}, name: [upgrade], value: [h2]`,
      );
    }
    const out = await read(lines.join("\n"));
    expect(out.length).toBeLessThanOrEqual(512);
  });
});
