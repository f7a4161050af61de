/** Eager DataFrame methods (`df.filter`, `df.groupBy(...).agg`, ...) that build a lazy plan and collect it. */
import { Expr } from '../expr/expr.js';
import type { IntoExpr, IntoExprs, SortOptions, UniqueOptions } from '../plan/builder.js';
import { scanFramePlan } from '../plan/builder.js';
import { DataFrame } from '../table/dataframe.js';
import { GroupBy } from './group-by.js';
import { LazyFrame } from './lazy-frame.js';

/** Whether an argument list of `select` holds an expression (then it needs the planner). */
type HasExpr<T extends readonly unknown[]> = T[number] extends string | readonly string[] ? false : true;

declare module '../table/dataframe.js' {
  interface DataFrame {
    /**
     * A LazyFrame that scans this frame, to build a query step by step.
     *
     * @example
     * await df.lazy().filter(col('v1').gt(2)).groupBy('id1').agg(col('v1').sum()).collect();
     */
    lazy(): LazyFrame;
    /**
     * Column names select zero-copy and synchronously, as before; with any expression the
     * selection runs through the planner and returns a Promise.
     *
     * @example
     * df.select('id1', 'v1');                              // DataFrame
     * await df.select('id1', col('v1').mul(2).alias('x')); // Promise<DataFrame>
     */
    select<const T extends IntoExprs>(...items: T): HasExpr<T> extends true ? Promise<DataFrame> : DataFrame;
    /**
     * Rows where every predicate is true.
     *
     * @example
     * await df.filter(col('v1').gt(2));
     */
    filter(...predicates: Expr[]): Promise<DataFrame>;
    /**
     * Adds or replaces columns, keeping every existing column in place.
     *
     * @example
     * await df.withColumns(col('v3').mul(2).alias('v3x2'));
     */
    withColumns(...items: IntoExprs): Promise<DataFrame>;
    /** Adds or replaces one column. */
    withColumn(item: Expr): Promise<DataFrame>;
    /**
     * Groups rows; `agg(...)` and `head(n)` return Promises.
     *
     * @example
     * await df.groupBy('id1').agg(col('v1').sum());
     */
    groupBy(...keys: IntoExprs): GroupBy<Promise<DataFrame>>;
    /**
     * Aggregations over all rows: one output row.
     *
     * @example
     * await df.agg(col('v1').sum(), len());
     */
    agg(...aggs: IntoExprs): Promise<DataFrame>;
    /**
     * Stable sort by one or several keys.
     *
     * @example
     * await df.sort(['id1', 'v1'], { descending: [false, true] });
     */
    sort(by: IntoExpr | readonly IntoExpr[], options?: SortOptions): Promise<DataFrame>;
    /**
     * The first row of each distinct combination of `subset` (default: all columns).
     *
     * @example
     * await df.unique({ subset: 'id1' });
     */
    unique(options?: UniqueOptions): Promise<DataFrame>;
  }
}

const INSTALLED = Symbol.for('volley.eager-installed');

/*
 * Each method builds the same lazy plan a LazyFrame would and collects it, so eager and lazy
 * results agree; they return Promises because the work may run on the worker pool. Importing
 * this module installs them (the package entry point does).
 */

function hasExpr(items: readonly unknown[]): boolean {
  return items.some((i) => (Array.isArray(i) ? hasExpr(i) : i instanceof Expr));
}

function install(): void {
  const proto = DataFrame.prototype as DataFrame & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const selectNames = proto.select as (this: DataFrame, ...names: string[]) => DataFrame;
  const methods: ThisType<DataFrame> & Record<string, unknown> = {
    lazy(this: DataFrame) {
      return new LazyFrame(scanFramePlan(this));
    },
    select(this: DataFrame, ...items: IntoExprs) {
      if (hasExpr(items)) return this.lazy().select(...items).collect();
      return selectNames.apply(this, (items as readonly (string | readonly string[])[]).flat());
    },
    filter(this: DataFrame, ...predicates: Expr[]) {
      return this.lazy().filter(...predicates).collect();
    },
    withColumns(this: DataFrame, ...items: IntoExprs) {
      return this.lazy().withColumns(...items).collect();
    },
    withColumn(this: DataFrame, item: Expr) {
      return this.lazy().withColumn(item).collect();
    },
    groupBy(this: DataFrame, ...keys: IntoExprs) {
      const lf = this.lazy();
      return new GroupBy(lf.plan, lf.groupBy(...keys).keys, (plan) => new LazyFrame(plan).collect());
    },
    agg(this: DataFrame, ...aggs: IntoExprs) {
      return this.lazy().agg(...aggs).collect();
    },
    sort(this: DataFrame, by: IntoExpr | readonly IntoExpr[], options?: SortOptions) {
      return this.lazy().sort(by, options).collect();
    },
    unique(this: DataFrame, options?: UniqueOptions) {
      return this.lazy().unique(options).collect();
    },
  };
  for (const [name, fn] of Object.entries(methods))
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(proto, INSTALLED, { value: true });
}

install();
