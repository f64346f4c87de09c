import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { headShape } from "./wire-checks.ts";

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
