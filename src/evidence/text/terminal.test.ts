import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { roundTimeoutAfter } from "../../detect/text/streaming-cut.ts";
import { commandOf, elapsedOf } from "./terminal.ts";

describe("a pasted terminal session", () => {
  test.each([
    "kubectl   logs -f <POD> ",
    "$ kubectl logs --tail=10 --follow deploy/api -n shop",
    "$ time kubectl exec -ti echopod-1961818357-ncr4j /bin/sh",
    "C:\\Users\\ops>kubectl port-forward svc/grafana 3000:80",
    "root@cp-1:~# kubectl get pods -w -n kube-system",
    "kubectl attach -it debug",
  ])("a command that holds a stream open: %s", (line) => {
    expect(commandOf(line)).toMatchObject({ tool: "kubectl", streaming: true });
  });

  test.each(["kubectl logs api-7d9c6b5f4-x2kqz", "$ kubectl get pods -n shop"])(
    "a command that ends by itself: %s",
    (line) => {
      expect(commandOf(line)).toMatchObject({ tool: "kubectl", streaming: false });
    },
  );

  test.each(["see the kubectl exec docs for more", "kubectl-logs-follower exited", "  kubectl"])(
    "prose is no command: %s",
    (line) => {
      expect(commandOf(line)).toBeUndefined();
    },
  );

  test("time's real line gives the seconds; user and sys lines do not", () => {
    expect(elapsedOf("real    1m2.778s")).toEqual({ seconds: 62.778 });
    expect(elapsedOf("real\t0m15.012s")).toEqual({ seconds: 15.012 });
    expect(elapsedOf("user    0m0.210s")).toBeUndefined();
    expect(elapsedOf("real estate 5s")).toBeUndefined();
  });

  test("a session that ended just past a common timeout, allowing for its own start-up", () => {
    expect(roundTimeoutAfter(62.778)).toBe(60);
    expect(roundTimeoutAfter(300.4)).toBe(300);
    expect(roundTimeoutAfter(75)).toBeUndefined();
    expect(roundTimeoutAfter(59.9)).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 2000 })])("never throws on any line", (line) => {
    expect(() => [commandOf(line), elapsedOf(line)]).not.toThrow();
  });
});
