/**
 * Forward search for one fixed needle inside one line `s[from, to)` of a larger string (a whole
 * chunk), where `String.prototype.indexOf` alone would run past the line's end to the chunk's end
 * whenever the line lacks the needle — quadratic over a chunk of such lines.
 *
 * Each finder remembers its last search: the first occurrence at or after `searchedFrom`. A later
 * search in the same string from a position between `searchedFrom` and that occurrence has the
 * same answer, so lines walked front to back cost one pass over the string per finder, however
 * many of them lack the needle. Searching backwards, or in another string, searches afresh.
 */
export class LineFinder {
  private readonly needle: string;
  private text = "";
  private searchedFrom = 0;
  private hit = -1;
  /** Characters passed over by the searches that ran; lets tests check the work done. */
  scanned = 0;

  constructor(needle: string) {
    this.needle = needle;
  }

  /** Start of the first whole occurrence of the needle in `s[from, to)`, or -1. */
  find(s: string, from: number, to: number): number {
    if (s !== this.text || from < this.searchedFrom || (this.hit >= 0 && this.hit < from)) {
      this.hit = s.indexOf(this.needle, from);
      this.searchedFrom = from;
      this.scanned += (this.hit < 0 ? s.length : this.hit) - from;
    }
    // Equal text in a new string object: keep the answer, and make the next comparison a pointer check.
    this.text = s;
    const hit = this.hit;
    return hit >= 0 && hit + this.needle.length <= to ? hit : -1;
  }
}
