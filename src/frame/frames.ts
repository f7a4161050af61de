/** DataFrame and LazyFrame, in one module because each constructs the other (`df.lazy()`, `lf.collect()`). */
import { inspect } from 'node:util';
import type { Table as ArrowTable } from 'apache-arrow';
import { execute, executeStream } from '../exec/execute.js';
import type { Expr } from '../expr/expr.js';
import { optimize } from '../optimizer/optimize.js';
import { resolveOptions, type ExecOptions } from '../physical/options.js';
import type { AsofOptions } from '../plan/asof.js';
import {
  aggregatePlan,
  asofPlan,
  distinctPlan,
  dropPlan,
  filterPlan,
  groupKeys,
  joinPlan,
  renamePlan,
  scanFramePlan,
  selectPlan,
  slicePlan,
  sortPlan,
  withColumnsPlan,
  type IntoExpr,
  type IntoExprs,
  type SortOptions,
  type UniqueOptions,
} from '../plan/builder.js';
import { planToString } from '../plan/display.js';
import { PlanError } from '../plan/errors.js';
import type { JoinOptions } from '../plan/join.js';
import type { LogicalPlan } from '../plan/nodes.js';
import { schemaOf } from '../plan/schema.js';
import type { Column } from '../table/column.js';
import { concatTables } from '../table/concat.js';
import type { ColumnInput } from '../table/infer.js';
import type { FormatOptions } from '../table/print.js';
import type { Scalar } from '../table/scalar.js';
import type { ValueOptions } from '../table/int64.js';
import { writeArrowIpc, type IpcOutput } from '../io/ipc.js';
import { jsonWork, jsonWriteError, type JsonWriteOptions } from '../io/json.js';
import { checkCsvWriteOptions, csvHeader, csvPieces, csvWork, csvWriteError, type CsvWriteOptions } from '../io/csv/write.js';
import { formatOnPool } from '../exec/text-write.js';
import { writePieces } from '../io/bytes.js';
import { parquetFailure } from '../io/parquet/error.js';
import { checkParquetWriteOptions, parquetPieces, type ParquetWriteOptions } from '../io/parquet/write.js';
import type { Writable } from 'node:stream';
import { Table, type FromValuesOptions, type Row } from '../table/table.js';
import type { DataType } from '../types/dtype.js';
import type { Schema } from '../types/schema.js';
import { explainPlan, type ExplainOptions } from './explain.js';
import { GroupBy } from './group-by.js';
import { tableFrom, type FrameInput } from './input.js';

export type { ExplainOptions } from './explain.js';
export type { FrameInput } from './input.js';

/**
 * How `collect()` runs: the execution options, plus whether to optimize first.
 *
 * @example
 * await lf.collect({ threads: 2, morselSize: 65_536, optimize: false, signal: AbortSignal.timeout(5_000) });
 */
export interface CollectOptions extends ExecOptions {
  /** Run the optimizer first (default true); false executes the plan exactly as built. */
  optimize?: boolean;
}

/**
 * A lazy query. Every verb returns a new LazyFrame whose plan has one more node; the plan is
 * type-checked as it grows, so an unknown column or a type error throws at the verb that caused
 * it. Nothing runs until `collect()`.
 *
 * @example
 * const out = await scanCsv('G1.csv')
 *   .filter(col('v1').gt(2))
 *   .groupBy('id1')
 *   .agg(col('v1').sum().alias('v1'))
 *   .sort('v1', { descending: true })
 *   .limit(10)
 *   .collect({ threads: 4 });
 */
export class LazyFrame {
  constructor(readonly plan: LogicalPlan) {}

  /** The schema `collect()` will produce. */
  get schema(): Schema {
    return schemaOf(this.plan);
  }

  /** The output column names. */
  get columns(): string[] {
    return this.schema.names;
  }

  /**
   * This LazyFrame itself, as in Polars: code written against `df.lazy()` takes a frame or a scan.
   *
   * @example
   * const query = (x: DataFrame | LazyFrame) => x.lazy().groupBy('id1').agg(col('v1').sum());
   * await query(scanCsv('x.csv')).collect();
   */
  lazy(): LazyFrame {
    return this;
  }

