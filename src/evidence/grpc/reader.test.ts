import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { GrpcClientErrorObservation } from "../../model/observations/grpc.ts";
import { cuts, fixtureTexts, mutatedLine } from "../mesh/property-kit.ts";
import { cutAt, runLineReader, runReaders } from "../mesh/run-reader.ts";
import { LINE_READERS } from "../registry.ts";
import { GRPC_LINE_READERS } from "./index.ts";
import { grpcClientErrorReader } from "./reader.ts";

async function errors(text: string): Promise<GrpcClientErrorObservation[]> {
  const { observations } = await runLineReader(grpcClientErrorReader, [text]);
  return observations.filter((o): o is GrpcClientErrorObservation => o.type === "grpc.client-error");
}

function summary(o: Observation | undefined) {
  if (o?.type !== "grpc.client-error") return o?.type;
  return [o.library, o.status, o.failure];
}

describe("one-line errors of each library", () => {
  test.each([
    [
      "io.grpc.StatusRuntimeException: UNAVAILABLE: Network closed for unknown reason",
      "grpc-java",
      "UNAVAILABLE",
      "connection-closed",
    ],
    [
      "Status{code=UNAVAILABLE, description=Network closed for unknown reason, cause=null}",
      "grpc-java",
      "UNAVAILABLE",
      "connection-closed",
    ],
    [
      "io.grpc.StatusRuntimeException: INTERNAL: RST_STREAM closed stream. HTTP/2 error code: PROTOCOL_ERROR",
      "grpc-java",
      "INTERNAL",
      "stream-protocol-error",
    ],
    [
      "io.grpc.StatusRuntimeException: INTERNAL: RST_STREAM closed stream. HTTP/2 error code: INTERNAL_ERROR",
      "grpc-java",
      "INTERNAL",
      "stream-reset",
    ],
    [
      "io.grpc.StatusRuntimeException: UNAVAILABLE: Connection closed after GOAWAY. HTTP/2 error code: NO_ERROR",
      "grpc-java",
      "UNAVAILABLE",
      "goaway",
    ],
    [
      "io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 5242880",
      "grpc-java",
      "RESOURCE_EXHAUSTED",
      "message-too-large",
    ],
    [
      "io.grpc.StatusRuntimeException: UNAVAILABLE: Unable to resolve host payments",
      "grpc-java",
      "UNAVAILABLE",
      "name-not-resolved",
    ],
    [
      'Grpc.Core.RpcException: Status(StatusCode="Internal", Detail="Error starting gRPC call. HttpRequestException: An HTTP/2 connection could not be established because the server did not complete the HTTP/2 handshake.")',
      "grpc-dotnet",
      "INTERNAL",
      "no-http2-handshake",
    ],
    [
      'Grpc.Core.RpcException: Status(StatusCode="Internal", Detail="Bad gRPC response. Response protocol downgraded to HTTP/1.1.")',
      "grpc-dotnet",
      "INTERNAL",
      "http1-answer",
    ],
    [
      'Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="Error starting gRPC call. HttpRequestException: The SSL connection could not be established, see inner exception.")',
      "grpc-dotnet",
      "UNAVAILABLE",
      "tls-handshake",
    ],
    [
      'Grpc.Core.RpcException: Status(StatusCode="DeadlineExceeded", Detail="")',
      "grpc-dotnet",
      "DEADLINE_EXCEEDED",
      "deadline",
    ],
    ["Error: 14 UNAVAILABLE: No connection established", "grpc-js", "UNAVAILABLE", "could-not-connect"],
    ["Error: 14 UNAVAILABLE: Connection dropped", "grpc-js", "UNAVAILABLE", "connection-closed"],
    ["Error: 14 UNAVAILABLE: Stream refused by server", "grpc-js", "UNAVAILABLE", "stream-refused"],
    ["Error: 4 DEADLINE_EXCEEDED: Deadline exceeded", "grpc-js", "DEADLINE_EXCEEDED", "deadline"],
    [
      "Error: 8 RESOURCE_EXHAUSTED: Received message larger than max (5000000 vs. 4194304)",
      "grpc-js",
      "RESOURCE_EXHAUSTED",
      "message-too-large",
    ],
  ])("%s", async (line, library, status, failure) => {
    const found = await errors(`${line}\n`);
    expect(found.map(summary)).toEqual([[library, status, failure]]);
  });

  test("a status number that does not name its status is not grpc-js", async () => {
    expect(await errors("Error: 4 UNAVAILABLE: Deadline exceeded\n")).toEqual([]);
  });

  test("values of the wording become fields, the address the upstream", async () => {
    const [deadline] = await errors(
      "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 9.999837500s. [closed=[], open=[[remote_addr=localhost/127.0.0.1:50051]]]\n",
    );
    expect(deadline).toMatchObject({ failure: "deadline", fields: { seconds: "9.999837500" } });
    expect(deadline?.correlation).toEqual({ upstream: "127.0.0.1:50051" });
    const [waiting] = await errors(
      "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 4.99s. [closed=[], open=[[buffered_nanos=4991000000, waiting_for_connection]]]\n",
    );
    expect(waiting?.failure).toBe("deadline-before-connection");
    const [large] = await errors(
      "Error: 8 RESOURCE_EXHAUSTED: Received message larger than max (5000000 vs. 4194304)\n",
    );
    expect(large?.fields).toMatchObject({ size: "5000000", limit: "4194304" });
  });
});

