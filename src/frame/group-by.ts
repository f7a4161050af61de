/** GroupBy: the pending `groupBy(keys)` of a plan, finished by `agg(...)` or `head(n)`. */
import type { ExprNode } from '../expr/ast.js';
import { aggregatePlan, groupHeadPlan, type IntoExprs } from '../plan/builder.js';
import type { LogicalPlan } from '../plan/nodes.js';

/**
 * Group keys waiting for what to compute per group. `T` is what finishing returns: a `LazyFrame`
 * for `lf.groupBy(...)`, a `Promise<DataFrame>` for the eager `df.groupBy(...)`; `finish` turns
 * the finished plan into it.
 *
 * @example
 * lf.groupBy('id1', 'id2').agg(col('v1').sum().alias('v1'), col('v3').mean());
 * lf.sort('v3', { descending: true }).groupBy('id6').head(2); // the largest two v3 per id6
 */
export class GroupBy<T> {
  constructor(
    private readonly input: LogicalPlan,
    /** The validated key expressions. */
    readonly keys: readonly ExprNode[],
    private readonly finish: (plan: LogicalPlan) => T,
  ) {}

  /**
   * One row per group: the keys, then each aggregation (named by its alias or input column).
   * Groups come in order of first appearance.
   *
   * @example
   * lf.groupBy('id3').agg(col('v1').max().sub(col('v2').min()).alias('range_v1_v2'));
   */
  agg(...aggs: IntoExprs): T {
    return this.finish(aggregatePlan(this.input, this.keys, aggs));
  }

  /**
   * The first `n` rows (default 5) of each group, in the current row order, all columns kept.
   *
   * @example
   * lf.filter(col('v3').isNotNull()).sort('v3', { descending: true }).groupBy('id6').head(2);
   */
  head(n = 5): T {
    return this.finish(groupHeadPlan(this.input, this.keys, n));
  }
}
