/** DataFrame: an immutable table of equal-length columns that share one chunk layout. */
import { inspect } from 'node:util';
import type { Table } from 'apache-arrow';
import { Schema } from '../types/schema.js';
import { Column } from './column.js';
import { chunkValue } from './column.js';
import type { Scalar } from './scalar.js';
import { columnsFromArrow, tableToArrow } from './arrow.js';
import { columnsFromRecords, columnsFromValues, type ColumnInput } from './infer.js';
import { formatFrame, type FormatOptions } from './print.js';

/** A row as a plain JS object: nulls as `null`, dates as `Date`, Int64 as `bigint`. */
export type Row = Record<string, Scalar>;

/**
 * An immutable table of named columns in Arrow layout, stored in SharedArrayBuffer chunks.
 *
 * @example
 * const df = DataFrame.fromColumns({ id: ['a', 'b'], v: [1, 2] });
 * df.height;          // 2
 * df.toRecords();     // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 * console.log(df);    // a Polars-style table
 */
export class DataFrame {
  readonly schema: Schema;
  readonly height: number;
  private readonly byName: Map<string, Column>;

  constructor(readonly columns: readonly Column[]) {
    this.schema = new Schema(columns.map((c) => ({ name: c.name, dtype: c.dtype })));
    this.height = columns[0]?.length ?? 0;
    this.byName = new Map(columns.map((c) => [c.name, c]));
    for (const c of columns) {
      if (c.length !== this.height)
        throw new Error(`column "${c.name}" has ${c.length} rows, expected ${this.height} like "${columns[0]!.name}"`);
    }
  }

  /** Number of columns. */
  get width(): number {
    return this.columns.length;
  }

  /** Column names, in order. */
  get columnNames(): string[] {
    return this.schema.names;
  }

  /** [height, width], as Polars prints it. */
  get shape(): [number, number] {
    return [this.height, this.width];
  }

  /** The column called `name`; an unknown name throws an error listing the known ones. */
  getColumn(name: string): Column {
    this.schema.get(name);
    return this.byName.get(name)!;
  }

  /** Only the named columns, in the order given. Zero-copy. */
  select(...names: string[]): DataFrame {
    return new DataFrame(names.map((n) => this.getColumn(n)));
  }

  /** Rows [offset, offset + length). Negative offsets count from the end. Zero-copy where aligned. */
  slice(offset: number, length?: number): DataFrame {
    const start = offset < 0 ? Math.max(0, this.height + offset) : Math.min(offset, this.height);
    const end = length === undefined ? this.height : Math.min(this.height, start + Math.max(0, length));
    return new DataFrame(this.columns.map((c) => c.slice(start, end)));
  }

  /** The first `n` rows (default 5). */
  head(n = 5): DataFrame {
    return this.slice(0, Math.max(0, n));
  }

  /** The last `n` rows (default 5). */
  tail(n = 5): DataFrame {
    return this.slice(Math.max(0, this.height - Math.max(0, n)));
  }

  /** Every row as a plain object. */
  toRecords(): Row[] {
    const rows: Row[] = new Array(this.height);
    for (let r = 0; r < this.height; r++) rows[r] = {};
    for (const col of this.columns) {
      let r = 0;
      for (const c of col.chunks) for (let j = 0; j < c.length; j++) rows[r++]![col.name] = chunkValue(col, c, j);
    }
    return rows;
  }

  /** Column name → array of values. */
  toColumns(): Record<string, Scalar[]> {
    const out: Record<string, Scalar[]> = {};
    for (const c of this.columns) out[c.name] = c.toArray();
    return out;
  }

  /** An Arrow JS Table that shares this frame's buffers (no copy). */
  toArrow(): Table {
    return tableToArrow(this.columns);
  }

  /** A frame over an Arrow JS Table's buffers (no copy when they are already shared memory). */
  static fromArrow(table: Table): DataFrame {
    return new DataFrame(columnsFromArrow(table));
  }

  /** Build from row objects, inferring each column's type. */
  static fromRecords(rows: readonly Record<string, unknown>[], options: { chunkSize?: number } = {}): DataFrame {
    return new DataFrame(columnsFromRecords(rows, options.chunkSize));
  }

  /** Build from arrays (or typed arrays) per column, inferring types; a dtype may be forced per column. */
  static fromColumns(
    columns: Record<string, ColumnInput>,
    options: { chunkSize?: number; dtypes?: Record<string, import('../types/dtype.js').DataType> } = {},
  ): DataFrame {
    return new DataFrame(columnsFromValues(columns, options));
  }

  /** A Polars-style rendering: shape, names with types, rows (long frames elided with `…`). */
  toString(options?: FormatOptions): string {
    return formatFrame(this, options);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