  /**
   * Only these columns or expressions, in order. If every item aggregates, one row over all rows.
   *
   * @example
   * lf.select('id1', col('v1').mul(2).alias('v1x2'));
   */
  select(...items: IntoExprs): LazyFrame {
    return new LazyFrame(selectPlan(this.plan, items));
  }

  /**
   * Adds or replaces columns; every existing column keeps its place.
   *
   * @example
   * lf.withColumns(col('v3').mul(2).alias('v3x2'), col('v1').cast('Float64'));
   */
  withColumns(...items: IntoExprs): LazyFrame {
    return new LazyFrame(withColumnsPlan(this.plan, items));
  }

  /**
   * Adds or replaces one column.
   *
   * @example
   * lf.withColumn(col('v1').add(col('v2')).alias('v12'));
   */
  withColumn(item: Expr): LazyFrame {
    return this.withColumns(item);
  }

  /**
   * Rows where every predicate is true; a null result drops the row.
   *
   * @example
   * lf.filter(col('v1').gt(2), col('id4').isIn([1, 2, 3]));
   */
  filter(...predicates: Expr[]): LazyFrame {
    return new LazyFrame(filterPlan(this.plan, predicates));
  }

  /**
   * Groups rows by keys (column names or expressions); finish with `agg(...)` or `head(n)`.
   *
   * @example
   * lf.groupBy('id1', 'id2').agg(col('v1').sum());
   */
  groupBy(...keys: IntoExprs): GroupBy<LazyFrame> {
    return new GroupBy(this.plan, groupKeys(this.plan, keys), (plan) => new LazyFrame(plan));
  }

  /**
   * Aggregations over all rows: one output row.
   *
   * @example
   * lf.agg(col('v1').sum(), col('v3').mean(), len());
   */
  agg(...aggs: IntoExprs): LazyFrame {
    return new LazyFrame(aggregatePlan(this.plan, [], aggs));
  }

  /**
   * Stable sort by one or several keys; `descending` and `nullsLast` (default true) take one flag
   * or one per key.
   *
   * @example
   * lf.sort(['id1', 'v1'], { descending: [false, true] });
   */
  sort(by: IntoExpr | readonly IntoExpr[], options?: SortOptions): LazyFrame {
    return new LazyFrame(sortPlan(this.plan, by, options));
  }

  /**
   * The first `n` rows.
   *
   * @example
   * lf.sort('v1', { descending: true }).limit(10);
   */
  limit(n: number): LazyFrame {
    return new LazyFrame(slicePlan(this.plan, 0, n));
  }

  /** The first `n` rows (default 5). */
  head(n = 5): LazyFrame {
    return this.limit(n);
  }

  /**
   * Rows [offset, offset + length).
   *
   * @example
   * lf.slice(10, 5);
   */
  slice(offset: number, length: number): LazyFrame {
    return new LazyFrame(slicePlan(this.plan, offset, length));
  }

  /**
   * The first row of each distinct combination of `subset` columns (default: all columns), in
   * input order.
   *
   * @example
   * lf.unique({ subset: ['id1', 'id2'] });
   */
  unique(options?: UniqueOptions): LazyFrame {
    return new LazyFrame(distinctPlan(this.plan, options));
  }

  /**
   * Joins `other` on equal keys, as Polars does (`how` 'inner' by default; 'left', 'right',
   * 'full', 'semi', 'anti', 'cross'). Null keys never match; Float64 keys match by value.
   *
   * @example
   * lf.join(other, { on: 'id', how: 'left' });
   * lf.join(other, { leftOn: 'id', rightOn: 'key', how: 'full', coalesce: true });
   */
  join(other: LazyFrame | DataFrame, options: JoinOptions = {}): LazyFrame {
    return new LazyFrame(joinPlan(this.plan, joinSide(other), options));
  }

