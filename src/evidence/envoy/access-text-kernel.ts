import { ACCESS_TEXT_KERNEL } from "./access-text-kernel.wasm.ts";

/**
 * The WebAssembly access-log kernel (kernels/access-text.ts), instantiated with its own fixed
 * memory. Rows it writes: kind, line start, line end, status, head id, pair id, minute id, the
 * positions of a JSON record's keys, and a duration per row; offsets are relative to the input area.
 */
export interface TextKernel {
  /** Bytes of the input area; lines are copied here before `scan`. */
  readonly input: Buffer;
  readonly rows: Int32Array;
  readonly durations: Float64Array;
  readonly rowFields: number;
  /** Ids run from 1 to below this. */
  readonly entryCapacity: number;
  /** Tells the kernel that records with this head never need their duration read. */
  skipDurations(headId: number): void;
  /** Reads the LF-terminated lines in input[start, length); returns the number of rows written. */
  scan(start: number, length: number): number;
  /** Where the last scan stopped (it stops early when its rows are full). */
  stoppedAt(): number;
  /** The bytes of an interned key, as latin1 text. */
  entryText(id: number): string;
  /** Input bytes [from, to) as latin1 text. */
  text(from: number, to: number): string;
}

/** Int32 fields of a row; a JSON record's six key positions follow `keys`. */
export const KERNEL_ROW = { kind: 0, start: 1, end: 2, status: 3, head: 4, pair: 5, minute: 6, keys: 7 } as const;
export const KERNEL_KIND = { fallback: 0, text: 1, json: 2 } as const;
/** A row's duration when only JavaScript's `Number()` can read it. */
export const KERNEL_DURATION_UNREAD = -2;

/** The part of the WebAssembly API used here (Node's type definitions leave it out). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** A constant the module exports (an immutable WebAssembly global). */
interface Constant {
  readonly value: number;
}

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly INPUT: Constant;
  readonly INPUT_BYTES: Constant;
  readonly ROW_AREA: Constant;
  readonly ROW_FIELDS: Constant;
  readonly ROWS: Constant;
  readonly DURATION_AREA: Constant;
  readonly ENTRIES: Constant;
  readonly NO_DURATION_AREA: Constant;
  entryStart(id: number): number;
  entryLength(id: number): number;
  stoppedAt(): number;
  memoryNeeded(): number;
  scan(start: number, length: number): number;
}

let compiled: object | null | undefined;

function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(Buffer.from(ACCESS_TEXT_KERNEL, "base64")) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** A fresh kernel, or undefined where WebAssembly (with SIMD) is not available. */
export function createTextKernel(): TextKernel | undefined {
  const module = kernelModule();
  if (module === null || !wasm) return undefined;
  let exports: KernelExports;
  try {
    exports = new wasm.Instance(module, {}).exports as KernelExports;
  } catch {
    return undefined;
  }
  const buffer = exports.memory.buffer;
  const needed = exports.memoryNeeded();
  if (needed === 0 || buffer.byteLength < needed) return undefined;
  const bytes = Buffer.from(buffer);
  const inputAt = exports.INPUT.value;
  const fields = exports.ROW_FIELDS.value;
  const rows = exports.ROWS.value;
  const noDuration = exports.NO_DURATION_AREA.value;
  return {
    input: bytes.subarray(inputAt, inputAt + exports.INPUT_BYTES.value),
    rows: new Int32Array(buffer, exports.ROW_AREA.value, rows * fields),
    durations: new Float64Array(buffer, exports.DURATION_AREA.value, rows),
    rowFields: fields,
    entryCapacity: exports.ENTRIES.value,
    skipDurations: (headId) => {
      bytes[noDuration + headId] = 1;
    },
    scan: (start, length) => exports.scan(start, length),
    stoppedAt: () => exports.stoppedAt(),
    entryText: (id) => {
      const at = exports.entryStart(id);
      return bytes.toString("latin1", at, at + exports.entryLength(id));
    },
    text: (from, to) => bytes.toString("latin1", inputAt + from, inputAt + to),
  };
}
