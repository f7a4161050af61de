/** Converts field bytes into the output columns of one range, chunk by chunk, in shared memory. */
import { KernelInvariantError } from '../errors.js';
import { allocValidity, allocValues, finishChunk } from './chunks.js';
import { ByteDictionary } from './dictionary.js';
import { CsvParseError, rawText } from './errors.js';
import { isNanLiteral, parseFloat64Bytes } from './floats.js';
import { parseBigIntBytes, parseInt32Bytes, parseSafeIntBytes } from './ints.js';
import { parseBooleanBytes } from './booleans.js';
import { parseDateBytes, parseTimestampBytes } from './temporal.js';
import { keepShape } from '../keep-shape.js';
import type { CsvColumnKind, CsvColumnOutput, CsvParseSpec, CsvValueKind, CsvValues } from './spec.js';

// Kind codes, so the per-field dispatch is a switch over small integers.
export const KIND_SKIP = 0;
export const KIND_INT32 = 1;
const KIND_INT64 = 2;
export const KIND_FLOAT64 = 3;
const KIND_BOOLEAN = 4;
export const KIND_UTF8 = 5;
const KIND_DATE = 6;
const KIND_TIMESTAMP = 7;

const KIND_CODES: Record<CsvColumnKind, number> = {
  skip: KIND_SKIP,
  int32: KIND_INT32,
  int64: KIND_INT64,
  float64: KIND_FLOAT64,
  boolean: KIND_BOOLEAN,
  utf8: KIND_UTF8,
  date: KIND_DATE,
  timestamp: KIND_TIMESTAMP,
};

/** Writing an int64 as two int32 halves avoids a BigInt allocation per value; needs little-endian memory. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_32 = 4294967296;
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I64 = new BigInt64Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** A full (or the last) chunk of one column, still in its working buffers. */
interface SealedChunk {
  readonly values: CsvValues;
  readonly validity: Uint8Array;
  readonly length: number;
  readonly nullCount: number;
}

/**
 * The columns a range is parsing into. Each typed array list holds one entry per file column
 * (an empty placeholder where the kind does not use it), so every access site sees one array type.
 */
export class ColumnWriter {
  readonly kinds: Uint8Array;
  /** Row index inside the current chunk. */
  row = 0;
  /** Rows the current chunk's buffers hold: the chunk size, or fewer when fewer rows can remain. */
  private capacity = 0;
  /** Upper bound on the rows still to come, counting the current chunk. */
  private rowsLeft: number;
  /** Start of the record being written, for error reports. */
  record = 0;
  private readonly names: readonly CsvColumnKind[];
  private readonly chunkSize: number;
  private readonly i32: Int32Array[];
  private readonly f64: Float64Array[];
  private readonly i64: BigInt64Array[];
  /** Int32 view over the same memory as i64, for the no-BigInt fast path. */
  private readonly i64Halves: Int32Array[];
  private readonly bits: Uint8Array[];
  private readonly validity: Uint8Array[];
  private readonly nulls: Int32Array;
  private readonly dicts: (ByteDictionary | null)[];
  /** Sealed chunks still in their working buffers: they move to shared memory together, in finish(). */
  private readonly chunks: SealedChunk[][];
  private readonly encodeDictionaries: boolean;
  /** Size of each dictionary before this range: an encoded dictionary holds only the entries added since. */
  private readonly dictBase: readonly number[];
  /** Whether this thread keeps a writer's shape yet (see keepShape): every writer lives one range. */
  private static shapeKept = false;

