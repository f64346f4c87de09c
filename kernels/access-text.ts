// AssemblyScript: compiled to WebAssembly by scripts/build-kernels.mjs, embedded in
// src/evidence/envoy/access-text-kernel.wasm.ts.
//
// The hot path of the Envoy/Istio TEXT access-log summary, on bytes. It walks the LF-terminated
// lines of the input area and, for each Istio 1.9+ record, finds exactly what `scanTextAccess`
// and `istioDuration` (src/evidence/envoy/access-text.ts) find, interns the head
// (`status flags details`), the upstream pair (`host" cluster`) and the minute prefix of the
// timestamp as small ids, and writes one row per line. A line it cannot read with certainty gets
// row kind FALLBACK, and the JavaScript reader reads that line itself, so both paths give the
// same summary. Memory is fixed: no allocation, no growth.

const LF: u8 = 0x0a;
const CR: u8 = 0x0d;
const SPACE: u8 = 0x20;
const QUOTE: u8 = 0x22;
const OPEN_BRACKET: u8 = 0x5b;
const CLOSE_BRACKET: u8 = 0x5d;

export const FALLBACK: i32 = 0;
export const RECORD: i32 = 1;

/** Int32 fields per row: kind, start, end, status, head, pair, minute. */
const ROW_FIELDS: usize = 8;
const ROWS: usize = 16384;
const INPUT_BYTES: usize = 2 << 20;
const ENTRIES: u32 = 1 << 16;
const SLOTS: u32 = 1 << 17;
const ARENA_BYTES: usize = 4 << 20;
const MAX_PROBES: i32 = 32;
const MINUTE_PREFIX: usize = 16;

const INPUT: usize = 1024;
const ROW_AREA: usize = INPUT + INPUT_BYTES + 64;
const DURATION_AREA: usize = ROW_AREA + ROWS * ROW_FIELDS * 4;
const SLOT_AREA: usize = DURATION_AREA + ROWS * 8;
const ENTRY_AREA: usize = SLOT_AREA + (<usize>SLOTS) * 8;
const ARENA: usize = ENTRY_AREA + (<usize>ENTRIES) * 8;
/** One byte per id: the key's kind. */
const KIND_AREA: usize = ARENA + ARENA_BYTES;
const END: usize = KIND_AREA + <usize>ENTRIES;

/** Kinds of interned keys; a key's kind is part of its identity. */
const HEAD: u32 = 1;
const PAIR: u32 = 2;
const MINUTE: u32 = 3;

let entryCount: u32 = 0;
let arenaUsed: usize = 0;
/** Where the last call stopped (an offset into the input area). */
let consumed: usize = 0;

export function inputArea(): usize {
  return INPUT;
}
export function inputBytes(): usize {
  return INPUT_BYTES;
}
export function rowArea(): usize {
  return ROW_AREA;
}
export function durationArea(): usize {
  return DURATION_AREA;
}
export function rowFields(): usize {
  return ROW_FIELDS;
}
export function rowCount(): usize {
  return ROWS;
}
export function entryStart(id: u32): usize {
  return ARENA + <usize>load<u32>(ENTRY_AREA + (<usize>id) * 8);
}
export function entryLength(id: u32): usize {
  return <usize>load<u32>(ENTRY_AREA + (<usize>id) * 8 + 4);
}
export function stoppedAt(): usize {
  return consumed;
}
/** Bytes the module needs; the loader checks its memory is at least this large. */
export function memoryNeeded(): usize {
  return END;
}

@inline
function find(from: usize, to: usize, c: u8): usize {
  const needle = i8x16.splat(<i8>c);
  let p = from;
  while (p + 16 <= to) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(p), needle));
    if (mask != 0) return p + <usize>ctz(mask);
    p += 16;
  }
  while (p < to && load<u8>(p) != c) p++;
  return p;
}

/** Last `c` in [from, at], or from - 1 when there is none. */
@inline
function findBack(at: usize, from: usize, c: u8): usize {
  const needle = i8x16.splat(<i8>c);
  let p = at;
  while (p >= from + 15) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(p - 15), needle));
    if (mask != 0) return p - 15 + 31 - <usize>clz(mask);
    p -= 16;
  }
  while (p >= from) {
    if (load<u8>(p) == c) return p;
    if (p == from) break;
    p--;
  }
  return from - 1;
}

/** First `"` followed by a space, both in [from, to); `to` when there is none. */
@inline
function findQuoteSpace(from: usize, to: usize): usize {
  let q = find(from, to, QUOTE);
  while (q < to && !(q + 1 < to && load<u8>(q + 1) == SPACE)) q = find(q + 1, to, QUOTE);
  return q;
}

@inline
function hashOf(kind: u32, p: usize, n: usize): u32 {
  let h: u64 = 0x9e3779b97f4a7c15 ^ ((<u64>kind << 32) | <u64>n);
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ load<u64>(p + i)) * 0x100000001b3;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ <u64>load<u8>(p + i)) * 0x100000001b3;
  h ^= h >> 32;
  return <u32>h;
}

