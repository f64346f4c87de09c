import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import {
  envoyDebugReader,
  envoyLocalReplyBodyReader,
  mendResetReason,
  parseDebugLine,
  replyBodyOf,
} from "./debug-reader.ts";
import { cutAt, mutate, readPieces } from "./testing.ts";

const BRACKETED = [
  "[2023-04-01 18:14:44.358][1535551][trace][http] [source/common/http/http1/codec_impl.cc:834] [C17] message begin",
  "[2023-04-01 18:14:44.358][1535551][trace][http] [source/common/http/http1/codec_impl.cc:475] [C17] completed header: key=Server value=apache",
  "[2023-04-01 18:14:44.358][1535551][trace][http] [source/common/http/http1/codec_impl.cc:475] [C17] completed header: key=Set-Cookie value=PSINO=1; path=/",
  "[2023-04-01 18:14:44.358][1535551][debug][client] [source/common/http/codec_client.cc:149] [C17] Error dispatching received data: http/1.1 protocol error: HPE_INVALID_HEADER_TOKEN",
];

const ISTIO = [
  "12023-03-06T13:23:40.381998Z debug envoy router [C14938][S1043862392353535809] upstream headers complete: end_stream=false",
  "2'date', 'Mon, 06 Mar 2023 13:23:40 GMT'",
  "3'content-disposition', 'attachment; filename=保密.pdf'",
  "4",
  "52023-03-06T13:23:40.384913Z debug envoy router [C14935][S15319585049759823265] upstream reset: reset reason: prot ocol error, transport failure reason:",
  "62023-03-06T13:23:40.384978Z debug envoy http [C14935][S15319585049759823265] Sending local reply with details u pstream_reset_before_response_started{protocol_error}",
  "72023-03-06T13:23:40.385016Z debug envoy http [C14935][S15319585049759823265] encoding headers via codec (end_stream=false):",
  "8':status', '502'",
  "9'server', 'istio-envoy'",
  "1880078 2023-03-31T06:40:27.096222Z debug envoy client [C27090] disconnect. resetting 1 pending requests",
  "2023-03-31T06:40:27.096222Z debug envoy connection [C5] delayed connect error: 111",
  "2023-03-31T06:40:27.096222Z debug envoy http2 [C6] remote goaway code=0",
];

async function read(lines: readonly string[]): Promise<Observation[]> {
  return (await readPieces(envoyDebugReader, [Buffer.from(lines.join("\n"))])).observations;
}

