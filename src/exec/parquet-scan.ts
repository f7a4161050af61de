/** Runs a Parquet scan: the row groups its statistics kept, with only the columns the plan reads. */
import { readParquetParts, readParquetTable, type ParquetReadSpec } from '../io/parquet/read.js';
import type { PipelineSource } from '../physical/plan.js';
import type { Table } from '../table/table.js';
import { Schema } from '../types/schema.js';

/** The source of a pipeline that reads a Parquet file. */
export type ParquetSource = Extract<PipelineSource, { kind: 'parquet' }>;

/**
 * The rows of the kept row groups, columns `s.columns` in that order, at most `s.limit` rows.
 *
 * @example
 * const table = await readParquetSource(source);
 */
export function readParquetSource(s: ParquetSource, signal?: AbortSignal): Promise<Table> {
  return readParquetTable({ path: s.path }, s.info, specOf(s, signal));
}

/**
 * The same rows a part (about 1M rows of whole row groups) at a time, for a streaming collect.
 *
 * @example
 * for await (const part of parquetSourceParts(source)) console.log(part.height);
 */
export function parquetSourceParts(s: ParquetSource, signal?: AbortSignal): AsyncGenerator<Table> {
  return readParquetParts({ path: s.path }, s.info, specOf(s, signal));
}

function specOf(s: ParquetSource, signal: AbortSignal | undefined): ParquetReadSpec {
  const schema = new Schema(s.columns.map((name) => s.schema.get(name)));
  return { schema, rowGroups: s.rowGroups, nRows: s.limit, signal };
}