  /**
   * @param maxRows an upper bound on the rows this range can produce: buffers are sized to it,
   * so a small range does not allocate (and later trim) a whole chunk.
   * @param dictionaries dictionaries to intern utf8 values into (one per column, non-null for
   * utf8 columns), so one thread can keep a column's dictionary across the ranges it parses;
   * fresh ones when absent.
   * @param reportFrom the code from which each utf8 dictionary's entries are reported (by
   * default its size before this range: the entries the range adds)
   */
  constructor(spec: CsvParseSpec, maxRows: number, dictionaries?: readonly (ByteDictionary | null)[], reportFrom?: number) {
    const n = spec.columns.length;
    this.names = spec.columns.map((c) => c.kind);
    this.kinds = Uint8Array.from(this.names, (k) => KIND_CODES[k]);
    if (!(spec.chunkSize >= 1)) throw new KernelInvariantError(`chunkSize must be >= 1, got ${spec.chunkSize}`);
    this.chunkSize = spec.chunkSize;
    this.i32 = new Array<Int32Array>(n).fill(EMPTY_I32);
    this.f64 = new Array<Float64Array>(n).fill(EMPTY_F64);
    this.i64 = new Array<BigInt64Array>(n).fill(EMPTY_I64);
    this.i64Halves = new Array<Int32Array>(n).fill(EMPTY_I32);
    this.bits = new Array<Uint8Array>(n).fill(EMPTY_U8);
    this.validity = new Array<Uint8Array>(n).fill(EMPTY_U8);
    this.nulls = new Int32Array(n);
    // a plain column's entries are the range's own rows: never a thread's dictionary
    this.dicts = this.names.map((k, c) =>
      k === 'utf8'
        ? ((spec.columns[c]!.plain === true ? null : dictionaries?.[c]) ?? new ByteDictionary(spec.columns[c]!.plain === true))
        : null,
    );
    this.dictBase = this.dicts.map((d) => (d === null || d.plain ? 0 : (reportFrom ?? d.size)));
    this.chunks = this.names.map(() => []);
    this.encodeDictionaries = spec.dictionaries === 'bytes';
    this.rowsLeft = Math.max(1, maxRows);
    this.allocateAll();
    if (!ColumnWriter.shapeKept) {
      ColumnWriter.shapeKept = true;
      // built like the writers to come (a real spec), so its fields hold the same kinds of values
      keepShape(new ColumnWriter(spec, 1));
    }
  }

  private allocateAll(): void {
    this.capacity = Math.min(this.chunkSize, this.rowsLeft);
    for (let c = 0; c < this.kinds.length; c++) if (this.kinds[c] !== KIND_SKIP) this.allocate(c);
  }

  private allocate(c: number): void {
    const kind = this.names[c] as CsvValueKind;
    const values = allocValues(kind, this.capacity, false);
    if (values instanceof Int32Array) this.i32[c] = values;
    else if (values instanceof Float64Array) this.f64[c] = values;
    else if (values instanceof BigInt64Array) {
      this.i64[c] = values;
      this.i64Halves[c] = new Int32Array(values.buffer);
    } else this.bits[c] = values;
    this.validity[c] = allocValidity(this.capacity);
    this.nulls[c] = 0;
  }

  /** Marks column `c` of the current row null. */
  setNull(c: number): void {
    const r = this.row;
    this.validity[c]![r >>> 3]! &= ~(1 << (r & 7));
    this.nulls[c]!++;
  }

  /** Stores an int32 the tokenizer already parsed. */
  setInt32(c: number, v: number): void {
    this.i32[c]![this.row] = v;
  }

  /** Stores a float64 the tokenizer already parsed. */
  setFloat64(c: number, v: number): void {
    this.f64[c]![this.row] = v;
  }

  /** Stores the dictionary code of a utf8 field. */
  setString(c: number, bytes: Uint8Array, start: number, end: number): void {
    this.i32[c]![this.row] = this.dicts[c]!.intern(bytes, start, end);
  }

