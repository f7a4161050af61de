/** Optimizer rule simplify-expressions: constant folding and boolean simplification, dropping always-true filters. */
import type { ExprNode } from '../../expr/ast.js';
import { containsAgg, outputName } from '../../expr/names.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';
import { transformPlanUp } from '../../plan/visit.js';
import type { Schema } from '../../types/schema.js';
import { isBoolLit, withName } from '../exprs.js';
import { simplifyExpr, simplifyPredicate } from '../fold.js';
import type { OptimizerRule } from '../rule.js';

function sameList(a: readonly ExprNode[], b: readonly ExprNode[]): readonly ExprNode[] {
  return a.every((x, i) => x === b[i]) ? a : b;
}

/** Simplified, keeping the output name (and, for an aggregation, keeping it an aggregation). */
function named(e: ExprNode, s: Schema, mustAggregate = false): ExprNode {
  const out = simplifyExpr(e, s);
  if (out === e || (mustAggregate && !containsAgg(out))) return e;
  return withName(out, outputName(e));
}

function rewrite(plan: LogicalPlan): LogicalPlan {
  switch (plan.kind) {
    case 'scan': {
      if (plan.predicate === null) return plan;
      const p = simplifyPredicate(plan.predicate, plan.schema);
      // a predicate that is (or became) the literal true keeps every row
      if (isBoolLit(p, true)) return { ...plan, predicate: null };
      return p === plan.predicate ? plan : { ...plan, predicate: p };
    }
    case 'filter': {
      const p = simplifyPredicate(plan.predicate, schemaOf(plan.input));
      if (isBoolLit(p, true)) return plan.input;
      return p === plan.predicate ? plan : { ...plan, predicate: p };
    }
    case 'project': {
      const s = schemaOf(plan.input);
      const exprs = sameList(
        plan.exprs,
        plan.exprs.map((e) => named(e, s)),
      );
      return exprs === plan.exprs ? plan : { ...plan, exprs };
    }
    case 'aggregate': {
      const s = schemaOf(plan.input);
      const keys = sameList(
        plan.keys,
        plan.keys.map((k) => named(k, s)),
      );
      const aggs = sameList(
        plan.aggs,
        plan.aggs.map((a) => named(a, s, true)),
      );
      return keys === plan.keys && aggs === plan.aggs ? plan : { ...plan, keys, aggs };
    }
    case 'sort': {
      const s = schemaOf(plan.input);
      const by = sameList(
        plan.by,
        plan.by.map((b) => simplifyExpr(b, s)),
      );
      return by === plan.by ? plan : { ...plan, by };
    }
    case 'groupHead': {
      const s = schemaOf(plan.input);
      const keys = sameList(
        plan.keys,
        plan.keys.map((k) => simplifyExpr(k, s)),
      );
      return keys === plan.keys ? plan : { ...plan, keys };
    }
    default:
      return plan;
  }
}

/**
 * simplify-expressions: constant folding and boolean simplification in every expression of the
 * plan, then removal of filters that keep every row.
 *
 * Before:
 * ```
 * SELECT [(col("v1") * (2 + 3)).alias("x")]
 *   FILTER ((col("v1") > 1) & true)
 *     FILTER (true | col("v2").isNull())
 *       SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * SELECT [(col("v1") * 5).alias("x")]
 *   FILTER (col("v1") > 1)
 *     SCAN frame [3 cols]
 * ```
 *
 * Why it is legal: each identity holds for every input under SQL three-valued logic (`x & true`
 * is x, `x & false` is false even when x is null, `x | true` is true, `not not x` is x). In a
 * filter's predicate a null literal under nothing but `&`/`|` is false, since a filter keeps only
 * the rows where its predicate is true (`x & null` is never true, `x | null` is true where x is);
 * literal
 * arithmetic uses the kernels' semantics (Int32 wraps, `/` is Float64), and anything whose result
 * could differ (integer `%`, Int64, non-finite floats, string ordering) is left alone. A filter
 * whose predicate is the literal true keeps every row. Output names are kept with an alias where
 * folding would change them, so the schema does not move.
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [simplifyExpressions] });
 */
export const simplifyExpressions: OptimizerRule = {
  name: 'simplify-expressions',
  apply: (plan) => transformPlanUp(plan, rewrite),
};
