/**
 * Big- and little-endian reads for the per-packet paths, where Buffer's checked readers cost an
 * argument check each. The caller has checked that the bytes are there; past the end they read 0.
 */

export function u16be(b: Buffer, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

export function u32be(b: Buffer, at: number): number {
  return (b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));
}

export function u32le(b: Buffer, at: number): number {
  return (b[at + 3] ?? 0) * 0x1000000 + (((b[at + 2] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at] ?? 0));
}
