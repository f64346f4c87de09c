import type { FindingCode } from "../../../model/finding.ts";
import { escapeBytes, type FieldProblem, fieldProblems } from "../bytes.ts";
import type { FieldLine } from "../types.ts";
import { defineCheck, type Http1Check, hex } from "./define.ts";

function describeField(field: FieldLine): { name: string; line: string } {
  const name = escapeBytes(Buffer.from(field.name, "latin1"));
  const line = escapeBytes(field.line.bytes.subarray(0, 80));
  return { name: name || "(empty)", line };
}

/** A check that reports one kind of field-line syntax problem, in headers and trailers. */
function fieldProblemCheck(id: string, code: FindingCode, kind: FieldProblem["kind"]): Http1Check {
  return defineCheck({
    id,
    codes: [code],
    run({ message }, report) {
      for (const fields of [message.fields, message.body.trailers]) {
        for (const field of fields) {
          const problem = fieldProblems(field).find((p) => p.kind === kind);
          if (!problem) continue;
          const { name, line } = describeField(field);
          report({
            code,
            subject: field.trailer ? `trailer ${name}` : name,
            vars: {
              name,
              line,
              offset: problem.offset,
              ...(problem.byte !== undefined ? { byte: hex(problem.byte) } : {}),
            },
            offset: problem.offset,
            length: 1,
          });
        }
      }
    },
  });
}

export const FIELD_CHECKS: readonly Http1Check[] = [
  fieldProblemCheck("name-separator", "PD2001", "name-separator"),
  fieldProblemCheck("name-whitespace", "PD2002", "name-whitespace"),
  fieldProblemCheck("line-without-colon", "PD2003", "no-colon"),
  fieldProblemCheck("name-empty", "PD2004", "name-empty"),
  fieldProblemCheck("whitespace-before-first-field", "PD2005", "before-first-field"),
  fieldProblemCheck("value-control-byte", "PD2006", "value-control"),
  fieldProblemCheck("value-nul", "PD2007", "value-nul"),
  fieldProblemCheck("value-bare-cr", "PD2008", "value-cr"),
  fieldProblemCheck("value-raw-non-ascii", "PD2009", "value-obs-text"),
  fieldProblemCheck("name-quote-or-non-ascii", "PD2010", "name-quote-or-non-ascii"),
  fieldProblemCheck("name-control-byte", "PD2011", "name-control"),
  fieldProblemCheck("obs-fold", "PD2012", "obs-fold"),
  defineCheck({
    id: "underscore-in-name",
    codes: ["PD2042"],
    run({ message }, report) {
      for (const field of message.fields) {
        if (field.colon <= 0 || !field.key.includes("_")) continue;
        const { name } = describeField(field);
        report({ code: "PD2042", subject: name, vars: { name }, offset: field.line.offset, length: field.colon });
      }
    },
  }),
];
