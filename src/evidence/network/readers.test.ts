import { describe, expect, test } from "vitest";
import type { NetworkPingRun, NetworkTraceSummary } from "../../model/observations/network.ts";
import { runLineReader } from "../mesh/run-reader.ts";
import { mtrJsonReader } from "./mtr-json-reader.ts";
import { mtrReader } from "./mtr-reader.ts";
import { pingReader } from "./ping-reader.ts";
import { commandOf, parseHopProbes, tracerouteReader } from "./traceroute-reader.ts";

describe("ping reader", () => {
  test("takes the summary and rtt lines of Linux ping", async () => {
    const text = [
      "PING 192.168.0.158 (192.168.0.158) 56(84) bytes of data.",
      "64 bytes from 192.168.0.158: icmp_seq=1 ttl=255 time=0.586 ms",
      "64 bytes from 192.168.0.158: icmp_seq=3 ttl=255 time=0.469 ms",
      "",
      "--- 192.168.0.158 ping statistics ---",
      "3 packets transmitted, 2 received, 33.3333% packet loss, time 2003ms",
      "rtt min/avg/max/mdev = 0.469/0.527/0.586/0.058 ms",
    ].join("\n");
    const { observations } = await runLineReader(pingReader, [text]);
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({
      target: "192.168.0.158",
      transmitted: 3,
      received: 2,
      lossPercent: 33.3333,
      fromSummary: true,
      rtt: { min: 0.469, avg: 0.527, max: 0.586, mdev: 0.058 },
      ref: { line: 1 },
    });
  });

  test("counts loss from sequence gaps and timeouts when there is no summary", async () => {
    const text = [
      "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.",
      "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=1.00 ms",
      "64 bytes from 10.0.0.1: icmp_seq=4 ttl=64 time=3.00 ms",
    ].join("\n");
    const { observations } = await runLineReader(pingReader, [text]);
    const run = observations[0] as NetworkPingRun;
    expect(run).toMatchObject({ transmitted: 4, received: 2, lossPercent: 50, fromSummary: false });
    expect(run.rtt).toMatchObject({ min: 1, max: 3, avg: 2 });
  });

  test("reads replies with ping -D timestamps and names with addresses", async () => {
    const text = [
      "PING example.com (93.184.216.34) 56(84) bytes of data.",
      "[1700000000.123456] 64 bytes from example.com (93.184.216.34): icmp_seq=1 ttl=56 time=11.6 ms",
      "[1700000001.123456] no answer yet for icmp_seq=2",
      "[1700000002.123456] 64 bytes from example.com (93.184.216.34): icmp_seq=3 ttl=56 time=12.0 ms",
    ].join("\n");
    const { observations, accepted } = await runLineReader(pingReader, [text]);
    expect(accepted).toBe(4);
    expect(observations[0]).toMatchObject({ target: "93.184.216.34", transmitted: 3, received: 2 });
  });

  test("reads BusyBox ping as Alpine-based containers print it", async () => {
    const text = [
      "/ # ping 10.0.0.7",
      "PING 10.0.0.7 (10.0.0.7): 56 data bytes",
      "64 bytes from 10.0.0.7: seq=0 ttl=64 time=0.080 ms",
      "64 bytes from 10.0.0.7: seq=2 ttl=64 time=0.120 ms",
      "",
      "--- 10.0.0.7 ping statistics ---",
      "3 packets transmitted, 2 packets received, 33% packet loss",
      "round-trip min/avg/max = 0.080/0.100/0.120 ms",
    ].join("\n");
    const { observations, accepted } = await runLineReader(pingReader, [text]);
    expect(accepted).toBe(7);
    expect(observations[0]).toMatchObject({
      transmitted: 3,
      received: 2,
      lossPercent: 33,
      rtt: { max: 0.12, mdev: 0 },
    });
  });

  test("reads macOS timeouts and Windows output", async () => {
    const mac =
      "PING 10.9.9.9 (10.9.9.9): 56 data bytes\nRequest timeout for icmp_seq 0\nRequest timeout for icmp_seq 1\n";
    const windows = [
      "Pinging 10.2.2.2 with 32 bytes of data:",
      "Reply from 10.2.2.2: bytes=32 time=3ms TTL=57",
      "Request timed out.",
      "",
      "Ping statistics for 10.2.2.2:",
      "    Packets: Sent = 2, Received = 1, Lost = 1 (50% loss),",
      "Approximate round trip times in milli-seconds:",
      "    Minimum = 3ms, Maximum = 3ms, Average = 3ms",
    ].join("\n");
    const { observations } = await runLineReader(pingReader, [`${mac}\n${windows}\n`]);
    expect(observations.map((o) => [(o as NetworkPingRun).target, (o as NetworkPingRun).lossPercent])).toEqual([
      ["10.9.9.9", 100],
      ["10.2.2.2", 50],
    ]);
  });
});