describe("Envoy debug logs", () => {
  test("parses both layouts, with line numbers pasted in front", () => {
    expect(parseDebugLine(BRACKETED[3] ?? "")).toEqual({
      time: "2023-04-01T18:14:44.358",
      component: "client",
      connection: "C17",
      stream: "",
      message: "Error dispatching received data: http/1.1 protocol error: HPE_INVALID_HEADER_TOKEN",
    });
    expect(parseDebugLine(ISTIO[0] ?? "")).toMatchObject({
      component: "router",
      connection: "C14938",
      stream: "S1043862392353535809",
    });
    expect(parseDebugLine('[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1" 200 - via_upstream')).toBeUndefined();
  });

  test("parses Envoy's tagged ids and istio-proxy's newer layout with source location and thread", async () => {
    const tagged = [
      '2024-07-11T09:42:15.574898Z\ttrace\tenvoy http external/envoy/source/common/http/http1/codec_impl.cc:547\t[Tags: "ConnectionId":"317"] completed header: key=X-Flag-1 value=on\tthread=37',
      '2024-07-11T09:42:15.574928Z\tdebug\tenvoy client external/envoy/source/common/http/codec_client.cc:170\t[Tags: "ConnectionId":"317"] Error dispatching received data: http/1.1 protocol error: headers count exceeds limit\tthread=37',
      '[2024-03-01 07:42:00.202][15][trace][router] [source/common/router/upstream_request.cc:261] [Tags: "ConnectionId":"1","StreamId":"2892000782072673515"] upstream reset: reset reason: connection termination',
    ];
    expect(parseDebugLine(tagged[1] ?? "")).toEqual({
      time: "2024-07-11T09:42:15.574928Z",
      component: "client",
      connection: "C317",
      stream: "",
      message: "Error dispatching received data: http/1.1 protocol error: headers count exceeds limit",
    });
    expect(parseDebugLine(tagged[2] ?? "")).toMatchObject({ connection: "C1", stream: "S2892000782072673515" });
    const [error] = (await read(tagged)).filter((o) => o.type === "envoy.codec-error");
    expect(error).toMatchObject({
      connection: "C317",
      side: "upstream",
      completedHeaders: [{ name: "X-Flag-1", value: "on" }],
    });
  });

  test("a codec error carries the headers completed before it on that connection", async () => {
    const [error] = await read(BRACKETED);
    expect(error).toMatchObject({
      type: "envoy.codec-error",
      connection: "C17",
      side: "upstream",
      protocol: "http/1.1",
      code: "HPE_INVALID_HEADER_TOKEN",
      completedHeaders: [
        { name: "Server", value: "apache" },
        { name: "Set-Cookie", value: "PSINO=1; path=/" },
      ],
    });
  });

  test("header dumps, resets with words a web page broke, local replies with their status, connection events", async () => {
    const observations = await read(ISTIO);
    const types = observations.map((o) => o.type);
    expect(types).toEqual([
      "envoy.header-dump",
      "envoy.upstream-reset",
      "envoy.header-dump",
      "envoy.local-reply",
      "envoy.connection-event",
      "envoy.connection-event",
      "envoy.connection-event",
    ]);
    expect(observations[0]).toMatchObject({
      kind: "upstream-response",
      headers: [{ name: "date" }, { name: "content-disposition" }],
    });
    expect(observations[1]).toMatchObject({ reason: "protocol error" });
    expect(observations[3]).toMatchObject({
      details: "upstream_reset_before_response_started{protocol_error}",
      status: 502,
      server: "istio-envoy",
    });
    expect(observations[4]).toMatchObject({ event: "pending-reset", pending: 1 });
    expect(observations[5]).toMatchObject({ event: "connect-error", detail: "111" });
    expect(observations[6]).toMatchObject({ event: "goaway-received" });
  });

  test("the router's own request dump is the upstream request, with the timeout it applied", async () => {
    const observations = await read([
      "[2026-05-11 08:14:02.301][27][debug][router] [source/common/router/router.cc:731] [C44][S88] router decoding headers:",
      "':path', '/export'",
      "'x-envoy-expected-rq-timeout-ms', '15000'",
      "",
      "[2026-05-11 08:14:02.301][27][debug][http] [source/common/http/conn_manager_impl.cc:1114] [C44][S88] request headers complete (end_stream=true):",
      "':path', '/export'",
    ]);
    expect(observations.map((o) => o.type === "envoy.header-dump" && o.kind)).toEqual([
      "upstream-request",
      "downstream-request",
    ]);
    expect(observations[0]).toMatchObject({
      stream: "S88",
      headers: [{ name: ":path" }, { name: "x-envoy-expected-rq-timeout-ms", value: "15000" }],
    });
  });

  test("Envoy's reply text is read where gRPC clients of several languages wrap it", () => {
    expect(replyBodyOf("io.grpc.StatusRuntimeException: UNAVAILABLE: upstream request timeout")).toEqual({
      kind: "upstream-timeout",
      grpc: true,
    });
    expect(replyBodyOf("rpc error: code = Unavailable desc = no healthy upstream")).toEqual({
      kind: "no-healthy-upstream",
      grpc: true,
    });
    expect(replyBodyOf("Error: 14 UNAVAILABLE: no healthy upstream")).toMatchObject({ grpc: true });
    expect(
      replyBodyOf(
        '\tdetails = "upstream connect error or disconnect/reset before headers. reset reason: connection termination"',
      ),
    ).toEqual({ kind: "reset", reason: "connection termination", retried: false });
    expect(replyBodyOf("upstream request timeout")).toEqual({ kind: "upstream-timeout" });
    expect(
      replyBodyOf(
        "“message”:”API returned status: 503, body: upstream connect error or disconnect/reset before headers. reset reason: connection termination, header:map[Server:[envoy]]”",
      ),
    ).toEqual({ kind: "reset", reason: "connection termination", retried: false });
    expect(replyBodyOf("the upstream request timeout is 30s")).toBeUndefined();
    expect(replyBodyOf("waiting: no healthy upstream hosts yet, retrying")).toBeUndefined();
  });

  test("a gRPC answer's grpc-message with Envoy's reply text is a reply body of a gRPC call", async () => {
    const observations = await read([
      "2026-04-02T09:41:17.204Z debug envoy http [C87][S55] encoding headers via codec (end_stream=true):",
      "':status', '200'",
      "'grpc-message', 'upstream connect error or disconnect/reset before headers. reset reason: protocol error'",
    ]);
    expect(observations.find((o) => o.type === "envoy.local-reply-body")).toMatchObject({
      kind: "reset",
      reason: "protocol error",
      grpc: true,
      ref: { line: 1 },
    });
  });

  test("reads the named-logger layout (Consul), codec stream resets, and marks Envoy's own streams", async () => {
    expect(
      parseDebugLine("2024-03-14T03:49:29.332Z+00:00 [debug] envoy.router(30) [C263][S1] router decoding headers:"),
    ).toEqual({
      time: "2024-03-14T03:49:29.332Z+00:00",
      component: "router",
      connection: "C263",
      stream: "S1",
      message: "router decoding headers:",
    });
    const observations = await read([
      "2024-03-14T03:49:29.382Z+00:00 [debug] envoy.http(30) [C235][S16] stream reset: reset reason: remote reset, response details: http2.too_many_headers",
      "[2023-02-14 20:28:33.365][1][debug][router] [source/common/router/router.cc:1212] [C0][S40] upstream reset: reset reason: connection termination, transport failure reason: ",
      "[2023-02-14 20:28:33.365][1][debug][router] [source/common/router/router.cc:1212] [C9][S41] upstream reset: reset reason: connection termination, transport failure reason: ",
    ]);
    expect(observations[0]).toMatchObject({
      type: "envoy.codec-error",
      side: "downstream",
      protocol: "http/2",
      code: "http2.too_many_headers",
    });
    expect(observations[1]).toMatchObject({ type: "envoy.upstream-reset", connection: "C0", internal: true });
    expect(observations[2]).not.toHaveProperty("internal");
  });

  test("Envoy's own xDS messages become the same mesh signals as istio-proxy's", async () => {
    const observations = await read([
      "[2024-03-08 02:41:40.372][1][warning][config] [source/extensions/config_subscription/grpc/grpc_subscription_impl.cc:138] gRPC config for type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment rejected: malformed IP address: httpbin.org",
    ]);
    expect(observations).toMatchObject([
      { type: "mesh.signal", signal: "xds-nack", scope: "config", ref: { line: 1 } },
    ]);
  });

  test("a stream reset because the response had begun carries the local reply's details", async () => {
    const observations = await read([
      "[2020-12-10 20:23:03.315][34][debug][http] [source/common/http/filter_manager.cc:794] [C45][S11] Resetting stream due to upstream_response_timeout. Prior headers have already been sent",
    ]);
    expect(observations).toMatchObject([
      { type: "envoy.local-reply", connection: "C45", stream: "S11", details: "upstream_response_timeout" },
    ]);
  });

  test("mends reset reasons split by a space", () => {
    expect(mendResetReason("prot ocol error")).toBe("protocol error");
    expect(mendResetReason("connection termination")).toBe("connection termination");
    expect(mendResetReason("something new")).toBe("something new");
  });

  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throws on random bytes", async (bytes) => {
    await readPieces(envoyDebugReader, [bytes]);
    await readPieces(envoyLocalReplyBodyReader, [bytes]);
  });

  test.prop([
    fc.array(fc.array(fc.record({ at: fc.nat(), op: fc.nat(), text: fc.string({ maxLength: 4 }) }), { maxLength: 3 }), {
      maxLength: 16,
    }),
    fc.array(fc.nat(), { maxLength: 10 }),
  ])("mutated logs read the same whole and in random pieces", async (edits, points) => {
    const lines = [...BRACKETED, ...ISTIO].map((l, i) => mutate(l, edits[i] ?? []));
    const bytes = Buffer.from(lines.join("\n"));
    const whole = await readPieces(envoyDebugReader, [bytes]);
    const pieces = await readPieces(envoyDebugReader, cutAt(bytes, points));
    expect(pieces).toEqual(whole);
  });
});

describe("Envoy local-reply bodies", () => {
  test("long hostile lines are refused without reading them", async () => {
    const hostile = `upstream connect error or disconnect/reset before headers. reset reason:${" ".repeat(200_000)}x`;
    const { accepted } = await readPieces(envoyLocalReplyBodyReader, [Buffer.from(hostile)]);
    expect(accepted).toBe(0);
  });

  test("reads the reset reason, retries and the transport failure", async () => {
    const { observations } = await readPieces(envoyLocalReplyBodyReader, [
      Buffer.from(
        [
          "upstream connect error or disconnect/reset before headers. reset reason: protocol error",
          "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111",
          "no healthy upstream",
          "the upstream request timeout was fine",
        ].join("\n"),
      ),
    ]);
    expect(observations).toEqual([
      expect.objectContaining({ kind: "reset", reason: "protocol error", retried: false }),
      expect.objectContaining({
        reason: "remote connection failure",
        transportFailure: "delayed connect error: 111",
        retried: true,
      }),
      expect.objectContaining({ kind: "no-healthy-upstream" }),
    ]);
  });
});
