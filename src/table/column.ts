/** A named column: a list of chunks of one data type, plus the dictionary of a Utf8 column. */
import { InternalError, InvalidArgumentError } from '../errors.js';
import type { DataType } from '../types/dtype.js';
import { getBit } from './buffers.js';
import type { ChunkData } from './chunk.js';
import { sliceChunk } from './chunk.js';
import type { Dictionary } from './dictionary.js';
import { int64As, int64Value, type ValueOptions } from './int64.js';
import { keyPlainStrings } from './plain-strings.js';
import { rawToScalar, type Scalar } from './scalar.js';

/** A column's chunks and dictionary as stored (see `Column.stored`). */
export interface StoredColumn {
  readonly chunks: readonly ChunkData[];
  readonly dictionary: Dictionary | null;
}

/**
 * An immutable column (Polars calls it a Series). Chunks are morsels in shared memory.
 *
 * A Utf8 column read plain (near-unique strings, see `Dictionary.plain`) is stored with a code
 * per row into a dictionary whose strings may repeat. `chunks` and `dictionary` give its keyed
 * form, made on first use and kept: each distinct string one code, numbered in order of first
 * appearance, as a dictionary-encoded column has. Everything that compares codes (keys,
 * comparisons, sorts, string functions) reads those. Code that only moves rows or reads values
 * (gathers, slices, printing) may read `stored` instead and never pays for the keying.
 *
 * @example
 * const c = df.getColumn('v1');
 * c.get(0); // 3
 */
export class Column {
  readonly length: number;
  readonly nullCount: number;
  private keyedForm: StoredColumn | null = null;

  constructor(
    readonly name: string,
    readonly dtype: DataType,
    private readonly storedChunks: readonly ChunkData[],
    /** Present for Utf8 columns only: the strings the codes index. */
    private readonly storedDictionary: Dictionary | null = null,
  ) {
    if (dtype === 'Utf8' && storedDictionary === null) throw new InternalError(`Utf8 column "${name}" needs a dictionary`);
    let n = 0;
    let nulls = 0;
    for (const c of storedChunks) {
      n += c.length;
      nulls += c.nullCount;
    }
    this.length = n;
    this.nullCount = nulls;
  }

  /** The chunks, whose Utf8 codes identify their strings (a plain column's keyed form). */
  get chunks(): readonly ChunkData[] {
    return this.storedDictionary?.distinct === false ? this.keyed().chunks : this.storedChunks;
  }

  /** Present for Utf8 columns only: the distinct strings the codes of `chunks` index. */
  get dictionary(): Dictionary | null {
    return this.storedDictionary?.distinct === false ? this.keyed().dictionary : this.storedDictionary;
  }

  /**
   * The chunks and dictionary as stored: for a plain Utf8 column, codes into a dictionary whose
   * strings may repeat. Read both together, and only to move rows or read their values.
   */
  get stored(): StoredColumn {
    return { chunks: this.storedChunks, dictionary: this.storedDictionary };
  }

  /** Whether this is a Utf8 column read plain whose keyed form is not made yet. */
  get unkeyed(): boolean {
    return this.storedDictionary?.distinct === false && this.keyedForm === null;
  }

  private keyed(): StoredColumn {
    this.keyedForm ??= keyPlainStrings(this.storedChunks, this.storedDictionary!);
    return this.keyedForm;
  }

  /** The same data under another name. */
  rename(name: string): Column {
    const out = new Column(name, this.dtype, this.storedChunks, this.storedDictionary);
    out.keyedForm = this.keyedForm;
    return out;
  }

  /** Locate row `i`: the chunk and the row inside it. */
  locate(i: number): [ChunkData, number] {
    if (i < 0 || i >= this.length)
      throw new InvalidArgumentError('row', i, `row ${i} out of range for column "${this.name}" of length ${this.length}`);
    for (const c of this.storedChunks) {
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
  get(i: number, options?: ValueOptions): Scalar {
    const as = int64As(options);
    const [c, j] = this.locate(i);
    return int64Value(chunkValue(this.dtype, this.storedDictionary, c, j), as, () => `column "${this.name}", row ${i}`);
  }

  /** Every value, in order (Int64 as `options.int64` says). */
  toArray(options?: ValueOptions): Scalar[] {
    const as = int64As(options);
    const out: Scalar[] = new Array(this.length);
    let k = 0;
    for (const c of this.storedChunks) for (let j = 0; j < c.length; j++) out[k++] = chunkValue(this.dtype, this.storedDictionary, c, j);
    if (this.dtype === 'Int64' && as !== 'bigint')
      for (let r = 0; r < k; r++) out[r] = int64Value(out[r]!, as, () => `column "${this.name}", row ${r}`);
    return out;
  }

  /** Rows [start, end), sharing buffers where alignment allows. */
  slice(start: number, end: number): Column {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const out: ChunkData[] = [];
    let base = 0;
    for (const c of this.storedChunks) {
      const lo = Math.max(start, base);
      const hi = Math.min(end, base + c.length);
      if (lo < hi) out.push(sliceChunk(c, this.dtype, lo - base, hi - base));
      base += c.length;
    }
    return new Column(this.name, this.dtype, out, this.storedDictionary);
  }
}

/** The user-facing value at row `j` of chunk `c` of a column of type `dtype` (codes into `dictionary` when Utf8). */
export function chunkValue(dtype: DataType, dictionary: Dictionary | null, c: ChunkData, j: number): Scalar {
  if (c.validity !== null && !getBit(c.validity, j)) return null;
  switch (dtype) {
    case 'Boolean':
      return getBit(c.values as Uint8Array, j);
    case 'Utf8':
      return dictionary!.get((c.values as Int32Array)[j]!);
    default:
      return rawToScalar(dtype, c.values[j]!);
  }
}