  /**
   * As-of joins `other`, as Polars' `join_asof`: every row of this frame once, in order, with the
   * row of `other` whose `on` key is the last at or before this row's ('backward', the default),
   * the first at or after it ('forward') or the closest ('nearest'), within the same `by` group
   * and within `tolerance`. Both sides must be sorted by their key (checked when it runs).
   *
   * @example
   * trades.joinAsof(quotes, { on: 'time', by: 'ticker', tolerance: 1000 });
   */
  joinAsof(other: LazyFrame | DataFrame, options: AsofOptions = {}): LazyFrame {
    return new LazyFrame(asofPlan(this.plan, joinSide(other, 'joinAsof'), options));
  }

  /**
   * Renames columns, keeping their places.
   *
   * @example
   * lf.rename({ v1: 'value', id1: 'key' });
   */
  rename(mapping: Readonly<Record<string, string>>): LazyFrame {
    return new LazyFrame(renamePlan(this.plan, mapping));
  }

  /**
   * Every column except these.
   *
   * @example
   * lf.drop('id5', 'id6');
   */
  drop(...names: (string | readonly string[])[]): LazyFrame {
    return new LazyFrame(dropPlan(this.plan, names.flat()));
  }

  /**
   * The optimized logical plan and the physical plan it runs as. `verbose` also shows the plan as
   * built and after each optimizer rule that changed it; `optimize: false` shows the plan as
   * built.
   *
   * @example
   * console.log(lf.explain());
   * console.log(lf.explain({ verbose: true }));
   */
  explain(options: ExplainOptions = {}): string {
    return explainPlan(this.plan, options);
  }

  /**
   * Runs the query: optimizes the plan (unless `optimize: false`) and executes it on the worker
   * pool (`threads: 1` runs on the main thread). Rejects with the error a worker threw, or when
   * `signal` aborts.
   *
   * @example
   * const df = await lf.collect({ threads: 4 });
   * const controller = new AbortController();
   * const pending = lf.collect({ signal: controller.signal });
   */
  async collect(options: CollectOptions = {}): Promise<DataFrame> {
    const { optimize: doOptimize = true, ...exec } = options;
    const plan = doOptimize ? optimize(this.plan).plan : this.plan;
    return new DataFrame(await execute(plan, exec));
  }

  /**
   * Runs the query as a stream of frames. Over a CSV scan whose plan ends in filters and
   * projections (and a limit), each frame holds the rows one byte range of the file produced, in
   * file order, and ranges are parsed only a few ahead of the consumer: a slow consumer pauses
   * the scan instead of letting frames pile up, and breaking out of the loop stops it. A concat
   * (a scan of many files included) streams its inputs one after the other, each so. Any other
   * plan yields its whole result once. Utf8 columns of one input's frames share one dictionary
   * each (frames of different inputs have their own).
   *
   * @example
   * for await (const batch of scanCsv('big.csv').filter(col('v1').gt(2)).stream({ threads: 4 })) {
   *   await sink.write(batch); // the next ranges wait while this runs
   * }
   */
  async *stream(options: CollectOptions = {}): AsyncGenerator<DataFrame> {
    const { optimize: doOptimize = true, ...exec } = options;
    const plan = doOptimize ? optimize(this.plan).plan : this.plan;
    for await (const table of executeStream(plan, exec)) yield new DataFrame(table);
  }

  /**
   * Run the query as a stream and write its rows as CSV to a path or a Node `Writable` (left
   * open) as they come (see `DataFrame.writeCsv` for the options and the text): a pipeline over
   * `scanCsv` writes each byte range's rows before it parses further, so a filter of a file
   * larger than memory is written in bounded memory. The header is written once, first.
   *
   * @example
   * await scanCsv('big.csv').filter(col('v1').gt(5)).sinkCsv('filtered.csv');
   */
  async sinkCsv(output: string | Writable, options: CsvWriteOptions = {}, collect: CollectOptions = {}): Promise<void> {
    checkCsvWriteOptions(options);
    const name = typeof output === 'string' ? output : '<stream>';
    const frames = this.stream(collect);
    const schema = this.schema;
    const ctx = { threads: resolveOptions({ threads: options.threads ?? collect.threads }).threads, signal: collect.signal ?? null };
    async function* pieces(): AsyncGenerator<string | Uint8Array> {
      let first = true;
      for await (const df of frames) {
        yield* formatOnPool(csvWork(df.table, options, first), ctx);
        first = false;
      }
      // no frame at all: the header alone
      if (first) yield csvHeader(schema.names, options);
    }
    await writePieces(output, pieces(), (e) => csvWriteError(name, e));
  }

