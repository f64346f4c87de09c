import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { JsonKeyOrder, scanJsonAccess } from "./access-json.ts";
import { newScan, recordStart } from "./access-text.ts";
import { mutate } from "./testing.ts";

const ISTIO_JSON =
  '{"authority":"helloworld:5000","bytes_received":0,"bytes_sent":60,"duration":117,"method":"GET","path":"/hello","protocol":"HTTP/1.1","request_id":"ba543d08","response_code":503,"response_code_details":"upstream_reset_before_response_started{connection_termination}","response_flags":"UC","start_time":"2023-04-17T11:22:56.569Z","upstream_cluster":"inbound|5000||","upstream_host":"10.0.0.1:5000","upstream_transport_failure_reason":null}';

function scan(line: string, order = new JsonKeyOrder()) {
  const out = newScan();
  const time = { text: undefined as string | undefined };
  return scanJsonAccess(line, 0, line.length, order, out, time) ? { ...out, time: time.text } : undefined;
}

describe("JSON access lines", () => {
  test("reads Istio's JSON keys without parsing the whole object", () => {
    expect(scan(ISTIO_JSON)).toMatchObject({
      format: "json",
      status: 503,
      head: "503 UC upstream_reset_before_response_started{connection_termination}",
      pair: '10.0.0.1:5000" inbound|5000||',
      time: "2023-04-17T11:22:56.569Z",
    });
  });

  test("a line number pasted in front of the object is skipped", () => {
    const pasted = `1${ISTIO_JSON}`;
    const start = recordStart(pasted, 0, pasted.length);
    expect(start).toBe(1);
    const out = newScan();
    expect(scanJsonAccess(pasted, start, pasted.length, new JsonKeyOrder(), out, { text: undefined })).toBe(true);
    expect(out.status).toBe(503);
  });

  test("null values and a missing cluster read as `-`", () => {
    const line =
      '{"response_code":404,"response_flags":"NR","response_code_details":"route_not_found","upstream_cluster":null,"upstream_host":null}';
    expect(scan(line)).toMatchObject({ head: "404 NR route_not_found", pair: '-" -' });
  });

  test("escaped quotes in values are decoded", () => {
    const line = '{"response_code":200,"response_flags":"-","upstream_cluster":"a\\"b","upstream_host":"h"}';
    expect(scan(line)?.pair).toBe('h" a"b');
  });

  test.each([
    [
      '{"status":502,"flags":"UPE","details":"upstream_reset_before_response_started{protocol_error}","cluster":"c1","timestamp":"2024-01-01T00:00:00Z"}',
      { status: 502, head: "502 UPE upstream_reset_before_response_started{protocol_error}", pair: '-" c1' },
    ],
    [
      '{"req_method":"POST","resp_flags":"UR","resp_code":200,"upstream_cluster":"grpc_dev","upstream_host":"10.1.8.6:8080","resp_code_details":"upstream_reset_after_response_started{remote_reset}"}',
      {
        status: 200,
        head: "200 UR upstream_reset_after_response_started{remote_reset}",
        pair: '10.1.8.6:8080" grpc_dev',
      },
    ],
  ])("custom json_format keys are read through aliases: %s", (line, expected) => {
    expect(scan(line)).toMatchObject(expected);
  });

  test("JSON that is not an access record is refused", () => {
    expect(scan('{"level":"info","msg":"xds connected","status":"ok"}')).toBeUndefined();
    expect(scan('{"response_code":"abc","response_flags":"-"}')).toBeUndefined();
  });

  test("keys in another order than the first record still read", () => {
    const order = new JsonKeyOrder();
    scan(ISTIO_JSON, order);
    const reordered = '{"upstream_host":"h2","upstream_cluster":"c2","response_flags":"UF","response_code":503}';
    expect(scan(reordered, order)).toMatchObject({ status: 503, head: "503 UF -", pair: 'h2" c2' });
  });

  test("a status written as a string, with a leading zero or as 2e2 reads as its number", () => {
    for (const written of ['"503"', "0503", "5.03e2"]) {
      const line = `{"response_code":${written},"response_flags":"UF","upstream_cluster":"c","upstream_host":"h"}`;
      expect(scan(line)).toMatchObject({ status: 503, head: "503 UF -" });
    }
    expect(scan('{"response_code":1000,"response_flags":"UF"}')).toBeUndefined();
  });

  test.prop([
    fc.array(
      fc.record({
        status: fc.integer({ min: 0, max: 999 }),
        flags: fc.constantFrom("-", "UF", "UC", "NR", "DC,UH"),
        host: fc.stringMatching(/^[a-z0-9.:]{0,20}$/),
        cluster: fc.stringMatching(/^[a-z0-9|.]{0,20}$/),
      }),
      { maxLength: 60 },
    ),
  ])("head and pair of each line in a run of records are its own", (records) => {
    const order = new JsonKeyOrder();
    for (const r of records) {
      const line = JSON.stringify({
        response_code: r.status,
        response_flags: r.flags,
        upstream_cluster: r.cluster,
        upstream_host: r.host,
      });
      expect(scan(line, order)).toMatchObject({
        status: r.status,
        head: `${r.status} ${r.flags} -`,
        pair: `${r.host}" ${r.cluster}`,
      });
    }
  });

  test.prop([fc.string({ maxLength: 400 })])("never throws on random text", (text) => {
    scan(`{${text}`);
  });

  test.prop([fc.array(fc.record({ at: fc.nat(), op: fc.nat(), text: fc.string({ maxLength: 4 }) }), { maxLength: 6 })])(
    "never throws on mutated real records",
    (edits) => {
      const out = scan(mutate(ISTIO_JSON, edits));
      if (out) expect(Number.isInteger(out.status)).toBe(true);
    },
  );
});
