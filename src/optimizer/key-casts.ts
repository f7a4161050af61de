/** Whether a filter on a join key means the same on the other side's key when the two keys have different types. */
import type { ExprNode } from '../expr/ast.js';
import { anyNode } from '../expr/visit.js';
import type { DataType } from '../types/dtype.js';

/**
 * Whether a join matches keys of these two types exactly as numbers: every Int32 is an exact
 * Int64 and an exact Float64, so a matched pair holds one number. Int64 with Float64 compares
 * after rounding to Float64 (2^53 + 1 matches 2^53), where a comparison could tell them apart.
 *
 * @example
 * exactKeyPair('Int32', 'Int64');   // true
 * exactKeyPair('Int64', 'Float64'); // false
 */
export function exactKeyPair(a: DataType, b: DataType): boolean {
  return a !== b && (a === 'Int32' || b === 'Int32') && [a, b].every((t) => t === 'Int32' || t === 'Int64' || t === 'Float64');
}

const COMPARES = new Set(['eq', 'neq', 'lt', 'lte', 'gt', 'gte']);

function isKey(n: ExprNode, keys: ReadonlySet<string>): boolean {
  return n.kind === 'col' && keys.has(n.name);
}

/** A null, Int32 or Float64 literal: compared with either key type as the same number (no Int64 beyond 2^53). */
function isNumber(n: ExprNode): boolean {
  return n.kind === 'lit' && (n.value === null || n.dtype === 'Int32' || n.dtype === 'Float64');
}

/**
 * Whether `predicate` reads each of `keys` only as a number compared with literals: `k < 3`,
 * `k.isIn([1, 2])`, `k.between(0, 9)`, `k.isNull()`, combined with `& | not`; parts that read
 * none of `keys` may be anything. Such a predicate gives one answer for two keys a join matches
 * as the same number, whatever their types; arithmetic (Int32 wraps, Int64 does not) or a cast
 * on the key could not promise that.
 *
 * @example
 * comparesByValue(col('k').lt(3).and(col('v').mul(2).gt(1)).node, new Set(['k'])); // true
 * comparesByValue(col('k').add(1).lt(3).node, new Set(['k']));                       // false
 */
export function comparesByValue(predicate: ExprNode, keys: ReadonlySet<string>): boolean {
  if (!anyNode(predicate, (n) => isKey(n, keys))) return true;
  switch (predicate.kind) {
    case 'binary':
      if (predicate.op === 'and' || predicate.op === 'or')
        return comparesByValue(predicate.left, keys) && comparesByValue(predicate.right, keys);
      if (!COMPARES.has(predicate.op)) return false;
      return (isKey(predicate.left, keys) && isNumber(predicate.right)) || (isNumber(predicate.left) && isKey(predicate.right, keys));
    case 'unary':
      if (predicate.op === 'not') return comparesByValue(predicate.arg, keys);
      return (predicate.op === 'isNull' || predicate.op === 'isNotNull') && isKey(predicate.arg, keys);
    case 'isIn':
      return isKey(predicate.arg, keys) && predicate.values.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)));
    case 'between':
      return isKey(predicate.arg, keys) && isNumber(predicate.lower) && isNumber(predicate.upper);
    default:
      return false;
  }
}
