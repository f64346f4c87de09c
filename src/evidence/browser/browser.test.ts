import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import { cutAt, mutate, readPieces } from "../curl/testing.ts";
import { harReader, readHar } from "./har.ts";
import { BROWSER_FILE_READERS, BROWSER_LINE_READERS } from "./index.ts";
import { parseNetError } from "./net-error.ts";

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../test/fixtures/browser/${path}`, import.meta.url), "utf8");
const readLines = (text: string) => readPieces([Buffer.from(text)], BROWSER_LINE_READERS);
const readFile = (pieces: Uint8Array[]) => readPieces(pieces, [], BROWSER_FILE_READERS);

function readHarValue(value: unknown): { observations: Observation[]; records: number } {
  const observations: Observation[] = [];
  const result = readHar(value, { source: "x.har", emit: (o) => observations.push(o) });
  return { observations, records: result.records };
}

describe("net::ERR_ lines", () => {
  test("reads method, URL, error and the status DevTools prints after it", () => {
    expect(parseNetError("GET https://kong.example.com/assets/a.js net::ERR_HTTP2_PROTOCOL_ERROR 200 (OK)")).toEqual({
      name: "ERR_HTTP2_PROTOCOL_ERROR",
      canonical: "ERR_HTTP2_PROTOCOL_ERROR",
      method: "GET",
      url: "https://kong.example.com/assets/a.js",
      status: 200,
    });
  });

  test("maps old SPDY names to their HTTP/2 names and accepts the error page's spellings", () => {
    expect(parseNetError("Failed to load resource: net::ERR_SPDY_PROTOCOL_ERROR")?.canonical).toBe(
      "ERR_HTTP2_PROTOCOL_ERROR",
    );
    expect(parseNetError("NET::ERR_CERT_AUTHORITY_INVALID")?.name).toBe("ERR_CERT_AUTHORITY_INVALID");
    expect(parseNetError("kong manager 报错 net:ERR_HTTP2_PROTOCOL_ERROR")?.name).toBe("ERR_HTTP2_PROTOCOL_ERROR");
    expect(parseNetError("This page isn't working ERR_EMPTY_RESPONSE")?.name).toBe("ERR_EMPTY_RESPONSE");
  });

  test("reads Firefox's names as the Chromium errors they match", () => {
    expect(parseNetError("NS_ERROR_NET_PARTIAL_TRANSFER https://a.example.com/big.js")).toMatchObject({
      name: "NS_ERROR_NET_PARTIAL_TRANSFER",
      canonical: "ERR_CONTENT_LENGTH_MISMATCH",
      url: "https://a.example.com/big.js",
    });
    expect(parseNetError("NS_ERROR_FAILURE in some component")).toBeUndefined();
  });

  test("ignores ERR_ identifiers that are not Chromium network errors", () => {
    expect(parseNetError("const ERR_TIMEOUT = 5000;")).toBeUndefined();
    expect(parseNetError("MY_ERR_CONNECTION_RESET")).toBeUndefined();
    expect(parseNetError("openssl: ERR_load_crypto_strings")).toBeUndefined();
  });

  test("fills authority and path for correlation", async () => {
    const [error] = await readLines("GET https://a.example.com/x/y?z=1 net::ERR_CONNECTION_RESET\n");
    expect(error?.correlation).toEqual({ authority: "a.example.com", path: "/x/y" });
  });
});

describe("HAR files", () => {
  const failures = fixture("har-failures/session.har");

  test("are sniffed by content or name, and other JSON is not", () => {
    expect(harReader.sniff(Buffer.from(failures), "session.json")).toBe(true);
    expect(harReader.sniff(Buffer.from('{"a":1}'), "x.har")).toBe(true);
    expect(harReader.sniff(Buffer.from('{"log":"text"}'), "x.json")).toBe(false);
    expect(harReader.sniff(Buffer.from("GET / HTTP/1.1"), "x.har")).toBe(false);
  });

  test("yield the failed entries, their errors, cut bodies and who answered", async () => {
    const observations = await readFile([Buffer.from(failures)]);
    const cut = observations.find((o) => o.type === "browser.har-entry" && o.error !== undefined);
    expect(cut).toMatchObject({
      status: 200,
      contentLength: 3145728,
      bodyBytes: 131072,
      error: "net::ERR_HTTP2_PROTOCOL_ERROR",
      responder: { producer: "app", frontProxy: "kong" },
      ref: { path: "log.entries[1]" },
    });
    expect(observations.find((o) => o.type === "browser.net-error")).toMatchObject({
      canonical: "ERR_HTTP2_PROTOCOL_ERROR",
      status: 200,
      from: "har",
    });
    expect(observations.find((o) => o.type === "browser.har-summary")).toMatchObject({
      entries: 5,
      failed: 4,
      byStatus: { "200": 2, "503": 1, "500": 1, "504": 1 },
    });
  });

  test("count broken documents as unread instead of throwing", async () => {
    expect(readHarValue({ log: { entries: "nope" } })).toEqual({ observations: [], records: 0 });
    expect(readHarValue(null).records).toBe(0);
    expect((await readFile([Buffer.from('{"log": {"entries": [')])).length).toBe(0);
  });

  test.prop([fc.jsonValue({ maxDepth: 6 })])("never throw on arbitrary JSON", (value) => {
    expect(() => readHarValue(value)).not.toThrow();
    expect(() => readHarValue({ log: { entries: [value, { response: value, request: value }] } })).not.toThrow();
  });

  test.prop([fc.array(fc.nat(), { maxLength: 12 })])(
    "give the same observations whole or in random pieces",
    async (points) => {
      const bytes = Buffer.from(failures);
      expect(await readFile(cutAt(bytes, points))).toEqual(await readFile([bytes]));
    },
  );

  test.prop([fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 8 })])(
    "never throw on mutated HAR text",
    async (edits) => {
      await expect(readFile([Buffer.from(mutate(failures, edits))])).resolves.toBeDefined();
    },
  );
});

describe("browser line reader under hostile input", () => {
  const sample = fixture("net-errors/console.txt");

  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throws on random bytes", async (bytes) => {
    await expect(readPieces([bytes], BROWSER_LINE_READERS, BROWSER_FILE_READERS)).resolves.toBeDefined();
  });

  test.prop([fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 })), { maxLength: 8 })])(
    "never throws on mutated console lines",
    async (edits) => {
      await expect(readLines(mutate(sample, edits))).resolves.toBeDefined();
    },
  );

  test.prop([fc.array(fc.nat(), { maxLength: 10 })])(
    "gives the same observations whole or in pieces",
    async (points) => {
      const bytes = Buffer.from(sample);
      expect(await readPieces(cutAt(bytes, points), BROWSER_LINE_READERS)).toEqual(await readLines(sample));
    },
  );
});