describe("errors over several lines", () => {
  test("a grpc-java exception is read with its causes, at the status line", async () => {
    const { observations, accepted } = await runLineReader(grpcClientErrorReader, [
      [
        "12:00:01.123 ERROR [main] c.e.Client - call failed",
        "io.grpc.StatusRuntimeException: UNAVAILABLE: io exception",
        "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:262)",
        "\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:243)",
        "Caused by: io.grpc.netty.shaded.io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: /10.0.0.5:9090",
        "Caused by: java.net.ConnectException: Connection refused",
        "\t... 11 common frames omitted",
        "12:00:02.000 INFO  [main] c.e.Client - retrying",
      ].join("\n"),
    ]);
    expect(accepted).toBe(6);
    expect(observations.map(summary)).toEqual([["grpc-java", "UNAVAILABLE", "connection-refused"]]);
    expect(observations[0]?.ref.line).toBe(2);
    expect(observations[0]?.correlation).toEqual({ upstream: "10.0.0.5:9090" });
  });

  test("netty's hex dump tells an HTTP/1 answer from a TLS one", async () => {
    const java = (hex: string) =>
      `io.grpc.StatusRuntimeException: INTERNAL: http2 exception\nCaused by: io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS. Hex dump for first 5 bytes: ${hex}\n`;
    expect((await errors(java("485454502f"))).map((o) => o.failure)).toEqual(["http1-answer"]);
    expect((await errors(java("1503010002"))).map((o) => o.failure)).toEqual(["tls-answer-to-plaintext"]);
    expect((await errors(java("0000120400"))).map((o) => o.failure)).toEqual(["no-http2-handshake"]);
  });

  test("grpc-java's two-line reset description", async () => {
    const found = await errors(
      "io.grpc.StatusRuntimeException: INTERNAL: HTTP/2 error code: PROTOCOL_ERROR\nReceived Rst Stream\n\tat io.grpc.Status.asRuntimeException(Status.java:535)\n",
    );
    expect(found.map((o) => [o.failure, o.fields.h2Code])).toEqual([["stream-protocol-error", "PROTOCOL_ERROR"]]);
  });

  test("a grpc-python block is one observation at its first line", async () => {
    const { observations, accepted } = await runLineReader(grpcClientErrorReader, [
      [
        "Traceback (most recent call last):",
        "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:",
        "\tstatus = StatusCode.UNAVAILABLE",
        '\tdetails = "failed to connect to all addresses; last error: UNKNOWN: ipv4:10.0.0.7:50051: Failed to connect to remote host: Connection refused"',
        '\tdebug_error_string = "UNKNOWN:failed to connect to all addresses {grpc_status:14, created_time:"2024-01-01T00:00:00Z"}"',
        ">",
        "done",
      ].join("\n"),
    ]);
    expect(accepted).toBe(5);
    expect(observations.map(summary)).toEqual([["grpc-core", "UNAVAILABLE", "connection-refused"]]);
    expect(observations[0]?.ref.line).toBe(2);
    expect(observations[0]?.correlation).toEqual({ upstream: "10.0.0.7:50051" });
  });

  test("the errno in an old debug string decides what OS Error was", async () => {
    const block = (debug: string) =>
      `<_Rendezvous of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "OS Error"\n\tdebug_error_string = "${debug}"\n>\n`;
    expect((await errors(block('{"grpc_message":"OS Error","grpc_status":14}'))).map((o) => o.failure)).toEqual([
      "socket-error",
    ]);
    expect(
      (await errors(block('{"errno":104,"grpc_message":"OS Error","grpc_status":14}'))).map((o) => o.failure),
    ).toEqual(["connection-reset"]);
  });

  test("gRPC core's debug string quoted alone opens an error with its status and message", async () => {
    const found = await errors(
      `details: 'Received http2 header with status: 413'\ndebug_error_string: {"created":"@1.5","description":"Received http2 :status header with non-200 OK status","grpc_message":"Received http2 header with status: 413","grpc_status":2,"value":"413"}\n`,
    );
    expect(found.map(summary)).toEqual([["grpc-core", "UNKNOWN", "non-grpc-response"]]);
    expect(found[0]?.fields.httpStatus).toBe("413");
    expect(await errors('debug_error_string: {"created":"@1.5","description":"no status here"}\n')).toEqual([]);
  });

  test("a Python block ends after a few lines even without its closing bracket", async () => {
    const fields = Array.from({ length: 50 }, () => '\tdetails = "Socket closed"').join("\n");
    const { accepted, observations } = await runLineReader(grpcClientErrorReader, [
      `<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n${fields}\n`,
    ]);
    expect(accepted).toBeLessThan(15);
    expect(observations.map(summary)).toEqual([["grpc-core", "UNAVAILABLE", "connection-closed"]]);
  });
});