  /** Converts the non-empty field bytes [start, end) of column `c` (never a skipped column). */
  setValue(c: number, bytes: Uint8Array, start: number, end: number): void {
    const r = this.row;
    switch (this.kinds[c]) {
      case KIND_INT32: {
        const v = parseInt32Bytes(bytes, start, end);
        if (v !== v) this.fail(c, bytes, start, end);
        this.i32[c]![r] = v;
        return;
      }
      case KIND_FLOAT64: {
        const v = parseFloat64Bytes(bytes, start, end);
        if (v !== v && !isNanLiteral(bytes, start, end)) this.fail(c, bytes, start, end);
        this.f64[c]![r] = v;
        return;
      }
      case KIND_UTF8:
        this.i32[c]![r] = this.dicts[c]!.intern(bytes, start, end);
        return;
      case KIND_INT64: {
        const v = parseSafeIntBytes(bytes, start, end);
        if (v === v) this.setInt64(c, r, v);
        else {
          const big = parseBigIntBytes(bytes, start, end);
          if (big === null) this.fail(c, bytes, start, end);
          this.i64[c]![r] = big;
        }
        return;
      }
      case KIND_BOOLEAN: {
        const v = parseBooleanBytes(bytes, start, end);
        if (v < 0) this.fail(c, bytes, start, end);
        if (v === 1) this.bits[c]![r >>> 3]! |= 1 << (r & 7);
        return;
      }
      case KIND_DATE: {
        const v = parseDateBytes(bytes, start, end);
        if (v !== v) this.fail(c, bytes, start, end);
        this.i32[c]![r] = v;
        return;
      }
      case KIND_TIMESTAMP: {
        const v = parseTimestampBytes(bytes, start, end);
        if (v !== v) this.fail(c, bytes, start, end);
        this.setInt64(c, r, v);
        return;
      }
    }
  }

  /** Stores a safe integer into an int64 slot. */
  private setInt64(c: number, r: number, v: number): void {
    if (!LITTLE_ENDIAN) {
      this.i64[c]![r] = BigInt(v);
      return;
    }
    let lo = v % TWO_32;
    if (lo < 0) lo += TWO_32;
    const halves = this.i64Halves[c]!;
    halves[2 * r] = lo;
    halves[2 * r + 1] = (v - lo) / TWO_32;
  }

  private fail(c: number, bytes: Uint8Array, start: number, end: number): never {
    throw new CsvParseError({
      kind: 'invalid-value',
      offset: this.record,
      column: c,
      raw: rawText(bytes, start, end),
      detail: `not a valid ${this.names[c]}`,
    });
  }

  /** Ends the current row; seals the chunks when they are full. */
  endRow(): void {
    if (++this.row === this.capacity) {
      this.seal();
      this.rowsLeft = Math.max(1, this.rowsLeft - this.capacity);
      this.allocateAll();
    }
  }

  /** Appends the current chunk of every materialized column to its output. */
  private seal(): void {
    const n = this.kinds.length;
    for (let c = 0; c < n; c++) {
      if (this.kinds[c] === KIND_SKIP) continue;
      this.chunks[c]!.push({ values: this.current(c), validity: this.validity[c]!, length: this.row, nullCount: this.nulls[c]! });
    }
    this.row = 0;
  }

  private current(c: number) {
    switch (this.kinds[c]) {
      case KIND_FLOAT64:
        return this.f64[c]!;
      case KIND_INT64:
      case KIND_TIMESTAMP:
        return this.i64[c]!;
      case KIND_BOOLEAN:
        return this.bits[c]!;
      default:
        return this.i32[c]!;
    }
  }

  /** Seals the last, partly filled chunk and returns the materialized columns in file order. */
  finish(): CsvColumnOutput[] {
    if (this.row > 0) this.seal();
    const out: CsvColumnOutput[] = [];
    for (let c = 0; c < this.kinds.length; c++) {
      if (this.kinds[c] === KIND_SKIP) continue;
      const dict = this.dicts[c];
      const kind = this.names[c] as CsvValueKind;
      // shared copies made last, all at once: handles that die young, which a thread parsing
      // range after range frees with a cheap young-generation collection
      const chunks = this.chunks[c]!.map((w) => finishChunk(kind, w.values, w.validity, w.length, w.nullCount));
      if (dict && this.encodeDictionaries) out.push({ column: c, kind, chunks, dictionary: null, encoded: dict.encoded(this.dictBase[c]) });
      else out.push({ column: c, kind, chunks, dictionary: dict?.values ?? null });
    }
    return out;
  }
}
