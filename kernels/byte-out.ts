/** Text as bytes without a JS string per value: the byte buffer and the number and time writers the text formats share. */
import type { ChunkDesc } from './vec.js';
import { civilFromDays } from './eval/calendar.js';

const MS_PER_DAY = 86_400_000;

/**
 * A growing byte buffer that text is written into as UTF-8: the writers of CSV and JSON fill
 * one per piece of rows, numbers and dates digit by digit, without a JS string each.
 *
 * @example
 * const out = new ByteOut();
 * out.int(-42);
 * out.bytes.subarray(0, out.at); // the bytes of "-42"
 */
export class ByteOut {
  bytes = new Uint8Array(1 << 16);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.at + n, 2 * this.bytes.length));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  put(b: Uint8Array, from = 0, to = b.length): void {
    const n = to - from;
    this.room(n);
    if (n < 16) for (let i = from; i < to; i++) this.bytes[this.at++] = b[i]!;
    else {
      this.bytes.set(b.subarray(from, to), this.at);
      this.at += n;
    }
  }

  /**
   * The bytes written, copied into shared memory: a piece made in a worker then reaches the
   * writing thread without another copy (a plain buffer is copied again on the way).
   */
  shared(): Uint8Array {
    const bytes = new Uint8Array(new SharedArrayBuffer(this.at));
    bytes.set(this.bytes.subarray(0, this.at));
    return bytes;
  }

  /** ASCII text (numbers, NaN, inf): one byte per UTF-16 unit. */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.at++] = s.charCodeAt(i);
  }

  /** A non-negative integer below 2^53 in decimal, `width` digits at least (zeros in front). */
  digits(x: number, width = 1): void {
    let n = 1;
    for (let p = 10; p <= x; p *= 10) n++;
    if (n < width) n = width;
    this.room(n);
    for (let i = this.at + n - 1; i >= this.at; i--) {
      this.bytes[i] = 0x30 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.at += n;
  }

  int(x: number): void {
    if (x < 0) {
      this.room(1);
      this.bytes[this.at++] = 0x2d;
      this.digits(-x);
    } else this.digits(x);
  }
}

/**
 * Write `x` as String(x) would, without making the string, when it has at most six decimals and
 * lies in [1e-6, 1e9) or is an integer below 2^53 (most data): returns false, having written
 * nothing, for any other value. In that range doubles lie closer than 5e-7 apart, so at most one
 * number of six decimals reads back as `x`; when `round(x * 1e6) / 1e6` is `x` that number's
 * digits, trailing zeros dropped, are the shortest text that reads back as `x`, which is what
 * String gives.
 *
 * @example
 * if (!writeShortDecimal(x, out)) out.ascii(String(x));
 */
export function writeShortDecimal(x: number, out: ByteOut): boolean {
  if (Number.isSafeInteger(x)) {
    if (Object.is(x, -0)) out.ascii('-0');
    else out.int(x);
    return true;
  }
  const a = Math.abs(x);
  if (!(a >= 1e-6 && a < 1e9)) return false;
  const m = Math.round(a * 1e6);
  if (m / 1e6 !== a) return false;
  if (x < 0) out.ascii('-');
  out.digits(Math.floor(m / 1e6));
  let frac = m % 1e6;
  let width = 6;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  out.ascii('.');
  out.digits(frac, width);
  return true;
}

/**
 * A UTC time (ms since the epoch) as `Date.prototype.toISOString` writes it
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, a year outside 0-9999 as a sign and six digits), or its date
 * part alone (`YYYY-MM-DD`) when `dateOnly`.
 *
 * @example
 * writeIso(0, false, out); // 1970-01-01T00:00:00.000Z
 */
