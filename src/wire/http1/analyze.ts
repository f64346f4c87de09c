import type { CheckContext, WireDefect } from "./checks/define.ts";
import { HTTP1_CHECKS } from "./checks/index.ts";
import { parseHttp1 } from "./parser.ts";
import type { Http1Message, Http1ParseOptions } from "./types.ts";

export interface AnalysedMessage {
  readonly message: Http1Message;
  /** Defects in byte order: the first one is where a strict peer stops. */
  readonly defects: readonly WireDefect[];
}

export interface Http1Analysis {
  readonly messages: readonly AnalysedMessage[];
  readonly messageCount: number;
  readonly bytes: number;
}

/** Runs every check over parsed messages; a failing check is skipped, never fatal. */
export function checkMessages(messages: readonly Http1Message[], partial = false): AnalysedMessage[] {
  return messages.map((message) => {
    const defects: WireDefect[] = [];
    const context: CheckContext = { message, messages, partial };
    for (const check of HTTP1_CHECKS) {
      try {
        check.run(context, (defect) => defects.push({ ...defect, message: message.index }));
      } catch {
        // One broken check must not hide the others' findings.
      }
    }
    defects.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
    return { message, defects };
  });
}

/** Parses raw bytes and checks every message. */
export function analyzeHttp1(bytes: Uint8Array, options: Http1ParseOptions = {}): Http1Analysis {
  const parsed = parseHttp1(bytes, options);
  return {
    messages: checkMessages(parsed.messages, options.partial ?? false),
    messageCount: parsed.messageCount,
    bytes: parsed.bytes,
  };
}
