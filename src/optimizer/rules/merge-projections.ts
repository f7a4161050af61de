/** Optimizer rule merge-projections: stacked projections become one; identity projections disappear. */
import type { ExprNode } from '../../expr/ast.js';
import { outputName } from '../../expr/names.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';
import { transformPlanUp } from '../../plan/visit.js';
import { columnReadCounts, stripAlias, substituteColumns, withName } from '../exprs.js';
import type { OptimizerRule } from '../rule.js';

type Project = Extract<LogicalPlan, { kind: 'project' }>;

function isIdentity(plan: Project): boolean {
  const names = schemaOf(plan.input).names;
  return plan.exprs.length === names.length && plan.exprs.every((e, i) => e.kind === 'col' && e.name === names[i]);
}

function isCheap(e: ExprNode): boolean {
  return e.kind === 'col' || e.kind === 'lit';
}

function merge(outer: Project, inner: Project): LogicalPlan | null {
  const defs = new Map<string, ExprNode>(inner.exprs.map((e) => [outputName(e), stripAlias(e)]));
  const reads = columnReadCounts(outer.exprs);
  for (const [name, def] of defs) if (!isCheap(def) && (reads.get(name) ?? 0) > 1) return null;
  const exprs = outer.exprs.map((e) => withName(substituteColumns(e, defs), outputName(e)));
  return { kind: 'project', input: inner.input, exprs };
}

/** Only passes columns through under their own names: whoever reads by name can read its input. */
function isPlainSelection(plan: Project): boolean {
  return plan.exprs.every((e) => e.kind === 'col');
}

function rewrite(plan: LogicalPlan): LogicalPlan {
  if (plan.kind === 'aggregate' && plan.input.kind === 'project' && isPlainSelection(plan.input))
    return { ...plan, input: plan.input.input };
  if (plan.kind !== 'project') return plan;
  let out: Project = plan;
  if (out.input.kind === 'project') {
    const merged = merge(out, out.input);
    if (merged !== null && merged.kind === 'project') out = merged;
  }
  return isIdentity(out) ? out.input : out;
}

/**
 * merge-projections: a projection over a projection becomes one, with the inner expressions
 * substituted into the outer ones; a projection that outputs its input unchanged disappears.
 *
 * Before:
 * ```
 * SELECT [col("a"), (col("b") + 1).alias("c")]
 *   SELECT [col("v1").alias("a"), (col("v2") * 2).alias("b")]
 *     SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * SELECT [col("v1").alias("a"), ((col("v2") * 2) + 1).alias("c")]
 *   SCAN frame [3 cols]
 * ```
 *
 * Why it is legal: projections are row-wise and pure, so evaluating `b` inside the expression
 * that reads it gives the same values; unused inner expressions had no effect. Every merged
 * expression keeps its output name (an alias is added where substitution would change it). To
 * avoid doing work twice, the merge is skipped when a computed inner expression (anything but a
 * column or a literal) would be substituted more than once. A projection whose expressions are
 * exactly its input's columns, in order and unrenamed, is the identity and is removed. An
 * aggregation reads its inputs by name, so a projection right below it that only passes columns
 * through under their own names (what projection pushdown leaves) is removed as well:
 * ```
 * AGGREGATE [col("v1").sum()] BY [col("id1")]
 *   SELECT [col("id1"), col("v1")]
 *     SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","id4","v1"] SELECTION: (col("id4") > 1)
 * ```
 * becomes
 * ```
 * AGGREGATE [col("v1").sum()] BY [col("id1")]
 *   SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","id4","v1"] SELECTION: (col("id4") > 1)
 * ```
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [mergeProjections] });
 */
export const mergeProjections: OptimizerRule = {
  name: 'merge-projections',
  apply: (plan) => transformPlanUp(plan, rewrite),
};
