/** Type inference for DataFrames built from JS values (records or column arrays). */
import type { DataType } from '../types/dtype.js';
import type { Column } from './column.js';

export type ColumnInput = readonly unknown[] | Int32Array | Float64Array | BigInt64Array;

export function columnsFromRecords(rows: readonly Record<string, unknown>[], chunkSize?: number): Column[] {
  throw new Error('not implemented yet');
}

export function columnsFromValues(
  columns: Record<string, ColumnInput>,
  options: { chunkSize?: number; dtypes?: Record<string, DataType> },
): Column[] {
  throw new Error('not implemented yet');
}
