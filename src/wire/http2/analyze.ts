import type { Finding } from "../../model/finding.ts";
import type { SourceRef } from "../../model/source.ts";
import { HTTP2_PEER_RULES } from "../peers/http2-rules.ts";
import { type PeerPrediction, type PeerVersions, predictPeers } from "../peers/predict.ts";
import type { Direction, MessageRole } from "./checks/finding.ts";
import { type ConnectionEvent, Http2Connection } from "./connection.ts";
import { CLIENT_PREFACE, errorCodeName, FrameType, frameTypeName, settingName } from "./constants.ts";
import { FrameDecoder } from "./frame-decoder.ts";
import type { Frame } from "./frames.ts";
import { HpackDecoder } from "./hpack/decoder.ts";
import { fieldValue, type StreamSummary } from "./stream.ts";

export interface Http2AnalysisOptions {
  /** The source id for evidence (a file name, `-`). */
  readonly source?: string;
  readonly versions?: PeerVersions;
  /** Frames listed in the result (all are analysed). */
  readonly maxFramesListed?: number;
  /** Header blocks listed as messages (all are checked; findings beyond stay in `findings`). */
  readonly maxMessagesListed?: number;
}

export interface Http2Message {
  readonly stream: number;
  readonly direction: Direction;
  readonly role: MessageRole;
  readonly byte: number;
  readonly frame: number;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
  readonly endStream: boolean;
  readonly findings: readonly Finding[];
  readonly peers: readonly PeerPrediction[];
}

export interface Http2Analysis {
  readonly protocol: "h2";
  /** `connection`: the client's bytes (preface first) followed by the server's; else one direction. */
  readonly layout: "connection" | "client" | "server";
  readonly frameCount: number;
  readonly settings: Readonly<Record<Direction, Readonly<Record<string, number>>>>;
  readonly frames: readonly {
    n: number;
    direction: Direction;
    byte: number;
    type: string;
    flags: number;
    stream: number;
    length: number;
    info: string;
  }[];
  readonly messages: readonly Http2Message[];
  /** Header blocks not listed because of `maxMessagesListed`. */
  readonly messagesOmitted: number;
  readonly streams: readonly {
    id: number;
    state: string;
    method?: string;
    path?: string;
    status?: string;
    dataBytes: { client: number; server: number };
    reset?: { by: Direction; errorCode: string };
  }[];
  /** Findings about frames, streams and the connection (header-block findings are on their message). */
  readonly findings: readonly Finding[];
}

/**
 * Analyses raw HTTP/2 bytes for `proxydoc wire`: one direction (a client's bytes start with the
 * preface, a server's with SETTINGS), or a whole connection written as the client's bytes followed
 * by the server's (the server's part starts at the second non-ACK SETTINGS frame). Returns each
 * header block as a message with its findings and peer reactions, the streams and the frames.
 */
export function analyzeHttp2(bytes: Uint8Array, options: Http2AnalysisOptions = {}): Http2Analysis {
  const parts = splitDirections(bytes);
  const connection = new Http2Connection({
    source: options.source ?? "-",
    clientPreface: parts.preface,
    sourceOffsets: { server: parts.client && parts.server ? parts.client.length : 0 },
  });
  const events: ConnectionEvent[] = [];
  if (parts.client) events.push(...connection.push("client", parts.client));
  if (parts.server) events.push(...connection.push("server", parts.server));
  events.push(...connection.finish());

  const messages: Http2Message[] = [];
  const streams: StreamSummary[] = [];
  const findings: Finding[] = [];
  const frames: Http2Analysis["frames"][number][] = [];
  const listed = options.maxFramesListed ?? 500;
  const inBlocks = new Set<Finding>();
  const maxMessages = options.maxMessagesListed ?? 2000;
  let messagesOmitted = 0;
  for (const event of events) {
    if (event.kind === "headers" && messages.length >= maxMessages) {
      // Its findings still arrive as finding events and land in `findings`.
      messagesOmitted++;
    } else if (event.kind === "headers") {
      for (const f of event.findings) inBlocks.add(f);
      messages.push({
        stream: event.streamId,
        direction: event.direction,
        role: event.role,
        byte: event.ref.byte ?? 0,
        frame: event.ref.frame ?? 0,
        fields: (event.fields ?? []).map((f) => ({ name: f.name, value: f.value })),
        endStream: event.endStream,
        findings: event.findings,
        peers: [],
      });
    } else if (event.kind === "finding" && !inBlocks.has(event.finding)) findings.push(event.finding);
    else if (event.kind === "stream-closed") streams.push(event.stream);
    else if (event.kind === "frame" && frames.length < listed)
      frames.push(describeFrame(event.frame, event.direction, event.ref));
  }
  const withPeers = messages.map((m) => ({ ...m, peers: peersFor(m, findings, options.versions) }));
  return {
    protocol: "h2",
    layout: parts.client && parts.server ? "connection" : parts.client ? "client" : "server",
    frameCount: connection.frameCount,
    settings: {
      client: namedSettings(connection.settings("client")),
      server: namedSettings(connection.settings("server")),
    },
    frames,
    messages: withPeers,
    messagesOmitted,
    streams: streams.map(describeStream),
    findings,
  };
}

