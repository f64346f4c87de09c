import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** A piece of evidence to read: a file, or standard input. */
export interface EvidenceSource {
  /** The id used in SourceRefs: the path as given, or `-`. */
  readonly id: string;
  /** The file's path, for a file (not standard input). */
  readonly path?: string;
  open(): Readable;
}

export class InputError extends Error {
  override readonly name = "InputError";
  readonly code: "ENOENT" | "EACCES" | "EUNREADABLE";
  constructor(code: InputError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

const CHUNK = 1 << 20;
const MAX_DIRECTORY_FILES = 10_000;

/** Expands the user's arguments into sources: `-` is stdin, a folder is every file below it. */
export async function expandSources(args: readonly string[], stdin: () => Readable): Promise<EvidenceSource[]> {
  const sources: EvidenceSource[] = [];
  for (const arg of args) {
    if (arg === "-") {
      sources.push({ id: "-", open: stdin });
      continue;
    }
    const info = await stat(arg).catch((error: NodeJS.ErrnoException) => {
      const code = error.code === "EACCES" ? "EACCES" : "ENOENT";
      throw new InputError(
        code,
        `Cannot read ${arg}: ${error.code === "ENOENT" ? "no such file or folder" : error.message}`,
      );
    });
    if (info.isDirectory()) {
      for (const path of await listFiles(arg)) sources.push(fileSource(path));
    } else {
      sources.push(fileSource(arg));
    }
  }
  return sources;
}

function fileSource(path: string): EvidenceSource {
  return { id: path, path, open: () => createReadStream(path, { highWaterMark: CHUNK }) };
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || found.length >= MAX_DIRECTORY_FILES) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(dir);
  return found;
}

/** The chunks of a stream with the first `headBytes` available up front, gzip undone. */
export interface PeekedStream {
  readonly head: Buffer;
  readonly chunks: AsyncIterable<Buffer>;
  readonly compressed: boolean;
}

export async function peekStream(stream: Readable, headBytes = 64 * 1024): Promise<PeekedStream> {
  const first = await peekRaw(stream, headBytes);
  if (first.head.length >= 2 && first.head[0] === 0x1f && first.head[1] === 0x8b) {
    const gunzip = createGunzip();
    const feed = async (): Promise<void> => {
      try {
        for await (const chunk of first.chunks) {
          if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once("drain", resolve));
        }
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    };
    void feed();
    const inner = await peekRaw(gunzip, headBytes);
    return { ...inner, compressed: true };
  }
  return { ...first, compressed: false };
}

async function peekRaw(stream: Readable, headBytes: number): Promise<Omit<PeekedStream, "compressed">> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const buffered: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < headBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    buffered.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(buffered, size).subarray(0, headBytes);
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  }
  return { head, chunks: chunks() };
}
