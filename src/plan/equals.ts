/** Structural equality of logical plans, which tells the optimizer when it has reached a fixed point. */
import { exprEquals } from '../expr/equals.js';
import type { ExprNode } from '../expr/ast.js';
import type { LogicalPlan, ScanSource } from './nodes.js';

function exprsEqual(a: readonly ExprNode[], b: readonly ExprNode[]): boolean {
  return a.length === b.length && a.every((x, i) => exprEquals(x, b[i]!));
}

function optionalExprEqual(a: ExprNode | null, b: ExprNode | null): boolean {
  return a === null || b === null ? a === b : exprEquals(a, b);
}

function valuesEqual<T>(a: readonly T[] | null, b: readonly T[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Options are plain JSON-like data; a frame is compared by identity, since its data is what matters. */
function sourcesEqual(a: ScanSource, b: ScanSource): boolean {
  if (a.type === 'frame') return b.type === 'frame' && a.frame === b.frame;
  if (b.type === 'frame') return false;
  if (a.type === 'parquet' || b.type === 'parquet') return a.type === b.type && a.path === b.path;
  return a.path === b.path && JSON.stringify(a.options) === JSON.stringify(b.options);
}

/**
 * Whether two plans compute the same thing the same way: same node kinds, expressions, options
 * and sources (frames by identity).
 *
 * @example
 * planEquals(rule.apply(plan), plan); // true when the rule had nothing to do
 */
export function planEquals(a: LogicalPlan, b: LogicalPlan): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'scan':
      return (
        b.kind === 'scan' &&
        sourcesEqual(a.source, b.source) &&
        a.schema.equals(b.schema) &&
        valuesEqual(a.projection, b.projection) &&
        optionalExprEqual(a.predicate, b.predicate) &&
        a.limit === b.limit
      );
    case 'filter':
      return b.kind === 'filter' && exprEquals(a.predicate, b.predicate) && planEquals(a.input, b.input);
    case 'project':
      return b.kind === 'project' && exprsEqual(a.exprs, b.exprs) && planEquals(a.input, b.input);
    case 'aggregate':
      return b.kind === 'aggregate' && exprsEqual(a.keys, b.keys) && exprsEqual(a.aggs, b.aggs) && planEquals(a.input, b.input);
    case 'sort':
      return (
        b.kind === 'sort' &&
        exprsEqual(a.by, b.by) &&
        valuesEqual(a.descending, b.descending) &&
        valuesEqual(a.nullsLast, b.nullsLast) &&
        planEquals(a.input, b.input)
      );
    case 'limit':
      return b.kind === 'limit' && a.n === b.n && a.offset === b.offset && planEquals(a.input, b.input);
    case 'groupHead':
      return b.kind === 'groupHead' && a.n === b.n && exprsEqual(a.keys, b.keys) && planEquals(a.input, b.input);
    case 'distinct':
      return b.kind === 'distinct' && valuesEqual(a.subset, b.subset) && planEquals(a.input, b.input);
    case 'join':
      return (
        b.kind === 'join' &&
        a.how === b.how &&
        valuesEqual(a.leftOn, b.leftOn) &&
        valuesEqual(a.rightOn, b.rightOn) &&
        a.suffix === b.suffix &&
        a.coalesce === b.coalesce &&
        a.validate === b.validate &&
        planEquals(a.input, b.input) &&
        planEquals(a.right, b.right)
      );
    case 'asof':
      return (
        b.kind === 'asof' &&
        a.leftOn === b.leftOn &&
        a.rightOn === b.rightOn &&
        valuesEqual(a.byLeft, b.byLeft) &&
        valuesEqual(a.byRight, b.byRight) &&
        a.strategy === b.strategy &&
        a.tolerance === b.tolerance &&
        a.suffix === b.suffix &&
        a.allowExactMatches === b.allowExactMatches &&
        a.checkSorted === b.checkSorted &&
        planEquals(a.input, b.input) &&
        planEquals(a.right, b.right)
      );
    case 'union':
    case 'hconcat':
      return (
        b.kind === a.kind &&
        (a.kind === 'union' || (b.kind === 'hconcat' && a.strict === b.strict)) &&
        a.rest.length === b.rest.length &&
        planEquals(a.input, b.input) &&
        a.rest.every((r, i) => planEquals(r, b.rest[i]!))
      );
  }
}