describe("traceroute reader", () => {
  test("parses hop probes with names, addresses, stars and annotations", () => {
    expect(parseHopProbes("192.168.0.158 (192.168.0.158)  0.614 ms * *  // * means lost")).toEqual([
      { address: "192.168.0.158", rttMs: 0.614 },
      {},
      {},
    ]);
    expect(parseHopProbes("10.0.0.1  1.0 ms !H 10.0.0.2  2.0 ms <syn,ack>")).toEqual([
      { address: "10.0.0.1", rttMs: 1 },
      { address: "10.0.0.2", rttMs: 2 },
    ]);
    expect(parseHopProbes("packets were dropped")).toBeUndefined();
  });

  test("reads Windows tracert output", async () => {
    const text = [
      "Tracing route to example.com [93.184.216.34]",
      "over a maximum of 30 hops:",
      "",
      "  1    <1 ms    <1 ms    <1 ms  192.168.1.1",
      "  2     *        *        *     Request timed out.",
      "  3    12 ms     *       11 ms  example.com [93.184.216.34]",
      "",
      "Trace complete.",
    ].join("\n");
    const { observations } = await runLineReader(tracerouteReader, [text]);
    const summary = observations[0] as NetworkTraceSummary;
    expect(summary).toMatchObject({ mode: "icmp", target: "93.184.216.34", runs: 1, runsReaching: 1 });
    expect(summary.hops.map((h) => [h.hop, h.addresses, h.sent, h.lost])).toEqual([
      [1, ["192.168.1.1"], 3, 0],
      [2, [], 3, 3],
      [3, ["93.184.216.34"], 3, 1],
    ]);
  });

  test("reads the probe mode and target from command lines", () => {
    expect(commandOf("$ time for i in {1..100};do traceroute --tcp 192.168.0.158;done")).toEqual({
      target: "192.168.0.158",
      mode: "tcp",
    });
    expect(commandOf("sudo traceroute -T -p 443 -q 1 example.com")).toEqual({ target: "example.com", mode: "tcp" });
    expect(commandOf("traceroute -I 10.0.0.1")).toEqual({ target: "10.0.0.1", mode: "icmp" });
    expect(commandOf("tcptraceroute 10.0.0.1 443")).toEqual({ target: "10.0.0.1", mode: "tcp" });
    expect(commandOf("使用 traceroute 查看各个网络设备")).toBeUndefined();
  });

  test("aggregates loss per hop over runs with and without headers", async () => {
    const text = [
      "$ for i in 1 2 3; do traceroute --tcp 10.0.0.9; done",
      "traceroute to 10.0.0.9 (10.0.0.9), 30 hops max, 60 byte packets",
      " 1  10.0.0.1 (10.0.0.1)  0.5 ms  0.6 ms  0.7 ms",
      " 2  10.0.0.9 (10.0.0.9)  1.0 ms * *",
      " 1  10.0.0.1 (10.0.0.1)  0.5 ms  0.6 ms  0.7 ms",
      " 2  * * *",
      "traceroute to 10.0.0.9 (10.0.0.9), 30 hops max, 60 byte packets",
      " 1  10.0.0.1 (10.0.0.1)  0.5 ms  0.6 ms *",
      " 2  10.0.0.9 (10.0.0.9)  1.0 ms  1.0 ms  1.0 ms",
    ].join("\n");
    const { observations, accepted } = await runLineReader(tracerouteReader, [text]);
    expect(accepted).toBe(9);
    const summary = observations[0] as NetworkTraceSummary;
    expect(summary).toMatchObject({ mode: "tcp", target: "10.0.0.9", runs: 3, runsReaching: 2 });
    expect(summary.hops.map((h) => [h.hop, h.sent, h.lost])).toEqual([
      [1, 9, 1],
      [2, 9, 5],
    ]);
    expect(summary.hops[1]?.lossRefs.map((ref) => ref.line)).toEqual([4, 6]);
  });
});

