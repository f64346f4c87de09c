// AssemblyScript: compiled to WebAssembly by `npm run kernels` (scripts/kernels.ts), embedded in
// src/evidence/envoy/access-text-kernel.wasm.ts.
//
// The hot path of the Envoy/Istio access-log summary, on bytes. It walks the LF-terminated lines
// of the input area. For each Istio 1.9+ TEXT record it finds exactly what `scanTextAccess` and
// `istioDuration` (src/evidence/envoy/access-text.ts) find; for each JSON record whose keys it can
// place with certainty, what `scanJsonAccess` (access-json.ts) finds. It interns the head
// (`status flags details`), the upstream pair (`host" cluster`) and the minute prefix of the
// timestamp as small ids and writes one row per line. A line it cannot read with certainty gets
// row kind FALLBACK, and the JavaScript reader reads that line itself, so both paths give the
// same summary. Memory is fixed: no allocation, no growth.

const LF: u8 = 0x0a;
const CR: u8 = 0x0d;
const SPACE: u8 = 0x20;
const QUOTE: u8 = 0x22;
const OPEN_BRACKET: u8 = 0x5b;
const CLOSE_BRACKET: u8 = 0x5d;
const OPEN_BRACE: u8 = 0x7b;
const CLOSE_BRACE: u8 = 0x7d;
const COLON: u8 = 0x3a;
const COMMA: u8 = 0x2c;
const BACKSLASH: u8 = 0x5c;
const DASH: u8 = 0x2d;

export const FALLBACK: i32 = 0;
export const TEXT_RECORD: i32 = 1;
export const JSON_RECORD: i32 = 2;

/** Int32 fields per row: kind, start, end, status, head, pair, minute, then six JSON key positions. */
export const ROW_FIELDS: usize = 16;
const KEY_POSITIONS: usize = 28;
export const ROWS: usize = 16384;
export const INPUT_BYTES: usize = 2 << 20;
export const ENTRIES: u32 = 1 << 16;
const SLOTS: u32 = 1 << 17;
const ARENA_BYTES: usize = 4 << 20;
const MAX_PROBES: i32 = 32;
const MINUTE_PREFIX: usize = 16;

/** Longest head or pair a JSON record may build; longer ones are left to JavaScript. */
const SCRATCH_BYTES: usize = 8192;
/** Below this: the module's static data (the key names). */
const SCRATCH: usize = 4096;
export const INPUT: usize = SCRATCH + SCRATCH_BYTES + 256;
export const ROW_AREA: usize = INPUT + INPUT_BYTES + 64;
export const DURATION_AREA: usize = ROW_AREA + ROWS * ROW_FIELDS * 4;
const SLOT_AREA: usize = DURATION_AREA + ROWS * 8;
const ENTRY_AREA: usize = SLOT_AREA + (<usize>SLOTS) * 8;
const ARENA: usize = ENTRY_AREA + (<usize>ENTRIES) * 8;
/** One byte per id: the key's kind. */
const KIND_AREA: usize = ARENA + ARENA_BYTES;
/** One byte per head id, set by the reader: 1 when its records never need a duration. */
export const NO_DURATION_AREA: usize = KIND_AREA + <usize>ENTRIES;
const END: usize = NO_DURATION_AREA + <usize>ENTRIES;

const KEY_AREA: usize = SCRATCH + SCRATCH_BYTES;
/** The id each kind of key interned last. */
const LAST_AREA: usize = KEY_AREA + 128;

/** Kinds of interned keys; a key's kind is part of its identity. */
const HEAD: u32 = 1;
const PAIR: u32 = 2;
const MINUTE: u32 = 3;

let entryCount: u32 = 0;
let arenaUsed: usize = 0;
/** Where the last call stopped (an offset into the input area). */
let consumed: usize = 0;

