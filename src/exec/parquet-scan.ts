/** Runs a Parquet scan: the row groups its statistics kept, with only the columns the plan reads. */
import { readParquetTable } from '../io/parquet/read.js';
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
export function readParquetSource(s: ParquetSource): Promise<Table> {
  const schema = new Schema(s.columns.map((name) => s.schema.get(name)));
  return readParquetTable({ path: s.path }, s.info, { schema, rowGroups: s.rowGroups, nRows: s.limit });
}
