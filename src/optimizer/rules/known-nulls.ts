/** Optimizer rule known-nulls: a null check on a column that an in-memory frame holds no null in is a constant. */
import type { ExprNode } from '../../expr/ast.js';
import { transformUp } from '../../expr/visit.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { transformPlanUp } from '../../plan/visit.js';
import type { Table } from '../../table/table.js';
import { FALSE, TRUE } from '../exprs.js';
import type { OptimizerRule } from '../rule.js';

/** `e` with `isNull(c)` / `isNotNull(c)` replaced by false / true for each column c of `frame` without nulls. */
function fold(e: ExprNode, frame: Table): ExprNode {
  return transformUp(e, (n) => {
    if (n.kind !== 'unary' || (n.op !== 'isNull' && n.op !== 'isNotNull') || n.arg.kind !== 'col') return n;
    if (!frame.columns.includes(n.arg.name) || frame.getColumn(n.arg.name).nullCount > 0) return n;
    return n.op === 'isNull' ? FALSE : TRUE;
  });
}

function rewrite(plan: LogicalPlan): LogicalPlan {
  if (plan.kind === 'scan') {
    if (plan.source.type !== 'frame' || plan.predicate === null) return plan;
    const p = fold(plan.predicate, plan.source.frame);
    return p === plan.predicate ? plan : { ...plan, predicate: p };
  }
  if (plan.kind === 'filter' && plan.input.kind === 'scan' && plan.input.source.type === 'frame') {
    const p = fold(plan.predicate, plan.input.source.frame);
    return p === plan.predicate ? plan : { ...plan, predicate: p };
  }
  return plan;
}

/**
 * known-nulls: in a predicate that reads an in-memory frame (a filter right above its scan, or
 * the scan's own predicate), `isNull(c)` is false and `isNotNull(c)` is true for every column c
 * the frame holds no null in; simplify-expressions then drops what became always true.
 *
 * Before (v3 has no nulls in the frame):
 * ```
 * FILTER col("v3").isNotNull()
 *   SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * FILTER true
 *   SCAN frame [3 cols]
 * ```
 *
 * Why it is legal: a frame is immutable and its columns count their nulls when built, so the
 * check has the same answer on every row the plan will read; only predicates change, never an
 * output column, so the schema stays. Files are not frames: a scan of a CSV is left alone.
 * Worth it where a query guards against nulls the data does not have (the H2O q8 filter
 * `v3.isNotNull()` before its sort): the filter would otherwise run over every morsel.
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [knownNulls, simplifyExpressions] });
 */
export const knownNulls: OptimizerRule = {
  name: 'known-nulls',
  apply: (plan) => transformPlanUp(plan, rewrite),
};
