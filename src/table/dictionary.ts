/** The string dictionary behind a Utf8 column: codes in the chunks index into it. */
import { isUtf8 } from 'node:buffer';
import type { TextSegment } from '../../kernels/byte-out.js';
import { InternalError } from '../errors.js';
import { decodeEntries } from '../../kernels/csv/dictionary.js';
import { sharedBytes, sharedInt32 } from './buffers.js';

/** A plain dictionary decodes entries one by one this many times, then all of them at once. */
const SINGLE_DECODES = 4096;

/** Entries of a plain dictionary as bytes: code first + c is bytes [offsets[c], offsets[c + 1]). */
export type EncodedSegment = TextSegment;

/**
 * An append-only list of distinct strings (or, made by Dictionary.plain, of strings that may
 * repeat). Codes are positions in `values`.
 * The Arrow Utf8 layout (offsets + bytes in shared memory) is built on demand for `toArrow()`,
 * and so is the lookup from a string to its code: a CSV read appends values it knows to be
 * distinct (appendDistinct), and most dictionaries are never searched by string. A CSV read may
 * even append values by count (appendLater), whose strings are made when `values` is first read:
 * a million-value column's strings cost more to make than to parse, and a query that groups or
 * joins on codes never reads them.
 *
 * @example
 * const d = new Dictionary(['a', 'b']);
 * d.intern('c'); // 2
 * d.codeOf('b'); // 1
 */
export class Dictionary {
  /**
   * A dictionary whose entries may repeat: a column read plain (a near-unique Utf8 column) has an
   * entry for every non-null row, appended by its bytes (appendEncoded) and never searched. Its
   * codes still decode, so rows can be gathered and read through it, but two codes may name one
   * string: anything that compares codes reads the column's keyed form (see `Column.chunks`),
   * which numbers each distinct string once. Searching a plain dictionary is an internal error.
   *
   * @example
   * const d = Dictionary.plain();
   * d.appendEncoded(bytes, offsets); // one entry per offset pair, repeats included
   */
  static plain(): Dictionary {
    const d = new Dictionary();
    d.isPlain = true;
    return d;
  }

  private isPlain = false;
  /** Entries of a plain dictionary decoded one at a time so far (see get). */
  private singles = 0;
  /** A plain dictionary's entries as UTF-8 bytes: segment s holds codes [first, first + offsets.length - 1). */
  private readonly segments: EncodedSegment[] = [];
  private readonly list: string[] = [];
  /** Values appended by count, in order, not yet made into strings (see appendLater). */
  private pending: { count: number; decode: () => readonly string[] }[] = [];
  private pendingCount = 0;
  /** From each value to its code, once something searched by string; kept up to date after that. */
  private lookup: Map<string, number> | null = null;
  private arrow: { offsets: Int32Array; data: Uint8Array; size: number } | null = null;

  constructor(values: readonly string[] = []) {
    for (const v of values) this.intern(v);
  }

  /** The values, indexed by code (those appended by count are made into strings now). */
  get values(): string[] {
    if (this.pendingCount > 0) this.materialize();
    return this.list;
  }

  get size(): number {
    return this.list.length + this.pendingCount;
  }

  /** Whether each string has one code: false for a plain dictionary (see Dictionary.plain). */
  get distinct(): boolean {
    return !this.isPlain;
  }

  /**
   * A plain dictionary's next entries: the UTF-8 strings bytes [offsets[c], offsets[c + 1]), one
   * per c, kept as bytes (made into strings when `values` is next read). Returns the first's code.
   *
   * @example
   * const base = d.appendEncoded(e.bytes, e.offsets); // this range's codes c become base + c
   */
  appendEncoded(bytes: Uint8Array, offsets: Int32Array): number {
    if (!this.isPlain) throw new InternalError('appendEncoded is for plain dictionaries: a dictionary of distinct values interns');
    const count = offsets.length - 1;
    const first = this.size;
    if (count > 0) {
      this.segments.push({ first, bytes, offsets });
      this.appendLater(count, () => decodeEntries(bytes, offsets, 0, count));
    }
    return first;
  }

  /** A plain dictionary's entries as bytes, in code order (see appendEncoded). */
  get encodedSegments(): readonly EncodedSegment[] {
    return this.segments;
  }

  /**
   * Append `count` values that the caller knows to differ from one another and from every value
   * here, as appendDistinct, but made into strings only when `values` is next read: `decode`
   * then gives them, in code order. Returns the code of the first.
   *
   * @example
   * const first = d.appendLater(2, () => ['x', 'y']); // d.size grew by 2; nothing decoded yet
   */
  appendLater(count: number, decode: () => readonly string[]): number {
    const first = this.size;
    if (count > 0) {
      this.pending.push({ count, decode });
      this.pendingCount += count;
    }
    return first;
  }

