import type { HeaderField } from "../hpack/decoder.ts";
import {
  fieldRef,
  type HeaderBlockContext,
  type HeaderCheck,
  h2Finding,
  type MessageRole,
  streamVars,
} from "./finding.ts";

const REQUEST_PSEUDO = new Set([":method", ":scheme", ":authority", ":path", ":protocol"]);
const RESPONSE_PSEUDO = new Set([":status"]);

function allowedPseudo(role: MessageRole): ReadonlySet<string> {
  if (role === "request" || role === "push-request") return REQUEST_PSEUDO;
  if (role === "response" || role === "informational") return RESPONSE_PSEUDO;
  return new Set();
}

const pseudoFields = (block: HeaderBlockContext): HeaderField[] => block.fields.filter((f) => f.name.startsWith(":"));

const isConnect = (block: HeaderBlockContext): boolean =>
  block.fields.some((f) => f.name === ":method" && f.value === "CONNECT");

function requiredPseudo(block: HeaderBlockContext): readonly string[] {
  if (block.role === "response" || block.role === "informational") return [":status"];
  if (block.role !== "request" && block.role !== "push-request") return [];
  // Plain CONNECT carries only :method and :authority (RFC 9113 §8.5); extended CONNECT adds the rest.
  const extended = block.fields.some((f) => f.name === ":protocol");
  if (isConnect(block) && !extended) return [":method", ":authority"];
  return [":method", ":scheme", ":path"];
}

/** RFC 9113 §8.3.1, §8.3.2: requests need :method, :scheme, :path; responses need :status. */
export const pseudoHeaderMissing: HeaderCheck = (block) => {
  const present = new Set(pseudoFields(block).map((f) => f.name));
  return requiredPseudo(block)
    .filter((name) => !present.has(name))
    .map((name) => h2Finding("PD3004", name, { ...streamVars(block), name }, [block.ref]));
};

/** RFC 9113 §8.3: each pseudo-header field appears at most once. */
export const pseudoHeaderDuplicate: HeaderCheck = (block) => {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const findings = [];
  for (const field of pseudoFields(block)) {
    if (seen.has(field.name) && !reported.has(field.name)) {
      reported.add(field.name);
      findings.push(
        h2Finding("PD3005", field.name, { ...streamVars(block), name: field.name }, [fieldRef(block, field)]),
      );
    }
    seen.add(field.name);
  }
  return findings;
};

function pseudoValueDefect(field: HeaderField, block: HeaderBlockContext): string | undefined {
  if (field.name === ":status" && !/^[1-9]\d\d$/.test(field.value)) return "is not a three-digit status code";
  if (field.name === ":path" && field.value === "" && !isConnect(block)) return "is empty";
  if (field.name === ":path" && !/^[/*]/.test(field.value) && field.value !== "" && !isConnect(block))
    return "does not start with / or *";
  if (field.name === ":method" && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(field.value)) return "is not a method token";
  return undefined;
}

/**
 * RFC 9113 §8.3: unknown pseudo-headers, request ones in responses (or :status in requests),
 * any in trailers, and values that cannot be right (an empty :path, a status that is not 3 digits).
 */
export const pseudoHeaderInvalid: HeaderCheck = (block) => {
  const allowed = allowedPseudo(block.role);
  const findings = [];
  for (const field of pseudoFields(block)) {
    const known = REQUEST_PSEUDO.has(field.name) || RESPONSE_PSEUDO.has(field.name);
    let defect: string | undefined;
    if (!known) defect = "is not defined";
    else if (!allowed.has(field.name))
      defect = block.role === "trailers" ? "appears in trailers" : `does not belong in a ${block.role}`;
    else defect = pseudoValueDefect(field, block);
    if (defect)
      findings.push(
        h2Finding("PD3006", field.name, { ...streamVars(block), name: field.name, defect }, [fieldRef(block, field)]),
      );
  }
  return findings;
};

/** RFC 9113 §8.3: all pseudo-header fields come before the regular ones. */
export const pseudoHeaderAfterRegular: HeaderCheck = (block) => {
  const firstRegular = block.fields.findIndex((f) => !f.name.startsWith(":"));
  if (firstRegular < 0) return [];
  const late = block.fields.slice(firstRegular).find((f) => f.name.startsWith(":"));
  if (!late) return [];
  const after = block.fields[firstRegular]!;
  return [
    h2Finding("PD3007", late.name, { ...streamVars(block), name: late.name, after: after.name }, [
      fieldRef(block, late),
    ]),
  ];
};

export const PSEUDO_CHECKS: readonly HeaderCheck[] = [
  pseudoHeaderMissing,
  pseudoHeaderDuplicate,
  pseudoHeaderInvalid,
  pseudoHeaderAfterRegular,
];
