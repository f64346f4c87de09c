import type { HaproxyInvalidMessage } from "../../model/observations/haproxy.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef, type ReaderContext } from "../reader.ts";
import { emitStreams } from "../wire/streams.ts";

/** `[10/Jul/2023:14:05:45.967] backend app (#10): invalid response`, the head of one capture. */
const HEAD = /^\s*\[\d{2}\/\w{3}\/\d{4}:[\d:.]+\] (backend|frontend) (\S+) \(#\d+\): invalid (request|response)\s*$/;
/** A dumped line: its offset, `+` when it continues the previous one, and the escaped bytes. */
const DUMP = /^\s+(\d{5,})([ +]) ?(.*)$/;
const SERVER = /\bserver (\S+) \(#\d+\)/;
const POSITION = /\berror at position (\d+)/;
const STATE = /\bH1 msg state ([^\s,]+)/;
/** The offending line is quoted in a finding, which the report escapes and cuts again. */
const MAX_OFFENDING = 200;
/** A capture holds at most the size of HAProxy's buffer; more lines than this are not one. */
const MAX_DUMP_LINES = 4096;

/** HAProxy's escapes in a dump: `\r`, `\n`, `\t`, `\"`, `\\` and `\xHH`. */
function unescapeDump(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|[rnt"\\])/g, (_all, code: string) => {
    if (code[0] === "x") return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return code === "r" ? "\r" : code === "n" ? "\n" : code === "t" ? "\t" : code;
  });
}

interface Capture {
  readonly ref: SourceRef;
  readonly side: "request" | "response";
  readonly proxy: string;
  server?: string;
  position?: number;
  state?: string;
  /** Dumped pieces by offset, continuations joined. */
  readonly pieces: { offset: number; text: string }[];
}

class ShowErrorsReader {
  private readonly context: ReaderContext;
  private capture: Capture | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  /** A capture is open: its dump lines carry no needle, and the first line after it closes it. */
  inBlock(): boolean {
    return this.capture !== undefined;
  }

  accept(line: Line): boolean {
    const head = HEAD.exec(line.text);
    if (head) {
      this.flush();
      this.capture = {
        ref: lineRef(this.context.source, line),
        side: head[3] as "request" | "response",
        proxy: head[2] as string,
        pieces: [],
      };
      return true;
    }
    const capture = this.capture;
    if (!capture) return false;
    if (line.text.trim() === "") return true;
    if (!/^\s/.test(line.text) || capture.pieces.length >= MAX_DUMP_LINES) {
      this.flush();
      return false;
    }
    const dump = DUMP.exec(line.text);
    if (dump) {
      const text = unescapeDump(dump[3] ?? "");
      const last = capture.pieces.at(-1);
      if (dump[2] === "+" && last) last.text += text;
      else capture.pieces.push({ offset: Number(dump[1]), text });
      return true;
    }
    const server = SERVER.exec(line.text)?.[1];
    if (server !== undefined) capture.server ??= server;
    const position = POSITION.exec(line.text)?.[1];
    if (position !== undefined) capture.position = Number(position);
    const state = STATE.exec(line.text)?.[1];
    if (state !== undefined) capture.state ??= state;
    return true;
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    const capture = this.capture;
    this.capture = undefined;
    if (!capture) return;
    const position = capture.position;
    const offending =
      position === undefined
        ? undefined
        : capture.pieces
            .findLast((piece) => piece.offset <= position)
            ?.text.replace(/\r?\n$/, "")
            .slice(0, MAX_OFFENDING);
    const observation: HaproxyInvalidMessage = {
      type: "haproxy.invalid-message",
      ref: capture.ref,
      side: capture.side,
      proxy: capture.proxy,
      ...(capture.server ? { server: capture.server } : {}),
      ...(position !== undefined ? { position } : {}),
      ...(capture.state ? { state: capture.state } : {}),
      ...(offending !== undefined ? { offending } : {}),
    };
    this.context.emit(observation);
    if (capture.pieces.length === 0) return;
    const bytes = Buffer.from(capture.pieces.map((piece) => piece.text).join(""), "latin1");
    const label = `${capture.side} dumped by HAProxy's show errors`;
    emitStreams([{ direction: capture.side, label, bytes, partial: true }], capture.ref, this.context);
  }
}

/** Captures printed by HAProxy's `show errors`: what its parser refused, and the message's bytes. */
export const haproxyShowErrorsReader: LineReaderFactory = {
  format: "haproxy-show-errors",
  needles: [HEAD],
  create: (context) => new ShowErrorsReader(context),
};