export function writeIso(ms: number, dateOnly: boolean, out: ByteOut): void {
  const days = Math.floor(ms / MS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  if (year >= 0 && year <= 9999) out.digits(year, 4);
  else {
    out.ascii(year < 0 ? '-' : '+');
    out.digits(Math.abs(year), 6);
  }
  out.ascii('-');
  out.digits(month, 2);
  out.ascii('-');
  out.digits(day, 2);
  if (dateOnly) return;
  const ofDay = ms - days * MS_PER_DAY;
  out.ascii('T');
  out.digits(Math.floor(ofDay / 3_600_000), 2);
  out.ascii(':');
  out.digits(Math.floor(ofDay / 60_000) % 60, 2);
  out.ascii(':');
  out.digits(Math.floor(ofDay / 1000) % 60, 2);
  out.ascii('.');
  out.digits(ofDay % 1000, 3);
  out.ascii('Z');
}

/** Text entries as UTF-8: code `first + c` is bytes [offsets[c], offsets[c + 1]) of `bytes`. */
export interface TextSegment {
  readonly first: number;
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

/**
 * Finds a code's bytes among a dictionary's segments. Rows mostly read codes near the last one (a
 * column read plain has one segment per parsed range, codes rising with the rows), so the segment
 * of the previous code is tried first.
 *
 * @example
 * const text = new TextEntries(segments);
 * text.seek(7);
 * out.put(text.bytes, text.from, text.to);
 */
export class TextEntries {
  bytes: Uint8Array;
  from = 0;
  to = 0;
  /** The segment of the entry sought last, and the entry's place in it. */
  segment = 0;
  at = 0;
  private first: number;
  private offsets: Int32Array;

  constructor(private readonly segments: readonly TextSegment[]) {
    const s = segments[0] ?? { first: 0, bytes: new Uint8Array(0), offsets: new Int32Array(1) };
    this.bytes = s.bytes;
    this.first = s.first;
    this.offsets = s.offsets;
  }

  /** Point `bytes`, `from` and `to` (and `segment`, `at`) at the entry of `code`. */
  seek(code: number): void {
    let at = code - this.first;
    if (at < 0 || at >= this.offsets.length - 1) {
      const segs = this.segments;
      let lo = 0;
      let hi = segs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (segs[mid]!.first <= code) lo = mid;
        else hi = mid - 1;
      }
      const s = segs[lo]!;
      this.segment = lo;
      this.bytes = s.bytes;
      this.first = s.first;
      this.offsets = s.offsets;
      at = code - s.first;
    }
    this.at = at;
    this.from = this.offsets[at]!;
    this.to = this.offsets[at + 1]!;
  }
}

/**
 * The chunks that hold rows [start, end) of a column whose chunk `k` starts at row `starts[k]`,
 * and the row where the first of them starts: what a piece's task carries instead of every chunk.
 *
 * @example
 * chunksFor(chunks, [0, 65_536, 131_072], 70_000, 80_000); // { chunks: [chunks[1]], first: 65_536 }
 */
export function chunksFor(
  chunks: readonly ChunkDesc[],
  starts: readonly number[],
  start: number,
  end: number,
): { chunks: ChunkDesc[]; first: number } {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= start) lo = mid;
    else hi = mid - 1;
  }
  let k = lo;
  while (k < chunks.length && starts[k]! < end) k++;
  return { chunks: chunks.slice(lo, Math.max(k, lo + 1)), first: starts[lo] ?? 0 };
}

/**
 * A function that writes the next row of a column each time it is called, from row `start` of
 * its stored chunks on: `value(chunk, j)` for a valid row, `nothing()` for a null one.
 *
 * @example
 * const next = columnRows(chunks, 65_536, (c, j) => out.int((c.values as Int32Array)[j]!), () => out.ascii('null'));
 */
export function columnRows(
  chunks: readonly ChunkDesc[],
  start: number,
  value: (chunk: ChunkDesc, j: number) => void,
  nothing: () => void,
): () => void {
  let c = 0;
  let j = start;
  while (c < chunks.length && j >= chunks[c]!.length) j -= chunks[c++]!.length;
  return () => {
    while (j >= chunks[c]!.length) {
      c++;
      j = 0;
    }
    const chunk = chunks[c]!;
    const v = chunk.validity;
    if (v !== null && ((v[j >> 3]! >> (j & 7)) & 1) === 0) nothing();
    else value(chunk, j);
    j++;
  };
}
