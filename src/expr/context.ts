/** Where aggregations may and must appear: inside `agg(...)` yes, in row-wise verbs not yet. */
import type { ExprNode } from './ast.js';
import { exprToString } from './display.js';
import { ExprTypeError } from './errors.js';
import { children } from './visit.js';

function quoteList(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `"${n}"`).join(', ');
}

/**
 * Checks one expression of `groupBy(...).agg(...)` (or of `agg(...)` without groups, with no
 * keys): every column read outside an aggregation must be a group key, and no aggregation may
 * contain another. Throws {@link ExprTypeError}.
 *
 * @example
 * checkAggContext(col('v1').sum().add(col('id1')).node, ['id1']); // fine: id1 is a key
 * checkAggContext(col('v1').add(1).node, ['id1']);
 * // throws: col("v1") must be aggregated in agg(...), e.g. col("v1").sum(), or be a group key; found in (col("v1") + 1); group keys: "id1"
 */
export function checkAggContext(node: ExprNode, keyNames: readonly string[]): void {
  const keys = new Set(keyNames);
  const shown = () => exprToString(node);
  const walk = (n: ExprNode, inside: ExprNode | null): void => {
    if (n.kind === 'agg') {
      if (inside !== null)
        throw new ExprTypeError(
          `nested aggregation ${exprToString(n)} inside ${exprToString(inside)} in ${shown()}; an aggregation cannot contain another aggregation`,
          shown(),
        );
      for (const c of children(n)) walk(c, n);
      return;
    }
    if (n.kind === 'col' && inside === null && !keys.has(n.name)) {
      throw new ExprTypeError(
        `col(${JSON.stringify(n.name)}) must be aggregated in agg(...), e.g. col(${JSON.stringify(n.name)}).sum(), or be a group key; found in ${shown()}; group keys: ${quoteList(keyNames)}`,
        shown(),
      );
    }
    for (const c of children(n)) walk(c, inside);
  };
  walk(node, null);
}

/**
 * Rejects aggregations in a row-wise verb (`filter`, `withColumns`, `sort`, group keys, ...).
 * Polars evaluates them there as window expressions; Volley does not yet, so the error says so
 * instead of computing something surprising. `where` names the verb, e.g. "filter()".
 *
 * @example
 * checkNoAgg(col('v1').gt(2).node, 'filter()');         // fine
 * checkNoAgg(col('v1').gt(col('v1').mean()).node, 'filter()');
 * // throws: aggregations are not allowed in filter(): col("v1").mean() in (col("v1") > col("v1").mean()); ...
 */
export function checkNoAgg(node: ExprNode, where: string): void {
  const find = (n: ExprNode): ExprNode | undefined =>
    n.kind === 'agg'
      ? n
      : children(n)
          .map(find)
          .find((x) => x !== undefined);
  const agg = find(node);
  if (agg === undefined) return;
  const shown = exprToString(node);
  throw new ExprTypeError(
    `aggregations are not allowed in ${where}: ${exprToString(agg)} in ${shown}; window expressions are not supported yet, aggregate with groupBy(...).agg(...) instead`,
    shown,
  );
}
