/** Dictionary encoding of byte strings: hash the bytes, decode each distinct value to a JS string once. */
import { asciiText } from './ascii.js';
import { keepShape } from '../keep-shape.js';

// a BOM inside the data is a character of the value, not a mark to drop
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const INITIAL_SLOTS = 1024;
/** Values up to this many bytes live inside their table slot, as KEY_WORDS little-endian words. */
const INLINE_BYTES = 20;
const KEY_WORDS = INLINE_BYTES / 4;
/**
 * Int32s per table slot: hash, code + 1 (0: empty), length, then the value's bytes when they
 * fit (zero-padded words), else its arena offset. 32 bytes, so a slot never straddles a cache line.
 * intern() repeats this value and INLINE_BYTES as locals.
 */
const SLOT_INTS = 3 + KEY_WORDS;

/** murmur3's fmix32: spreads every input bit over the low bits that pick the slot. Bijective. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** One hashing step per 4-byte word: a bijection of the state for any fixed word. */
function step(h: number, word: number): number {
  // A local, not a module constant: V8 folds locals into the compiled code (see intern).
  const GOLDEN = 0x9e3779b1 | 0;
  h = Math.imul(h ^ word, GOLDEN);
  return (h << 13) | (h >>> 19);
}

/** The last 1-3 bytes of a value as a zero-padded little-endian word. */
function tailWord(bytes: Uint8Array, k: number, end: number): number {
  let w = 0;
  for (let shift = 0; k < end; k++, shift += 8) w |= bytes[k]! << shift;
  return w;
}

/**
 * Hash of bytes [start, end) read as zero-padded little-endian words through `view` (a DataView
 * of `bytes`). Every step is a bijection and the length seeds the state, so two values of equal
 * length that differ in a single word never collide.
 */
export function hashBytes(bytes: Uint8Array, view: DataView, start: number, end: number): number {
  let h = end - start;
  let k = start;
  for (; k + 4 <= end; k += 4) h = step(h, view.getInt32(k, true));
  if (k < end) h = step(h, tailWord(bytes, k, end));
  return mix(h);
}

/** A DataView over exactly the bytes of `bytes`. */
function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether bytes [start, end) are all ASCII. */
export function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  let acc = 0;
  for (let i = start; i < end; i++) acc |= bytes[i]!;
  return acc < 0x80;
}

/**
 * Entries [from, to) of an arena as JS strings, code c being bytes [starts[c], starts[c + 1]).
 * When they are all ASCII (the common case), one TextDecoder call over their bytes plus a
 * substring per value, instead of a decoder call per value, which cost more than an insert.
 */
export function decodeEntries(arena: Uint8Array, starts: Int32Array, from: number, to: number): string[] {
  const out: string[] = [];
  if (from >= to) return out;
  const base = starts[from]!;
  const end = starts[to]!;
  if (isAscii(arena, base, end)) {
    const text = decoder.decode(arena.subarray(base, end));
    for (let c = from; c < to; c++) out.push(text.substring(starts[c]! - base, starts[c + 1]! - base));
    return out;
  }
  for (let c = from; c < to; c++) {
    const off = starts[c]!;
    const stop = starts[c + 1]!;
    out.push(isAscii(arena, off, stop) ? asciiText(arena, off, stop) : decoder.decode(arena.subarray(off, stop)));
  }
  return out;
}

/** Below this length a byte loop copies faster than creating a subarray view for `set`. */
const SHORT_COPY = 32;

/**
 * Distinct byte strings in first-seen order; a value's code is its index in `values`.
 *
 * An open-addressing table (linear probing, at most 3/4 full) holds one 32-byte slot per value:
 * hash, code, length and, for values up to 20 bytes (most keys), the bytes themselves. A hit then
 * reads one cache line. With 100K distinct values the table no longer fits in L2, and every
 * further dependent read (an entry array, the value's bytes elsewhere) measured as a cache miss
 * per row. Longer values are compared against their copy in the arena.
 *
 * Every distinct value's bytes are also copied once into an arena the dictionary owns: it is
 * what `values` decodes, so the dictionary does not depend on the input buffer, which a worker
 * may reuse for its next range. Interning never creates a JS string: `values` decodes the entries
 * added since it was last read, all at once. When those bytes are ASCII (the common case) that is
 * one TextDecoder call over the arena plus a substring per value, instead of a decoder call per
 * value, which cost more than the rest of an insert.
 *
 * Equality is byte equality: invalid UTF-8 decodes with U+FFFD, so two different invalid byte
 * strings may decode to the same JS string.
 *
 * @example
 * const dict = new ByteDictionary();
 * const code = dict.intern(bytes, 4, 9); // dict.values[code] is the decoded text
 */