describe("mtr reader", () => {
  test("reads a report with -w hop rows and extra hosts", async () => {
    const text = [
      "Start: 2024-03-01T10:00:00+0000",
      "HOST: node-a                             Loss%   Snt   Last   Avg  Best  Wrst StDev",
      "  1.|-- 192.168.1.1                       0.0%    10    0.5   0.6   0.4   0.9   0.1",
      "  2.|-- ???                              100.0    10    0.0   0.0   0.0   0.0   0.0",
      "  3.|-- gw.example (10.9.9.9)            20.0%    10    4.1   4.4   3.8   5.2   0.3",
      "    |  `|-- 10.9.9.10",
    ].join("\n");
    const { observations, accepted } = await runLineReader(mtrReader, [text]);
    expect(accepted).toBe(6);
    const summary = observations[0] as NetworkTraceSummary;
    expect(summary).toMatchObject({ tool: "mtr", target: "10.9.9.9", runs: 1, runsReaching: 1 });
    expect(summary.hops.map((h) => [h.hop, h.addresses, h.lost, h.lossPercent])).toEqual([
      [1, ["192.168.1.1"], 0, 0],
      [2, [], 10, 100],
      [3, ["10.9.9.9", "10.9.9.10"], 2, 20],
    ]);
  });
});

describe("mtr --json reader", () => {
  const read = async (text: string) => {
    const observations: NetworkTraceSummary[] = [];
    const context = { source: "mtr.json", emit: (o: unknown) => observations.push(o as NetworkTraceSummary) };
    const result = await mtrJsonReader.read(
      (async function* () {
        yield Buffer.from(text);
      })(),
      context,
    );
    return { result, observations };
  };

  test("reads hubs with numbers or numeric strings", async () => {
    const text = JSON.stringify({
      report: {
        mtr: { dst: "example.com" },
        hubs: [
          { count: "1", host: "10.0.0.1", "Loss%": "0.0", Snt: "10", Avg: "1", Best: "1", Wrst: "2", StDev: "0.1" },
          { count: 2, host: "???", "Loss%": 100, Snt: 10, Avg: 0, Best: 0, Wrst: 0, StDev: 0 },
        ],
      },
    });
    expect(mtrJsonReader.sniff(Buffer.from(text), "mtr.json")).toBe(true);
    const { result, observations } = await read(text);
    expect(result).toEqual({ records: 2, unknown: 0 });
    expect(observations[0]).toMatchObject({ tool: "mtr", target: "example.com", runsReaching: 0 });
    expect(observations[0]?.hops.map((h) => [h.hop, h.lost])).toEqual([
      [1, 0],
      [2, 10],
    ]);
  });

  test.each(['{"report": 1}', "{", '{"report":{"hubs":[1,null,"x"]}}', "[]"])(
    "gives up quietly on %s",
    async (text) => {
      const { result, observations } = await read(text);
      expect(observations).toEqual([]);
      expect(result.records).toBe(0);
    },
  );
});