export function entryStart(id: u32): usize {
  return ARENA + <usize>load<u32>(ENTRY_AREA + (<usize>id) * 8);
}
export function entryLength(id: u32): usize {
  return <usize>load<u32>(ENTRY_AREA + (<usize>id) * 8 + 4);
}
export function stoppedAt(): usize {
  return consumed;
}
/** Bytes the module needs (the loader checks its memory is this large); 0 if its static data overlaps the areas. */
export function memoryNeeded(): usize {
  return __heap_base <= SCRATCH ? END : 0;
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
  // Most lines repeat the previous line's head and minute: try that key first.
  const lastAt = LAST_AREA + (<usize>kind) * 4;
  const last = load<u32>(lastAt);
  if (last != 0 && entryLength(last) == n && sameBytes(entryStart(last), p, n)) return last;
  const id = lookUp(kind, p, n);
  store<u32>(lastAt, id);
  return id;
}

@inline
function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

function lookUp(kind: u32, p: usize, n: usize): u32 {
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
        entryKind(id) == kind &&
        sameBytes(ARENA + <usize>load<u32>(entry), p, n)
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
function readText(from: usize, to: usize, row: usize): bool {
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
  const needed = load<u8>(NO_DURATION_AREA + <usize>head) == 0;
  store<f64>(DURATION_AREA + row * 8, needed ? durationAfter(detailsEnd, to) : -1);
  return true;
}

// JSON keys, in the order of `HOT_KEYS` in access-json.ts, then `duration`.
const K_STATUS = 0;
const K_FLAGS = 1;
const K_DETAILS = 2;
const K_CLUSTER = 3;
const K_HOST = 4;
const K_TIME = 5;
const K_DURATION = 6;
const KEYS = 7;

/**
 * Per key of the line being read, 16 bytes at KEY_AREA: where `"key":` starts (or -1), where its
 * value starts and ends, and the value's kind: 0 absent or null, 1 a value, 2 one that only
 * JavaScript reads (it holds an escape).
 */
@inline
function keyAt(k: i32): i32 {
  return load<i32>(KEY_AREA + (<usize>k) * 16);
}
@inline
function setKeyAt(k: i32, at: i32): void {
  store<i32>(KEY_AREA + (<usize>k) * 16, at);
}
@inline
function valueFrom(k: i32): usize {
  return <usize>load<u32>(KEY_AREA + (<usize>k) * 16 + 4);
}
@inline
function valueTo(k: i32): usize {
  return <usize>load<u32>(KEY_AREA + (<usize>k) * 16 + 8);
}
@inline
function valueKind(k: i32): i32 {
  return load<i32>(KEY_AREA + (<usize>k) * 16 + 12);
}
@inline
function setValue(k: i32, from: usize, to: usize, kind: i32): void {
  const at = KEY_AREA + (<usize>k) * 16;
  store<u32>(at + 4, <u32>from);
  store<u32>(at + 8, <u32>to);
  store<i32>(at + 12, kind);
}

// The hot keys' names, compared by `sameBytes`.
const NAME_DURATION = memory.data<u8>([0x64, 0x75, 0x72, 0x61, 0x74, 0x69, 0x6f, 0x6e]);
const NAME_START_TIME = memory.data<u8>([0x73, 0x74, 0x61, 0x72, 0x74, 0x5f, 0x74, 0x69, 0x6d, 0x65]);
const NAME_RESPONSE_CODE = memory.data<u8>([
  0x72, 0x65, 0x73, 0x70, 0x6f, 0x6e, 0x73, 0x65, 0x5f, 0x63, 0x6f, 0x64, 0x65, 0x5f, 0x64, 0x65, 0x74, 0x61, 0x69,
  0x6c, 0x73,
]);
const NAME_RESPONSE_FLAGS = memory.data<u8>([
  0x72, 0x65, 0x73, 0x70, 0x6f, 0x6e, 0x73, 0x65, 0x5f, 0x66, 0x6c, 0x61, 0x67, 0x73,
]);
const NAME_UPSTREAM_CLUSTER = memory.data<u8>([
  0x75, 0x70, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d, 0x5f, 0x63, 0x6c, 0x75, 0x73, 0x74, 0x65, 0x72,
]);
const NAME_UPSTREAM_HOST = memory.data<u8>([0x75, 0x70, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d, 0x5f, 0x68, 0x6f, 0x73, 0x74]);

/**
 * Which hot key's name ends at `close` (a quote followed by `:`), its opening quote right before
 * the name; -1 for none. `response_code` is the first 13 bytes of `response_code_details`.
 */
function keyEndingAt(from: usize, close: usize): i32 {
  const room = close - from;
  if (room > 8 && load<u8>(close - 9) == QUOTE && sameBytes(close - 8, NAME_DURATION, 8))
    return K_DURATION;
  if (room > 10 && load<u8>(close - 11) == QUOTE && sameBytes(close - 10, NAME_START_TIME, 10))
    return K_TIME;
  if (room > 13 && load<u8>(close - 14) == QUOTE) {
    if (sameBytes(close - 13, NAME_RESPONSE_CODE, 13)) return K_STATUS;
    if (sameBytes(close - 13, NAME_UPSTREAM_HOST, 13)) return K_HOST;
  }
  if (room > 14 && load<u8>(close - 15) == QUOTE && sameBytes(close - 14, NAME_RESPONSE_FLAGS, 14))
    return K_FLAGS;
  if (room > 16 && load<u8>(close - 17) == QUOTE && sameBytes(close - 16, NAME_UPSTREAM_CLUSTER, 16))
    return K_CLUSTER;
  if (room > 21 && load<u8>(close - 22) == QUOTE && sameBytes(close - 21, NAME_RESPONSE_CODE, 21))
    return K_DETAILS;
  return -1;
}

/** Notes the key whose name ends at `close`; false when a hot key other than `duration` repeats. */
@inline
function noteKey(from: usize, close: usize, to: usize): bool {
  const k = keyEndingAt(from, close);
  if (k < 0) return true;
  const open = close - keyLength(k) - 1;
  if (keyAt(k) >= 0) return k == K_DURATION;
  setKeyAt(k, <i32>open);
  readValue(k, close + 2, to);
  return true;
}

@inline
function keyLength(k: i32): usize {
  if (k == K_DURATION) return 8;
  if (k == K_TIME) return 10;
  if (k == K_STATUS || k == K_HOST) return 13;
  if (k == K_FLAGS) return 14;
  if (k == K_CLUSTER) return 16;
  return 21;
}

/** Reads the value after a key's colon as `readValue` in access-json.ts does. */
function readValue(k: i32, at: usize, to: usize): void {
  let i = at;
  while (i < to && load<u8>(i) == SPACE) i++;
  if (i < to && load<u8>(i) == QUOTE) {
    const close = find(i + 1, to, QUOTE);
    if (close >= to) setValue(k, 0, 0, 0);
    else setValue(k, i + 1, close, find(i + 1, close, BACKSLASH) < close ? 2 : 1);
    return;
  }
  let end = i;
  while (end < to) {
    const d = load<u8>(end);
    if (d == COMMA || d == CLOSE_BRACE || d == SPACE) break;
    end++;
  }
  const n = end - i;
  const isNull = n == 4 && load<u32>(i) == 0x6c6c756e;
  setValue(k, i, end, n == 0 || isNull ? 0 : 1);
}

/** Appends value `k` (or `-` when it has none) to the scratch key at `at`; the new end. */
@inline
function appendValue(k: i32, at: usize): usize {
  if (valueKind(k) == 0) {
    store<u8>(at, DASH);
    return at + 1;
  }
  const n = valueTo(k) - valueFrom(k);
  memory.copy(at, valueFrom(k), n);
  return at + n;
}

/** A value of only decimal digits (at most `most`), or -1. */
function digitsOf(k: i32, most: usize): f64 {
  if (valueKind(k) != 1) return -1;
  const from = valueFrom(k);
  const to = valueTo(k);
  if (to == from || to - from > most) return -1;
  let value: f64 = 0;
  for (let i = from; i < to; i++) {
    const c = load<u8>(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + <f64>(c - 0x30);
  }
  return value;
}

/**
 * Reads one JSON line [from, to) (from = the `{`). Every `"key":` in the line is found by its
 * `":`; a record is read only when each hot key occurs at most once (where it is found then does
 * not depend on the search order the JavaScript reader learns) and no value it needs holds an
 * escape.
 */
function readJson(from: usize, to: usize, row: usize): bool {
  for (let k = 0; k < KEYS; k++) {
    setKeyAt(k, -1);
    setValue(k, 0, 0, 0);
  }
  // Every `":` of the line, 16 bytes at a time: where a key's name may end.
  const quotes = i8x16.splat(<i8>QUOTE);
  const colons = i8x16.splat(<i8>COLON);
  let p = from + 1;
  while (p < to) {
    let mask: i32;
    if (p + 17 <= to) {
      const quote = i8x16.bitmask(i8x16.eq(v128.load(p), quotes));
      const colon = i8x16.bitmask(i8x16.eq(v128.load(p + 1), colons));
      mask = quote & colon;
    } else {
      mask = 0;
      for (let i: usize = 0; p + i + 1 < to; i++)
        if (load<u8>(p + i) == QUOTE && load<u8>(p + i + 1) == COLON) mask |= 1 << <i32>i;
    }
    while (mask != 0) {
      const q = p + <usize>ctz(mask);
      mask &= mask - 1;
      if (!noteKey(from, q, to)) return false;
    }
    p += 16;
  }
  if (keyAt(K_STATUS) < 0) return false;
  let hits = 0;
  for (let k = 0; k < K_DURATION; k++) {
    if (keyAt(k) >= 0) hits++;
    if (valueKind(k) == 2) return false;
  }
  const status = digitsOf(K_STATUS, 3);
  if (status < 0 || hits < 2) return false;
  if (valueTo(K_STATUS) - valueFrom(K_STATUS) > 1 && load<u8>(valueFrom(K_STATUS)) == 0x30) return false;
  // The head as `${status} ${flags ?? "-"} ${details ?? "-"}`, the pair as `${host}" ${cluster}`.
  let need: usize = 16;
  for (let k = 0; k < K_TIME; k++) need += valueTo(k) - valueFrom(k);
  if (need > SCRATCH_BYTES) return false;
  let end = appendValue(K_STATUS, SCRATCH);
  store<u8>(end++, SPACE);
  end = appendValue(K_FLAGS, end);
  store<u8>(end++, SPACE);
  end = appendValue(K_DETAILS, end);
  const head = intern(HEAD, SCRATCH, end - SCRATCH);
  if (head == 0) return false;
  end = appendValue(K_HOST, SCRATCH);
  store<u8>(end++, QUOTE);
  store<u8>(end++, SPACE);
  end = appendValue(K_CLUSTER, end);
  const pair = intern(PAIR, SCRATCH, end - SCRATCH);
  if (pair == 0) return false;
  let minute: u32 = 0;
  if (valueKind(K_TIME) == 1 && valueTo(K_TIME) - valueFrom(K_TIME) >= MINUTE_PREFIX) {
    minute = intern(MINUTE, valueFrom(K_TIME), MINUTE_PREFIX);
    if (minute == 0) return false;
  }
  const at = ROW_AREA + row * ROW_FIELDS * 4;
  store<i32>(at + 12, <i32>status);
  store<u32>(at + 16, head);
  store<u32>(at + 20, pair);
  store<u32>(at + 24, minute);
  for (let k = 0; k < K_DURATION; k++) store<i32>(at + KEY_POSITIONS + (<usize>k) * 4, keyAt(k));
  // -1: no duration; -2: one only JavaScript's Number() can read.
  let duration: f64 = -1;
  if (keyAt(K_DURATION) >= 0 && valueKind(K_DURATION) != 0) {
    duration = digitsOf(K_DURATION, 15);
    if (duration < 0) duration = -2;
  }
  store<f64>(DURATION_AREA + row * 8, duration);
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
    const first = end - p >= 10 ? load<u8>(p) : 0;
    const kind =
      first == OPEN_BRACKET && readText(p, end, row)
        ? TEXT_RECORD
        : first == OPEN_BRACE && readJson(p, end, row)
          ? JSON_RECORD
          : FALLBACK;
    store<i32>(at, kind);
    store<i32>(at + 4, <i32>(p - INPUT));
    store<i32>(at + 8, <i32>(end - INPUT));
    row++;
    p = nl + 1;
  }
  consumed = p - INPUT;
  return <i32>row;
}