  /**
   * Run the query and write its result as Parquet to a path or a Node `Writable` (left open), one
   * frame of `stream()` at a time, so a scan larger than memory can be written: the writer holds
   * at most a row group. Options are those of `writeParquet`; `collect` those of `stream()`.
   *
   * @example
   * await scanCsv('big.csv').filter(col('v1').gt(5)).sinkParquet('filtered.parquet');
   */
  async sinkParquet(output: string | Writable, options: ParquetWriteOptions = {}, collect: CollectOptions = {}): Promise<void> {
    checkParquetWriteOptions(options);
    const name = typeof output === 'string' ? output : '<stream>';
    const stream = this.stream(collect);
    async function* frames(): AsyncGenerator<Table> {
      for await (const df of stream) if (df.height > 0) yield df.table;
    }
    await writePieces(output, parquetPieces(frames(), this.schema, options, name), (e) => parquetFailure(name, `cannot write ${name}`, e));
  }

  /** The logical plan as built, one node per line. */
  toString(): string {
    return planToString(this.plan);
  }

  [inspect.custom](): string {
    return `LazyFrame\n${this.toString()}`;
  }
}

/**
 * An in-memory table of named, typed columns (Arrow layout in SharedArrayBuffer chunks) with the
 * Polars-style eager API.
 *
 * One rule says what is synchronous: a method that gives back a new DataFrame returns a
 * `Promise` of it, because it runs a plan, on the worker pool when there is more than one thread
 * (the verbs of LazyFrame, each `this.lazy().verb(...).collect()`, plus `tail`); its errors,
 * plan errors included, arrive as rejections. Everything else only reads this frame and answers
 * at once: `columns`, `schema`, `dtypes`, `height`, `width`, `shape`, `getColumn(s)`,
 * `toRecords`, `toColumns`, `toArrow`, `lazy()`, `explain()` and printing. Building a frame from
 * data (the constructor, `fromColumns`, `fromRecords`, `fromArrow`) is synchronous too.
 *
 * @example
 * const df = new DataFrame({ id: ['a', 'b', 'a'], v: [1, 2, 3] });
 * df.columns;                                              // ['id', 'v']
 * const sums = await df.groupBy('id').agg(col('v').sum()); // Promise<DataFrame>
 * sums.toRecords();                                        // [{ id: 'a', v: 4n }, { id: 'b', v: 2n }]
 */
export class DataFrame {
  /** The storage table under this frame (shared, never copied). */
  readonly table: Table;

  /**
   * A frame from a record of columns (arrays or typed arrays) or an array of row objects, with
   * each column's type inferred unless `dtypes` forces it. Columns of unequal lengths are a
   * `VolleyError` with code `LENGTH_MISMATCH`; data of any other shape, or values a forced type
   * cannot hold, code `INVALID_ARGUMENT`.
   *
   * @example
   * new DataFrame({ a: [1, 2], b: ['x', 'y'] });
   * new DataFrame([{ a: 1, b: 'x' }, { a: 2 }]);          // b is null in the second row
   * new DataFrame({ a: [1, 2] }, { dtypes: { a: 'Float64' } });
   */
  constructor(data: FrameInput | Table = {}, options: FromValuesOptions = {}) {
    this.table = tableFrom(data, options);
  }

  /**
   * Build from arrays (or typed arrays) per column; the same as the constructor.
   *
   * @example
   * DataFrame.fromColumns({ id: ['a', 'b'], v: new Float64Array([1, 2]) });
   */
  static fromColumns(columns: Readonly<Record<string, ColumnInput>>, options: FromValuesOptions = {}): DataFrame {
    return new DataFrame(columns, options);
  }

