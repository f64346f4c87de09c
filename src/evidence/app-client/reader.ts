import type { AppClientErrorObservation } from "../../model/observations/app-client.ts";
import { replyBodyOf } from "../envoy/debug-reader.ts";
import { matchSignatures } from "../go/reader.ts";
import { keepBounded } from "../kept-text.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { addressOf, classify, GATEWAY_FRAMES, gatewayOf, libraryOf, OPENING_WORDINGS, opensError } from "./failures.ts";

/** Longest part of a line looked at; the messages sit well inside it. */
const MAX_LINE = 8192;
/** A block (a stack trace, a Python traceback chain) ends after this many lines or this much kept text. */
const MAX_BLOCK_LINES = 400;
const MAX_BLOCK_CHARS = 16384;
/** Stack frames kept to tell the library by its package names (Apache's frames under a plain SocketException). */
const MAX_FRAMES = 40;
/** Errors held until the end of the log (for the gateway its frames may name later); more are told at once. */
const MAX_HELD = 1000;
/** Blank lines a block may hold in a row: Node prints one after an OpenSSL message, Python one around each chain marker. */
const MAX_BLANKS = 2;

/** Stack frames and the markers around them (Java, .NET, Node, Ruby's `from`, PHP's `#0`): kept in the block, not read. */
const FRAME_LINE =
  /^\s+at\s|^\s*\.\.\. \d+ (?:more|common frames omitted)|^\s*--- End of |^\s+from \S+:\d+:in\b|^#\d{1,4} (?:\/|[A-Za-z]:\\|\[internal function\]|\{main\})|^Stack trace:\s*$/;
/**
 * Lines that carry more of the error: wrapped exceptions, .NET inner exceptions, Node's `cause`
 * and fields, the `Caused by:` list of a Rust error (anyhow prints the marker on a line of its own).
 */
const CAUSE_LINE = /^\s*(?:Caused by:(?: |\s*$)|---> |Suppressed: )|^\s+\S|^\s*[}\]]/;
/** anyhow's marker over a Rust error's sources, one a line below it, numbered when there are several. */
const RUST_CAUSES = /^\s*Caused by:\s*$/;
/** A source of a Rust error under `Caused by:`, or a line of eyre's numbered list (`   0: …`). */
const RUST_SOURCE = /^\s+(?:\d{1,3}: )?(?=\S)/;
const EYRE_FIRST = /^\s+0: \S/;

const PY_TRACEBACK = /^Traceback \(most recent call last\):\s*$/;
const PY_CHAIN =
  /^(?:During handling of the above exception, another exception occurred|The above exception was the direct cause of the following exception):\s*$/;
const PY_EXCEPTION = /^[A-Za-z_][\w.]*(?::(?:\s|$)|$)/;

/** gRPC errors (grpc-js `14 UNAVAILABLE: …`, grpc-java, Grpc.Net.Client, grpc-python): the gRPC reader's. */
const GRPC_TEXT =
  /[Gg]rpc|GRPC|\b\d{1,2} (?:CANCELLED|UNKNOWN|DEADLINE_EXCEEDED|NOT_FOUND|PERMISSION_DENIED|RESOURCE_EXHAUSTED|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|UNAUTHENTICATED): |StatusCode[.=]/;

/** A line another reader tells better: an Envoy local-reply body, a Go error, a gRPC status. */
function toldElsewhere(text: string): boolean {
  return GRPC_TEXT.test(text) || replyBodyOf(text) !== undefined || matchSignatures(text).length > 0;
}

/** Where a Python traceback is: in frames, just past an exception line, or past a chain marker. */
type PythonState = "frames" | "raised" | "chained";

interface Block {
  readonly first: Line;
  python?: PythonState;
  readonly parts: string[];
  readonly frames: string[];
  chars: number;
  lines: number;
  blanks: number;
  /** A line of the block went to another reader, which tells this failure. */
  toldElsewhere: boolean;
  /**
   * A Rust error and its sources (anyhow's `Caused by:` list, eyre's numbered one): read once
   * more joined as `error: source: source`, the way reqwest 0.11 prints one, so that a wording
   * spread over two of them (`client error (Connect)`, then `operation timed out`) is found.
   */
  rustChain?: string[];
}

/** The next Python state when the line continues the traceback, undefined when it ends it. */
function pythonStep(state: PythonState, text: string): PythonState | undefined {
  if (state === "frames") {
    if (/^\s+\S/.test(text)) return "frames";
    return PY_EXCEPTION.test(text) ? "raised" : undefined;
  }
  if (text.trim() === "") return state;
  if (state === "raised") return PY_CHAIN.test(text) ? "chained" : undefined;
  return PY_TRACEBACK.test(text) ? "frames" : undefined;
}

function continues(block: Block, text: string): boolean {
  if (block.lines >= MAX_BLOCK_LINES) return false;
  if (text.trim() === "") return block.blanks < (block.python ? MAX_BLANKS : 1);
  if (block.python) return pythonStep(block.python, text) !== undefined;
  return FRAME_LINE.test(text) || CAUSE_LINE.test(text);
}

