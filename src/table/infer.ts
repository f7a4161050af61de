/** Type inference and conversion for DataFrames built from JS values (records or column arrays). */
import { InvalidArgumentError, VolleyError } from '../errors.js';
import { ColumnNotFoundError } from '../types/schema.js';
import { DATA_TYPES, isDataType, type DataType } from '../types/dtype.js';
import { DEFAULT_CHUNK_SIZE, toShared } from './buffers.js';
import { ColumnBuilder } from './builder.js';
import { makeChunk } from './chunk.js';
import { Column } from './column.js';
import { dateToDays } from './scalar.js';

/** One column's input: a plain array of JS values, or a typed array taken as is. */
export type ColumnInput = readonly unknown[] | Int32Array | Float64Array | BigInt64Array;

/** The kinds of JS value inference tells apart; two of them in one column is an error. */
type Kind = 'number' | 'bigint' | 'boolean' | 'string' | 'Date';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A sequence of values read by index, so records and arrays share one inference pass. */
interface Values {
  readonly length: number;
  at(i: number): unknown;
}

/**
 * Columns from row objects. Columns appear in the order their keys are first seen; a row that
 * lacks a key holds null there. Types are inferred per column as described in {@link inferType}.
 *
 * @example
 * const cols = columnsFromRecords([{ a: 1 }, { a: 2, b: 'x' }]);
 * cols.map((c) => c.dtype); // ['Int32', 'Utf8']
 */
export function columnsFromRecords(rows: readonly Record<string, unknown>[], chunkSize = DEFAULT_CHUNK_SIZE): Column[] {
  checkChunkSize(chunkSize);
  const names = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) names.add(k);
  return [...names].map((name) => {
    // Own keys only: a row without "constructor" must read null there, not Object.
    const values: Values = { length: rows.length, at: (i) => (Object.hasOwn(rows[i]!, name) ? rows[i]![name] : undefined) };
    return buildColumn(name, values, inferType(name, values), chunkSize);
  });
}

/**
 * Columns from one array per column. Plain arrays are inferred (see {@link inferType}) unless
 * `dtypes` forces a type, which converts each value and throws on one it cannot represent.
 * Typed arrays keep their type (Int32Array → Int32, Float64Array → Float64, BigInt64Array →
 * Int64) and have no nulls (a NaN in a Float64Array stays NaN); they are cut into chunks without
 * a copy when already in shared memory, and copied into shared memory once otherwise.
 *
 * @example
 * const cols = columnsFromValues({ id: ['a', 'b'], v: new Float64Array([1, 2]) }, { dtypes: { id: 'Utf8' } });
 * cols[1]!.dtype; // 'Float64'
 */
export function columnsFromValues(
  columns: Record<string, ColumnInput>,
  options: { chunkSize?: number; dtypes?: Record<string, DataType> },
): Column[] {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  checkChunkSize(chunkSize);
  const names = Object.keys(columns);
  const dtypes = options.dtypes ?? {};
  for (const [name, dtype] of Object.entries(dtypes)) {
    if (!names.includes(name)) throw new ColumnNotFoundError(name, names, 'dtypes');
    if (!isDataType(dtype))
      throw new InvalidArgumentError(
        'dtypes',
        dtype,
        `dtype of column "${name}" is ${String(dtype)}, expected one of ${DATA_TYPES.join(', ')}`,
      );
  }
  let height: number | null = null;
  for (const name of names) {
    const n = columns[name]!.length;
    if (height !== null && n !== height) {
      throw new VolleyError(
        'LENGTH_MISMATCH',
        `column "${name}" has ${n} values, but column "${names[0]}" has ${height}; all columns need the same length`,
      );
    }
    height = n;
  }
  return names.map((name) => {
    const input = columns[name]!;
    const forced = Object.hasOwn(dtypes, name) ? dtypes[name] : undefined;
    const typed = typedArrayType(input);
    if (typed !== null && (forced === undefined || forced === typed)) {
      return typedColumn(name, typed, input as Int32Array | Float64Array | BigInt64Array, chunkSize);
    }
    const values: Values = { length: input.length, at: (i) => input[i] };
    return buildColumn(name, values, forced ?? inferType(name, values), chunkSize);
  });
}

/**
 * The type of a column of JS values, looking at every value and skipping null and undefined:
 * - numbers that are all integers within int32 → Int32; other numbers (fractions, NaN, ±Infinity,
 *   integers beyond int32) → Float64
 * - bigint → Int64, also when mixed with integer numbers (a non-integer number beside a bigint throws)
 * - boolean → Boolean; string → Utf8
 * - Date → Timestamp (never Date: whether a value falls on midnight says nothing about intent)
 * - no values at all → Utf8: there is no null type, and a string column is the one any later
 *   value (or a cast) fits into, as CSV readers do for empty columns
 * Two other kinds in one column (say numbers and strings) throw, naming both and the row.
 */
