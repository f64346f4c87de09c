import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { GoSignatureObservation } from "../../model/observations/go.ts";
import { splitLines } from "../lines.ts";
import { goErrorReader } from "./reader.ts";

async function read(pieces: readonly string[]): Promise<{ observations: Observation[]; taken: number[] }> {
  const observations: Observation[] = [];
  const taken: number[] = [];
  const reader = goErrorReader.create({ source: "log", emit: (o) => observations.push(o) });
  async function* chunks() {
    for (const piece of pieces) yield Buffer.from(piece);
  }
  for await (const line of splitLines(chunks())) if (reader.accept(line)) taken.push(line.line);
  reader.end();
  return { observations, taken };
}

async function signatures(text: string): Promise<GoSignatureObservation[]> {
  const { observations } = await read([text]);
  return observations.filter((o): o is GoSignatureObservation => o.type === "go.signature");
}

const SEED_001 = `$ kubectl get deploy -n payments
E1104 18:00:08.121482   32134 request.go:1058] Unexpected error when reading response body: http2: client connection lost
unexpected error when reading response body. Please retry. Original error: http2: client connection lost
`;

const SEED_003 = `I0328 09:48:59.925056       1 round_trippers.go:383] GET https://10.220.14.10:8443/api/v1/namespaces/kube-system/endpoints/kube-controller-manager
I0328 09:48:59.925094       1 round_trippers.go:393]     User-Agent: kube-controller-manager/v1.11.1 (linux/amd64) kubernetes/b1b2997/leader-election
I0328 09:48:59.925148       1 round_trippers.go:408] Response Status:  in 0 milliseconds
E0328 09:48:59.925199       1 leaderelection.go:234] error retrieving resource lock kube-system/kube-controller-manager: Get https://10.220.14.10:8443/api/v1/namespaces/kube-system/endpoints/kube-controller-manager: http2: no cached connection was available
`;

describe("seed evidence", () => {
  test("kubectl's connection-lost lines, with the namespace of the command", async () => {
    const found = await signatures(SEED_001);
    expect(found.map((o) => [o.signature, o.emitter, o.correlation?.namespace])).toEqual([
      ["h2-client-connection-lost", "kubectl", "payments"],
      ["h2-client-connection-lost", "kubectl", "payments"],
    ]);
    expect(found[0]?.klog).toEqual({
      severity: "E",
      time: "1104 18:00:08.121482",
      thread: 32134,
      caller: "request.go:1058",
    });
  });

  test("kube-controller-manager: round trip with no status, leader election, no cached connection", async () => {
    const { observations, taken } = await read([SEED_003]);
    expect(taken).toEqual([1, 2, 3, 4]);
    expect(observations.map((o) => o.type)).toEqual(["go.round-trip", "go.round-trip", "go.signature", "go.signature"]);
    expect(observations[1]).toMatchObject({
      method: "GET",
      url: "https://10.220.14.10:8443/api/v1/namespaces/kube-system/endpoints/kube-controller-manager",
      status: "",
      millis: 0,
    });
    const [lock, error] = observations.slice(2) as GoSignatureObservation[];
    expect(lock).toMatchObject({ signature: "leader-election", fields: { namespace: "kube-system" } });
    expect(error).toMatchObject({
      signature: "h2-no-cached-connection",
      emitter: "client-go",
      method: "GET",
      era: "before-go1.14",
      correlation: { authority: "10.220.14.10:8443", namespace: "kube-system" },
    });
  });
});

describe("client-go round trips", () => {
  test("the one-line form of kubectl -v=6, with and without a status", async () => {
    const { observations } = await read([
      "I0101 10:00:00.000001   4242 round_trippers.go:553] GET https://10.0.0.1:6443/api/v1/namespaces/web/pods/web-0 200 OK in 5 milliseconds\n",
      "I0101 10:00:01.000001   4242 round_trippers.go:553] GET https://10.0.0.1:6443/api?timeout=32s  in 0 milliseconds\n",
      'I0101 10:00:02.000001   4242 round_trippers.go:553] "Response" verb="GET" url="https://10.0.0.1:6443/version" status="503 Service Unavailable" milliseconds=7\n',
    ]);
    expect(observations.map((o) => (o.type === "go.round-trip" ? [o.method, o.status, o.millis] : []))).toEqual([
      ["GET", "200 OK", 5],
      ["GET", "", 0],
      ["GET", "503 Service Unavailable", 7],
    ]);
    expect(observations[0]?.correlation).toMatchObject({ namespace: "web", pod: "web-0" });
  });
});