/** The quote of an error: its first line, and the part that names the failure when that is another. */
function excerptOf(block: Block, named: string | undefined): string | undefined {
  const text = named?.trim();
  const first = block.first.text.trim();
  if (!text || text === first) return undefined;
  const excerpt = text.startsWith(first) ? text : `${first.slice(0, 120)} … ${text}`;
  return excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt;
}

/** The parts of a block as classified: with a Rust error's chain joined into one more part. */
function partsOf(block: Block): readonly string[] {
  const chain = block.rustChain;
  return chain && chain.length > 1 ? [...block.parts, chain.join(": ")] : block.parts;
}

/**
 * Reads the errors of application HTTP clients in Node.js, Python, Java, .NET, Rust, Ruby and
 * PHP: one line, or an exception with its causes, inner exceptions, traceback chain or Rust
 * error sources, as one observation.
 */
export const appClientErrorReader: LineReaderFactory = {
  format: "app-client-errors",
  // A block opens on a traceback or on a line opensError takes, which one of the opening wordings
  // matches (their texts are far rarer than OPENING_NEEDLE's `Error` or `Timeout`).
  needles: [PY_TRACEBACK, ...OPENING_WORDINGS, ...GATEWAY_FRAMES],
  create(context: ReaderContext): LineReader {
    let block: Block | undefined;
    /** The gateway framework the log's stack frames name, once one has. */
    let gateway: string | undefined;
    const held: AppClientErrorObservation[] = [];

    /** Keeps a line of the block, and a source of a Rust error in its chain too. */
    const keep = (current: Block, text: string): void => {
      const kept = current.parts.length;
      keepBounded(current, text, MAX_BLOCK_CHARS);
      const part = current.parts[kept];
      if (current.rustChain && part !== undefined && RUST_SOURCE.test(part)) {
        current.rustChain.push(part.replace(RUST_SOURCE, "").trimEnd());
      }
    };

    const flush = (): void => {
      const done = block;
      block = undefined;
      if (!done || done.toldElsewhere) return;
      const parts = partsOf(done);
      const found = classify(parts);
      if (!found) return;
      const joined = done.parts.join("\n");
      const framed = `${joined}\n${done.frames.join("\n")}`;
      gateway ??= gatewayOf(framed);
      const address = found.fields.host ?? addressOf(joined);
      const excerpt = excerptOf(done, parts[found.part]);
      const observation: AppClientErrorObservation = {
        type: "app-client.error",
        ref: lineRef(context.source, done.first, excerpt ? { excerpt } : {}),
        library: libraryOf(framed),
        failure: found.failure,
        fields: found.fields,
        ...(address ? { correlation: { upstream: address } } : {}),
      };
      // Held to the end: a gateway's frames may come in a later block of the same log.
      if (held.length < MAX_HELD) held.push(observation);
      else context.emit(withGateway(observation));
    };
    const withGateway = (observation: AppClientErrorObservation): AppClientErrorObservation =>
      gateway ? { ...observation, gateway } : observation;

    const extend = (current: Block, text: string): void => {
      current.lines++;
      if (text.trim() === "") {
        current.blanks++;
        return;
      }
      current.blanks = 0;
      if (current.python) {
        const next = pythonStep(current.python, text);
        if (next === "raised" && current.python === "frames") keep(current, text);
        if (next) current.python = next;
        return;
      }
      if (RUST_CAUSES.test(text)) {
        const head = current.parts.at(-1);
        current.rustChain = head === undefined ? [] : [head.trim()];
        return;
      }
      if (!FRAME_LINE.test(text)) keep(current, text);
      else if (current.frames.length < MAX_FRAMES) current.frames.push(text.slice(0, 300));
    };

    return {
      accept(line: Line): boolean {
        const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
        gateway ??= gatewayOf(text);
        if (block && !block.python && PY_TRACEBACK.test(text)) {
          block.python = "frames";
          block.lines++;
          return true;
        }
        if (block && continues(block, text)) {
          if (!FRAME_LINE.test(text) && toldElsewhere(text)) {
            block.toldElsewhere = true;
            return false;
          }
          extend(block, text);
          return true;
        }
        flush();
        const python = PY_TRACEBACK.test(text);
        if (!python && (!opensError(text) || toldElsewhere(text))) return false;
        const current: Block = {
          first: line,
          parts: [],
          frames: [],
          chars: 0,
          lines: 1,
          blanks: 0,
          toldElsewhere: false,
        };
        if (EYRE_FIRST.test(text)) current.rustChain = [];
        if (python) current.python = "frames";
        else keep(current, text);
        block = current;
        return true;
      },
      /** A block's frames, causes and chained tracebacks come next, and the first line that is not one closes it. */
      inBlock(): boolean {
        return block !== undefined;
      },
      end(): void {
        flush();
        for (const observation of held) context.emit(withGateway(observation));
      },
    };
  },
};