  /**
   * Build from row objects; a key missing from a row is null there.
   *
   * @example
   * DataFrame.fromRecords([{ a: 1 }, { a: 2, b: 'x' }]);
   */
  static fromRecords(rows: readonly Readonly<Record<string, unknown>>[], options: FromValuesOptions = {}): DataFrame {
    return new DataFrame(rows, options);
  }

  /**
   * A frame over an Arrow JS Table's buffers (no copy when they are already shared memory).
   *
   * @example
   * DataFrame.fromArrow(df.toArrow());
   */
  static fromArrow(table: ArrowTable): DataFrame {
    return new DataFrame(Table.fromArrow(table));
  }

  /** The column names, in order. */
  get columns(): string[] {
    return this.table.columns;
  }

  /** Names and types of the columns. */
  get schema(): Schema {
    return this.table.schema;
  }

  /** The column types, in column order. */
  get dtypes(): DataType[] {
    return this.table.schema.fields.map((f) => f.dtype);
  }

  /** Number of rows. */
  get height(): number {
    return this.table.height;
  }

  /** Number of columns. */
  get width(): number {
    return this.table.width;
  }

  /** [height, width], as Polars prints it. */
  get shape(): [number, number] {
    return this.table.shape;
  }

  /**
   * The column called `name`; an unknown name throws a `ColumnNotFoundError` listing the known ones.
   *
   * @example
   * df.getColumn('v').toArray(); // [1, 2, 3]
   */
  getColumn(name: string): Column {
    return this.table.getColumn(name);
  }

  /**
   * The Column objects, in order.
   *
   * @example
   * df.getColumns().map((c) => c.nullCount);
   */
  getColumns(): readonly Column[] {
    return this.table.getColumns();
  }

  /**
   * Every row as a plain object: nulls as `null`, dates as `Date`, Int64 as `bigint` unless
   * `int64` says `'number'` (exact within ±(2^53 - 1); a value beyond is an
   * `InvalidArgumentError` naming its column and row, never a rounded number) or `'string'`.
   * Sums of integer columns are Int64, so `JSON.stringify` of a group-by's records wants one of
   * those two.
   *
   * @example
   * df.toRecords(); // [{ id: 'a', v: 1 }, ...]
   * JSON.stringify(sums.toRecords({ int64: 'number' })); // '[{"id":"a","v":4}, ...]'
   */
  toRecords(options?: ValueOptions): Row[] {
    return this.table.toRecords(options);
  }

  /**
   * Column name → array of values (Int64 as `options.int64` says; see toRecords).
   *
   * @example
   * df.toColumns(); // { id: ['a', 'b', 'a'], v: [1, 2, 3] }
   * df.toColumns({ int64: 'string' }); // { id: [...], total: ['4', '2'] }
   */
  toColumns(options?: ValueOptions): Record<string, Scalar[]> {
    return this.table.toColumns(options);
  }

  /**
   * An Arrow JS Table that shares this frame's buffers (no copy).
   *
   * @example
   * df.toArrow().numRows;
   */
  toArrow(): ArrowTable {
    return this.table.toArrow();
  }

  /**
   * Write this frame as an Arrow IPC file (`.arrow`, Feather v2: random access, with a footer)
   * to a path or a Node `Writable` (left open). Utf8 columns are written dictionary-encoded;
   * `readIpc`, apache-arrow, Polars and DuckDB read it.
   *
   * @example
   * await df.writeIpc('answer.arrow');
   */
  async writeIpc(output: IpcOutput): Promise<void> {
    await writeArrowIpc(this.toArrow(), output, 'file');
  }

  /**
   * Write this frame as Parquet to a path or a Node `Writable` (left open), a row group at a time
   * (`rowGroupSize` rows, default 262,144), each column chunk compressed with `compression`
   * (`'zstd'` by default, `'snappy'` or `'uncompressed'`) and with min/max statistics. Every
   * Volley type round-trips through `readParquet` exactly: Utf8 as a dictionary-encoded string
   * column, Date as DATE, Timestamp as TIMESTAMP in ms, Int64 as INT64. DuckDB, Polars and
   * pyarrow read the file.
   *
   * @example
   * await df.writeParquet('answer.parquet', { compression: 'snappy', rowGroupSize: 100_000 });
   */
  async writeParquet(output: string | Writable, options: ParquetWriteOptions = {}): Promise<void> {
    checkParquetWriteOptions(options);
    const name = typeof output === 'string' ? output : '<stream>';
    const table = this.table;
    async function* frames(): AsyncGenerator<Table> {
      if (table.height > 0) yield table;
    }
    await writePieces(output, parquetPieces(frames(), table.schema, options, name), (e) => parquetFailure(name, `cannot write ${name}`, e));
  }

