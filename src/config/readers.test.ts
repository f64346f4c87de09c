import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseClusterName, parseEnvoyAdmin } from "./envoy-admin.ts";
import { jsonLocator, lineStartsOf } from "./json-locator.ts";
import { readNginxDirectives } from "./nginx-conf.ts";

const CLUSTERS = `outbound|9080|v1|reviews.default.svc.cluster.local::observability_name::outbound|9080|v1|reviews.default.svc.cluster.local
outbound|9080|v1|reviews.default.svc.cluster.local::10.244.0.12:9080::cx_active::0
outbound|9080|v2|reviews.default.svc.cluster.local::added_via_api::true
`;

describe("Envoy admin output", () => {
  test("counts endpoints per cluster from /clusters text", () => {
    const resource = parseEnvoyAdmin(CLUSTERS, "clusters.txt", { next: 0 });
    expect(resource?.body.clusters).toEqual([
      { name: "outbound|9080|v1|reviews.default.svc.cluster.local", hosts: 1, line: 1 },
      { name: "outbound|9080|v2|reviews.default.svc.cluster.local", hosts: 0, line: 3 },
    ]);
    expect(parseClusterName("outbound|9080|v2|reviews.default.svc.cluster.local")).toEqual({
      port: 9080,
      subset: "v2",
      host: "reviews.default.svc.cluster.local",
    });
    expect(parseClusterName("inbound|9080||")).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 2000 })], { numRuns: 200 })("random text never throws", (text) => {
    parseEnvoyAdmin(text, "x", { next: 0 });
    parseEnvoyAdmin(`outbound|1|a|b::${text}`, "x", { next: 0 });
    parseEnvoyAdmin(`{"configs": [${text}`, "x", { next: 0 });
  });
});

describe("nginx reader", () => {
  test.prop([fc.string({ maxLength: 3000 })], { numRuns: 200 })(
    "random text never throws and keeps positions inside the text",
    (text) => {
      const lines = text.split("\n").length;
      for (const directive of readNginxDirectives(text)) {
        expect(directive.line).toBeGreaterThanOrEqual(1);
        expect(directive.line).toBeLessThanOrEqual(lines);
      }
    },
  );

  test.prop(
    [
      fc.array(
        fc.constantFrom(
          "http {",
          "}",
          "server {",
          "listen 80;",
          'add_header "a b" c;',
          "# x;",
          "\n",
          " ",
          "'",
          '"',
          "{",
          ";",
        ),
        { maxLength: 60 },
      ),
    ],
    { numRuns: 200 },
  )("mutated configs never throw", (parts) => {
    expect(Array.isArray(readNginxDirectives(parts.join(" ")))).toBe(true);
  });
});

describe("JSON positions", () => {
  test.prop([fc.json({ maxDepth: 4 }), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(5)), { maxLength: 5 })], {
    numRuns: 200,
  })("any path on any JSON resolves to a position inside the text", (json, path) => {
    const text = JSON.stringify(JSON.parse(json), null, 1) ?? "null";
    const starts = lineStartsOf(text);
    const position = jsonLocator(text, 0, () => starts).locate(path);
    expect(position?.line).toBeGreaterThanOrEqual(1);
    expect(position?.line).toBeLessThanOrEqual(starts.length);
  });

  test.prop(
    [fc.string({ maxLength: 500 }), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(5)), { maxLength: 5 })],
    { numRuns: 200 },
  )("malformed JSON text never throws", (text, path) => {
    for (const broken of [`{${text}`, `[${text}`, `{"a": [${text}`]) {
      const starts = lineStartsOf(broken);
      expect(jsonLocator(broken, 0, () => starts).locate(path)?.line).toBeGreaterThanOrEqual(1);
    }
  });
});
