/** Optimizer rule predicate-pushdown: filters move towards the scan and into it. */
import type { ExprNode } from '../../expr/ast.js';
import { columnsUsed, outputName } from '../../expr/names.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { withInput } from '../../plan/visit.js';
import { conjoin, conjuncts, passThroughColumn, substituteColumns } from '../exprs.js';
import type { OptimizerRule } from '../rule.js';

/** Applies the still-pending parts on top of `plan`. */
function above(plan: LogicalPlan, parts: readonly ExprNode[]): LogicalPlan {
  const predicate = conjoin(parts);
  return predicate === null ? plan : { kind: 'filter', input: plan, predicate };
}

/**
 * Splits `parts` into those that can move below (rewritten to the names below, via `renames`:
 * output name → input column) and those that must stay.
 */
function partition(parts: readonly ExprNode[], renames: ReadonlyMap<string, string>): { down: ExprNode[]; stay: ExprNode[] } {
  const down: ExprNode[] = [];
  const stay: ExprNode[] = [];
  const map = new Map<string, ExprNode>([...renames].map(([out, src]) => [out, { kind: 'col', name: src }]));
  for (const p of parts) {
    if (columnsUsed(p).every((c) => renames.has(c))) down.push(substituteColumns(p, map));
    else stay.push(p);
  }
  return { down, stay };
}

/** Output name → input column, for the expressions that pass a column through unchanged. */
function passThroughs(exprs: readonly ExprNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of exprs) {
    const src = passThroughColumn(e);
    if (src !== null) out.set(outputName(e), src);
  }
  return out;
}

/** The same columns under the same names: for nodes whose output keeps the input's columns. */
function identity(names: readonly string[]): Map<string, string> {
  return new Map(names.map((n) => [n, n]));
}

/** `plan` with `parts` (predicates over its output) applied, each pushed as deep as it may go. */
function push(plan: LogicalPlan, parts: readonly ExprNode[]): LogicalPlan {
  switch (plan.kind) {
    case 'scan': {
      if (parts.length === 0) return plan;
      if (plan.limit !== null) return above(plan, parts);
      return { ...plan, predicate: conjoin([...(plan.predicate === null ? [] : conjuncts(plan.predicate)), ...parts]) };
    }
    case 'filter':
      return push(plan.input, [...conjuncts(plan.predicate), ...parts]);
    case 'sort':
      return withInput(plan, push(plan.input, parts));
    case 'project': {
      const { down, stay } = partition(parts, passThroughs(plan.exprs));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'aggregate': {
      if (plan.keys.length === 0) return above(withInput(plan, push(plan.input, [])), parts);
      const { down, stay } = partition(parts, passThroughs(plan.keys));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'groupHead': {
      const keys = plan.keys.map(passThroughColumn).filter((k): k is string => k !== null);
      const { down, stay } = partition(parts, identity(keys));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'distinct': {
      if (plan.subset === null) return withInput(plan, push(plan.input, parts));
      const { down, stay } = partition(parts, identity(plan.subset));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'limit':
      return above(withInput(plan, push(plan.input, [])), parts);
  }
}

/**
 * predicate-pushdown: each part of a filter's `&` chain moves as far towards the scan as it
 * legally can, and into the scan itself, so fewer rows flow through everything above.
 *
 * Before:
 * ```
 * FILTER ((col("x") > 1) & (col("n") > 3))
 *   SORT BY [col("x")]
 *     SELECT [col("v1").alias("x"), (col("v2") * 2).alias("n")]
 *       SCAN frame [3 cols]
 * ```
 * After:
 * ```
 * SORT BY [col("x")]
 *   FILTER (col("n") > 3)
 *     SELECT [col("v1").alias("x"), (col("v2") * 2).alias("n")]
 *       SCAN frame [3 cols] SELECTION: (col("v1") > 1)
 * ```
 *
 * Why each move is legal (a filter keeps the rows where its predicate is true, in order):
 * - `p & q` keeps the same rows as `p` then `q`, so the parts move independently.
 * - Filters commute with each other, and with a stable sort (the kept rows keep their order).
 * - Through a projection only when every column the part reads is passed through unchanged
 *   (`col("a")`, or renamed with an alias): the part is rewritten to the input's names. Parts
 *   reading computed columns stay above.
 * - Through `groupBy(...).agg(...)`, `groupBy(...).head(n)` and `unique(subset)` only when the part
 *   reads nothing but plain group key (or subset) columns: then it keeps or drops whole groups,
 *   which commutes with computing per group. A global `agg` (no keys) stops it: over no rows it
 *   still returns one row.
 * - Never through a limit/slice: which rows are first depends on the filter.
 * - Into the scan's predicate, unless the scan has a limit (the scan applies its predicate
 *   before its limit).
 *
 * @example
 * const { plan } = optimize(lf.plan, { rules: [predicatePushdown] });
 */
export const predicatePushdown: OptimizerRule = {
  name: 'predicate-pushdown',
  apply: (plan) => push(plan, []),
};