  /**
   * Write this frame in the Arrow IPC stream format (a sequence of messages, no footer) to a path
   * or a Node `Writable` (left open), for a reader that consumes it as it arrives.
   *
   * @example
   * await df.writeIpcStream(process.stdout);
   */
  async writeIpcStream(output: IpcOutput): Promise<void> {
    await writeArrowIpc(this.toArrow(), output, 'stream');
  }

  /**
   * Write this frame as CSV (RFC 4180) to a path or a Node `Writable` (left open), in pieces, so
   * the text is never held whole. Numbers are written so they read back exactly (the shortest
   * text for a Float64, -0 as `-0`, NaN as `NaN`, infinities as `inf` and `-inf`), Date as
   * `%Y-%m-%d` and Timestamp (UTC) as `%Y-%m-%d %H:%M:%S.%3f` unless `dateFormat` or
   * `datetimeFormat` say otherwise, booleans as `true`/`false`, nulls as `nullValue`. With the
   * default quoting, `readCsv` and DuckDB read the file back as this frame, except that an empty
   * string, written `""`, reads back as null in Volley (an empty field is null there).
   *
   * @example
   * await answer.writeCsv('answer.csv');
   * await answer.writeCsv(process.stdout, { delimiter: '\t', nullValue: 'NA' });
   */
  async writeCsv(output: string | Writable, options: CsvWriteOptions = {}): Promise<void> {
    const name = typeof output === 'string' ? output : '<stream>';
    checkCsvWriteOptions(options);
    const ctx = { threads: resolveOptions({ threads: options.threads }).threads, signal: null };
    await writePieces(output, formatOnPool(csvWork(this.table, options, true), ctx), (e) => csvWriteError(name, e));
  }

  /**
   * This frame as CSV text (see writeCsv for the options).
   *
   * @example
   * df.toCsvString(); // 'id,v\na,1\nb,2\n'
   */
  toCsvString(options: CsvWriteOptions = {}): string {
    let text = '';
    const utf8 = new TextDecoder();
    for (const piece of csvPieces(this.table, options)) text += typeof piece === 'string' ? piece : utf8.decode(piece);
    return text;
  }

  /**
   * Write this frame as one JSON array of records to a path or a Node `Writable` (left open), in
   * pieces, so the text is never held whole. Values are written exactly: Int64 as its digits,
   * Date as `"YYYY-MM-DD"`, Timestamp as ISO 8601 in UTC, -0 as `-0`; NaN and ±Infinity, which
   * JSON cannot hold, as `null`.
   *
   * The records are formatted on the worker pool (`threads`, default every core; 1 formats on
   * the calling thread), the text the same for every count.
   *
   * @example
   * await answer.writeJson('answer.json');
   */
  async writeJson(output: string | Writable, options: JsonWriteOptions = {}): Promise<void> {
    await this.#writeJson(output, 'array', options);
  }

  /**
   * Write this frame as newline-delimited JSON (one record per line), as writeJson writes
   * values; `readNdjson` reads it back.
   *
   * @example
   * await answer.writeNdjson(process.stdout);
   */
  async writeNdjson(output: string | Writable, options: JsonWriteOptions = {}): Promise<void> {
    await this.#writeJson(output, 'lines', options);
  }

