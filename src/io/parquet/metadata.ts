/**
 * A Parquet file's footer as Volley needs it: the Volley type of each column, and each row
 * group's row count and per-column statistics (min, max, null count), read without decoding data.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parquetMetadata, type FileMetaData, type SchemaElement, type Statistics } from 'hyparquet';
import type { DataType } from '../../types/dtype.js';
import { Schema } from '../../types/schema.js';
import { ParquetError, parquetFailure } from './error.js';

/** A bound of a column chunk's values: integers, dates (days) and timestamps (ms) as bigint, floats and booleans (0/1) as number, strings as text. */
export type StatValue = bigint | number | string;

/** What a row group's statistics say of one column; a field is null where the file does not say. */
export interface ColumnStats {
  readonly min: StatValue | null;
  readonly max: StatValue | null;
  readonly nullCount: number | null;
}

/** One row group: its rows and, by column name, its statistics. */
export interface RowGroupInfo {
  readonly numRows: number;
  readonly stats: ReadonlyMap<string, ColumnStats>;
}

/** A column of the file: its Volley type, or why Volley cannot load it. */
export interface ParquetColumnInfo {
  readonly name: string;
  readonly dtype: DataType | null;
  /** Set when `dtype` is null: the Parquet type, said for an error message. */
  readonly unsupported?: string;
}

/** A Parquet file's footer, read once (by `scanParquet` when the plan is built). */
export interface ParquetFileInfo {
  readonly source: string;
  readonly numRows: number;
  readonly columns: readonly ParquetColumnInfo[];
  readonly rowGroups: readonly RowGroupInfo[];
}

const MAGIC = 0x31524150; // "PAR1" read as a little-endian u32

// Statistics come raw: timestamps floored to ms as the reader floors them, dates as day numbers.
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => v,
  timestampFromMicroseconds: (v: bigint) => floorDiv(v, 1000n),
  timestampFromNanoseconds: (v: bigint) => floorDiv(v, 1_000_000n),
  dateFromDays: (days: number) => BigInt(days),
};

function floorDiv(v: bigint, d: bigint): bigint {
  const q = v / d;
  return v < 0n && q * d !== v ? q - 1n : q;
}

/**
 * The footer of the Parquet file at `path`, read synchronously (the last bytes only), so a scan's
 * schema is known when the plan is built.
 *
 * @example
 * parquetFileInfo('G1.parquet').columns.map((c) => c.dtype); // ['Utf8', ..., 'Float64']
 */
export function parquetFileInfo(path: string): ParquetFileInfo {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw parquetFailure(path, `cannot read ${path}`, e);
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 12) throw notParquet(path, `${size} bytes is too short`);
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    if (tail.readUInt32LE(4) !== MAGIC) throw notParquet(path, 'it does not end with PAR1');
    const footerLength = tail.readUInt32LE(0);
    if (footerLength + 12 > size) throw notParquet(path, 'its footer length is past its start');
    const footer = new Uint8Array(footerLength + 8);
    readSync(fd, footer, 0, footerLength + 8, size - 8 - footerLength);
    return infoOf(path, footer);
  } finally {
    closeSync(fd);
  }
}

/**
 * The footer of a Parquet file held in memory.
 *
 * @example
 * parquetBytesInfo(bytes, '<bytes>').numRows;
 */
export function parquetBytesInfo(bytes: Uint8Array, source: string): ParquetFileInfo {
  const n = bytes.length;
  const tail = (i: number): number => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
  if (n < 12) throw notParquet(source, `${n} bytes is too short`);
  if (tail(0) !== MAGIC || tail(n - 4) !== MAGIC) throw notParquet(source, 'it does not start and end with PAR1');
  const footerLength = tail(n - 8);
  if (footerLength + 12 > n) throw notParquet(source, 'its footer length is past its start');
  return infoOf(source, bytes.slice(n - 8 - footerLength));
}

function notParquet(source: string, why: string): ParquetError {
  return new ParquetError(source, `${source} is not a Parquet file: ${why}`);
}

function infoOf(source: string, footer: Uint8Array): ParquetFileInfo {
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(footer, { parsers: PARSERS });
  } catch (e) {
    throw new ParquetError(source, `${source} is not a Parquet file: its footer cannot be read (${(e as Error).message})`, { cause: e });
  }
  const columns = columnsOf(meta.schema);
  const judged = statColumns(meta.schema, columns);
  const rowGroups = meta.row_groups.map((rg): RowGroupInfo => {
    const stats = new Map<string, ColumnStats>();
    for (const chunk of rg.columns) {
      const path = chunk.meta_data?.path_in_schema ?? [];
      const column = path.length === 1 ? judged.get(path[0]!) : undefined;
      const s = chunk.meta_data?.statistics;
      if (column === undefined || s === undefined) continue;
      stats.set(path[0]!, statsOf(s, column.dtype, column.legacyOk));
    }
    return { numRows: Number(rg.num_rows), stats };
  });
  return { source, numRows: Number(meta.num_rows), columns, rowGroups };
}

/** The Volley type of each top-level column, in file order. */
function columnsOf(schema: readonly SchemaElement[]): ParquetColumnInfo[] {
  const out: ParquetColumnInfo[] = [];
  let i = 1;
  const root = schema[0];
  const count = root?.num_children ?? 0;
  for (let c = 0; c < count; c++) {
    const el = schema[i];
    if (el === undefined) break;
    const nested = (el.num_children ?? 0) > 0 || el.repetition_type === 'REPEATED';
    out.push(nested ? { name: el.name, dtype: null, unsupported: 'a nested type (list, struct or map)' } : leafType(el));
    i = skip(schema, i);
  }
  return out;
}