/** Peer reactions to a message's own defects and to what happened to its stream afterwards. */
function peersFor(
  message: Http2Message,
  connectionFindings: readonly Finding[],
  versions: PeerVersions | undefined,
): PeerPrediction[] {
  const ofStream = connectionFindings.filter(
    (f) => f.vars.stream === message.stream && f.vars.direction !== otherOf(message.direction),
  );
  const defects = [...message.findings, ...(message.role === "response" ? ofStream : [])].map((f) => ({
    code: f.code,
    vars: f.vars,
  }));
  return predictPeers(defects, versions ?? {}, HTTP2_PEER_RULES).filter(
    (p) => p.peer !== "node" || !p.version.includes("insecure"),
  );
}

const otherOf = (direction: Direction): Direction => (direction === "client" ? "server" : "client");

function namedSettings(settings: ReadonlyMap<number, number>): Record<string, number> {
  return Object.fromEntries([...settings].map(([id, value]) => [settingName(id), value]));
}

function describeStream(stream: StreamSummary): Http2Analysis["streams"][number] {
  const method = fieldValue(stream.request, ":method");
  const path = fieldValue(stream.request, ":path");
  const status = fieldValue(stream.response, ":status");
  return {
    id: stream.id,
    state: stream.state,
    ...(method !== undefined ? { method } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(status !== undefined ? { status } : {}),
    dataBytes: { ...stream.dataBytes },
    ...(stream.reset ? { reset: { by: stream.reset.by, errorCode: stream.reset.errorName } } : {}),
  };
}

function describeFrame(frame: Frame, direction: Direction, ref: SourceRef): Http2Analysis["frames"][number] {
  let info = "";
  if (frame.kind === "DATA") info = `${frame.data.length} octets${frame.endStream ? ", END_STREAM" : ""}`;
  else if (frame.kind === "HEADERS")
    info = `${frame.block.length} octet block${frame.endStream ? ", END_STREAM" : ""}${frame.endHeaders ? ", END_HEADERS" : ""}`;
  else if (frame.kind === "RST_STREAM") info = errorCodeName(frame.errorCode);
  else if (frame.kind === "GOAWAY") info = `last_stream_id=${frame.lastStreamId} ${errorCodeName(frame.errorCode)}`;
  else if (frame.kind === "SETTINGS")
    info = frame.ack ? "ACK" : frame.settings.map((s) => `${settingName(s.id)}=${s.value}`).join(" ");
  else if (frame.kind === "WINDOW_UPDATE") info = `+${frame.increment}`;
  else if (frame.kind === "PING") info = frame.ack ? "ACK" : "";
  return {
    n: ref.frame ?? 0,
    direction,
    byte: ref.byte ?? frame.offset,
    type: frameTypeName(frame.type),
    flags: frame.flags,
    stream: frame.streamId,
    length: frame.length,
    info,
  };
}

/** An HTTP/1 answer to an h2c request shows up where the server's frames should start. */
function startsHttp1(bytes: Uint8Array, offset: number): boolean {
  return Buffer.from(bytes.subarray(offset, offset + 7)).toString("latin1") === "HTTP/1.";
}

/**
 * Finds where the client's part ends in a whole-connection file: the server's bytes begin with its
 * own SETTINGS, the second non-ACK SETTINGS frame after the preface. Without a preface the bytes are
 * one direction, told apart by the first header block (a `:method` means a client).
 */
function splitDirections(bytes: Uint8Array): { client?: Uint8Array; server?: Uint8Array; preface: boolean } {
  const hasPreface = bytes.length >= CLIENT_PREFACE.length && CLIENT_PREFACE.every((b, i) => bytes[i] === b);
  const decoder = new FrameDecoder({ preface: hasPreface, maxFrameSize: 16_777_215 });
  const events = decoder.push(bytes);
  if (hasPreface) {
    let settingsSeen = 0;
    let end = CLIENT_PREFACE.length;
    for (const event of events) {
      if (event.kind !== "frame") continue;
      end = event.frame.offset + 9 + event.frame.length;
      if (event.frame.type !== FrameType.SETTINGS || event.frame.flags & 1) continue;
      if (++settingsSeen === 2)
        return {
          client: bytes.subarray(0, event.frame.offset),
          server: bytes.subarray(event.frame.offset),
          preface: true,
        };
    }
    if (startsHttp1(bytes, end)) return { client: bytes.subarray(0, end), server: bytes.subarray(end), preface: true };
    return { client: bytes, preface: true };
  }
  const firstBlock = events.find(
    (e) => e.kind === "frame" && (e.frame.kind === "HEADERS" || e.frame.kind === "PUSH_PROMISE"),
  );
  if (firstBlock?.kind === "frame" && firstBlock.frame.kind === "HEADERS") {
    const fields = new HpackDecoder().decode(firstBlock.frame.block).fields;
    if (fields.some((f) => f.name === ":method")) return { client: bytes, preface: false };
  }
  return { server: bytes, preface: false };
}

export type { Direction, MessageRole };
