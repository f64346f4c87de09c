import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { FIELD_CHECKS } from "../wire/http2/checks/fields.ts";
import { PSEUDO_CHECKS } from "../wire/http2/checks/pseudo.ts";
import type { HttpTransaction } from "./types.ts";
import { blockHash, CleanBlocks, collectWireFindings, headShape } from "./wire-checks.ts";

const IMF = "Sun, 22 Nov 2026 05:01:00 GMT";

/** What the shape means, said with one regular expression (slow, plain): the oracle. */
function shapeByRegex(text: string): string {
  const firstEnd = text.indexOf("\n");
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const parts = first.split(" ");
  const shaped =
    parts.length === 3 && !first.startsWith("HTTP/") && /^[\x21-\x7e]+$/.test(parts[1] ?? "")
      ? `${parts[0]} ${"x".repeat((parts[1] ?? "").length)} ${parts[2]}`
      : first;
  const rest = firstEnd < 0 ? "" : text.slice(firstEnd);
  return (
    shaped +
    rest.replace(/\n(date:[ \t]*)([^\r\n]*)/gi, (whole, name: string, value: string) =>
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/.test(
        value,
      )
        ? `\n${name}${"d".repeat(value.length)}`
        : whole,
    )
  );
}

describe("the shape of a head (the wire-check cache key)", () => {
  test("masks a clean request target and well-formed dates, keeps lengths and everything else", () => {
    const head = `GET /a?b=1 HTTP/1.1\r\nHost: x\r\nDate: ${IMF}\r\ndate:\t${IMF}\r\nDATE: yesterday\r\n\r\n`;
    const shape = headShape(head);
    expect(shape.length).toBe(head.length);
    expect(shape).toBe(
      `GET xxxxxx HTTP/1.1\r\nHost: x\r\nDate: ${"d".repeat(IMF.length)}\r\ndate:\t${"d".repeat(IMF.length)}\r\nDATE: yesterday\r\n\r\n`,
    );
  });

  const pieces = fc.constantFrom(
    "\n",
    "\r\n",
    "Date:",
    "date: ",
    "DaTe:\t ",
    "Dat",
    IMF,
    `${IMF} `,
    "Mon, 01 Jan",
    " ",
    "\t",
    "x",
    "HTTP/1.1 200 OK",
    "GET / HTTP/1.1",
    "\u00ff",
  );
  test.prop([fc.array(pieces, { maxLength: 30 })])("is what the plain regular expression says", (parts) => {
    const head = parts.join("");
    expect(headShape(head)).toBe(shapeByRegex(head));
  });
});

