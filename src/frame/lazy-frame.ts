/** LazyFrame: a query as a logical plan; verbs append nodes, `collect()` optimizes and runs it. */
import { inspect } from 'node:util';
import { execute, executeStream } from '../exec/execute.js';
import type { Expr } from '../expr/expr.js';
import { optimize } from '../optimizer/optimize.js';
import { physicalPlanToString } from '../physical/display.js';
import type { ExecOptions } from '../physical/options.js';
import {
  aggregatePlan,
  distinctPlan,
  dropPlan,
  filterPlan,
  groupKeys,
  renamePlan,
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
import type { LogicalPlan } from '../plan/nodes.js';
import { schemaOf } from '../plan/schema.js';
import type { DataFrame } from '../table/dataframe.js';
import type { Schema } from '../types/schema.js';
import { GroupBy } from './group-by.js';

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
 * What `explain()` shows; the execution options shape the physical plan shown.
 *
 * @example
 * lf.explain({ verbose: true, threads: 4 });
 */
export interface ExplainOptions extends ExecOptions {
  /** Also show the plan as built and after every optimizer rule that changed it. */
  verbose?: boolean;
  /** Optimize before showing (default true). */
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
    const { verbose = false, optimize: doOptimize = true, ...exec } = options;
    const parts: string[] = [];
    let plan = this.plan;
    if (doOptimize) {
      const result = optimize(this.plan, { verbose });
      if (verbose) {
        parts.push(section('logical plan', this.plan));
        for (const step of result.steps) parts.push(section(`after ${step.rule}`, step.plan));
      }
      plan = result.plan;
      parts.push(section('optimized logical plan', plan));
    } else {
      parts.push(section('logical plan (not optimized)', plan));
    }
    parts.push(`== physical plan ==\n${physicalPlanToString(plan, exec)}`);
    return parts.join('\n\n');
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
    return execute(plan, exec);
  }

  /**
   * Runs the query as a stream of frames. Over a CSV scan whose plan ends in filters and
   * projections (and a limit), each frame holds the rows one byte range of the file produced, in
   * file order, and ranges are parsed only a few ahead of the consumer: a slow consumer pauses
   * the scan instead of letting frames pile up, and breaking out of the loop stops it. Any other
   * plan yields its whole result once. Utf8 columns of the frames share one dictionary each.
   *
   * @example
   * for await (const batch of scanCsv('big.csv').filter(col('v1').gt(2)).stream({ threads: 4 })) {
   *   await sink.write(batch); // the next ranges wait while this runs
   * }
   */
  async *stream(options: CollectOptions = {}): AsyncGenerator<DataFrame> {
    const { optimize: doOptimize = true, ...exec } = options;
    const plan = doOptimize ? optimize(this.plan).plan : this.plan;
    yield* executeStream(plan, exec);
  }

  /** The logical plan as built, one node per line. */
  toString(): string {
    return planToString(this.plan);
  }

  [inspect.custom](): string {
    return `LazyFrame\n${this.toString()}`;
  }
}

function section(title: string, plan: LogicalPlan): string {
  return `== ${title} ==\n${planToString(plan)}`;
}
