import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { cutAt, readPieces } from "../curl/testing.ts";
import { envoyDetailsReader } from "./envoy-details.ts";

const read = (text: string, cuts: readonly number[] = []) =>
  readPieces(cutAt(Buffer.from(text), cuts), [envoyDetailsReader]);

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

  test.prop([fc.string({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 5 })])(
    "random text never throws and reads the same whole or in pieces",
    async (text, cuts) => {
      const input = `upstream_reset_before_response_started{${text}\n${text} route_not_found ${text}`;
      expect(await read(input, cuts)).toEqual(await read(input));
    },
  );
});
