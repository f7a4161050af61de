/** Optimizer rule predicate-pushdown: filters move towards the scan and into it. */
import type { ExprNode } from '../../expr/ast.js';
import { columnsUsed, outputName } from '../../expr/names.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';
import { withInput, withOtherInputs, withRight } from '../../plan/visit.js';
import { conjoin, conjuncts, passThroughColumn, substituteColumns } from '../exprs.js';
import { readsKeysByClass } from '../key-classes.js';
import type { OptimizerRule } from '../rule.js';
import { pushIntoUnion } from './union-pushdown.js';
import { splitAtJoin } from './predicate-join.js';

/** Applies the still-pending parts on top of `plan`. */
function above(plan: LogicalPlan, parts: readonly ExprNode[]): LogicalPlan {
  const predicate = conjoin(parts);
  return predicate === null ? plan : { kind: 'filter', input: plan, predicate };
}

/**
 * Splits `parts` into those that can move below (rewritten to the names below, via `renames`:
 * output name → input column) and those that must stay. `merged` names the input's Float64
 * columns whose equal values the operator merges into one key: a part that could tell `-0` from
 * `0` among them stays above.
 */
function partition(
  parts: readonly ExprNode[],
  renames: ReadonlyMap<string, string>,
  merged: ReadonlySet<string> = new Set(),
): { down: ExprNode[]; stay: ExprNode[] } {
  const down: ExprNode[] = [];
  const stay: ExprNode[] = [];
  const map = new Map<string, ExprNode>([...renames].map(([out, src]) => [out, { kind: 'col', name: src }]));
  for (const p of parts) {
    const below = columnsUsed(p).every((c) => renames.has(c)) ? substituteColumns(p, map) : null;
    if (below !== null && readsKeysByClass(below, merged)) down.push(below);
    else stay.push(p);
  }
  return { down, stay };
}

/** The Float64 columns among `keys` of `input`'s output: their -0 and 0 (and every NaN) merge. */
function floatKeys(input: LogicalPlan, keys: Iterable<string>): Set<string> {
  const schema = schemaOf(input);
  return new Set([...keys].filter((k) => schema.has(k) && schema.get(k).dtype === 'Float64'));
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
      const renames = passThroughs(plan.keys);
      const { down, stay } = partition(parts, renames, floatKeys(plan.input, renames.values()));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'groupHead': {
      const keys = plan.keys.map(passThroughColumn).filter((k): k is string => k !== null);
      const { down, stay } = partition(parts, identity(keys), floatKeys(plan.input, keys));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'distinct': {
      const subset = plan.subset ?? schemaOf(plan.input).names;
      const { down, stay } = partition(parts, identity(subset), floatKeys(plan.input, subset));
      return above(withInput(plan, push(plan.input, down)), stay);
    }
    case 'limit':
      return above(withInput(plan, push(plan.input, [])), parts);
    case 'join': {
      const { left, right, stay, how } = splitAtJoin(plan, parts);
      const join = how === plan.how ? plan : { ...plan, how };
      return above(withRight(withInput(join, push(plan.input, left)), push(plan.right, right)), stay);
    }
    case 'asof':
      // a barrier: a right-side filter pushed below changes which row matches
      return above(withRight(withInput(plan, push(plan.input, [])), push(plan.right, [])), parts);
    case 'union':
      return pushIntoUnion(plan, parts, push);
    case 'hconcat':
      // a barrier: row i is row i of every input, which filtering one input would shift
      return above(
        withOtherInputs(withInput(plan, push(plan.input, [])), (p) => push(p, [])),
        parts,
      );
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
 * - Through `groupBy(...).agg(...)`, `groupBy(...).head(n)` and `unique(subset)` (or `unique()`,
 *   whose subset is every column) only when the part reads nothing but plain group key (or
 *   subset) columns, and gives one answer for all the values those operators merge into one key:
 *   then it keeps or drops whole groups, which commutes with computing per group. Float64 keys
 *   merge `-0` with `0` (and every NaN into one), so a part may read a Float64 key only through
 *   operations that cannot tell merged values apart (comparisons, which treat `-0` as `0`;
 *   `isNull`; `+ - *`, and `/` by something else; see `readsKeysByClass`). `1 / x > 0` stays
 *   above: below, the `-0` rows would fail it and the `0` rows pass, changing the group's sum or
 *   the row `unique` keeps. A global `agg` (no keys) stops it: over no rows it still returns one
 *   row.
 * - Never through a limit/slice: which rows are first depends on the filter.
 * - Into a join's inputs, part by part, where the join type allows (`splitAtJoin`,
 *   predicate-join.ts): a part over one side's columns goes into that side of an inner or cross
 *   join, only the left side of a left, semi or anti join (the mirror for a right join), and
 *   into neither side of a full join. A part on key columns is also copied onto the other
 *   side's keys where every kept row comes from a key match (inner, semi, anti; into the padded
 *   side of a left or right join), when the part cannot tell apart values the join matches:
 *   Float64 `-0` and `0`, NaNs; across keys of two types (Int32 with Int64 or Float64) only
 *   comparisons of the key with literals. A part that is never true on null-padded rows turns
 *   a left join into an inner one (a full join into a left or inner one)
 *   first. Nothing goes into a side whose keys the join validates.
 * - Not through an as-of join (each side's own filters still move within that side).
 * - Through a union into every input (union-pushdown.ts); not through a horizontal concat.
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