  private materialize(): void {
    const pending = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    for (const p of pending) {
      const values = p.decode();
      if (values.length !== p.count) throw new InternalError(`dictionary expected ${p.count} decoded values, got ${values.length}`);
      this.push(values, 0, values.length);
    }
  }

  /** The code of `s`, adding it when new. */
  intern(s: string): number {
    this.refusePlain('intern');
    const lookup = this.search();
    let code = lookup.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      lookup.set(s, code);
    }
    return code;
  }

  /**
   * Append values [from, to) of `values`, which the caller knows to differ from one another and
   * from every value already here (decoded from distinct ASCII byte strings, say): nothing is
   * searched. Returns the code of the first.
   */
  appendDistinct(values: readonly string[], from: number, to: number): number {
    this.refusePlain('appendDistinct');
    return this.push(values, from, to);
  }

  private push(values: readonly string[], from: number, to: number): number {
    const list = this.values;
    const first = list.length;
    for (let i = from; i < to; i++) list.push(values[i]!);
    if (this.lookup !== null) for (let i = from; i < to; i++) this.lookup.set(values[i]!, first + i - from);
    return first;
  }

  /** The code of `s`, or -1 when absent. */
  codeOf(s: string): number {
    this.refusePlain('codeOf');
    return this.search().get(s) ?? -1;
  }

  private refusePlain(what: string): void {
    if (this.isPlain)
      throw new InternalError(`${what} on a plain dictionary, whose codes may repeat a string: read the column's keyed form`);
  }

  /** The lookup from string to code, built on first use. */
  private search(): Map<string, number> {
    // values appended by count enter the lookup as they are made into strings (appendDistinct)
    if (this.pendingCount > 0) this.materialize();
    if (this.lookup === null) {
      const lookup = new Map<string, number>();
      this.values.forEach((v, code) => lookup.set(v, code));
      this.lookup = lookup;
    }
    return this.lookup;
  }

  get(code: number): string {
    // a plain dictionary's entries not yet made into strings: decode this one from its bytes
    // (printing the head of a ten-million-row column must not make ten million strings), until
    // so many were asked for one by one that making them all at once is cheaper
    if (this.isPlain && code >= this.list.length && code < this.size && this.singles++ < SINGLE_DECODES) return this.decodeOne(code);
    const v = this.values[code];
    if (v === undefined) throw new InternalError(`dictionary code ${code} out of range (size ${this.values.length})`);
    return v;
  }

  private decodeOne(code: number): string {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid]!.first <= code) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segments[lo]!;
    const at = code - seg.first;
    return decodeEntries(seg.bytes, seg.offsets.subarray(at, at + 2), 0, 1)[0]!;
  }

  /**
   * The entries as UTF-8 in shared memory, for the text writers' kernels: a plain dictionary's own
   * segments (its entries arrived as bytes and stay so) when they are valid UTF-8, else the Arrow
   * buffers (made once and kept; bytes that were not UTF-8 become the U+FFFD they read as).
   *
   * @example
   * const [seg] = new Dictionary(['a', 'bc']).utf8Segments(); // { first: 0, bytes: 'abc', offsets: [0, 1, 3] }
   */
  utf8Segments(): TextSegment[] {
    if (this.isPlain) {
      const covered = this.segments.reduce((n, s) => n + s.offsets.length - 1, 0);
      if (covered === this.size && this.segments.every((s) => isUtf8(s.bytes))) return [...this.segments];
    }
    const { offsets, data } = this.toArrowBuffers();
    return [{ first: 0, bytes: data, offsets }];
  }

  /** Arrow Utf8 buffers for the current values (rebuilt when the dictionary grew). */
  toArrowBuffers(): { offsets: Int32Array; data: Uint8Array } {
    if (this.arrow && this.arrow.size === this.values.length) return this.arrow;
    const enc = new TextEncoder();
    const parts = this.values.map((v) => enc.encode(v));
    const offsets = sharedInt32(parts.length + 1);
    let total = 0;
    parts.forEach((p, i) => {
      offsets[i] = total;
      total += p.length;
    });
    offsets[parts.length] = total;
    const data = sharedBytes(total);
    parts.forEach((p, i) => data.set(p, offsets[i]!));
    this.arrow = { offsets, data, size: this.values.length };
    return this.arrow;
  }
}