export class ByteDictionary {
  /**
   * @param plain every value interned becomes a new entry, with no lookup (`intern` appends): for
   * a near-unique column, whose table would hold nearly every row anyway and cost a cache miss
   * per row to fill. Entries may then repeat; codes still number the rows' values in order.
   */
  constructor(readonly plain = false) {}

  private readonly decoded: string[] = [];
  private count = 0;
  private table: Int32Array = new Int32Array(SLOT_INTS * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  /** Arena offset of each code's bytes, plus the arena end: code c spans [starts[c], starts[c + 1]). */
  private starts: Int32Array = new Int32Array(INITIAL_SLOTS);
  /** Each code's hash, so a dictionary that takes these entries over never hashes their bytes again. */
  private hashes: Int32Array = new Int32Array(INITIAL_SLOTS);
  private arena: Uint8Array = new Uint8Array(1024);
  private arenaView: DataView = viewOf(this.arena);
  private arenaLength = 0;
  /** The words of the value being interned, when it fits a slot. */
  private readonly key = new Int32Array(KEY_WORDS);
  /** The last buffer interned from and a view of it: parsing alternates at most input and scratch. */
  private viewed: Uint8Array = this.arena;
  private view: DataView = this.arenaView;

  get size(): number {
    return this.count;
  }

  /** Values the table holds before it next grows. */
  get capacity(): number {
    return ((this.mask + 1) * 3) >>> 2;
  }

  /** The distinct values as JS strings, indexed by code. */
  get values(): string[] {
    const from = this.decoded.length;
    if (from === this.count) return this.decoded;
    for (const v of decodeEntries(this.arena, this.starts, from, this.count)) this.decoded.push(v);
    return this.decoded;
  }

  /** Whether the bytes of every value from code `from` on are ASCII. */
  asciiFrom(from: number): boolean {
    return isAscii(this.arena, this.starts[from]!, this.arenaLength);
  }

  /**
   * The values from code `base` on as UTF-8 bytes, copied into shared memory so they cross
   * threads without a copy: code base + c is bytes [offsets[c], offsets[c + 1]).
   */
  encoded(base = 0): { bytes: Uint8Array; offsets: Int32Array; hashes: Int32Array; base: number } {
    const from = this.starts[base]!;
    const bytes = new Uint8Array(new SharedArrayBuffer(this.arenaLength - from));
    bytes.set(this.arena.subarray(from, this.arenaLength));
    const offsets = new Int32Array(new SharedArrayBuffer(4 * (this.count - base + 1)));
    for (let c = base; c <= this.count; c++) offsets[c - base] = this.starts[c]! - from;
    // a plain dictionary hashes nothing: its entries are never interned elsewhere by hash
    const hashes = new Int32Array(new SharedArrayBuffer(this.plain ? 0 : 4 * (this.count - base)));
    if (!this.plain) hashes.set(this.hashes.subarray(base, this.count));
    return { bytes, offsets, hashes, base };
  }

  /** Room in starts and hashes for codes below `codes` (and the arena end after them). */
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

  /**
   * Room for `count` values in all without growing the table on the way: one rehash now instead
   * of one per doubling while they are interned.
   *
   * @example
   * dict.reserve(dict.size + incoming); // before interning a batch known to bring that many at most
   */
  reserve(count: number): void {
    let slots = this.mask + 1;
    while (4 * count > 3 * slots) slots *= 2;
    if (slots > this.mask + 1) this.rehash(slots);
  }

  /** The code of bytes [start, end), adding it when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (this.plain) return this.append(bytes, start, end);
    // Local copies: V8 folds local constants into the compiled loop but reloads module-level ones.
    const SLOTS = 8;
    const INLINE = 20;
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = viewOf(bytes);
    }
    const view = this.view;
    const len = end - start;
    const key = this.key;
    const inline = len <= INLINE;
    // hashBytes, keeping the words of a short value for the comparison.
    let h = len;
    let k = start;
    let w = 0;
    for (; k + 4 <= end; k += 4) {
      const word = view.getInt32(k, true);
      if (inline) key[w++] = word;
      h = step(h, word);
    }
    if (k < end) {
      const word = tailWord(bytes, k, end);
      if (inline) key[w++] = word;
      h = step(h, word);
    }
    h = mix(h);
    const table = this.table;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = SLOTS * slot;
      const code = table[at + 1]! - 1;
      if (code < 0) return this.insert(bytes, start, end, h, at);
      if (table[at] !== h || table[at + 2] !== len) continue;
      if (inline) {
        let q = 0;
        while (q < w && table[at + 3 + q] === key[q]) q++;
        if (q === w) return code;
      } else if (this.equals(table[at + 3]!, bytes, view, start, len)) return code;
    }
  }

  /** Whether the arena bytes at `base` equal bytes [start, start + len), a word at a time while four remain. */
  private equals(base: number, bytes: Uint8Array, view: DataView, start: number, len: number): boolean {
    const arenaView = this.arenaView;
    let k = 0;
    for (; k + 4 <= len; k += 4) if (arenaView.getInt32(base + k, true) !== view.getInt32(start + k, true)) return false;
    const arena = this.arena;
    for (; k < len; k++) if (arena[base + k] !== bytes[start + k]) return false;
    return true;
  }

  /** A plain dictionary's intern: bytes [start, end) as the next entry, unhashed. */
  private append(bytes: Uint8Array, start: number, end: number): number {
    const code = this.count++;
    if (code + 2 > this.starts.length) this.roomForCodes(code + 1);
    this.starts[code] = this.copyToArena(bytes, start, end);
    this.starts[code + 1] = this.arenaLength;
    return code;
  }

  /** Adds bytes [start, end) with hash `h` at the empty slot starting at table[at]; key holds its words if short. */
  private insert(bytes: Uint8Array, start: number, end: number, h: number, at: number): number {
    const code = this.count++;
    if (code + 2 > this.starts.length) this.roomForCodes(code + 1);
    const len = end - start;
    const offset = this.copyToArena(bytes, start, end);
    this.starts[code] = offset;
    this.starts[code + 1] = this.arenaLength;
    this.hashes[code] = h;
    const table = this.table;
    table[at] = h;
    table[at + 1] = code + 1;
    table[at + 2] = len;
    if (len <= INLINE_BYTES) for (let q = 0; q < (len + 3) >>> 2; q++) table[at + 3 + q] = this.key[q]!;
    else table[at + 3] = offset;
    if (4 * this.count > 3 * (this.mask + 1)) this.rehash();
    return code;
  }

  private copyToArena(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (this.arenaLength + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(1024, (this.arenaLength + len) * 2));
      bigger.set(this.arena.subarray(0, this.arenaLength));
      this.arena = bigger;
      this.arenaView = viewOf(bigger);
    }
    const at = this.arenaLength;
    const arena = this.arena;
    if (len < SHORT_COPY) for (let k = 0; k < len; k++) arena[at + k] = bytes[start + k]!;
    else arena.set(bytes.subarray(start, end), at);
    this.arenaLength += len;
    return at;
  }

  private rehash(slots = 2 * (this.mask + 1)): void {
    const old = this.table;
    const table = new Int32Array(SLOT_INTS * slots);
    const mask = slots - 1;
    for (let k = 0; k < old.length; k += SLOT_INTS) {
      if (old[k + 1] === 0) continue;
      let slot = old[k]! & mask;
      while (table[SLOT_INTS * slot + 1] !== 0) slot = (slot + 1) & mask;
      const at = SLOT_INTS * slot;
      for (let q = 0; q < SLOT_INTS; q++) table[at + q] = old[k + q]!;
    }
    this.table = table;
    this.mask = mask;
  }
}

// a scan's dictionaries die when it ends (see keepShape)
keepShape(new ByteDictionary());