describe("wordings", () => {
  test("errors inside a logger's quoted msg field are read with their quotes as Go printed them", async () => {
    const [found] = await signatures(
      'time="2026-04-22T08:12:40Z" level=error msg="sync failed: Get \\"https://10.0.0.1:6443/api/v1/pods\\": http2: server sent GOAWAY and closed the connection; LastStreamID=7, ErrCode=NO_ERROR, debug=\\"\\"" app=x',
    );
    expect(found).toMatchObject({
      signature: "h2-goaway-closed",
      fields: { lastStream: "7", code: "NO_ERROR", debug: "" },
      url: "https://10.0.0.1:6443/api/v1/pods",
    });
  });

  const CASES: [line: string, signature: string, fields: Record<string, string>][] = [
    [
      'Get "https://a.example/x": http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=""',
      "h2-goaway-closed",
      { lastStream: "1999", code: "NO_ERROR", debug: "" },
    ],
    [
      "http2: Transport received GOAWAY from server ErrCode:PROTOCOL_ERROR",
      "h2-graceful-goaway",
      { code: "PROTOCOL_ERROR" },
    ],
    [
      "stream error: stream ID 3; INTERNAL_ERROR; received from peer",
      "h2-stream-error",
      { stream: "3", code: "INTERNAL_ERROR", cause: "received from peer" },
    ],
    ["stream error: stream ID 1; PROTOCOL_ERROR", "h2-stream-error", { stream: "1", code: "PROTOCOL_ERROR" }],
    [
      "write tcp 10.0.0.13:48766->10.0.0.10:6443: use of closed network connection",
      "closed-network-connection",
      { op: "write", local: "10.0.0.13:48766", remote: "10.0.0.10:6443" },
    ],
    [
      "net/http: HTTP/1.x transport connection broken: malformed MIME header line: Time : 1",
      "malformed-mime-header",
      {},
    ],
    [
      'net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00"',
      "malformed-http-response",
      {},
    ],
    ['Get "http://a/b": unexpected EOF', "unexpected-eof", {}],
    ["net/http: request canceled (Client.Timeout exceeded while awaiting headers)", "client-timeout", {}],
    ["dial tcp 10.96.0.1:443: i/o timeout", "io-timeout", { op: "dial", local: "10.96.0.1:443" }],
    ["read tcp 1.2.3.4:5->6.7.8.9:443: read: connection reset by peer", "connection-reset", { op: "read" }],
    ["dial tcp 127.0.0.1:8080: connect: connection refused", "connection-refused", { local: "127.0.0.1:8080" }],
    ["Unable to connect to the server: net/http: TLS handshake timeout", "tls-handshake-timeout", {}],
    ["x509: certificate has expired or is not yet valid", "x509", {}],
    ["remote error: tls: bad certificate", "x509", { alert: "bad certificate" }],
    ["http: server gave HTTP response to HTTPS client", "http-response-to-https-client", {}],
    [
      "Waited for 1.19s due to client-side throttling, not priority and fairness, request: GET:https://k/apis",
      "client-throttling",
      { wait: "1.19s" },
    ],
    ["rpc error: code = Unavailable desc = transport is closing", "grpc-transport-closing", {}],
    [
      "rpc error: code = Unavailable desc = error reading from server: EOF",
      "grpc-transport-closing",
      { readError: "EOF" },
    ],
    [
      "Error: 13 INTERNAL: Received RST_STREAM with code 0 (Call ended without gRPC status)",
      "grpc-rst-stream",
      { jsCode: "0" },
    ],
    [
      "rpc error: code = Internal desc = stream terminated by RST_STREAM with error code: PROTOCOL_ERROR",
      "grpc-rst-stream",
      { goCode: "PROTOCOL_ERROR" },
    ],
    ["keepalive ping failed to receive ACK within timeout", "grpc-keepalive-failed", {}],
    ["rpc error: code = Internal desc = server closed the stream without sending trailers", "grpc-no-trailers", {}],
    [
      "Error: 14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 10.0.0.7:50051. Resolution note: ",
      "connection-refused",
      { jsAddress: "10.0.0.7:50051" },
    ],
    ['ErrCode=ENHANCE_YOUR_CALM, debug="too_many_pings"', "grpc-too-many-pings", {}],
    ["transport: Got too many pings from the client, closing the connection.", "grpc-too-many-pings", {}],
    ["Client received GoAway with http2.ErrCodeEnhanceYourCalm.", "grpc-too-many-pings", {}],
    [
      "error #0: dial tcp 127.0.0.1:2379: getsockopt: connection refused",
      "connection-refused",
      { local: "127.0.0.1:2379" },
    ],
    [
      "failed to build resolver: xds: failed to create xds-client: xds: failed to read bootstrap file: xds: Failed to read bootstrap config: open /etc/istio/proxy/grpc-bootstrap.json: no such file or directory",
      "grpc-xds-bootstrap",
      { file: "/etc/istio/proxy/grpc-bootstrap.json", missing: "no such file or directory" },
    ],
    [
      "net/http: request canceled (Client.Timeout or context cancellation while reading body)",
      "client-timeout",
      { body: "reading body" },
    ],
    [
      'rpc error: code = Unimplemented desc = unexpected HTTP status code received from server: 404 (Not Found); transport: received unexpected content-type "text/plain; charset=utf-8"',
      "grpc-unexpected-http-status",
      { status: "404", contentType: "text/plain; charset=utf-8" },
    ],
    [
      'FATA[0016] rpc error: code = FailedPrecondition desc = transport: received the unexpected content-type "text/plain; charset=utf-8"',
      "grpc-unexpected-http-status",
      { loneContentType: "text/plain; charset=utf-8" },
    ],
    [
      'Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": context deadline exceeded',
      "admission-webhook-failed",
      {
        webhook: "validate.nginx.ingress.kubernetes.io",
        url: "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses",
        inner: "context deadline exceeded",
      },
    ],
    [
      "Received unexpected HTTP status: 504 Gateway Time-out",
      "unexpected-http-status",
      { httpStatus: "504", statusText: "Gateway Time-out" },
    ],
    [
      "Error: create: failed to create: the server responded with the status code 413 but did not return more information (post secrets)",
      "unexpected-http-status",
      { httpStatus: "413" },
    ],
    [
      'Unable to connect to the server: http2 : server sent GOAWAY and closed the connection; LastStreamID=1, ErrCode=ENHANCE_YOUR_CALM, debug=""',
      "h2-goaway-closed",
      { lastStream: "1", code: "ENHANCE_YOUR_CALM", debug: "" },
    ],
    [
      "Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get nodes)",
      "apiserver-request-timeout",
      {},
    ],
    [
      'msg="Failed to send batch, retrying" err="server returned HTTP status 502 Bad Gateway: <html>"',
      "unexpected-http-status",
      { httpStatus: "502", statusText: "Bad Gateway" },
    ],
    [
      "error parsing HTTP 413 response body: invalid character '<' looking for beginning of value",
      "unexpected-http-status",
      { httpStatus: "413" },
    ],
  ];

  test.each(CASES)("%s", async (line, signature, fields) => {
    const [found] = await signatures(`${line}\n`);
    expect(found?.signature).toBe(signature);
    expect(found?.fields).toMatchObject(fields);
  });

  test("the emitter follows the wording", async () => {
    const emitters = (
      await signatures(
        [
          "rpc error: code = Unavailable desc = keepalive ping failed to receive ACK within timeout",
          "Error: 14 UNAVAILABLE: Received RST_STREAM with code 2",
          "I0101 00:00:00.000000       1 reflector.go:1] watch of *v1.Pod ended with: unexpected EOF",
          'Get "https://x/": unexpected EOF',
        ].join("\n"),
      )
    ).map((o) => `${o.signature}:${o.emitter}`);
    expect(emitters).toEqual([
      "grpc-keepalive-failed:grpc-go",
      "grpc-rst-stream:grpc-js",
      "unexpected-eof:client-go",
      "unexpected-eof:go",
    ]);
  });

  test("Go 1.14 wording: quoted URL and context deadline", async () => {
    const [found] = await signatures(
      'Get "https://10.0.0.1:443/api/v1/namespaces/web/pods/web-0": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n',
    );
    expect(found).toMatchObject({
      era: "go1.14-or-later",
      url: "https://10.0.0.1:443/api/v1/namespaces/web/pods/web-0",
      correlation: { authority: "10.0.0.1:443", namespace: "web", pod: "web-0" },
    });
  });

  test("lines of other programs are left alone", async () => {
    const { taken } = await read([
      "2024/01/01 [error] 31#31: *1 upstream prematurely closed connection while reading upstream\n",
      "I0101 00:00:00.000000       1 main.go:10] starting server on :8080\n",
      "curl: (56) Recv failure: Connection reset by peer\n",
      "EOF\n",
      '2024-01-01T00:00:00.000000Z\twarn\txdsproxy\tconnection error: desc = "transport: Error while dialing: dial tcp 10.96.0.10:15012: i/o timeout"\n',
    ]);
    expect(taken).toEqual([]);
  });
});

