/** A column's distinct byte strings on the calling thread, unified from the threads' encoded dictionaries by the hashes they carry. */
import { decodeEntries, isAscii } from './dictionary.js';

/** Int32s per table slot: the hash and code + 1 (0: empty). The bytes stay in the arena. */
const SLOT_INTS = 2;

/**
 * Distinct byte strings in the order they were added; a value's code is its position. Entries
 * come from encoded dictionaries (bytes, offsets and each entry's hash, see ByteDictionary.encoded),
 * so nothing is hashed here.
 *
 * Unlike the tokenizer's ByteDictionary, whose 32-byte slots hold short values inline so that a
 * hit per row reads one cache line, a slot here is 8 bytes (hash and code): the calling thread
 * looks up each entry once, a million-value column's entries are mostly new (a miss never reads
 * the bytes), and a table a quarter the size is a quarter the memory traffic to fill and rebuild.
 * Entries appended without a search (appendNew) enter the table only when something is next looked
 * up, so a column whose values all come from one thread never builds one.
 *
 * @example
 * const col = new ColumnBytes();
 * col.appendNew(e.bytes, e.offsets, e.hashes, 0, n); // codes 0 .. n-1
 * col.intern(f.bytes, f.offsets, f.hashes, 0); // the code of another thread's first entry
 */
export class ColumnBytes {
  private count = 0;
  private indexed = 0;
  private table = new Int32Array(SLOT_INTS * 1024);
  private mask = 1023;
  /** Arena offset of each code's bytes, plus the arena end. */
  private starts = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private arena = new Uint8Array(1024);
  private arenaLength = 0;

  get size(): number {
    return this.count;
  }

  /** Room for `count` values in all without the table growing on the way. */
  reserve(count: number): void {
    let slots = this.mask + 1;
    while (4 * count > 3 * slots) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
  }

  /** Append entries [from, to), known to differ from one another and from every value here: the next codes, in order. */
  appendNew(bytes: Uint8Array, offsets: Int32Array, hashes: Int32Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    this.roomForCodes(this.count + n);
    const start = offsets[from]!;
    const at = this.append(bytes, start, offsets[to]!);
    for (let c = 0; c < n; c++) {
      this.starts[this.count + c] = at + offsets[from + c]! - start;
      this.hashes[this.count + c] = hashes[from + c]!;
    }
    this.count += n;
    this.starts[this.count] = this.arenaLength;
  }

  /** The code of entry `c`, adding it when new. */
  intern(bytes: Uint8Array, offsets: Int32Array, hashes: Int32Array, c: number): number {
    if (this.indexed < this.count) this.index();
    const start = offsets[c]!;
    const len = offsets[c + 1]! - start;
    const h = hashes[c]!;
    const table = this.table;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = SLOT_INTS * slot;
      const code = table[at + 1]! - 1;
      if (code < 0) return this.insert(bytes, start, start + len, h, at);
      if (table[at] === h && this.equals(code, bytes, start, len)) return code;
    }
  }

  /** Whether the bytes of values from code `from` on are all ASCII. */
  asciiFrom(from: number): boolean {
    return isAscii(this.arena, this.starts[from]!, this.arenaLength);
  }

  /** Values [from, to) as JS strings. */
  decode(from: number, to: number): string[] {
    return decodeEntries(this.arena, this.starts, from, to);
  }

  /** A function giving values [from, to) as JS strings, holding a copy of just their bytes. */
  decodeLater(from: number, to: number): () => string[] {
    const base = this.starts[from]!;
    const bytes = this.arena.slice(base, this.starts[to]!);
    const starts = this.starts.slice(from, to + 1);
    for (let c = 0; c < starts.length; c++) starts[c] = starts[c]! - base;
    return () => decodeEntries(bytes, starts, 0, to - from);
  }

  private equals(code: number, bytes: Uint8Array, start: number, len: number): boolean {
    const off = this.starts[code]!;
    if (this.starts[code + 1]! - off !== len) return false;
    const arena = this.arena;
    for (let k = 0; k < len; k++) if (arena[off + k] !== bytes[start + k]) return false;
    return true;
  }

  private insert(bytes: Uint8Array, start: number, end: number, h: number, at: number): number {
    const code = this.count;
    this.roomForCodes(code + 1);
    this.starts[code] = this.append(bytes, start, end);
    this.hashes[code] = h;
    this.count = code + 1;
    this.starts[code + 1] = this.arenaLength;
    this.indexed = this.count;
    this.table[at] = h;
    this.table[at + 1] = code + 1;
    if (4 * this.count > 3 * (this.mask + 1)) this.rehash(2 * (this.mask + 1));
    return code;
  }

  /** Put the codes appended since the last lookup into the table, grown once for all of them. */
  private index(): void {
    this.reserve(this.count);
    const table = this.table;
    const mask = this.mask;
    const hashes = this.hashes;
    for (let code = this.indexed; code < this.count; code++) {
      const h = hashes[code]!;
      let slot = h & mask;
      while (table[SLOT_INTS * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[SLOT_INTS * slot] = h;
      table[SLOT_INTS * slot + 1] = code + 1;
    }
    this.indexed = this.count;
  }

  private rehash(slots: number): void {
    const old = this.table;
    const table = new Int32Array(SLOT_INTS * slots);
    const mask = slots - 1;
    for (let k = 0; k < old.length; k += SLOT_INTS) {
      const code1 = old[k + 1]!;
      if (code1 === 0) continue;
      let slot = old[k]! & mask;
      while (table[SLOT_INTS * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[SLOT_INTS * slot] = old[k]!;
      table[SLOT_INTS * slot + 1] = code1;
    }
    this.table = table;
    this.mask = mask;
  }

  private roomForCodes(codes: number): void {
    if (codes + 1 <= this.starts.length) return;
    let size = this.starts.length * 2;
    while (size < codes + 1) size *= 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** Copy bytes [start, end) to the arena's end; returns where they start. */
  private append(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (this.arenaLength + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(1024, (this.arenaLength + len) * 2));
      bigger.set(this.arena.subarray(0, this.arenaLength));
      this.arena = bigger;
    }
    const at = this.arenaLength;
    this.arena.set(bytes.subarray(start, end), at);
    this.arenaLength += len;
    return at;
  }
}
