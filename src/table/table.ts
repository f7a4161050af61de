/** Table: the storage-level frame, immutable equal-length columns that share one chunk layout. */
import { inspect } from 'node:util';
import type { Table as ArrowTable } from 'apache-arrow';
import { VolleyError } from '../errors.js';
import type { DataType } from '../types/dtype.js';
import { Schema } from '../types/schema.js';
import type { Column } from './column.js';
import { int64As, int64Value, type ValueOptions } from './int64.js';
import { chunkValue } from './column.js';
import type { Scalar } from './scalar.js';
import { columnsFromArrow, tableToArrow } from './arrow.js';
import { columnsFromRecords, columnsFromValues, type ColumnInput } from './infer.js';
import { formatFrame, type FormatOptions } from './print.js';

/** A row as a plain JS object: nulls as `null`, dates as `Date`, Int64 as `bigint`. */
export type Row = Record<string, Scalar>;

/**
 * Options for building a table from JS values.
 *
 * @example
 * Table.fromColumns({ id: ['a'], v: [1] }, { chunkSize: 1024, dtypes: { v: 'Float64' } });
 */
export interface FromValuesOptions {
  /** Rows per chunk (default 65,536). */
  chunkSize?: number;
  /** Forced types per column (only with a record of columns); others are inferred. */
  dtypes?: Record<string, DataType>;
}

/**
 * An immutable table of named columns in Arrow layout, stored in SharedArrayBuffer chunks. This
 * is what readers and the executor produce and what the planner scans; the public `DataFrame`
 * (in `src/frame/`) is the facade over it that adds the query verbs. Its row and column cuts are
 * synchronous and zero-copy, for the executor's own use.
 *
 * @example
 * const t = Table.fromColumns({ id: ['a', 'b'], v: [1, 2] });
 * t.height;          // 2
 * t.columns;         // ['id', 'v']
 * t.toRecords();     // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 */
export class Table {
  readonly schema: Schema;
  readonly height: number;
  private readonly cols: readonly Column[];
  private readonly byName: Map<string, Column>;

  /**
   * Wraps columns as they are (no copy). Two columns with one name throw a `VolleyError` with
   * code `DUPLICATE_COLUMN`, columns of different lengths one with code `LENGTH_MISMATCH`.
   *
   * @example
   * new Table([t.getColumn('id'), t.getColumn('v')]);
   */
  constructor(columns: readonly Column[]) {
    this.cols = columns;
    this.byName = new Map();
    for (const c of columns) {
      if (this.byName.has(c.name)) throw new VolleyError('DUPLICATE_COLUMN', `duplicate column name "${c.name}"`);
      this.byName.set(c.name, c);
    }
    this.height = columns[0]?.length ?? 0;
    for (const c of columns) {
      if (c.length !== this.height)
        throw new VolleyError(
          'LENGTH_MISMATCH',
          `column "${c.name}" has ${c.length} rows, expected ${this.height} like "${columns[0]!.name}"`,
        );
    }
    this.schema = new Schema(columns.map((c) => ({ name: c.name, dtype: c.dtype })));
  }

  /** Column names, in order (as Polars' `df.columns`). */
  get columns(): string[] {
    return this.schema.names;
  }

  /** Number of columns. */
  get width(): number {
    return this.cols.length;
  }

  /** [height, width], as Polars prints it. */
  get shape(): [number, number] {
    return [this.height, this.width];
  }

  /**
   * The Column objects, in order.
   *
   * @example
   * t.getColumns().map((c) => c.dtype); // ['Utf8', 'Int32']
   */
  getColumns(): readonly Column[] {
    return this.cols;
  }

  /** The column called `name`; an unknown name throws an error listing the known ones. */
  getColumn(name: string): Column {
    this.schema.get(name);
    return this.byName.get(name)!;
  }

  /** Only the named columns, in the order given. Zero-copy. */
  select(...names: string[]): Table {
    return new Table(names.map((n) => this.getColumn(n)));
  }

  /** Rows [offset, offset + length). Negative offsets count from the end. Zero-copy where aligned. */
  slice(offset: number, length?: number): Table {
    const start = offset < 0 ? Math.max(0, this.height + offset) : Math.min(offset, this.height);
    const end = length === undefined ? this.height : Math.min(this.height, start + Math.max(0, length));
    return new Table(this.cols.map((c) => c.slice(start, end)));
  }

  /** The first `n` rows (default 5). */
  head(n = 5): Table {
    return this.slice(0, Math.max(0, n));
  }

  /** The last `n` rows (default 5). */
  tail(n = 5): Table {
    return this.slice(Math.max(0, this.height - Math.max(0, n)));
  }

  /** Every row as a plain object (Int64 as `options.int64` says). */
  toRecords(options?: ValueOptions): Row[] {
    const as = int64As(options);
    const rows: Row[] = new Array(this.height);
    for (let r = 0; r < this.height; r++) rows[r] = {};
    for (const col of this.cols) {
      let r = 0;
      const { chunks, dictionary } = col.stored;
      const name = col.name;
      if (col.dtype === 'Int64' && as !== 'bigint') {
        const where = (): string => `column "${name}", row ${r}`;
        for (const c of chunks)
          for (let j = 0; j < c.length; j++, r++) rows[r]![name] = int64Value(chunkValue(col.dtype, dictionary, c, j), as, where);
        continue;
      }
      for (const c of chunks) for (let j = 0; j < c.length; j++) rows[r++]![name] = chunkValue(col.dtype, dictionary, c, j);
    }
    return rows;
  }

  /** Column name → array of values (Int64 as `options.int64` says). */
  toColumns(options?: ValueOptions): Record<string, Scalar[]> {
    const out: Record<string, Scalar[]> = {};
    for (const c of this.cols) out[c.name] = c.toArray(options);
    return out;
  }

  /** An Arrow JS Table that shares this table's buffers (no copy). */
  toArrow(): ArrowTable {
    return tableToArrow(this.cols);
  }

  /** A table over an Arrow JS Table's buffers (no copy when they are already shared memory). */
  static fromArrow(table: ArrowTable): Table {
    return new Table(columnsFromArrow(table));
  }

  /** Build from row objects, inferring each column's type. */
  static fromRecords(rows: readonly Record<string, unknown>[], options: { chunkSize?: number } = {}): Table {
    return new Table(columnsFromRecords(rows, options.chunkSize));
  }

  /** Build from arrays (or typed arrays) per column, inferring types; a dtype may be forced per column. */
  static fromColumns(columns: Record<string, ColumnInput>, options: FromValuesOptions = {}): Table {
    return new Table(columnsFromValues(columns, options));
  }

  /** A Polars-style rendering: shape, names with types, rows (long frames elided with `…`). */
  toString(options?: FormatOptions): string {
    return formatFrame(this, options);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
