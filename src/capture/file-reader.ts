/**
 * Reads a capture file straight into one buffer that every piece reuses: no stream machinery and
 * no fresh memory per piece. The analysis copies whatever it keeps past a piece, so the reuse is safe.
 */
import { closeSync, openSync, readSync } from "node:fs";

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

/** Hands the file to `each` in pieces, in order; a piece is only valid during its call. */
export function readFileInPieces(path: string, each: (piece: Buffer) => void, pieceBytes = PIECE_BYTES): void {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(pieceBytes);
    for (;;) {
      const read = readSync(fd, buffer, 0, pieceBytes, null);
      if (read === 0) return;
      each(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}
