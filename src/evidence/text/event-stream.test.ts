import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { eventStreamFieldOf } from "./event-stream.ts";

describe("Server-Sent Events field lines", () => {
  test("retry and event lines show an event stream", () => {
    expect(eventStreamFieldOf("retry: 3000")).toBe("retry");
    expect(eventStreamFieldOf("event: price.update")).toBe("event");
  });

  test("prose and other log lines are not fields", () => {
    for (const line of ["retry: 3 of 5 failed", "data: {}", "event: user logged in", "WARN retry: 3000", "id: 7"]) {
      expect(eventStreamFieldOf(line), line).toBeUndefined();
    }
  });

  test.prop([fc.string({ maxLength: 500 })])("never throws", (line) => {
    expect(["retry", "event", undefined]).toContain(eventStreamFieldOf(line));
  });
});
