/** Optimizer rule merge-filters: a filter over a filter becomes one filter. */
import type { LogicalPlan } from '../../plan/nodes.js';
import { transformPlanUp } from '../../plan/visit.js';
import type { OptimizerRule } from '../rule.js';

function rewrite(plan: LogicalPlan): LogicalPlan {
  if (plan.kind !== 'filter' || plan.input.kind !== 'filter') return plan;
  const inner = plan.input;
  return { kind: 'filter', input: inner.input, predicate: { kind: 'binary', op: 'and', left: inner.predicate, right: plan.predicate } };
}

/**
 * merge-filters: a filter directly over another filter becomes one filter with `&`.
 *
 * Before:
 * ```
 * FILTER (col("v2") < 5)
 *   FILTER (col("v1") > 1)
 *     SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * FILTER ((col("v1") > 1) & (col("v2") < 5))
 *   SCAN frame [3 cols]
 * ```
 *
 * Why it is legal: a filter keeps the rows where its predicate is true; `p & q` is true exactly
 * when both are (null counts as not true in both forms), so one pass with `p & q` keeps the same
 * rows, in the same order. The inner predicate comes first, as it ran first.
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [mergeFilters] });
 */
export const mergeFilters: OptimizerRule = {
  name: 'merge-filters',
  apply: (plan) => transformPlanUp(plan, rewrite),
};
