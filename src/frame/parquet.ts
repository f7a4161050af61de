/** The public Parquet readers: readParquet (eager) and scanParquet (lazy, with projection and row-group skipping). */
import { InvalidArgumentError } from '../errors.js';
import { inputShared, type ByteInput } from '../io/bytes.js';
import { parquetFailure } from '../io/parquet/error.js';
import { parquetBytesInfo, parquetFileInfo, parquetSchemaOf, type ParquetFileInfo } from '../io/parquet/metadata.js';
import { readParquetTable } from '../io/parquet/read.js';
import { scanParquetPlan } from '../plan/builder.js';
import { ColumnNotFoundError } from '../types/schema.js';
import { DataFrame, LazyFrame } from './frames.js';

/** Options of readParquet. */
export interface ParquetReadOptions {
  /** Only these columns, in this order (default: all). */
  readonly columns?: readonly string[];
  /** Only the first `nRows` rows (only the row groups that hold them are decoded). */
  readonly nRows?: number;
}

/** Options of scanParquet. */
export interface ParquetScanOptions {
  /** The columns the scan offers, in this order (default: all); leaves out columns Volley has no type for. */
  readonly columns?: readonly string[];
}

/**
 * Read a Parquet file (a path, its bytes, or a stream of them) into a DataFrame whose columns lie
 * in shared memory. Types map as: INT32 → Int32 (INT8/16, UINT8/16 widened; UINT32 → Float64),
 * INT64 → Int64, FLOAT and DOUBLE → Float64, BOOLEAN → Boolean, strings → Utf8
 * (dictionary-encoded), DATE → Date, TIMESTAMP in ms, µs or ns (and INT96) → Timestamp in ms,
 * finer units floored (toward the past, so `…00.0019` is `…00.001` and before 1970 too). DECIMAL,
 * TIME, UINT64, binary and nested columns are a ParquetError naming the column; leave them out with
 * `columns`. An unknown name in `columns` is a ColumnNotFoundError listing the file's columns.
 *
 * @example
 * const df = await readParquet('G1.parquet', { columns: ['id1', 'v1'], nRows: 1000 });
 */
export async function readParquet(input: ByteInput, options: ParquetReadOptions = {}): Promise<DataFrame> {
  const { nRows } = options;
  if (nRows !== undefined && !(Number.isInteger(nRows) && nRows >= 0))
    throw new InvalidArgumentError('nRows', nRows, 'nRows must be a non-negative integer');
  let info: ParquetFileInfo;
  let bytes: Uint8Array | null = null;
  if (typeof input === 'string') info = parquetFileInfo(input);
  else {
    try {
      bytes = await inputShared(input, 'readParquet');
    } catch (e) {
      throw parquetFailure('<bytes>', 'cannot read <bytes>', e);
    }
    info = parquetBytesInfo(bytes, '<bytes>');
  }
  const schema = parquetSchemaOf(info, chosenColumns(info, options.columns));
  const where = bytes === null ? { path: input as string } : { bytes };
  const rowGroups = info.rowGroups.map((_, i) => i);
  return new DataFrame(await readParquetTable(where, info, { schema, rowGroups, nRows: nRows ?? null }));
}

/**
 * A LazyFrame over a Parquet file. Its footer is read now (types, row groups, statistics), so
 * verbs type-check at once; data is read when the query is collected. Only the column chunks the
 * optimized plan needs are decoded, and row groups whose min/max statistics or null counts prove a
 * pushed filter false for every row are not read at all (the filter still runs on the rows of
 * the groups read). `explain()` shows the columns read, the predicate and how many row groups
 * are read and skipped.
 *
 * @example
 * const big = await scanParquet('G1.parquet').filter(col('v1').gt(4)).select('id1', 'v1').collect();
 * console.log(scanParquet('G1.parquet').filter(col('id4').eq(7)).explain());
 */
export function scanParquet(path: string, options: ParquetScanOptions = {}): LazyFrame {
  const info = parquetFileInfo(path);
  return new LazyFrame(scanParquetPlan(path, info, parquetSchemaOf(info, chosenColumns(info, options.columns))));
}

function chosenColumns(info: ParquetFileInfo, columns: readonly string[] | undefined): readonly string[] | undefined {
  if (columns === undefined) return undefined;
  const names = info.columns.map((c) => c.name);
  for (const c of columns) if (!names.includes(c)) throw new ColumnNotFoundError(c, names);
  return columns;
}
