import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { statusMessages } from "./status-messages.ts";

describe("status messages of Kubernetes objects", () => {
  test("are read from YAML plain, double- and single-quoted values and from JSON, with line and byte", () => {
    const yaml = [
      "apiVersion: v1", // 1
      "kind: Pod", // 2
      "status:", // 3
      "  conditions:", // 4
      "  - type: Ready", // 5
      "    message: 'containers with unready status: [app]'", // 6
      '  - message: "Get \\"https://hub:6443/x\\": net/http: TLS handshake', // 7
      '      timeout"', // 8
      "    reason: Failed", // 9
      "  - message: 'it''s refused'", // 10
      '  - message: ""', // 11
    ].join("\n");
    const found = statusMessages(yaml, "pod.yaml");
    expect(found.map((l) => [l.line, l.text])).toEqual([
      [6, "containers with unready status: [app]"],
      [7, 'Get "https://hub:6443/x": net/http: TLS handshake timeout'],
      [10, "it's refused"],
    ]);
    expect(found[0]?.byte).toBe(yaml.indexOf("    message: 'containers"));
    const json =
      '{\n  "apiVersion": "v1",\n  "kind": "Event",\n  "message": "Back-off restarting failed container",\n  "reason": "BackOff"\n}';
    expect(statusMessages(json, "event.json").map((l) => [l.line, l.text])).toEqual([
      [4, "Back-off restarting failed container"],
    ]);
  });

  test("other keys that end in 'message', and files that are not Kubernetes objects, give nothing", () => {
    expect(statusMessages("apiVersion: v1\nkind: Pod\nerrorMessage: x\nmessages: [y]\n", "p.yaml")).toEqual([]);
    expect(statusMessages("message: not an object of the API\n", "notes.yaml")).toEqual([]);
  });

  test.prop([fc.string({ maxLength: 2000 })], { numRuns: 300 })("never throws on any text", (text) => {
    for (const line of statusMessages(text, "x.yaml")) expect(line.line).toBeGreaterThan(0);
  });

  test.prop(
    [
      fc.array(
        fc.constantFrom(
          "apiVersion: v1\nkind: Pod\n",
          "message: ",
          '"message": "',
          "  - message: '",
          "\\",
          '"',
          "'",
          "\n",
          "x",
          " ",
        ),
        {
          maxLength: 400,
        },
      ),
    ],
    { numRuns: 300 },
  )("quotes left open, escapes at the end and long runs stay bounded", (pieces) => {
    expect(statusMessages(pieces.join(""), "x.yaml").length).toBeLessThanOrEqual(2000);
  });
});
