import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import { readEvidence } from "../read-evidence.ts";
import { envoyDetailsReader } from "./envoy-details.ts";

async function read(text: string, pieces = 1): Promise<Observation[]> {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces) || 1;
  const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const source = { id: "details.txt", open: () => Readable.from(chunks) };
  return (await readEvidence([source], { lineReaders: [envoyDetailsReader], fileReaders: [] })).observations;
}

describe("Envoy response code details outside an access log", () => {
  test("a reset's reason and transport failure, and route_not_found, with the status beside them", async () => {
    const found = await read(
      [
        "503 upstream_reset_before_response_started{connection_termination}",
        "upstream_reset_before_response_started{connection_failure|delayed_connect_error:_111}",
        "12:23AM INF http-request authority=foo.example.com:443 response-code=404 response-code-details=route_not_found service=envoy",
        '"response_code":413,"response_code_details":"request_payload_too_large"',
      ].join("\n"),
    );
    expect(
      found.map((o) => (o.type === "curl.local-reply" ? [o.kind, o.reason, o.transportFailure, o.status] : [])),
    ).toEqual([
      ["upstream-reset", "connection termination", undefined, 503],
      ["upstream-reset", "connection failure", "delayed connect error: 111", undefined],
      ["route-not-found", undefined, undefined, 404],
      ["payload-too-large", undefined, undefined, 413],
    ]);
  });

  test.each([
    "the route_not_found_page setting was renamed",
    "upstream_reset_before_response_started is a detail Envoy documents",
    "GET /api/route_not_found_handler 200",
  ])("%s is not a detail", async (line) => {
    expect(await read(line)).toEqual([]);
  });

  test.prop([fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 5 })])(
    "random text never throws and reads the same whole or in pieces",
    async (text, pieces) => {
      const whole = await read(`upstream_reset_before_response_started{${text}\n${text} route_not_found ${text}`);
      expect(
        await read(`upstream_reset_before_response_started{${text}\n${text} route_not_found ${text}`, pieces),
      ).toEqual(whole);
    },
  );
});
