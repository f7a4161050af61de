/** Append-only builder that writes values straight into fixed-size shared-memory chunks. */
import { InternalError } from '../errors.js';
import type { DataType, Values } from '../types/dtype.js';
import { allocValues, DEFAULT_CHUNK_SIZE, sharedBitmap } from './buffers.js';
import { makeChunk, type ChunkData } from './chunk.js';
import { Column } from './column.js';
import { Dictionary } from './dictionary.js';
import { dateToDays, type Scalar } from './scalar.js';

/**
 * Builds one column chunk by chunk: each chunk holds `chunkSize` rows (the last may hold fewer).
 *
 * @example
 * const b = new ColumnBuilder('x', 'Int32');
 * b.push(1); b.pushNull();
 * const col = b.finish();
 */
export class ColumnBuilder {
  private readonly done: ChunkData[] = [];
  private values: Values;
  private validity: Uint8Array;
  private n = 0;
  private nulls = 0;
  readonly dictionary: Dictionary | null;

  constructor(
    readonly name: string,
    readonly dtype: DataType,
    readonly chunkSize: number = DEFAULT_CHUNK_SIZE,
    dictionary?: Dictionary,
  ) {
    if (!(chunkSize >= 1)) throw new InternalError(`chunk size must be >= 1, got ${chunkSize}`);
    this.values = allocValues(dtype, chunkSize);
    this.validity = sharedBitmap(chunkSize);
    this.dictionary = dtype === 'Utf8' ? (dictionary ?? new Dictionary()) : null;
  }

  get length(): number {
    let n = this.n;
    for (const c of this.done) n += c.length;
    return n;
  }

  private advance(valid: boolean): void {
    if (valid) this.validity[this.n >> 3]! |= 1 << (this.n & 7);
    else this.nulls++;
    if (++this.n === this.chunkSize) this.seal();
  }

  private seal(): void {
    if (this.n === 0) return;
    let values = this.values;
    let validity = this.validity;
    if (this.n < this.chunkSize) {
      // trim the last chunk so no shared memory is wasted
      const v = allocValues(this.dtype, this.n);
      (v as Uint8Array).set(
        (this.dtype === 'Boolean' ? values.subarray(0, Math.ceil(this.n / 8)) : values.subarray(0, this.n)) as Uint8Array,
      );
      values = v;
      const m = sharedBitmap(this.n);
      m.set(validity.subarray(0, m.length));
      validity = m;
    }
    this.done.push(makeChunk(values, this.nulls > 0 ? validity : null, this.n));
    this.values = allocValues(this.dtype, this.chunkSize);
    this.validity = sharedBitmap(this.chunkSize);
    this.n = 0;
    this.nulls = 0;
  }

  pushNull(): void {
    this.advance(false);
  }

  /** Int32, Float64, Date (days) — the raw stored number. */
  pushNumber(x: number): void {
    (this.values as Int32Array | Float64Array)[this.n] = x;
    this.advance(true);
  }

  /** Int64 or Timestamp (ms) as a bigint. */
  pushBigInt(x: bigint): void {
    (this.values as BigInt64Array)[this.n] = x;
    this.advance(true);
  }

  pushBoolean(x: boolean): void {
    if (x) (this.values as Uint8Array)[this.n >> 3]! |= 1 << (this.n & 7);
    this.advance(true);
  }

  /** Utf8: interns the string in the column's dictionary. */
  pushString(s: string): void {
    (this.values as Int32Array)[this.n] = this.dictionary!.intern(s);
    this.advance(true);
  }

  /** Utf8: a code already in this builder's dictionary. */
  pushCode(code: number): void {
    (this.values as Int32Array)[this.n] = code;
    this.advance(true);
  }

  /** Any user value, converted to this column's type (null and undefined become null). */
  push(v: Scalar | undefined): void {
    if (v === null || v === undefined) return this.pushNull();
    switch (this.dtype) {
      case 'Int32':
      case 'Float64':
        return this.pushNumber(typeof v === 'number' ? v : Number(v));
      case 'Int64':
        return this.pushBigInt(typeof v === 'bigint' ? v : BigInt(v as number));
      case 'Timestamp':
        return this.pushBigInt(v instanceof Date ? BigInt(v.getTime()) : BigInt(v as number));
      case 'Date':
        return this.pushNumber(v instanceof Date ? dateToDays(v) : Number(v));
      case 'Boolean':
        return this.pushBoolean(Boolean(v));
      case 'Utf8':
        return this.pushString(v instanceof Date ? v.toISOString() : String(v));
    }
  }

  /** Seal the last chunk and return the column. The builder must not be used afterwards. */
  finish(): Column {
    this.seal();
    return new Column(this.name, this.dtype, this.done.slice(), this.dictionary);
  }
}