/** The id of the key `kind` + bytes [p, p + n); 0 when the tables are full. */
function intern(kind: u32, p: usize, n: usize): u32 {
  const hash = hashOf(kind, p, n);
  let slot = hash & (SLOTS - 1);
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    const at = SLOT_AREA + (<usize>slot) * 8;
    const id = load<u32>(at + 4);
    if (id == 0) {
      if (entryCount + 1 >= ENTRIES || arenaUsed + n > ARENA_BYTES) return 0;
      entryCount++;
      memory.copy(ARENA + arenaUsed, p, n);
      const entry = ENTRY_AREA + (<usize>entryCount) * 8;
      store<u32>(entry, <u32>arenaUsed);
      store<u32>(entry + 4, <u32>n);
      arenaUsed += n;
      store<u8>(KIND_AREA + <usize>entryCount, <u8>kind);
      store<u32>(at, hash);
      store<u32>(at + 4, entryCount);
      return entryCount;
    }
    if (load<u32>(at) == hash) {
      const entry = ENTRY_AREA + (<usize>id) * 8;
      if (
        <usize>load<u32>(entry + 4) == n &&
        memory.compare(ARENA + <usize>load<u32>(entry), p, n) == 0 &&
        entryKind(id) == kind
      )
        return id;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  return 0;
}

@inline
function entryKind(id: u32): u32 {
  return <u32>load<u8>(KIND_AREA + <usize>id);
}

/** Status digits at `at` ending in a space, as `readStatus` reads them; -1 when not. */
@inline
function statusEnd(at: usize, to: usize): usize {
  let i = at;
  while (i < to && i - at < 4) {
    const c = load<u8>(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  if (i == at || i - at > 3 || load<u8>(i) != SPACE) return 0;
  return i;
}

@inline
function statusValue(at: usize, end: usize): i32 {
  let value: i32 = 0;
  for (let i = at; i < end; i++) value = value * 10 + <i32>(load<u8>(i) - 0x30);
  return value;
}

/** Duration after the head, as `istioDuration` reads it; -1 when absent. */
function durationAfter(headEnd: usize, to: usize): f64 {
  let i = find(headEnd + 1, to, SPACE);
  if (i >= to || load<u8>(i + 1) != QUOTE) return -1;
  i = findQuoteSpace(i + 2, to);
  if (i >= to) return -1;
  i = find(i + 2, to, SPACE);
  if (i >= to) return -1;
  i = find(i + 1, to, SPACE);
  if (i >= to) return -1;
  let value: f64 = 0;
  let j = i + 1;
  for (; j < to; j++) {
    const c = load<u8>(j);
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + <f64>(c - 0x30);
  }
  return j == i + 1 || j - i > 12 ? -1 : value;
}

/**
 * Reads one line [from, to) into row `row`; false when it is not an Istio 1.9+ record read with
 * certainty (the caller marks it FALLBACK).
 */
function readLine(from: usize, to: usize, row: usize): bool {
  if (to - from < 10 || load<u8>(from) != OPEN_BRACKET) return false;
  const timeEnd = find(from + 1, to, CLOSE_BRACKET);
  if (timeEnd >= to || timeEnd - from > 48) return false;
  if (load<u8>(timeEnd + 1) != SPACE || load<u8>(timeEnd + 2) != QUOTE) return false;
  const requestEnd = findQuoteSpace(timeEnd + 3, to);
  if (requestEnd >= to) return false;
  const statusStart = requestEnd + 2;
  const digitsEnd = statusEnd(statusStart, to);
  if (digitsEnd == 0) return false;
  const flagsStart = digitsEnd + 1;
  const flagsEnd = find(flagsStart, to, SPACE);
  if (flagsEnd >= to || flagsEnd == flagsStart) return false;
  const next = load<u8>(flagsEnd + 1);
  if (next == QUOTE || (next >= 0x30 && next <= 0x39)) return false;
  const detailsEnd = find(flagsEnd + 1, to, SPACE);
  if (detailsEnd >= to) return false;
  const lastQuote = findBack(to - 1, from, QUOTE);
  if (lastQuote <= detailsEnd) return false;
  const hostOpen = findBack(lastQuote - 1, from, QUOTE);
  if (hostOpen <= detailsEnd) return false;
  let clusterEnd = to;
  if (lastQuote + 2 < to) clusterEnd = find(lastQuote + 2, to, SPACE);
  const head = intern(HEAD, statusStart, detailsEnd - statusStart);
  if (head == 0) return false;
  const pair = intern(PAIR, hostOpen + 1, clusterEnd - hostOpen - 1);
  if (pair == 0) return false;
  let minute: u32 = 0;
  if (timeEnd - from - 1 >= MINUTE_PREFIX) {
    minute = intern(MINUTE, from + 1, MINUTE_PREFIX);
    if (minute == 0) return false;
  }
  const at = ROW_AREA + row * ROW_FIELDS * 4;
  store<i32>(at + 12, statusValue(statusStart, digitsEnd));
  store<u32>(at + 16, head);
  store<u32>(at + 20, pair);
  store<u32>(at + 24, minute);
  store<f64>(DURATION_AREA + row * 8, durationAfter(detailsEnd, to));
  return true;
}

/**
 * Reads the LF-terminated lines of the input area from offset `start` up to `length`, one row
 * each, until the rows are full. Returns the number of rows; `stoppedAt()` tells where it stopped.
 */
export function scan(start: usize, length: usize): i32 {
  const limit = INPUT + length;
  let p = INPUT + start;
  let row: usize = 0;
  while (p < limit && row < ROWS) {
    const nl = find(p, limit, LF);
    if (nl >= limit) break;
    const end = nl > p && load<u8>(nl - 1) == CR ? nl - 1 : nl;
    const at = ROW_AREA + row * ROW_FIELDS * 4;
    store<i32>(at, readLine(p, end, row) ? RECORD : FALLBACK);
    store<i32>(at + 4, <i32>(p - INPUT));
    store<i32>(at + 8, <i32>(end - INPUT));
    row++;
    p = nl + 1;
  }
  consumed = p - INPUT;
  return <i32>row;
}
