import type { GrpcClientErrorObservation, GrpcClientLibrary } from "../../model/observations/grpc.ts";
import type { SourceRef } from "../../model/source.ts";
import { replyBodyOf } from "../envoy/debug-reader.ts";
import { matchSignatures } from "../go/reader.ts";
import { keepBounded } from "../kept-text.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { classify } from "./failures.ts";

/** Longest part of a line looked at; the messages sit well inside it. */
const MAX_LINE = 8192;
/** A block (a stack trace, a Python error) ends after this many lines or this much kept text. */
const MAX_BLOCK_LINES = 400;
const MAX_BLOCK_CHARS = 16384;
const MAX_DETAILS = 300;

/** gRPC status codes in number order, so `14 UNAVAILABLE` can be checked. */
const STATUS_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

interface Opening {
  readonly library: GrpcClientLibrary;
  readonly python?: boolean;
  readonly status?: string;
  readonly details?: string;
}

const JAVA_STATUS = /\bStatus(?:Runtime)?Exception: (?<status>[A-Z_]{2,19})\b(?::? ?(?<details>.*))?/;
const JAVA_STATUS_OBJECT = /\bStatus\{code=(?<status>[A-Z_]{2,19}), description=(?<details>.*?)(?:, cause=.*)?\}/;
const JAVA_TRANSPORT_EXCEPTION =
  /\bio\.grpc\.netty\.shaded\.io\.netty\.[\w.$]+: (?<details>.*)|\bHttp2Exception: (?<h2details>.*)/;
const DOTNET_STATUS = /\bStatus\(StatusCode="?(?<status>[A-Za-z]{2,19})"?, Detail="(?<details>[^"]*)/;
const DOTNET_LOG_HEADER = /^(?:fail|warn|info|dbug|crit|trce): Grpc\.[\w.]+\[\d+\]/;
const JS_STATUS = /(?:^|[\s:[(])(?<code>\d{1,2}) (?<status>[A-Z_]{2,19}): (?<details>.*)/;
const PYTHON_OPENER =
  /<_?(?:InactiveRpcError|Rendezvous|MultiThreadedRendezvous|AioRpcError) of RPC that terminated with:/;
const PYTHON_FIELD = /^\s*(?:status|details|debug_error_string)\s*=/;
const PYTHON_STATUS = /\bstatus = StatusCode\.(?<status>[A-Z_]{2,19})/;
const PYTHON_DETAILS = /\bdetails = "(?<details>[^"]*)"/;
const PYTHON_CLOSE = />\s*$/;
/**
 * gRPC core's debug string quoted on its own (`debug_error_string: {"…","grpc_message":"…",
 * "grpc_status":2,…}`), without the Python error around it.
 */
const CORE_DEBUG_STRING = /debug_error_string["']?\s*[:=]\s*["']?\{.{0,4000}?"grpc_status":(?<code>\d{1,2})\b/;
const CORE_MESSAGE = /"grpc_message":"(?<details>(?:[^"\\]|\\.){0,300})"/;
const MAX_PYTHON_LINES = 12;

