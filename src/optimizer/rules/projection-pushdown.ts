/** Optimizer rule projection-pushdown: every node, the scan included, reads only the columns needed above it. */
import type { ExprNode } from '../../expr/ast.js';
import { columnsUsed, outputName } from '../../expr/names.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { withInput, withRight } from '../../plan/visit.js';
import type { OptimizerRule } from '../rule.js';
import { pruneHconcat, pruneUnion } from './union-pushdown.js';
import { joinInputsNeeded } from './projection-join.js';

/** The columns a parent needs; null means all of them (only the root and `unique()` ask for that). */
type Needed = ReadonlySet<string> | null;

function plus(needed: Needed, exprs: readonly ExprNode[]): Needed {
  if (needed === null) return null;
  const out = new Set(needed);
  for (const e of exprs) for (const c of columnsUsed(e)) out.add(c);
  return out;
}

function readsOf(exprs: readonly ExprNode[]): Set<string> {
  return plus(new Set(), exprs) as Set<string>;
}

function sameList<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  return a.length === b.length && a.every((x, i) => x === b[i]) ? a : b;
}

/** `items` filtered to what is needed, never empty: the first item stands in when nothing is. */
function keepNeeded<T>(items: readonly T[], needed: Needed, name: (t: T) => string): readonly T[] {
  if (needed === null) return items;
  const kept = items.filter((t) => needed.has(name(t)));
  return sameList(items, kept.length > 0 ? kept : items.slice(0, 1));
}

function prune(plan: LogicalPlan, needed: Needed): LogicalPlan {
  switch (plan.kind) {
    case 'scan': {
      if (needed === null) return plan;
      const want = plus(needed, plan.predicate === null ? [] : [plan.predicate])!;
      const base = plan.projection ?? plan.schema.names;
      const kept = keepNeeded(base, want, (n) => n);
      const all = plan.schema.names;
      const projection = kept.length === all.length && kept.every((n, i) => n === all[i]) ? null : kept;
      const unchanged =
        projection === null || plan.projection === null
          ? projection === plan.projection
          : sameList(plan.projection, projection) === plan.projection;
      return unchanged ? plan : { ...plan, projection };
    }
    case 'filter':
      return withInput(plan, prune(plan.input, plus(needed, [plan.predicate])));
    case 'sort':
      return withInput(plan, prune(plan.input, plus(needed, plan.by)));
    case 'limit':
      return withInput(plan, prune(plan.input, needed));
    case 'groupHead':
      return withInput(plan, prune(plan.input, plus(needed, plan.keys)));
    case 'distinct': {
      const subset: ExprNode[] = (plan.subset ?? []).map((name) => ({ kind: 'col', name }));
      return withInput(plan, prune(plan.input, plan.subset === null ? null : plus(needed, subset)));
    }
    case 'project': {
      const exprs = keepNeeded(plan.exprs, needed, outputName);
      const input = prune(plan.input, readsOf(exprs));
      return exprs === plan.exprs && input === plan.input ? plan : { ...plan, input, exprs };
    }
    case 'aggregate': {
      const aggs = keepNeeded(plan.aggs, needed, outputName);
      const input = prune(plan.input, readsOf([...plan.keys, ...aggs]));
      return aggs === plan.aggs && input === plan.input ? plan : { ...plan, input, aggs };
    }
    case 'join': {
      const { left, right } = joinInputsNeeded(plan, needed);
      return withRight(withInput(plan, prune(plan.input, left)), prune(plan.right, right));
    }
    case 'asof':
      // a barrier for now: each side keeps every column, and is pruned only below its own nodes
      return withRight(withInput(plan, prune(plan.input, null)), prune(plan.right, null));
    case 'union':
      return pruneUnion(plan, needed, prune);
    case 'hconcat':
      return pruneHconcat(plan, needed, prune);
  }
}

/**
 * projection-pushdown: every node reads only the columns something above it needs; the scan
 * reads (and, for CSV, parses) only those, unused projected expressions and aggregations are
 * dropped.
 *
 * Before:
 * ```
 * SELECT [col("id1"), (col("v1") * 2).alias("x")]
 *   FILTER (col("v2") > 0)
 *     SELECT [col("id1"), col("v1"), col("v2"), (col("v3") + 1).alias("w")]
 *       SCAN frame [9 cols]
 * ```
 * After:
 * ```
 * SELECT [col("id1"), (col("v1") * 2).alias("x")]
 *   FILTER (col("v2") > 0)
 *     SELECT [col("id1"), col("v1"), col("v2")]
 *       SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","v1","v2"]
 * ```
 *
 * Why it is legal: a projection or aggregation names exactly the columns it outputs, so columns
 * below it that none of its expressions read cannot reach the result; filters, sorts, limits and
 * per-group heads pass their input's columns through and additionally read their own. `unique()`
 * over all columns needs every input column. The scan always keeps the columns its own predicate
 * reads. Where nothing above needs any column (`agg(len())`), one column is kept so that the row
 * count survives. An aggregation always keeps at least one aggregate, and its group keys. A join
 * asks each input for the columns its needed outputs come from, plus its keys (and a left
 * column that a needed right column's suffix depends on, see `joinInputsNeeded`); a semi or anti
 * join's right input only for its keys. Every name the join outputs then still means the same
 * column: suffixes are decided by the left names, and no left name a kept suffix needs goes.
 * An as-of join is a barrier for now: both of its sides keep all their columns. A union prunes
 * every input to the same needed columns, a horizontal concat each input to its own
 * (union-pushdown.ts).
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [projectionPushdown] });
 */
export const projectionPushdown: OptimizerRule = {
  name: 'projection-pushdown',
  apply: (plan) => prune(plan, null),
};
