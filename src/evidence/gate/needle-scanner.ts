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
  private readonly next: Int32Array;
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;

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
        if (folded !== code) classes[code] = classes[folded] ?? 0;
      }
      if (folded >= 97 && folded <= 122) classes[folded - 32] = classes[folded] ?? 0;
      return classes[folded] ?? 0;
    };

    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    groups.forEach((needles, group) => {
      for (const needle of needles) {
        let state = 0;
        for (let i = 0; i < needle.length; i++) {
          const symbol = classOf(needle.charCodeAt(i));
          let child = children[state]?.get(symbol);
          if (child === undefined) {
            child = children.length;
            children.push(new Map());
            own.push([]);
            children[state]?.set(symbol, child);
          }
          state = child;
        }
        own[state]?.push(group);
      }
    });

    this.classes = classes;
    this.nonAscii = nonAscii;
    this.width = width;
    const states = children.length;
    const next = new Int32Array(states * width);
    const fail = new Int32Array(states);
    const outputsOf: Set<number>[] = own.map((list) => new Set(list));
    const queue: number[] = [];
    for (let symbol = 0; symbol < width; symbol++) {
      const child = children[0]?.get(symbol);
      if (child !== undefined) {
        next[symbol] = child;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const inherited = outputsOf[fail[state] ?? 0];
      for (const group of inherited ?? []) outputsOf[state]?.add(group);
      for (let symbol = 0; symbol < width; symbol++) {
        const child = children[state]?.get(symbol);
        const fallback = next[(fail[state] ?? 0) * width + symbol] ?? 0;
        if (child === undefined) {
          next[state * width + symbol] = fallback;
        } else {
          next[state * width + symbol] = child;
          fail[child] = fallback;
          queue.push(child);
        }
      }
    }
    this.next = next;

    this.outputStart = new Int32Array(states + 1);
    let total = 0;
    for (let state = 0; state < states; state++) {
      this.outputStart[state] = total;
      total += outputsOf[state]?.size ?? 0;
    }
    this.outputStart[states] = total;
    this.outputs = new Int32Array(total);
    let at = 0;
    for (const set of outputsOf) for (const group of set) this.outputs[at++] = group;
  }

  /** Sets `hits[g]` to 1 for every group g one of whose needles occurs in `text`. */
  scan(text: string, hits: Uint8Array): void {
    const { classes, nonAscii, width, next, outputStart, outputs } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = next[state * width + (code < 128 ? (classes[code] as number) : nonAscii)] as number;
      const from = outputStart[state] as number;
      const to = outputStart[state + 1] as number;
      for (let k = from; k < to; k++) hits[outputs[k] as number] = 1;
    }
  }
}
