import { escapeBytes } from "../bytes.ts";
import { contentLengthValues, fieldsNamed, transferCodings } from "../parser.ts";
import type { FieldLine, Http1Message } from "../types.ts";
import { defineCheck, type Http1Check } from "./define.ts";

const KNOWN_CODINGS = new Set(["chunked", "gzip", "deflate", "compress", "x-gzip", "x-compress"]);

function quoted(field: FieldLine): string {
  return escapeBytes(field.line.bytes.subarray(0, 120));
}

function teValue(message: Http1Message): string {
  return fieldsNamed(message.fields, "transfer-encoding")
    .map((field) => field.value)
    .join(", ");
}

function firstField(message: Http1Message, key: string): FieldLine | undefined {
  return fieldsNamed(message.fields, key)[0];
}

function noBodyStatus(message: Http1Message): boolean {
  const status = message.startLine.status;
  return status !== undefined && ((status >= 100 && status < 200) || status === 204);
}

export const TRANSFER_ENCODING_CHECKS: readonly Http1Check[] = [
  defineCheck({
    id: "transfer-encoding-repeated",
    codes: ["PD2014"],
    run({ message }, report) {
      const lines = fieldsNamed(message.fields, "transfer-encoding");
      const second = lines[1];
      if (!second) return;
      report({
        code: "PD2014",
        subject: "Transfer-Encoding",
        vars: { count: lines.length, values: lines.map(quoted).join(" | ") },
        offset: second.line.offset,
        length: second.line.length,
      });
    },
  }),
  defineCheck({
    id: "transfer-coding-case",
    codes: ["PD2015"],
    run({ message }, report) {
      for (const field of fieldsNamed(message.fields, "transfer-encoding")) {
        const odd = field.value.split(",").find((part) => {
          const coding = part.trim();
          return coding.toLowerCase() === "chunked" && coding !== "chunked";
        });
        if (!odd) continue;
        report({
          code: "PD2015",
          subject: "Transfer-Encoding",
          vars: { value: odd.trim() },
          offset: field.line.offset,
          length: field.line.length,
        });
        return;
      }
    },
  }),
  defineCheck({
    id: "chunked-twice",
    codes: ["PD2016"],
    run({ message }, report) {
      let seen = 0;
      for (const field of fieldsNamed(message.fields, "transfer-encoding")) {
        seen += transferCodings([field]).filter((c) => c === "chunked").length;
        if (seen < 2) continue;
        const count = transferCodings(message.fields).filter((c) => c === "chunked").length;
        report({ code: "PD2016", subject: "Transfer-Encoding", vars: { count }, offset: field.line.offset, length: 1 });
        return;
      }
    },
  }),
  defineCheck({
    id: "unknown-transfer-coding",
    codes: ["PD2017"],
    run({ message }, report) {
      const unknown = transferCodings(message.fields).find((c) => !KNOWN_CODINGS.has(c));
      const field = firstField(message, "transfer-encoding");
      if (!unknown || !field) return;
      report({
        code: "PD2017",
        subject: "Transfer-Encoding",
        vars: { value: unknown },
        offset: field.line.offset,
        length: field.line.length,
      });
    },
  }),
  defineCheck({
    id: "chunked-not-final",
    codes: ["PD2018"],
    run({ message }, report) {
      const codings = transferCodings(message.fields);
      const field = firstField(message, "transfer-encoding");
      if (codings.length === 0 || codings[codings.length - 1] === "chunked" || !field) return;
      report({
        code: "PD2018",
        subject: "Transfer-Encoding",
        vars: { value: teValue(message) },
        offset: field.line.offset,
        length: field.line.length,
      });
    },
  }),
  defineCheck({
    id: "coding-before-chunked",
    codes: ["PD2019"],
    run({ message }, report) {
      const codings = transferCodings(message.fields);
      const field = firstField(message, "transfer-encoding");
      if (codings[codings.length - 1] !== "chunked" || !codings.some((c) => c !== "chunked") || !field) return;
      report({
        code: "PD2019",
        subject: "Transfer-Encoding",
        vars: { value: teValue(message) },
        offset: field.line.offset,
        length: field.line.length,
      });
    },
  }),
];

export const CONTENT_LENGTH_CHECKS: readonly Http1Check[] = [
  defineCheck({
    id: "content-length-with-transfer-encoding",
    codes: ["PD2020"],
    run({ message }, report) {
      const te = firstField(message, "transfer-encoding");
      const cl = firstField(message, "content-length");
      if (!te || !cl) return;
      const later = te.line.offset > cl.line.offset ? te : cl;
      report({
        code: "PD2020",
        subject: "Content-Length",
        vars: { length: cl.value, value: te.value },
        offset: later.line.offset,
        length: later.line.length,
      });
    },
  }),
  defineCheck({
    id: "content-length-repeated",
    codes: ["PD2021"],
    run({ message }, report) {
      const values = contentLengthValues(message.fields);
      const lines = fieldsNamed(message.fields, "content-length");
      if (values.length < 2 || new Set(values).size !== 1 || !/^\d+$/.test(values[0] ?? "")) return;
      const at = lines[1] ?? lines[0]!;
      report({
        code: "PD2021",
        subject: "Content-Length",
        vars: { count: values.length, length: values[0]! },
        offset: at.line.offset,
        length: at.line.length,
      });
    },
  }),
  defineCheck({
    id: "content-length-conflict",
    codes: ["PD2022"],
    run({ message }, report) {
      const values = contentLengthValues(message.fields).filter((v) => /^\d+$/.test(v));
      const distinct = new Set(values.map((v) => v.replace(/^0+(?=\d)/, "")));
      const lines = fieldsNamed(message.fields, "content-length");
      if (distinct.size < 2) return;
      const at = lines[1] ?? lines[0]!;
      report({
        code: "PD2022",
        subject: "Content-Length",
        vars: { values: values.join(", ") },
        offset: at.line.offset,
        length: at.line.length,
      });
    },
  }),
  defineCheck({
    id: "content-length-invalid",
    codes: ["PD2023"],
    run({ message }, report) {
      for (const field of fieldsNamed(message.fields, "content-length")) {
        const bad = field.value.split(",").find((v) => !/^\d+$/.test(v.trim()));
        if (bad === undefined) continue;
        report({
          code: "PD2023",
          subject: "Content-Length",
          vars: { value: JSON.stringify(field.value) },
          offset: field.line.offset,
          length: field.line.length,
        });
        return;
      }
    },
  }),
  defineCheck({
    id: "content-length-on-no-body-status",
    codes: ["PD2034"],
    run({ message }, report) {
      const cl = firstField(message, "content-length");
      if (!cl || !noBodyStatus(message) || /^0+$/.test(cl.value)) return;
      report({
        code: "PD2034",
        subject: `status ${message.startLine.status}`,
        vars: { status: message.startLine.status ?? 0, length: cl.value },
        offset: cl.line.offset,
        length: cl.line.length,
      });
    },
  }),
  defineCheck({
    id: "transfer-encoding-on-no-body-status",
    codes: ["PD2035"],
    run({ message }, report) {
      const te = firstField(message, "transfer-encoding");
      if (!te || !noBodyStatus(message)) return;
      report({
        code: "PD2035",
        subject: `status ${message.startLine.status}`,
        vars: { status: message.startLine.status ?? 0, value: te.value },
        offset: te.line.offset,
        length: te.line.length,
      });
    },
  }),
];