/** Stack frames and the markers around them: kept in the block, not read. */
const FRAME_LINE = /^\s+at\s|^\s*\.\.\. \d+ (?:more|common frames omitted)|^\s*--- End of|^\s*for call at\b/;
/** Lines that carry more of the error: wrapped exceptions, and grpc-java's multi-line descriptions. */
const CAUSE_LINE =
  /^\s*(?:Caused by: |---> |Suppressed: )|^(?:Received Rst Stream|Received Goaway|invalid content-type: \S*|headers: Metadata\(.*|DATA-+.*)$/;

/** The status name as the canonical code name: `DeadlineExceeded` → `DEADLINE_EXCEEDED`. */
function canonicalStatus(name: string): string | undefined {
  const upper = /[a-z]/.test(name) ? name.replace(/(?<=[a-z])(?=[A-Z])/g, "_").toUpperCase() : name;
  return STATUS_NAMES.includes(upper) ? upper : undefined;
}

/** Every opening holds one of these; a line without any is passed over with one search. */
const OPENING_NEEDLE = /Exception|Status|RpcError|of RPC that terminated|Grpc\.|\d [A-Z_]{2,19}: |debug_error_string/;

function opening(text: string): Opening | undefined {
  if (!OPENING_NEEDLE.test(text)) return undefined;
  if (PYTHON_OPENER.test(text)) return { library: "grpc-core", python: true };
  const core = CORE_DEBUG_STRING.exec(text);
  const coreStatus = core ? STATUS_NAMES[Number(core.groups?.code)] : undefined;
  if (coreStatus)
    return { library: "grpc-core", status: coreStatus, details: CORE_MESSAGE.exec(text)?.groups?.details ?? "" };
  const java = JAVA_STATUS.exec(text) ?? JAVA_STATUS_OBJECT.exec(text);
  const javaStatus = java?.groups?.status ? canonicalStatus(java.groups.status) : undefined;
  if (java && javaStatus) return { library: "grpc-java", status: javaStatus, details: java.groups?.details ?? "" };
  const dotnet = DOTNET_STATUS.exec(text);
  const dotnetStatus = dotnet?.groups?.status ? canonicalStatus(dotnet.groups.status) : undefined;
  if (dotnet && dotnetStatus)
    return { library: "grpc-dotnet", status: dotnetStatus, details: dotnet.groups?.details ?? "" };
  const js = JS_STATUS.exec(text)?.groups;
  const jsStatus = js ? STATUS_NAMES[Number(js.code)] : undefined;
  if (js && jsStatus && jsStatus === js.status)
    return { library: "grpc-js", status: jsStatus, details: js.details ?? "" };
  const transport = JAVA_TRANSPORT_EXCEPTION.exec(text);
  if (transport)
    return { library: "grpc-java", details: transport.groups?.details ?? transport.groups?.h2details ?? "" };
  if (DOTNET_LOG_HEADER.test(text)) return { library: "grpc-dotnet" };
  return undefined;
}

/** A line some earlier reader tells better: an Envoy local-reply body, or a wording the Go reader knows. */
function toldElsewhere(text: string): boolean {
  return replyBodyOf(text) !== undefined || matchSignatures(text).length > 0;
}

interface Block {
  readonly library: GrpcClientLibrary;
  readonly python: boolean;
  first: Line;
  /** The line that states the status, which the observation points at. */
  statusLine?: Line;
  status?: string | undefined;
  details?: string | undefined;
  readonly parts: string[];
  chars: number;
  lines: number;
  /** A line of the block went to another reader, which tells this failure. */
  toldElsewhere: boolean;
}

/** A Python block is one observation at its first line, quoted with its status and details. */
function pythonRef(source: string, block: Block): SourceRef {
  const quoted = [
    block.first.text.trim(),
    ...block.parts.slice(1).filter((part) => !part.includes("debug_error_string") && part.trim() !== ">"),
  ];
  const excerpt = quoted.map((part) => part.trim()).join(" ");
  return lineRef(source, block.first, { excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt });
}

/**
 * What every opening holds, one expression of `opening` each; grpc-js's `14 UNAVAILABLE: ` is
 * only taken with the name its number stands for.
 */
const OPENING_NEEDLES: readonly (string | RegExp)[] = [
  PYTHON_OPENER,
  CORE_DEBUG_STRING,
  JAVA_STATUS,
  JAVA_STATUS_OBJECT,
  DOTNET_STATUS,
  ...STATUS_NAMES.map((name, code) => `${code} ${name}: `),
  JAVA_TRANSPORT_EXCEPTION,
  DOTNET_LOG_HEADER,
];

/** Reads the client errors of grpc-java, Grpc.Net.Client, grpc-js and grpc-python (gRPC core). */
export const grpcClientErrorReader: LineReaderFactory = {
  format: "grpc-client-errors",
  needles: OPENING_NEEDLES,
  create(context: ReaderContext): LineReader {
    let block: Block | undefined;

    const keep = (current: Block, text: string): void => keepBounded(current, text, MAX_BLOCK_CHARS);

    const adopt = (current: Block, line: Line, text: string, found: Opening | undefined): void => {
      if (found?.status && !current.status) {
        current.status = found.status;
        current.details = found.details;
        current.statusLine = line;
      }
      if (current.python) {
        const status = PYTHON_STATUS.exec(text)?.groups?.status;
        if (status && !current.status) {
          current.status = canonicalStatus(status);
          current.statusLine = line;
        }
        const details = PYTHON_DETAILS.exec(text)?.groups?.details;
        if (details !== undefined && current.details === undefined) current.details = details;
      }
      if (!FRAME_LINE.test(text)) keep(current, text);
    };

    const flush = (): void => {
      const done = block;
      block = undefined;
      if (!done || done.toldElsewhere) return;
      const found = classify([done.status ?? "", done.details ?? "", ...done.parts].join("\n"));
      if (!found) return;
      const { address, ...fields } = found.fields;
      const observation: GrpcClientErrorObservation = {
        type: "grpc.client-error",
        ref: done.python ? pythonRef(context.source, done) : lineRef(context.source, done.statusLine ?? done.first),
        library: done.library,
        ...(done.status ? { status: done.status } : {}),
        details: (done.details ?? "").slice(0, MAX_DETAILS),
        failure: found.failure,
        fields,
        ...(address ? { correlation: { upstream: address } } : {}),
      };
      context.emit(observation);
    };

    const continues = (current: Block, text: string): boolean => {
      if (current.lines >= MAX_BLOCK_LINES) return false;
      if (current.python) return current.lines < MAX_PYTHON_LINES && (PYTHON_FIELD.test(text) || text.trim() === ">");
      return FRAME_LINE.test(text) || CAUSE_LINE.test(text) || /^\s{2,}\S/.test(text);
    };

    return {
      accept(line: Line): boolean {
        const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
        if (block && continues(block, text)) {
          if (toldElsewhere(text)) {
            block.toldElsewhere = true;
            return false;
          }
          block.lines++;
          adopt(block, line, text, opening(text));
          if (block.python && text.trim() === ">") flush();
          return true;
        }
        flush();
        const found = opening(text);
        if (!found || toldElsewhere(text)) return false;
        const current: Block = {
          library: found.library,
          python: found.python === true,
          first: line,
          parts: [],
          chars: 0,
          lines: 1,
          toldElsewhere: false,
        };
        block = current;
        adopt(current, line, text, found);
        if (current.python && current.status && PYTHON_CLOSE.test(text)) flush();
        return true;
      },
      /** A block's stack frames and causes come next, and the first line that is not one closes it. */
      inBlock(): boolean {
        return block !== undefined;
      },
      end(): void {
        flush();
      },
    };
  },
};
