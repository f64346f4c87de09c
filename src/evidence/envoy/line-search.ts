/**
 * Forward search for one fixed needle inside one line `s[from, to)` of a larger string (a whole
 * chunk), where `String.prototype.indexOf` alone would run past the line's end to the chunk's end
 * whenever the line lacks the needle — quadratic over a chunk of such lines.
 *
 * Each finder remembers its last search that ran past its line: the first occurrence at or after
 * where it started. A later search in the same string from a position between the two has the
 * same answer without searching, so lines walked front to back cost one pass over the string per
 * finder, however many of them lack the needle. Searches that end inside their line cost no more
 * than the line.
 */
export class LineFinder {
  private readonly needle: string;
  /** The last search that went past its line: from where, in which string, and what it found. */
  private missText = "";
  private missFrom = 0;
  /** The first occurrence at or after `missFrom` (the string's length when there is none). */
  private missAt = -1;
  /** Characters passed over by the searches that ran; lets tests check the work done. */
  scanned = 0;

  constructor(needle: string) {
    this.needle = needle;
  }

  /** Start of the first whole occurrence of the needle in `s[from, to)`, or -1. */
  find(s: string, from: number, to: number): number {
    const length = this.needle.length;
    if (from <= this.missAt && from >= this.missFrom && s === this.missText) {
      // An equal string may be another object: keep this one, so the next comparison is by pointer.
      this.missText = s;
      return this.missAt + length <= to ? this.missAt : -1;
    }
    const hit = s.indexOf(this.needle, from);
    this.scanned += (hit < 0 ? s.length : hit) - from;
    if (hit >= 0 && hit + length <= to) return hit;
    this.missText = s;
    this.missFrom = from;
    this.missAt = hit < 0 ? s.length : hit;
    return -1;
  }
}
