/**
 * Parquet in: chosen row groups and columns decoded by parquet-wasm into Arrow record batches,
 * which land in shared memory and become Volley columns as `fromArrow` makes them.
 */
import { openAsBlob } from 'node:fs';
import { tableFromIPC, Table as ArrowTable, type RecordBatch } from 'apache-arrow';
import { DEFAULT_CHUNK_SIZE } from '../../../kernels/tuning.js';
import { columnsFromArrow } from '../../table/arrow.js';
import { Column } from '../../table/column.js';
import { Dictionary } from '../../table/dictionary.js';
import { Table } from '../../table/table.js';
import type { Schema } from '../../types/schema.js';
import { sharedCopy } from '../bytes.js';
import { parquetFailure } from './error.js';
import type { ParquetFileInfo } from './metadata.js';
import { parquetWasm } from './wasm.js';

/** Rows decoded per call into the wasm module: bounds its memory, which never shrinks, to about this many rows of the chosen columns. */
const ROWS_PER_DECODE = 1 << 20;

/** Where the bytes are: a file (read in ranges as the decoder asks) or bytes in memory. */
export type ParquetBytes = { readonly path: string } | { readonly bytes: Uint8Array };

/** What to read: these columns (file names, output in this order), these row groups (ascending), at most `nRows` rows. */
export interface ParquetReadSpec {
  readonly schema: Schema;
  readonly rowGroups: readonly number[];
  readonly nRows: number | null;
  /** Checked before each part is decoded: an aborted read rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The chosen row groups and columns of a Parquet file as a Table in shared memory, rows in file
 * order. Row groups are decoded a few at a time (about 1M rows per call) so the decoder's memory
 * stays bounded; each batch of up to 65,536 rows becomes a chunk.
 *
 * @example
 * const t = await readParquetTable({ path: 'G1.parquet' }, info, { schema, rowGroups: [0, 1], nRows: null });
 */
export async function readParquetTable(where: ParquetBytes, info: ParquetFileInfo, spec: ParquetReadSpec): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const part of decodedParts(where, info, spec)) batches.push(...part);
  return tableOf(batches, spec);
}

/**
 * The same rows as readParquetTable, as one Table per decoded part (about 1M rows, whole row
 * groups), each with its own dictionaries: what a streaming scan hands on before decoding more.
 *
 * @example
 * for await (const part of readParquetParts({ path: 'G1.parquet' }, info, spec)) console.log(part.height);
 */
export async function* readParquetParts(where: ParquetBytes, info: ParquetFileInfo, spec: ParquetReadSpec): AsyncGenerator<Table> {
  let rows = 0;
  for await (const part of decodedParts(where, info, spec)) {
    const nRows = spec.nRows === null ? null : spec.nRows - rows;
    const table = tableOf(part, { ...spec, nRows });
    rows += table.height;
    yield table;
  }
}

function tableOf(batches: RecordBatch[], spec: ParquetReadSpec): Table {
  const names = spec.schema.names;
  let table = batches.length === 0 ? emptyTable(spec.schema) : new Table(columnsFromArrow(new ArrowTable(batches)));
  table = table.select(...names);
  if (spec.nRows !== null && table.height > spec.nRows) table = table.slice(0, spec.nRows);
  return table;
}

/** The record batches of each part of the chosen row groups, decoded one part at a time. */
async function* decodedParts(where: ParquetBytes, info: ParquetFileInfo, spec: ParquetReadSpec): AsyncGenerator<RecordBatch[]> {
  const source = info.source;
  const names = spec.schema.names;
  const groups = pickGroups(info, spec.rowGroups, spec.nRows);
  if (groups.length === 0 || names.length === 0) return;
  const pw = await parquetWasm(source);
  let file: Awaited<ReturnType<typeof pw.ParquetFile.fromFile>>;
  try {
    const blob = 'path' in where ? await openAsBlob(where.path) : new Blob([where.bytes.slice()]);
    file = await pw.ParquetFile.fromFile(blob);
  } catch (e) {
    throw parquetFailure(source, `cannot read ${source}`, e);
  }
  try {
    for (const part of decodeParts(info, groups)) {
      spec.signal?.throwIfAborted();
      let ipc: Uint8Array;
      try {
        const t = await file.read({ rowGroups: [...part], columns: [...names], batchSize: DEFAULT_CHUNK_SIZE });
        ipc = t.intoIPCStream();
      } catch (e) {
        throw parquetFailure(source, `cannot decode ${source}`, e);
      }
      yield tableFromIPC(sharedCopy(ipc)).batches;
    }
  } finally {
    file.free();
  }
}

/** The row groups to decode: the chosen ones, stopping once `nRows` rows are covered. */
function pickGroups(info: ParquetFileInfo, chosen: readonly number[], nRows: number | null): number[] {
  const out: number[] = [];
  let rows = 0;
  for (const g of chosen) {
    if (nRows !== null && rows >= nRows) break;
    const n = info.rowGroups[g]!.numRows;
    if (n === 0) continue;
    out.push(g);
    rows += n;
  }
  return out;
}

/** Consecutive runs of the groups, each about ROWS_PER_DECODE rows (at least one group). */
function* decodeParts(info: ParquetFileInfo, groups: readonly number[]): Generator<number[]> {
  let part: number[] = [];
  let rows = 0;
  for (const g of groups) {
    const n = info.rowGroups[g]!.numRows;
    if (part.length > 0 && rows + n > ROWS_PER_DECODE) {
      yield part;
      part = [];
      rows = 0;
    }
    part.push(g);
    rows += n;
  }
  if (part.length > 0) yield part;
}

/** A table of `schema` with no rows. */
export function emptyTable(schema: Schema): Table {
  return new Table(schema.fields.map((f) => new Column(f.name, f.dtype, [], f.dtype === 'Utf8' ? new Dictionary() : null)));
}
