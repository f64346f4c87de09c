import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { unwrapContainerLine } from "./container-line.ts";
import type { Line } from "./lines.ts";

const line = (text: string): Line => ({ text, line: 7, byte: 700, length: Buffer.byteLength(text), truncated: false });

describe("container runtime log lines", () => {
  test("Docker json-file lines give the application's line, escapes undone, place kept", () => {
    const out = unwrapContainerLine(
      line(
        '{"log":"time=\\"2026-01-02T03:04:05Z\\" level=error msg=\\"debug=\\\\\\"\\\\\\"\\"\\n","stream":"stderr","time":"2026-01-02T03:04:05.1Z"}',
      ),
    );
    expect(out.text).toBe('time="2026-01-02T03:04:05Z" level=error msg="debug=\\"\\""');
    expect(out).toMatchObject({ line: 7, byte: 700 });
  });

  test("a syslog or journal header goes before a line with its own date, JSON or klog level", () => {
    expect(
      unwrapContainerLine(
        line('Aug 23 22:27:43 172.18.0.1 proxy[513]: 2017/08/23 22:27:43 [crit] 6#0: *110 open() "/x" failed'),
      ).text,
    ).toBe('2017/08/23 22:27:43 [crit] 6#0: *110 open() "/x" failed');
    expect(
      unwrapContainerLine(line("Dec  7 10:00:01 node-3 kubelet[912]: E1207 10:00:01.5 912 x.go:1] boom")).text,
    ).toBe("E1207 10:00:01.5 912 x.go:1] boom");
    expect(
      unwrapContainerLine(
        line(
          "Oct 13 02:25:57 web-1 error.log 2020/10/13 01:25:57 [alert] 4715#0: 1024 worker_connections are not enough",
        ),
      ).text,
    ).toBe("2020/10/13 01:25:57 [alert] 4715#0: 1024 worker_connections are not enough");
    for (const kept of [
      "Dec  7 10:00:01 lb haproxy[77]: 10.0.0.1:5432 [07/Dec/2026:10:00:01.100] fe be/s1 0/0/1/2/3 200 12 - - ---- 1/1/0/0/0 0/0",
      "Dec  7 10:00:01 lb haproxy[77]: [WARNING] 340/100001 (77) : Server be/s1 is DOWN",
      "Dec  7 10:00:01 node-3 kernel: nf_conntrack: table full, dropping packet",
    ]) {
      expect(unwrapContainerLine(line(kept)).text).toBe(kept);
    }
  });

  test("OpenWrt's logread facility and level go, with or without its date in front", () => {
    const nginx = "2020/03/21 00:53:40 [error] 5154#0: *117 client intended to send too large body: 18382143 bytes";
    expect(unwrapContainerLine(line(`daemon.err nginx[5127]: ${nginx}`)).text).toBe(nginx);
    expect(unwrapContainerLine(line(`Sat Mar 21 00:53:40 2020 daemon.err nginx[5127]: ${nginx}`)).text).toBe(nginx);
    const kept = "daemon.err odhcpd[1]: no lease for this address";
    expect(unwrapContainerLine(line(kept)).text).toBe(kept);
  });

  test("CRI lines lose their time, stream and tag", () => {
    expect(
      unwrapContainerLine(line("2026-01-02T03:04:05.123456789Z stderr F E0102 03:04:05.1 1 x.go:1] boom")).text,
    ).toBe("E0102 03:04:05.1 1 x.go:1] boom");
    expect(unwrapContainerLine(line("2026-01-02T03:04:05.1+01:00 stdout P part of a line")).text).toBe(
      "part of a line",
    );
  });

  test("the nanosecond time of kubectl logs --timestamps goes; a program's own time stays", () => {
    expect(
      unwrapContainerLine(line('2023-01-05T14:41:29.405127661Z 192.168.1.1 - - [05/Jan/2023:14:41:29 +0000] "GET /"'))
        .text,
    ).toBe('192.168.1.1 - - [05/Jan/2023:14:41:29 +0000] "GET /"');
    expect(unwrapContainerLine(line("2023-01-05T14:41:29.4051276+01:00 upstream timed out")).text).toBe(
      "upstream timed out",
    );
    expect(unwrapContainerLine(line('2020-07-16T15:28:11.813905853Z   File "x.py", line 1')).text).toBe(
      '  File "x.py", line 1',
    );
    for (const kept of [
      "2023-01-05T14:41:29.405Z INFO order processed",
      "2023-01-05T14:41:29.405127Z\twarn\tenvoy config",
      "2023-01-05T14:41:29.405127661Z",
    ]) {
      expect(unwrapContainerLine(line(kept)).text).toBe(kept);
    }
  });

  test("the pod and container names of kubectl --prefix and stern go", () => {
    expect(
      unwrapContainerLine(line("[pod/cilium-envoy-t979r/cilium-envoy] [2025-05-16 13:09:56.029][15][debug] x")).text,
    ).toBe("[2025-05-16 13:09:56.029][15][debug] x");
    expect(unwrapContainerLine(line("cilium-envoy-t979r cilium-envoy ':status', '200'")).text).toBe("':status', '200'");
    expect(unwrapContainerLine(line("[nginx-ingress-2zbxs] 2019/10/01 02:33:15 [info] 57#57: x")).text).toBe(
      "2019/10/01 02:33:15 [info] 57#57: x",
    );
    expect(unwrapContainerLine(line("[error] 84#0: *1 connect() failed")).text).toBe(
      "[error] 84#0: *1 connect() failed",
    );
    expect(unwrapContainerLine(line('[ubuntu istio-proxy] {"response_code":0}')).text).toBe('{"response_code":0}');
    expect(
      unwrapContainerLine(line("frontend_1    | 2024/05/01 10:00:00 [error] 29#29: *1 connect() failed")).text,
    ).toBe("2024/05/01 10:00:00 [error] 29#29: *1 connect() failed");
    expect(unwrapContainerLine(line("api-1  | INFO: started")).text).toBe("INFO: started");
    expect(
      unwrapContainerLine(line("pdfding  | [2026-01-01 10:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:9)")).text,
    ).toBe("[2026-01-01 10:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:9)");
    expect(unwrapContainerLine(line("status | count | 3")).text).toBe("status | count | 3");
    expect(unwrapContainerLine(line("[upstream timed out] while reading")).text).toBe(
      "[upstream timed out] while reading",
    );
    expect(
      unwrapContainerLine(
        line(
          "ingress-nginx-controller-678c58d9d6-8p8vj controller 2024-10-21T10:41:45.462803094+02:00 2024/10/21 08:41:45 [crit] x",
        ),
      ).text,
    ).toBe("2024/10/21 08:41:45 [crit] x");
    expect(unwrapContainerLine(line("web-0 istio-proxy 2026-01-02T03:04:05.1Z info ready")).text).toBe(
      "2026-01-02T03:04:05.1Z info ready",
    );
    expect(unwrapContainerLine(line("api-7d9f8b6c4d-x2x5q app 2026-01-02T03:04:05.1Z stderr F E0102 boom")).text).toBe(
      "E0102 boom",
    );
  });

  test("words that only look like a pod name stay", () => {
    for (const text of [
      "upstream-reset before headers",
      "client-timeout after 30s",
      "node-agent1 started ok",
      "retry-1 attempt failed: EOF",
    ]) {
      expect(unwrapContainerLine(line(text)).text).toBe(text);
    }
  });

  test("other lines, broken JSON and JSON without a string log come back unchanged", () => {
    for (const text of [
      '{"level":"info","msg":"hello"}',
      '{"log":"unterminated',
      '{"log":42}',
      "2026-01-02T03:04:05Z info envoy ready",
      '[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1" 200',
    ]) {
      expect(unwrapContainerLine(line(text))).toEqual(line(text));
    }
  });

  test.prop([fc.string({ maxLength: 500 })], { numRuns: 500 })("never throws", (text) => {
    const out = unwrapContainerLine(line(`{"log":"${text}`));
    expect(out.line).toBe(7);
    unwrapContainerLine(line(text));
  });
});