function inferType(name: string, values: Values): DataType {
  let first: Kind | null = null;
  let firstRow = -1;
  let sawBigInt = false;
  let sawNumber = false;
  let sawFraction = false;
  let sawWideInteger = false;
  for (let i = 0; i < values.length; i++) {
    const v = values.at(i);
    if (v === null || v === undefined) continue;
    const kind = kindOf(name, v, i);
    if (first === null) {
      first = kind;
      firstRow = i;
    } else if (kind !== first && !(isNumberKind(kind) && isNumberKind(first))) {
      throw new VolleyError(
        'TYPE_ERROR',
        `column "${name}" mixes ${first} (row ${firstRow}) and ${kind} (row ${i}) values; use one kind per column or force a dtype`,
      );
    }
    if (kind === 'bigint') sawBigInt = true;
    else if (kind === 'number') {
      sawNumber = true;
      const x = v as number;
      if (!Number.isInteger(x)) sawFraction = true;
      else if (x < INT32_MIN || x > INT32_MAX) sawWideInteger = true;
    }
  }
  switch (first) {
    case null:
      return 'Utf8';
    case 'boolean':
      return 'Boolean';
    case 'string':
      return 'Utf8';
    case 'Date':
      return 'Timestamp';
    default:
      if (sawBigInt) {
        if (sawFraction) throw new VolleyError('TYPE_ERROR', `column "${name}" mixes bigint and non-integer number values`);
        return 'Int64';
      }
      if (sawNumber && !sawFraction && !sawWideInteger) return 'Int32';
      return 'Float64';
  }
}

function isNumberKind(k: Kind): boolean {
  return k === 'number' || k === 'bigint';
}

function kindOf(name: string, v: unknown, row: number): Kind {
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      if (v instanceof Date) return 'Date';
      throw new VolleyError(
        'TYPE_ERROR',
        `column "${name}" row ${row}: unsupported value of type ${kindName(v)} (expected number, bigint, boolean, string, Date or null)`,
      );
  }
}

function kindName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object' && v !== null) return (v.constructor as { name?: string } | undefined)?.name ?? 'object';
  return typeof v;
}

function checkChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new InvalidArgumentError('chunkSize', chunkSize, `chunk size must be a positive integer, got ${chunkSize}`);
}

function typedArrayType(input: ColumnInput): DataType | null {
  if (input instanceof Int32Array) return 'Int32';
  if (input instanceof Float64Array) return 'Float64';
  if (input instanceof BigInt64Array) return 'Int64';
  return null;
}

/** A typed array cut into chunks that are views of one shared buffer. */
function typedColumn(name: string, dtype: DataType, input: Int32Array | Float64Array | BigInt64Array, chunkSize: number): Column {
  const all = toShared(input);
  const chunks = [];
  for (let start = 0; start < all.length; start += chunkSize) {
    const end = Math.min(all.length, start + chunkSize);
    chunks.push(makeChunk(all.subarray(start, end), null, end - start));
  }
  return new Column(name, dtype, chunks);
}

function buildColumn(name: string, values: Values, dtype: DataType, chunkSize: number): Column {
  const b = new ColumnBuilder(name, dtype, chunkSize);
  const push = pusher(b, name);
  for (let i = 0; i < values.length; i++) {
    const v = values.at(i);
    if (v === null || v === undefined) b.pushNull();
    else push(v, i);
  }
  return b.finish();
}

/**
 * Converts one non-null value to the builder's type. Strict on purpose: a value the type cannot
 * hold exactly (1.5 as Int32, a string as Float64) throws rather than being rounded or parsed.
 */
function pusher(b: ColumnBuilder, name: string): (v: unknown, row: number) => void {
  const fail = (v: unknown, row: number): never => {
    const shown =
      typeof v === 'string'
        ? JSON.stringify(v)
        : v instanceof Date
          ? Number.isNaN(v.getTime())
            ? 'Invalid Date'
            : v.toISOString()
          : String(v);
    throw new VolleyError('TYPE_ERROR', `column "${name}" row ${row}: cannot store ${kindName(v)} ${shown} as ${b.dtype}`);
  };
  switch (b.dtype) {
    case 'Int32':
      return (v, row) => {
        const x = typeof v === 'bigint' ? Number(v) : v;
        if (typeof x !== 'number' || !Number.isInteger(x) || x < INT32_MIN || x > INT32_MAX) return fail(v, row);
        b.pushNumber(x);
      };
    case 'Int64':
      return (v, row) => {
        const x = typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v;
        if (typeof x !== 'bigint' || x < INT64_MIN || x > INT64_MAX) return fail(v, row);
        b.pushBigInt(x);
      };
    case 'Float64':
      return (v, row) => {
        if (typeof v === 'number') b.pushNumber(v);
        else if (typeof v === 'bigint') b.pushNumber(Number(v));
        else fail(v, row);
      };
    case 'Boolean':
      return (v, row) => (typeof v === 'boolean' ? b.pushBoolean(v) : fail(v, row));
    case 'Utf8':
      return (v, row) => {
        if (typeof v === 'string') b.pushString(v);
        else if (v instanceof Date) b.pushString(validTime(v, row, fail).toISOString());
        else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') b.pushString(String(v));
        else fail(v, row);
      };
    case 'Date':
      return (v, row) => {
        const d = toDate(v);
        if (d === null) return fail(v, row);
        b.pushNumber(dateToDays(validTime(d, row, fail)));
      };
    case 'Timestamp':
      return (v, row) => {
        if (typeof v === 'bigint') return b.pushBigInt(v);
        if (typeof v === 'number' && Number.isInteger(v)) return b.pushBigInt(BigInt(v));
        const d = toDate(v);
        if (d === null) return fail(v, row);
        b.pushBigInt(BigInt(validTime(d, row, fail).getTime()));
      };
  }
}

/** A Date, or an ISO-8601 string read as one (date-only strings are UTC midnight). */
function toDate(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v === 'string' && /^[+-]?\d{4,6}-\d\d-\d\d/.test(v)) return new Date(v);
  return null;
}

function validTime(d: Date, row: number, fail: (v: unknown, row: number) => never): Date {
  return Number.isNaN(d.getTime()) ? fail(d, row) : d;
}
