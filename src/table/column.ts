/** A named column: a list of chunks of one data type, plus the dictionary of a Utf8 column. */
import { InternalError, InvalidArgumentError } from '../errors.js';
import type { DataType } from '../types/dtype.js';
import { getBit } from './buffers.js';
import type { ChunkData } from './chunk.js';
import { sliceChunk } from './chunk.js';
import type { Dictionary } from './dictionary.js';
import { rawToScalar, type Scalar } from './scalar.js';

/**
 * An immutable column (Polars calls it a Series). Chunks are morsels in shared memory.
 *
 * @example
 * const c = df.getColumn('v1');
 * c.get(0); // 3
 */
export class Column {
  readonly length: number;
  readonly nullCount: number;

  constructor(
    readonly name: string,
    readonly dtype: DataType,
    readonly chunks: readonly ChunkData[],
    /** Present for Utf8 columns only: the strings the codes index. */
    readonly dictionary: Dictionary | null = null,
  ) {
    if (dtype === 'Utf8' && dictionary === null) throw new InternalError(`Utf8 column "${name}" needs a dictionary`);
    let n = 0;
    let nulls = 0;
    for (const c of chunks) {
      n += c.length;
      nulls += c.nullCount;
    }
    this.length = n;
    this.nullCount = nulls;
  }

  /** The same data under another name. */
  rename(name: string): Column {
    return new Column(name, this.dtype, this.chunks, this.dictionary);
  }

  /** Locate row `i`: the chunk and the row inside it. */
  locate(i: number): [ChunkData, number] {
    if (i < 0 || i >= this.length)
      throw new InvalidArgumentError('row', i, `row ${i} out of range for column "${this.name}" of length ${this.length}`);
    for (const c of this.chunks) {
      if (i < c.length) return [c, i];
      i -= c.length;
    }
    throw new InternalError(`row ${i} out of range: the chunks hold fewer rows than the column's length`);
  }

  isValid(i: number): boolean {
    const [c, j] = this.locate(i);
    return c.validity === null || getBit(c.validity, j);
  }

  /** The value at row `i` as users see it (null when missing). */
  get(i: number): Scalar {
    const [c, j] = this.locate(i);
    return chunkValue(this, c, j);
  }

  /** Every value, in order. */
  toArray(): Scalar[] {
    const out: Scalar[] = new Array(this.length);
    let k = 0;
    for (const c of this.chunks) for (let j = 0; j < c.length; j++) out[k++] = chunkValue(this, c, j);
    return out;
  }

  /** Rows [start, end), sharing buffers where alignment allows. */
  slice(start: number, end: number): Column {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const out: ChunkData[] = [];
    let base = 0;
    for (const c of this.chunks) {
      const lo = Math.max(start, base);
      const hi = Math.min(end, base + c.length);
      if (lo < hi) out.push(sliceChunk(c, this.dtype, lo - base, hi - base));
      base += c.length;
    }
    return new Column(this.name, this.dtype, out, this.dictionary);
  }
}

/** The user-facing value at row `j` of chunk `c` of column `col`. */
export function chunkValue(col: { dtype: DataType; dictionary: Dictionary | null }, c: ChunkData, j: number): Scalar {
  if (c.validity !== null && !getBit(c.validity, j)) return null;
  switch (col.dtype) {
    case 'Boolean':
      return getBit(c.values as Uint8Array, j);
    case 'Utf8':
      return col.dictionary!.get((c.values as Int32Array)[j]!);
    default:
      return rawToScalar(col.dtype, c.values[j]!);
  }
}
