/** How predicate-, projection- and limit-pushdown pass through a union: into every input alike. */
import type { ExprNode } from '../../expr/ast.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';
import { withInput, withOtherInputs } from '../../plan/visit.js';

type Union = Extract<LogicalPlan, { kind: 'union' }>;

/**
 * A union with the filter parts over its output pushed into every input, each input then
 * rewriting them as deep as it allows (`push` is predicate-pushdown's own step).
 *
 * Before:
 * ```
 * FILTER (col("v") > 1)
 *   UNION 2 INPUTS (rows in input order)
 *     SCAN csv "a.csv" [2 cols]
 *     SCAN csv "b.csv" [2 cols]
 * ```
 * After:
 * ```
 * UNION 2 INPUTS (rows in input order)
 *   SCAN csv "a.csv" [2 cols] SELECTION: (col("v") > 1)
 *   SCAN csv "b.csv" [2 cols] SELECTION: (col("v") > 1)
 * ```
 *
 * Why it is legal: a union's rows are its inputs' rows, input after input, each input's in its
 * order, under the same names and types; a filter keeps or drops each row on that row alone and
 * keeps the order of the rest, so filtering each input gives the same rows in the same order.
 *
 * @example
 * case 'union': return pushIntoUnion(plan, parts, push);
 */
export function pushIntoUnion(
  plan: Union,
  parts: readonly ExprNode[],
  push: (p: LogicalPlan, parts: readonly ExprNode[]) => LogicalPlan,
): LogicalPlan {
  return withOtherInputs(withInput(plan, push(plan.input, parts)), (p) => push(p, parts));
}

/**
 * A union whose inputs read only the columns needed above it (`needed`, null for all), each input
 * cut to exactly those columns in the union's order, so they still stack (`prune` is
 * projection-pushdown's own step). Where nothing is needed (a row count), the first column stays.
 *
 * Before (only `v` is needed above):
 * ```
 * UNION 2 INPUTS (rows in input order)
 *   SCAN csv "a.csv" [3 cols]
 *   SCAN csv "b.csv" [3 cols] SELECTION: (col("w") > 0)
 * ```
 * After:
 * ```
 * UNION 2 INPUTS (rows in input order)
 *   SCAN csv "a.csv" [3 cols] PROJECT 1/3 COLUMNS: ["v"]
 *   SELECT [col("v")]
 *     SCAN csv "b.csv" [3 cols] PROJECT 2/3 COLUMNS: ["v","w"] SELECTION: (col("w") > 0)
 * ```
 *
 * Why it is legal: a union passes every column of its inputs through by position and name, so a
 * column nothing above reads cannot reach the result from any input; each input keeps the same
 * needed columns in the same order, so the narrower union stacks as the wide one did.
 *
 * @example
 * case 'union': return pruneUnion(plan, needed, prune);
 */
export function pruneUnion(
  plan: Union,
  needed: ReadonlySet<string> | null,
  prune: (p: LogicalPlan, needed: ReadonlySet<string> | null) => LogicalPlan,
): LogicalPlan {
  if (needed === null) return withOtherInputs(withInput(plan, prune(plan.input, null)), (p) => prune(p, null));
  const all = schemaOf(plan).names;
  const kept = all.filter((n) => needed.has(n));
  const target = kept.length > 0 ? kept : all.slice(0, 1);
  const want = new Set(target);
  const cut = (input: LogicalPlan): LogicalPlan => {
    const pruned = prune(input, want);
    const names = schemaOf(pruned).names;
    if (names.length === target.length && names.every((n, i) => n === target[i])) return pruned;
    return { kind: 'project', input: pruned, exprs: target.map((name): ExprNode => ({ kind: 'col', name })) };
  };
  return withOtherInputs(withInput(plan, cut(plan.input)), cut);
}

type Limit = Extract<LogicalPlan, { kind: 'limit' }>;

/**
 * A limit over a union, with a copy of it (its offset + n rows) on every input that does not
 * already stop that early; the limit itself stays above. `limit` itself when there is nothing to
 * add (limit-pushdown's step for a union).
 *
 * Before:
 * ```
 * LIMIT 5
 *   UNION 2 INPUTS (rows in input order)
 *     SCAN csv "a.csv" [2 cols]
 *     SCAN csv "b.csv" [2 cols]
 * ```
 * After (limit-pushdown then moves each copy into its scan):
 * ```
 * LIMIT 5
 *   UNION 2 INPUTS (rows in input order)
 *     SCAN csv "a.csv" [2 cols] LIMIT 5
 *     SCAN csv "b.csv" [2 cols] LIMIT 5
 * ```
 *
 * Why it is legal: the first k rows of a union come from the first k rows of its inputs, taken
 * in order, so no input needs to give more than k; the limit above still picks which of them
 * remain.
 *
 * @example
 * case 'union': return limitIntoUnion(plan, input);
 */
export function limitIntoUnion(limit: Limit, union: Union): LogicalPlan {
  const want = limit.offset + limit.n;
  const stopsBy = (p: LogicalPlan): boolean => {
    // row-wise projections keep the row count: look through them
    while (p.kind === 'project') p = p.input;
    return (p.kind === 'limit' && p.offset === 0 && p.n <= want) || (p.kind === 'scan' && p.limit !== null && p.limit <= want);
  };
  const cap = (p: LogicalPlan): LogicalPlan => (stopsBy(p) ? p : { kind: 'limit', input: p, n: want, offset: 0 });
  const capped = withOtherInputs(withInput(union, cap(union.input)), cap);
  return capped === union ? limit : { ...limit, input: capped };
}

type Hconcat = Extract<LogicalPlan, { kind: 'hconcat' }>;

/**
 * A horizontal concat whose inputs read only the columns needed above it: each input keeps its
 * needed columns, or its first column when none is needed (its height still decides the padding
 * of the others, and a strict concat's check), so the concat keeps its height (projection-pushdown's
 * step for a horizontal concat). Filters and limits do not cross it: row i is row i of every
 * input, which a filter or a limit on one input would shift.
 *
 * Before (only `a` and `x` are needed above):
 * ```
 * HCONCAT 2 INPUTS (side by side; shorter inputs padded with nulls)
 *   SCAN frame [2 cols]
 *   SCAN frame [2 cols]
 * ```
 * After:
 * ```
 * HCONCAT 2 INPUTS (side by side; shorter inputs padded with nulls)
 *   SCAN frame [2 cols] PROJECT 1/2 COLUMNS: ["a"]
 *   SCAN frame [2 cols] PROJECT 1/2 COLUMNS: ["x"]
 * ```
 *
 * @example
 * case 'hconcat': return pruneHconcat(plan, needed, prune);
 */
export function pruneHconcat(
  plan: Hconcat,
  needed: ReadonlySet<string> | null,
  prune: (p: LogicalPlan, needed: ReadonlySet<string> | null) => LogicalPlan,
): LogicalPlan {
  const cut = (input: LogicalPlan): LogicalPlan => {
    if (needed === null) return prune(input, null);
    const names = schemaOf(input).names;
    const kept = names.filter((n) => needed.has(n));
    return prune(input, new Set(kept.length > 0 ? kept : names.slice(0, 1)));
  };
  return withOtherInputs(withInput(plan, cut(plan.input)), cut);
}