/** The index just past the element at `i` and all its descendants. */
function skip(schema: readonly SchemaElement[], i: number): number {
  let pending = 1;
  while (pending > 0 && i < schema.length) {
    pending += (schema[i]!.num_children ?? 0) - 1;
    i++;
  }
  return i;
}

function leafType(el: SchemaElement): ParquetColumnInfo {
  const name = el.name;
  const lt = el.logical_type;
  const ct = el.converted_type;
  const no = (what: string): ParquetColumnInfo => ({ name, dtype: null, unsupported: what });
  const yes = (dtype: DataType): ParquetColumnInfo => ({ name, dtype });
  if (lt?.type === 'DECIMAL' || ct === 'DECIMAL') return no(`DECIMAL(${el.precision ?? '?'}, ${el.scale ?? 0})`);
  if (lt?.type === 'TIME' || ct === 'TIME_MILLIS' || ct === 'TIME_MICROS') return no('TIME');
  if (lt?.type === 'INTERVAL' || ct === 'INTERVAL') return no('INTERVAL');
  switch (el.type) {
    case 'BOOLEAN':
      return yes('Boolean');
    case 'INT32': {
      if (lt?.type === 'DATE' || ct === 'DATE') return yes('Date');
      // Uint32 has no Int32 home; Float64 holds it exactly, as fromArrow does
      if ((lt?.type === 'INTEGER' && !lt.isSigned && lt.bitWidth === 32) || ct === 'UINT_32') return yes('Float64');
      return yes('Int32');
    }
    case 'INT64': {
      if (lt?.type === 'TIMESTAMP' || ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS') return yes('Timestamp');
      if ((lt?.type === 'INTEGER' && !lt.isSigned) || ct === 'UINT_64') return no('UINT64 (no Volley type holds every value)');
      return yes('Int64');
    }
    case 'INT96':
      return yes('Timestamp');
    case 'FLOAT':
    case 'DOUBLE':
      return yes('Float64');
    case 'BYTE_ARRAY':
      if (lt?.type === 'STRING' || lt?.type === 'ENUM' || lt?.type === 'JSON' || ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON')
        return yes('Utf8');
      return no('BYTE_ARRAY without a string annotation (binary)');
    default:
      return no(String(el.type ?? 'a group'));
  }
}

/**
 * The top-level columns whose statistics are read, with whether the deprecated `min`/`max`
 * (signed order) agree with the column's own order: yes for signed integers, floats, dates and
 * timestamps; no for unsigned integers and strings, whose bounds come from
 * `min_value`/`max_value` only. INT96 timestamps are left out: their statistics are in no
 * order the specification defines.
 */
function statColumns(
  schema: readonly SchemaElement[],
  columns: readonly ParquetColumnInfo[],
): Map<string, { dtype: DataType; legacyOk: boolean }> {
  const out = new Map<string, { dtype: DataType; legacyOk: boolean }>();
  let i = 1;
  for (const c of columns) {
    const el = schema[i];
    if (el === undefined) break;
    i = skip(schema, i);
    if (c.dtype === null || el.type === 'INT96') continue;
    const unsigned =
      (el.logical_type?.type === 'INTEGER' && !el.logical_type.isSigned) || String(el.converted_type ?? '').startsWith('UINT');
    out.set(c.name, { dtype: c.dtype, legacyOk: el.type !== 'BYTE_ARRAY' && !unsigned });
  }
  return out;
}

function statsOf(s: Statistics, dtype: DataType, legacyOk: boolean): ColumnStats {
  const min = bound(s.min_value ?? (legacyOk ? s.min : undefined), dtype);
  const max = bound(s.max_value ?? (legacyOk ? s.max : undefined), dtype);
  const nullCount = s.null_count === undefined ? null : Number(s.null_count);
  // a bound without its partner proves nothing of a range; NaN bounds are not bounds
  if (min === null || max === null) return { min: null, max: null, nullCount };
  return { min, max, nullCount };
}

function bound(v: unknown, dtype: DataType): StatValue | null {
  if (v === undefined || v === null) return null;
  switch (dtype) {
    case 'Int32':
    case 'Int64':
    case 'Date':
    case 'Timestamp':
      if (typeof v === 'bigint') return v;
      return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
    case 'Float64':
      if (typeof v === 'bigint') return Number(v);
      return typeof v === 'number' && !Number.isNaN(v) ? v : null;
    case 'Boolean':
      return typeof v === 'boolean' ? Number(v) : null;
    case 'Utf8':
      return typeof v === 'string' ? v : null;
  }
}

/**
 * The Volley schema of the file's columns (all, or `names` in that order). A column Volley has no
 * type for is a ParquetError naming it and its Parquet type.
 *
 * @example
 * parquetSchemaOf(info, ['id1', 'v1']).names; // ['id1', 'v1']
 */
export function parquetSchemaOf(info: ParquetFileInfo, names?: readonly string[]): Schema {
  const byName = new Map(info.columns.map((c) => [c.name, c]));
  const chosen = names === undefined ? info.columns : names.map((n) => byName.get(n)!);
  return new Schema(
    chosen.map((c) => {
      if (c.dtype === null)
        throw new ParquetError(
          info.source,
          `column "${c.name}" of ${info.source} is ${c.unsupported}, which Volley cannot load; leave it out with the \`columns\` option`,
        );
      return { name: c.name, dtype: c.dtype };
    }),
  );
}
