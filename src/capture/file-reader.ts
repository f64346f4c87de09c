/**
 * Reads a capture file straight into two buffers that the pieces reuse: no stream machinery and
 * no fresh memory per piece. The analysis copies whatever it keeps past a piece, so the reuse is safe.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

const PIECE_BYTES = 4 << 20;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The first `length` bytes of a file (fewer when it is shorter). */
export function fileHead(path: string, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(length);
    return head.subarray(0, readSync(fd, head, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * Hands the file to `each` in pieces, in order; a piece is only valid during its call. Two buffers
 * take turns: the next piece is read (off the main thread) while `each` works on the current one.
 */
export async function readFileInPieces(
  path: string,
  each: (piece: Buffer) => void,
  pieceBytes = PIECE_BYTES,
): Promise<void> {
  const handle = await open(path, "r");
  let current = Buffer.allocUnsafe(pieceBytes);
  let spare = Buffer.allocUnsafe(pieceBytes);
  let reading = handle.read(current, 0, pieceBytes, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      reading = handle.read(spare, 0, pieceBytes, null);
      each(current.subarray(0, bytesRead));
      [current, spare] = [spare, current];
    }
  } finally {
    // A read still under way when `each` threw must end before the file is closed.
    await reading.catch(() => undefined);
    await handle.close();
  }
}
