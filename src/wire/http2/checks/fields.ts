import type { Finding } from "../../../model/finding.ts";
import type { HeaderField } from "../hpack/decoder.ts";
import { isNamed } from "../stream.ts";
import { fieldRef, type HeaderBlockContext, type HeaderCheck, h2Finding, streamVars } from "./finding.ts";

/** Fields that only mean something on one HTTP/1.1 connection (RFC 9113 §8.2.2). */
const CONNECTION_SPECIFIC = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"]);
const CONNECTION_SPECIFIC_LENGTHS = new Set([...CONNECTION_SPECIFIC].map((name) => name.length));

function perField(
  block: HeaderBlockContext,
  matches: (field: HeaderField) => Record<string, string> | undefined,
  code: `PD${number}`,
): Finding[] {
  const findings: Finding[] = [];
  for (const field of block.fields) {
    const extra = matches(field);
    if (extra)
      findings.push(
        h2Finding(code, field.name, { ...streamVars(block), name: field.name, ...extra }, [fieldRef(block, field)]),
      );
  }
  return findings;
}

/** RFC 9113 §8.2.2: connection-specific fields make the message malformed. */
export const connectionSpecificField: HeaderCheck = (block) =>
  perField(
    block,
    (f) =>
      CONNECTION_SPECIFIC_LENGTHS.has(f.name.length) && CONNECTION_SPECIFIC.has(f.name.toLowerCase())
        ? { value: f.value.slice(0, 100) }
        : undefined,
    "PD3001",
  );

/** RFC 9113 §8.2.1: field names must be lowercase on the wire. */
export const uppercaseFieldName: HeaderCheck = (block) =>
  perField(block, (f) => (/[A-Z]/.test(f.name) ? { lowercase: f.name.toLowerCase() } : undefined), "PD3002");

/** RFC 9113 §8.2.2: `te` may only carry `trailers`. */
export const teOtherThanTrailers: HeaderCheck = (block) =>
  perField(
    block,
    (f) =>
      isNamed(f.name, "te") && f.value.trim().toLowerCase() !== "trailers"
        ? { value: f.value.slice(0, 100) }
        : undefined,
    "PD3003",
  );

/** token characters of RFC 9110 §5.6.2, lowercase only (uppercase is PD3002's business). */
const NAME_CHAR = /^[!#$%&'*+\-.^_`|~0-9a-zA-Z]+$/;

function describeNameDefect(name: string): string | undefined {
  const bare = name.startsWith(":") ? name.slice(1) : name;
  if (name.length === 0) return "empty";
  if (bare.length === 0) return "empty after the colon";
  if (NAME_CHAR.test(bare)) return undefined;
  const bad = [...bare].find((c) => !NAME_CHAR.test(c))!;
  return `contains 0x${bad.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/** RFC 9113 §8.2.1 with RFC 9110 §5.1: names are non-empty tokens. */
export const invalidFieldName: HeaderCheck = (block) =>
  perField(
    block,
    (f) => {
      const defect = describeNameDefect(f.name);
      return defect ? { defect } : undefined;
    },
    "PD3008",
  );

/** Anything a value defect could start with; most values match nothing and return at once. */
const SUSPECT_VALUE = /[\x00-\x1f\x7f]|^[ \t]|[ \t]$/;

function describeValueDefect(value: string): string | undefined {
  if (!SUSPECT_VALUE.test(value)) return undefined;
  if (value.includes("\0")) return "NUL";
  if (value.includes("\r")) return "CR";
  if (value.includes("\n")) return "LF";
  if (/^[ \t]|[ \t]$/.test(value)) return "leading or trailing whitespace";
  const ctl = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.exec(value);
  if (ctl) return `control byte 0x${ctl[0].charCodeAt(0).toString(16).padStart(2, "0")}`;
  return undefined;
}

/**
 * RFC 9113 §8.2.1: NUL, CR, LF and surrounding whitespace make a message malformed; other
 * control bytes are allowed by HTTP/2 but refused by strict peers (RFC 9110 §5.5).
 */
export const invalidFieldValue: HeaderCheck = (block) =>
  perField(
    block,
    (f) => {
      const defect = describeValueDefect(f.value);
      return defect ? { defect } : undefined;
    },
    "PD3009",
  );

const LENGTH_DIGITS = /^\d{1,15}$/;

/** RFC 9110 §8.6: content-length is one non-negative decimal number (repeats must agree). */
export const invalidContentLength: HeaderCheck = (block) => {
  const values = block.fields.filter((f) => isNamed(f.name, "content-length"));
  if (values.length === 0) return [];
  // The usual case, one plain number, needs no splitting.
  if (values.length === 1 && LENGTH_DIGITS.test(values[0]?.value ?? "")) return [];
  const numbers = new Set(values.flatMap((f) => f.value.split(",").map((v) => v.trim())));
  const bad = [...numbers].find((v) => !LENGTH_DIGITS.test(v));
  if (!bad && numbers.size === 1) return [];
  const defect =
    bad !== undefined ? `not a number: "${bad.slice(0, 40)}"` : `conflicting values ${[...numbers].join(", ")}`;
  return [
    h2Finding(
      "PD3031",
      "content-length",
      { ...streamVars(block), defect },
      values.map((f) => fieldRef(block, f)),
    ),
  ];
};

/** RFC 9113 §8.3.1: a Host field must name the same authority as `:authority`. */
export const hostDiffersFromAuthority: HeaderCheck = (block) => {
  if (block.role !== "request") return [];
  const authority = block.fields.find((f) => f.name === ":authority");
  const host = block.fields.find((f) => isNamed(f.name, "host"));
  if (!authority || !host || authority.value.toLowerCase() === host.value.toLowerCase()) return [];
  return [
    h2Finding("PD3032", "host", { ...streamVars(block), authority: authority.value, host: host.value }, [
      fieldRef(block, authority),
      fieldRef(block, host),
    ]),
  ];
};

/** RFC 9113 §8.6: HTTP/2 has no 101 and no Upgrade; an upstream's protocol switch cannot cross an h2 hop. */
export const switchingProtocols: HeaderCheck = (block) => {
  const status = block.fields.find((f) => f.name === ":status");
  if (status?.value !== "101") return [];
  return [h2Finding("PD3033", "101", { ...streamVars(block), status: 101 }, [fieldRef(block, status)])];
};

export const FIELD_CHECKS: readonly HeaderCheck[] = [
  connectionSpecificField,
  uppercaseFieldName,
  teOtherThanTrailers,
  invalidFieldName,
  invalidFieldValue,
  invalidContentLength,
  hostDiffersFromAuthority,
  switchingProtocols,
];
