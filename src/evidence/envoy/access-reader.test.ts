import { describe, expect, test } from "vitest";
import type { EnvoyAccessRecord } from "../../model/observations/envoy.ts";
import { envoyAccessReader, quotedRecord } from "./access-reader.ts";
import { readPieces } from "./testing.ts";

const UNTIMED =
  '"POST /lab.Feed/Live HTTP/2" 504 UT 30 24 15002 - "-" "grpc-go/1.6.0" "6db37f84" "feed.dev:12900" "127.0.0.1:12900"';

describe("Envoy access lines quoted without their time", () => {
  test("are read as records, with no time, and quoted as they were written", async () => {
    const { observations } = await readPieces(envoyAccessReader, [Buffer.from(`${UNTIMED}\n`)]);
    const record = observations.find((o): o is EnvoyAccessRecord => o.type === "envoy.access");
    expect(record).toMatchObject({ status: 504, flags: ["UT"], durationMs: 15002 });
    expect(record?.ref.excerpt).toBe(UNTIMED);
    expect(record?.ref.time).toBeUndefined();
  });

  test("a client that went away (status 0) is a record too", async () => {
    const line =
      '"POST /xyz HTTP/1.1" 0 DC downstream_remote_disconnect - "-" 515 0 4969 - "-" "okhttp/4.9" "r1" "api:80" "-" inbound|80|| - 10.0.0.2:80 10.0.0.1:5 - default';
    const { observations } = await readPieces(envoyAccessReader, [Buffer.from(`${line}\n`)]);
    expect(observations.find((o) => o.type === "envoy.access")).toMatchObject({ status: 0, flags: ["DC"] });
  });

  test("a quoted request line followed by other words is not a record", async () => {
    const { observations } = await readPieces(envoyAccessReader, [
      Buffer.from('"GET / HTTP/1.1" 200 means the page loaded\n"GET / HTTP/1.1" was sent twice\n'),
    ]);
    expect(observations.filter((o) => o.type === "envoy.access")).toEqual([]);
  });
});

describe("Envoy access lines in a custom format that keeps the default's first fields unquoted", () => {
  test("are read as the default format's time, request, status, flags, bytes and durations", () => {
    expect(quotedRecord("2019-03-06T11:07:34.910Z GET /websso HTTP/2 503 UC 0 57 0 - - 10.1.41.4:58440")).toBe(
      '[2019-03-06T11:07:34.910Z] "GET /websso HTTP/2" 503 UC 0 57 0 - "-" "-" "-" "-" "-"',
    );
    expect(quotedRecord("2019-03-06T11:02:11.968Z GET /websso HTTP/2 200 - 0 433415 6 5 10.1.41.4:57937")).toContain(
      '"GET /websso HTTP/2" 200 - 0 433415 6 5',
    );
  });

  test("an application's request log with the same start is not taken for one", () => {
    expect(quotedRecord("2026-03-06T11:07:34.910Z GET /login HTTP/1.1 503 12ms user=alice")).toBeUndefined();
    expect(quotedRecord("2026-03-06T11:07:35.001Z POST /login HTTP/1.1 200 OK 3 41 7 -")).toBeUndefined();
  });
});