describe("lines other readers tell", () => {
  const envoyBodies = [
    "io.grpc.StatusRuntimeException: UNAVAILABLE: upstream request timeout",
    "io.grpc.StatusRuntimeException: UNAVAILABLE: no healthy upstream",
    "io.grpc.StatusRuntimeException: UNAVAILABLE: upstream connect error or disconnect/reset before headers. reset reason: connection failure",
    "Error: 14 UNAVAILABLE: upstream connect error or disconnect/reset before headers. reset reason: overflow",
  ];

  test.each(envoyBodies)("an Envoy reply body stays with the Envoy reader: %s", async (line) => {
    const observations = await runReaders(LINE_READERS, [`Error: 14 UNAVAILABLE: Connection dropped\n${line}\n`]);
    expect(observations.map((o) => o.type)).toEqual(["grpc.client-error", "envoy.local-reply-body"]);
    expect(await errors(`${line}\n`)).toEqual([]);
  });

  test("an Envoy reply body in a Python block goes to the Envoy reader, and the block says nothing", async () => {
    const observations = await runReaders(LINE_READERS, [
      '<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "upstream request timeout"\n\tdebug_error_string = "{"grpc_status":14}"\n>\n',
    ]);
    expect(observations.map((o) => o.type)).toEqual(["envoy.local-reply-body"]);
  });

  test("grpc-js resets and refusals the Go reader knows stay with it", async () => {
    const observations = await runReaders(LINE_READERS, [
      "Error: 14 UNAVAILABLE: Stream refused by server\nError: 13 INTERNAL: Received RST_STREAM with code 0\n",
    ]);
    expect(observations.map((o) => (o.type === "go.signature" ? o.signature : summary(o)))).toEqual([
      ["grpc-js", "UNAVAILABLE", "stream-refused"],
      "grpc-rst-stream",
    ]);
  });

  test("other programs' lines are left alone", async () => {
    const { accepted } = await runLineReader(grpcClientErrorReader, [
      [
        "java.net.ConnectException: Connection refused",
        "\tat java.base/sun.nio.ch.Net.connect0(Native Method)",
        "curl: (7) Failed to connect to 10.0.0.5 port 9090: Connection refused",
        "2024/01/01 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream",
        "status = StatusCode.UNAVAILABLE",
      ].join("\n"),
    ]);
    expect(accepted).toBe(0);
  });
});

const texts = fixtureTexts("grpc");
const lines = texts.flatMap((text) => text.split("\n")).filter((line) => line.length > 0);

describe("hostile input", () => {
  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), { maxLength: 20 })])(
    "never throws on random text or bytes",
    async (chunks) => {
      await runLineReader(grpcClientErrorReader, chunks);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { minLength: 1, maxLength: 30 })])(
    "never throws on mutated real lines, and every observation points at a line it read",
    async (mutated) => {
      const { observations, lines: count } = await runLineReader(grpcClientErrorReader, [mutated.join("\n")]);
      for (const observation of observations) expect(observation.ref.line).toBeLessThanOrEqual(count);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { maxLength: 40 }), cuts], { numRuns: 60 })(
    "gives the same observations for mutated text whole or in random pieces",
    async (mutated, points) => {
      const text = mutated.join("\n");
      expect(await runReaders(GRPC_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(GRPC_LINE_READERS, [text]),
      );
    },
  );

  test.prop([fc.constantFrom(...texts), cuts], { numRuns: 60 })(
    "gives the same observations whole or in random pieces",
    async (text, points) => {
      expect(await runReaders(GRPC_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(GRPC_LINE_READERS, [text]),
      );
    },
  );

  test("a long stack trace and a huge line are read in bounded time and memory", async () => {
    const frames = Array.from({ length: 50_000 }, (_, i) => `\tat com.example.Frame${i}.call(Frame.java:${i})`);
    const started = Date.now();
    const { observations } = await runLineReader(grpcClientErrorReader, [
      `io.grpc.StatusRuntimeException: UNAVAILABLE: io exception\n${frames.join("\n")}\nCaused by: java.net.ConnectException: Connection refused\n${"x".repeat(1 << 20)} Error: 14 UNAVAILABLE: Connection dropped\n`,
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(observations.map(summary)).toEqual([["grpc-java", "UNAVAILABLE", "could-not-connect"]]);
  });
});