  async #writeJson(output: string | Writable, layout: 'array' | 'lines', options: JsonWriteOptions): Promise<void> {
    const name = typeof output === 'string' ? output : '<stream>';
    const ctx = { threads: resolveOptions({ threads: options.threads }).threads, signal: null };
    await writePieces(output, formatOnPool(jsonWork(this.table, layout), ctx), (e) => jsonWriteError(name, e));
  }

  /**
   * What `JSON.stringify(df)` writes: the records, with Int64 as numbers (an
   * `InvalidArgumentError` for a value beyond ±(2^53 - 1), which `writeJson` writes exactly),
   * Date as `"YYYY-MM-DD"` and Timestamp as ISO 8601; NaN and ±Infinity become `null`.
   *
   * @example
   * JSON.stringify(df); // '[{"id":"a","v":1},...]'
   */
  toJSON(): Row[] {
    const records = this.table.toRecords({ int64: 'number' });
    const days = this.schema.fields.filter((f) => f.dtype === 'Date').map((f) => f.name);
    if (days.length > 0)
      for (const r of records)
        for (const name of days) {
          const v = r[name];
          if (v instanceof Date) r[name] = v.toISOString().slice(0, 10);
        }
    return records;
  }

  /**
   * A LazyFrame that scans this frame, to build a query step by step.
   *
   * @example
   * await df.lazy().filter(col('v').gt(1)).groupBy('id').agg(col('v').sum()).collect({ threads: 2 });
   */
  lazy(): LazyFrame {
    return new LazyFrame(scanFramePlan(this.table));
  }

  /**
   * Only these columns or expressions, in order; if every item aggregates, one row.
   *
   * @example
   * await df.select('id', col('v').mul(2).alias('v2'));
   */
  async select(...items: IntoExprs): Promise<DataFrame> {
    return this.lazy()
      .select(...items)
      .collect();
  }

  /**
   * Adds or replaces columns, keeping every existing column in place.
   *
   * @example
   * await df.withColumns(col('v').mul(2).alias('v2'));
   */
  async withColumns(...items: IntoExprs): Promise<DataFrame> {
    return this.lazy()
      .withColumns(...items)
      .collect();
  }

  /**
   * Adds or replaces one column.
   *
   * @example
   * await df.withColumn(col('v').neg().alias('minus_v'));
   */
  async withColumn(item: Expr): Promise<DataFrame> {
    return this.lazy().withColumn(item).collect();
  }

  /**
   * Rows where every predicate is true; a null result drops the row.
   *
   * @example
   * await df.filter(col('v').gt(1), col('id').eq('a'));
   */
  async filter(...predicates: Expr[]): Promise<DataFrame> {
    return this.lazy()
      .filter(...predicates)
      .collect();
  }

  /**
   * Groups rows; `agg(...)` and `head(n)` return Promises of frames. Unknown keys throw here.
   *
   * @example
   * await df.groupBy('id').agg(col('v').sum());
   */
  groupBy(...keys: IntoExprs): GroupBy<Promise<DataFrame>> {
    const lf = this.lazy();
    return new GroupBy(lf.plan, groupKeys(lf.plan, keys), (plan) => new LazyFrame(plan).collect());
  }

  /**
   * Aggregations over all rows: one output row.
   *
   * @example
   * await df.agg(col('v').sum(), len());
   */
  async agg(...aggs: IntoExprs): Promise<DataFrame> {
    return this.lazy()
      .agg(...aggs)
      .collect();
  }

  /**
   * Stable sort by one or several keys.
   *
   * @example
   * await df.sort(['id', 'v'], { descending: [false, true] });
   */
  async sort(by: IntoExpr | readonly IntoExpr[], options?: SortOptions): Promise<DataFrame> {
    return this.lazy().sort(by, options).collect();
  }

  /**
   * The first `n` rows.
   *
   * @example
   * await df.limit(10);
   */
  async limit(n: number): Promise<DataFrame> {
    return this.lazy().limit(n).collect();
  }

  /**
   * The first `n` rows (default 5).
   *
   * @example
   * await df.head(3);
   */
  async head(n = 5): Promise<DataFrame> {
    return this.lazy().head(n).collect();
  }

  /**
   * The last `n` rows (default 5).
   *
   * @example
   * await df.tail(3);
   */
  async tail(n = 5): Promise<DataFrame> {
    const keep = Math.min(this.height, Math.max(0, n));
    return this.lazy()
      .slice(this.height - keep, keep)
      .collect();
  }

  /**
   * Rows [offset, offset + length); a negative offset counts from the end, and without `length`
   * the rows run to the end.
   *
   * @example
   * await df.slice(10, 5);
   * await df.slice(-2); // the last two rows
   */
  async slice(offset: number, length?: number): Promise<DataFrame> {
    const start = offset < 0 ? Math.max(0, this.height + offset) : offset;
    return this.lazy()
      .slice(start, length ?? Math.max(0, this.height - start))
      .collect();
  }

  /**
   * The first row of each distinct combination of `subset` (default: all columns).
   *
   * @example
   * await df.unique({ subset: 'id' });
   */
  async unique(options?: UniqueOptions): Promise<DataFrame> {
    return this.lazy().unique(options).collect();
  }

  /**
   * Joins `other` on equal keys (see {@link LazyFrame.join}).
   *
   * @example
   * await df.join(other, { on: 'id', how: 'left' });
   */
  async join(other: LazyFrame | DataFrame, options: JoinOptions = {}): Promise<DataFrame> {
    return this.lazy().join(other, options).collect();
  }

  /**
   * As-of joins `other` (see {@link LazyFrame.joinAsof}).
   *
   * @example
   * await trades.joinAsof(quotes, { on: 'time', strategy: 'nearest' });
   */
  async joinAsof(other: LazyFrame | DataFrame, options: AsofOptions = {}): Promise<DataFrame> {
    return this.lazy().joinAsof(other, options).collect();
  }

  /**
   * Renames columns, keeping their places.
   *
   * @example
   * await df.rename({ v: 'value' });
   */
  async rename(mapping: Readonly<Record<string, string>>): Promise<DataFrame> {
    return this.lazy().rename(mapping).collect();
  }

  /**
   * Every column except these.
   *
   * @example
   * await df.drop('v');
   */
  async drop(...names: (string | readonly string[])[]): Promise<DataFrame> {
    return this.lazy()
      .drop(...names)
      .collect();
  }

  /**
   * This frame's rows followed by `other`'s: `concat([df, other])` (same names, types and order,
   * else a `ConcatError`). Chunks are shared, not copied; Utf8 codes are rewritten where the two
   * dictionaries differ.
   *
   * @example
   * await df.vstack(more); // df.height + more.height rows
   */
  async vstack(other: DataFrame): Promise<DataFrame> {
    return new DataFrame(concatTables([this.table, other.table], { how: 'vertical' }));
  }

  /**
   * This frame's columns followed by `other`'s (a frame or a list of columns). Unlike
   * `concat(..., { how: 'horizontal' })`, which pads a shorter frame with nulls, heights must be
   * equal (`LENGTH_MISMATCH`), as in Polars; a name in both is `DUPLICATE_COLUMN`.
   *
   * @example
   * await df.hstack(new DataFrame({ w: [1, 2, 3] }));
   * await df.hstack([other.getColumn('w')]);
   */
  async hstack(other: DataFrame | readonly Column[]): Promise<DataFrame> {
    const right = other instanceof DataFrame ? other.table : new Table(other);
    return new DataFrame(concatTables([this.table, right], { how: 'horizontal', strict: true }));
  }

  /**
   * How a query over this frame would run: `df.explain()` is `df.lazy().explain()`, for a plan
   * with no verbs yet; build the query on `lazy()` to see its plan.
   *
   * @example
   * console.log(df.explain({ threads: 2 }));
   */
  explain(options: ExplainOptions = {}): string {
    return this.lazy().explain(options);
  }

  /**
   * A Polars-style rendering: shape, names with types, rows (long frames elided with `…`).
   *
   * @example
   * console.log(df.toString({ maxRows: 4 }));
   */
  toString(options?: FormatOptions): string {
    return this.table.toString(options);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** The plan of a join's other side; anything else is a PlanError rather than a late crash. */
function joinSide(other: LazyFrame | DataFrame, verb = 'join'): LogicalPlan {
  if (other instanceof LazyFrame) return other.plan;
  if (other instanceof DataFrame) return other.lazy().plan;
  throw new PlanError(`${verb}() takes a LazyFrame or a DataFrame to join with`);
}
