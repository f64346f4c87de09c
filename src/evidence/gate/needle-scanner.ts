/**
 * Finds, in one pass over a line, which groups of strings occur in it (ASCII case ignored): an
 * Aho–Corasick automaton compiled to a table, one lookup per character. Characters outside ASCII
 * all count as one character, so a needle with such a character can only match more, never less.
 */
export class NeedleScanner {
  readonly groups: number;
  private readonly classes: Uint8Array;
  private readonly nonAscii: number;
  private readonly width: number;
  /**
   * Per state and character class, the next state's row offset (state × width) times two, plus
   * one when a needle ends there: the scan loop needs no multiplication and no second lookup.
   */
  private readonly next: Int32Array;
  /** Per state, the groups of the needles that end exactly there (`ownStart[s]` to `ownStart[s + 1]`). */
  private readonly ownStart: Int32Array;
  private readonly own: Int32Array;
  /** Per state, the nearest state down its failure links where a needle ends (0: none). */
  private readonly outputLink: Int32Array;

  constructor(groups: readonly (readonly string[])[]) {
    this.groups = groups.length;
    const classes = new Uint8Array(128);
    let width = 1;
    let nonAscii = 0;
    const classOf = (code: number): number => {
      if (code >= 128) {
        if (nonAscii === 0) nonAscii = width++;
        return nonAscii;
      }
      const folded = code >= 65 && code <= 90 ? code + 32 : code;
      if (classes[folded] === 0) {
        classes[folded] = width++;
        if (folded >= 97 && folded <= 122) classes[folded - 32] = classes[folded] ?? 0;
      }
      return classes[folded] ?? 0;
    };
    const symbols = groups.map((needles) =>
      needles.map((needle) => Array.from({ length: needle.length }, (_, i) => classOf(needle.charCodeAt(i)))),
    );

    let capacity = 1;
    for (const needles of groups) for (const needle of needles) capacity += needle.length;
    if (capacity * width * 2 >= 2 ** 31) throw new RangeError("too many needles for one scanner");
    const next = new Int32Array(capacity * width).fill(-1);
    const ends: number[][] = [[]];
    let states = 1;
    symbols.forEach((needles, group) => {
      for (const needle of needles) {
        if (needle.length === 0) continue;
        let state = 0;
        for (const symbol of needle) {
          const at = state * width + symbol;
          if (next[at] === -1) {
            next[at] = states++;
            ends.push([]);
          }
          state = next[at] as number;
        }
        ends[state]?.push(group);
      }
    });

    const fail = new Int32Array(states);
    const outputLink = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let symbol = 0; symbol < width; symbol++) {
      const child = next[symbol] as number;
      if (child === -1) next[symbol] = 0;
      else queue[tail++] = child;
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head] as number;
      const base = state * width;
      const failBase = (fail[state] as number) * width;
      for (let symbol = 0; symbol < width; symbol++) {
        const child = next[base + symbol] as number;
        const fallback = next[failBase + symbol] as number;
        if (child === -1) {
          next[base + symbol] = fallback;
          continue;
        }
        fail[child] = fallback;
        outputLink[child] = (ends[fallback]?.length ?? 0) > 0 ? fallback : (outputLink[fallback] as number);
        queue[tail++] = child;
      }
    }

    const flag = new Int32Array(states);
    for (let state = 0; state < states; state++) {
      flag[state] = (ends[state]?.length ?? 0) > 0 || outputLink[state] !== 0 ? 1 : 0;
    }
    const table = next.subarray(0, states * width);
    for (let i = 0; i < table.length; i++) {
      const state = table[i] as number;
      table[i] = state * width * 2 + (flag[state] as number);
    }

    this.ownStart = new Int32Array(states + 1);
    let total = 0;
    for (let state = 0; state < states; state++) {
      this.ownStart[state] = total;
      total += ends[state]?.length ?? 0;
    }
    this.ownStart[states] = total;
    this.own = Int32Array.from(ends.flat());
    this.classes = classes;
    this.nonAscii = nonAscii;
    this.width = width;
    this.next = table;
    this.outputLink = outputLink;
  }

  /** Sets `hits[g]` to 1 for every group g one of whose needles occurs in `text`. */
  scan(text: string, hits: Uint8Array): void {
    const { classes, nonAscii, next } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const entry = next[row + (code < 128 ? (classes[code] as number) : nonAscii)] as number;
      row = entry >> 1;
      if ((entry & 1) === 1) this.mark(row / this.width, hits);
    }
  }

  private mark(state: number, hits: Uint8Array): void {
    const { ownStart, own, outputLink } = this;
    for (let at = state; at !== 0; at = outputLink[at] as number) {
      const to = ownStart[at + 1] as number;
      for (let k = ownStart[at] as number; k < to; k++) hits[own[k] as number] = 1;
    }
  }
}