describe("HTTP/2 header blocks the checks found clean are not checked again", () => {
  test("blocks with the same hash but other fields are told apart", () => {
    const clean = new CleanBlocks(8);
    const one = { role: "request" as const, fields: [{ name: "x-id", value: "abcdefghijklmnopqrst" }] };
    const other = { role: "request" as const, fields: [{ name: "x-id", value: "aXcdefghijklmnopqrst" }] };
    expect(blockHash(one)).toBe(blockHash(other));
    clean.add(one);
    expect(clean.has({ role: "request", fields: [{ name: "x-id", value: "abcdefghijklmnopqrst" }] })).toBe(true);
    expect(clean.has(other)).toBe(false);
    expect(clean.has({ role: "trailers", fields: one.fields })).toBe(false);
    for (let i = 0; i < 8; i++) clean.add({ role: "response", fields: [{ name: ":status", value: String(200 + i) }] });
    expect(clean.has(one)).toBe(false);
  });

  test("responses a second apart, over an hour, fall in buckets of a few", () => {
    const start = Date.UTC(2026, 10, 22, 5, 0, 0);
    const perHash = new Map<number, number>();
    for (let s = 0; s < 3600; s++) {
      const date = new Date(start + s * 1000).toUTCString();
      const hash = blockHash({
        role: "response",
        fields: [
          { name: ":status", value: "200" },
          { name: "date", value: date },
        ],
      });
      perHash.set(hash, (perHash.get(hash) ?? 0) + 1);
    }
    expect(Math.max(...perHash.values())).toBeLessThanOrEqual(8);
  });

  const fields = fc.constantFrom(
    [":method", "GET"],
    [":method", "CONNECT"],
    [":scheme", "http"],
    [":path", "/a"],
    [":path", ""],
    [":authority", "example"],
    [":status", "200"],
    [":status", "101"],
    [":status", "20x"],
    [":bogus", "1"],
    ["host", "other"],
    ["content-length", "5"],
    ["content-length", "5, 6"],
    ["connection", "close"],
    ["te", "trailers"],
    ["te", "gzip"],
    ["Upper", "x"],
    ["x-value", " padded"],
    ["x-value", "a\u0001b"],
    ["bad name", "x"],
  );
  const role = fc.constantFrom("request", "response", "informational", "trailers") as fc.Arbitrary<
    "request" | "response" | "informational" | "trailers"
  >;
  const block = fc.record({
    role,
    fields: fc.array(fields, { maxLength: 6 }),
    stream: fc.integer({ min: 1, max: 9 }),
    side: fc.constantFrom("client", "server") as fc.Arbitrary<"client" | "server">,
  });
  const asBlock = (
    b: {
      role: "request" | "response" | "informational" | "trailers";
      fields: readonly (readonly [string, string])[];
      stream: number;
      side: "client" | "server";
    },
    packet: number,
  ) => ({
    connection: 1,
    side: b.side,
    stream: b.stream,
    packet,
    role: b.role,
    fields: b.fields.map(([name, value]) => ({ name, value })),
  });

  test.prop([fc.array(block, { maxLength: 12 })])(
    "one collector gives what a fresh collector per block gives",
    (blocks) => {
      const shared = collectWireFindings("test.pcap");
      const fresh = blocks.flatMap((b, i) => {
        const one = collectWireFindings("test.pcap");
        one.block(asBlock(b, i + 1));
        shared.block(asBlock(b, i + 1));
        return one.findings;
      });
      expect(shared.findings).toEqual(fresh);
      expect(shared.checked).toBe(blocks.length);
    },
  );

  test.prop([block, fc.integer({ min: 1, max: 99 })])(
    "whether the checks find anything does not depend on the stream or the side",
    (b, otherStream) => {
      const run = (stream: number, direction: "client" | "server") =>
        [...FIELD_CHECKS, ...PSEUDO_CHECKS].flatMap((check) =>
          check({ role: b.role, direction, streamId: stream, fields: asBlock(b, 1).fields, ref: { source: "t" } }),
        ).length;
      expect(run(otherStream, b.side === "client" ? "server" : "client") === 0).toBe(run(b.stream, b.side) === 0);
    },
  );
});

describe("HTTP/1 heads met before are not analysed again", () => {
  const lines = fc.constantFrom(
    "Host: a\r\n",
    "Content-Length: 5\r\n",
    "Content-Length: 5, 6\r\n",
    "Transfer-Encoding: chunked\r\n",
    "Transfer-Encoding: Chunked\r\n",
    "Bad Header : x\r\n",
    " folded\r\n",
    "X: bare LF\n",
    `Date: ${IMF}\r\n`,
    "Date: soon\r\n",
  );
  const head = fc.record({
    kind: fc.constantFrom("request", "response") as fc.Arbitrary<"request" | "response">,
    asHead: fc.boolean(),
    target: fc.constantFrom("/", "/a", "/a b", "/x?y=1"),
    fields: fc.array(lines, { maxLength: 5 }),
  });
  const asHttp1Head = (
    h: { kind: "request" | "response"; asHead: boolean; target: string; fields: string[] },
    packet: number,
  ) => {
    const text = `${h.kind === "request" ? `${h.asHead ? "HEAD" : "GET"} ${h.target} HTTP/1.1` : "HTTP/1.1 200 OK"}\r\n${h.fields.join("")}\r\n`;
    const transaction: HttpTransaction = {
      connection: 1,
      protocol: "http/1.1",
      stream: packet,
      method: h.asHead ? "HEAD" : "GET",
      path: h.target,
      requestBodyBytes: 0,
      responseBodyBytes: 0,
      complete: false,
      missingBytes: 0,
    };
    return {
      connection: 1,
      side: h.kind === "request" ? ("client" as const) : ("server" as const),
      kind: h.kind,
      bytes: Buffer.from(text, "latin1"),
      text,
      packet,
      transaction,
    };
  };

  test.prop([fc.array(head, { maxLength: 16 })])(
    "one collector gives what a fresh collector per head gives",
    (heads) => {
      const shared = collectWireFindings("test.pcap");
      const fresh = heads.flatMap((h, i) => {
        const one = collectWireFindings("test.pcap");
        one.head(asHttp1Head(h, i + 1));
        shared.head(asHttp1Head(h, i + 1));
        return one.findings;
      });
      expect(shared.findings).toEqual(fresh);
    },
  );
});