const CORPUS = [
  SEED_001,
  SEED_003,
  ...["stream error: stream ID 5; CANCEL", "rpc error: code = Unavailable desc = transport is closing"],
].join("\n");

describe("hostile input", () => {
  test.prop([fc.array(fc.string({ maxLength: 400 }), { maxLength: 20 })])("random lines never throw", async (lines) => {
    await expect(read([lines.join("\n")])).resolves.toBeDefined();
  });

  test.prop([fc.array(fc.record({ at: fc.nat(), text: fc.string({ maxLength: 8 }) }), { maxLength: 30 })])(
    "mutated evidence never throws",
    async (edits) => {
      let text = CORPUS;
      for (const { at, text: insert } of edits) {
        const where = at % (text.length + 1);
        text = `${text.slice(0, where)}${insert}${text.slice(where + 1)}`;
      }
      await expect(read([text])).resolves.toBeDefined();
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 10 })])(
    "gives the same observations whole or in pieces",
    async (sizes) => {
      const bytes = Buffer.from(CORPUS);
      const pieces: string[] = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length] as number;
        pieces.push(bytes.subarray(at, at + size).toString("latin1"));
        at += size;
      }
      const whole = await read([CORPUS]);
      const split = await read(pieces.map((p) => Buffer.from(p, "latin1").toString("latin1")));
      expect(split).toEqual(whole);
    },
  );

  test("only the first 8 KiB of a huge line are searched, so it is read in bounded time", async () => {
    const { observations } = await read([`${"x".repeat(1 << 20)} http2: client connection lost\n`]);
    expect(observations).toEqual([]);
  });
});
