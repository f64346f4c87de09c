import { defineDetector } from "../define.ts";

/** What HAProxy's `show errors` says its parser refused: a server's response or a client's request. */
export const haproxyInvalidMessages = defineDetector({
  id: "haproxy.invalid-messages",
  description: "requests and responses HAProxy's HTTP parser refused, as `show errors` prints them",
  inputs: ["haproxy.invalid-message"],
  emits: ["PD1466", "PD1467"],
  each(message, emit) {
    const where = message.server ? `${message.proxy}/${message.server}` : message.proxy;
    emit({
      code: message.side === "response" ? "PD1466" : "PD1467",
      subject: where,
      vars: {
        producer: "haproxy",
        proxy: where,
        position: message.position ?? "?",
        state: message.state ?? "not shown",
        offending: message.offending ?? "(not dumped)",
        ...(message.side === "response" ? { status: 502 } : { status: 400 }),
      },
      evidence: [message.ref],
    });
  },
});
