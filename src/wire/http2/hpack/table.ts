/** An entry's size counts 32 octets of overhead (RFC 7541 §4.1). */
export function entrySize(name: string, value: string): number {
  return name.length + value.length + 32;
}

/**
 * The HPACK dynamic table (RFC 7541 §2.3.2, §4): newest entry first, evicting the oldest while
 * the size exceeds the capacity. Entries live in an array oldest-first with a moving start.
 */
export class DynamicTable {
  #entries: (readonly [string, string])[] = [];
  #start = 0;
  #size = 0;
  #capacity: number;
  /** Entries ever inserted; the newest has insertion number `inserted`. */
  #inserted = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#size;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get length(): number {
    return this.#entries.length - this.#start;
  }

  get inserted(): number {
    return this.#inserted;
  }

  /** Insertion number of the oldest entry still present. */
  get oldest(): number {
    return this.#inserted - this.length + 1;
  }

  /** 1-based dynamic index, 1 being the newest entry. */
  get(index: number): readonly [string, string] | undefined {
    if (index < 1 || index > this.length) return undefined;
    return this.#entries[this.#entries.length - index];
  }

  /** Dynamic index (1 = newest) of the entry with this insertion number, or undefined when evicted. */
  indexOf(insertion: number): number | undefined {
    if (insertion < this.oldest || insertion > this.#inserted) return undefined;
    return this.#inserted - insertion + 1;
  }

  add(name: string, value: string): void {
    const size = entrySize(name, value);
    this.#inserted++;
    // An entry larger than the table empties it and is not added (RFC 7541 §4.4).
    if (size > this.#capacity) {
      this.#evictTo(0);
      return;
    }
    this.#evictTo(this.#capacity - size);
    this.#entries.push([name, value]);
    this.#size += size;
  }

  resize(capacity: number): void {
    this.#capacity = capacity;
    this.#evictTo(capacity);
  }

  #evictTo(limit: number): void {
    while (this.#size > limit && this.#start < this.#entries.length) {
      const [name, value] = this.#entries[this.#start]!;
      this.#size -= entrySize(name, value);
      this.#start++;
    }
    if (this.#start > 64 && this.#start * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#start);
      this.#start = 0;
    }
  }
}
