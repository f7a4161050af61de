/** Optimizer rule limit-pushdown: limits move below projections, merge, and reach the scan. */
import type { LogicalPlan } from '../../plan/nodes.js';
import { transformPlanDown } from '../../plan/visit.js';
import type { OptimizerRule } from '../rule.js';
import { limitIntoUnion } from './union-pushdown.js';

type Limit = Extract<LogicalPlan, { kind: 'limit' }>;

function lower(plan: Limit): LogicalPlan {
  const input = plan.input;
  switch (input.kind) {
    case 'project':
      return { ...input, input: { ...plan, input: input.input } };
    case 'limit': {
      // The outer slice reads rows [offset, offset + n) of the inner slice's output.
      const n = Math.max(0, Math.min(plan.n, input.n - plan.offset));
      return { kind: 'limit', input: input.input, offset: input.offset + plan.offset, n };
    }
    case 'scan': {
      const want = plan.offset + plan.n;
      const limit = input.limit === null ? want : Math.min(input.limit, want);
      const scan = limit === input.limit ? input : { ...input, limit };
      return plan.offset === 0 ? scan : { ...plan, input: scan };
    }
    case 'union':
      return limitIntoUnion(plan, input);
    default:
      return plan;
  }
}

function rewrite(plan: LogicalPlan): LogicalPlan {
  // Repeats on the node that took the limit's place, which may itself be a movable limit.
  let current = plan;
  while (current.kind === 'limit') {
    const next = lower(current);
    if (next === current || (next.kind === 'limit' && next.input === current.input)) return next;
    current = next;
  }
  return current;
}

/**
 * limit-pushdown: a limit moves below row-wise projections, merges with a limit below it, and
 * reaches the scan so that it stops reading early.
 *
 * Before:
 * ```
 * LIMIT 5
 *   SELECT [(col("v1") * 2).alias("x")]
 *     SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * SELECT [(col("v1") * 2).alias("x")]
 *   SCAN frame [3 cols] LIMIT 5
 * ```
 *
 * Why it is legal: a projection maps each row to one row, so the first n rows of its output are
 * the projection of the first n rows of its input. Two slices compose into one
 * (`offset1 + offset2`, the shorter length). The scan applies its limit after its predicate, so
 * taking the first n rows there is the same as taking them right above it; with an offset the
 * scan reads `offset + n` rows and the slice stays above to skip the first ones. A limit never
 * moves below a filter, sort, aggregation, per-group head or unique: which rows come first
 * depends on them. Nor below a join, of any kind: how many output rows an input row gives
 * depends on the other side (an inner join may drop the first n left rows), so the limit stays
 * above it; the limits inside each side still move within that side. (A left or cross join gives
 * every left row its rows in left order, so a copy of `offset + n` could go into its left input,
 * the mirror for a right join; kept out for now, for simplicity.)
 * A sort directly under a limit stays together for the physical planner (top-k).
 * Over a union, a copy of the limit goes to every input and the limit stays (union-pushdown.ts).
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [limitPushdown] });
 */
export const limitPushdown: OptimizerRule = {
  name: 'limit-pushdown',
  apply: (plan) => transformPlanDown(plan, rewrite),
};
