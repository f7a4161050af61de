/** Whether a predicate is never true where some columns are all null: what lets a filter narrow an outer join. */
import type { ExprNode } from '../expr/ast.js';

/** Operations that are null whenever an operand is (the kernels AND the operands' validity). */
const STRICT_BINARY = new Set(['add', 'sub', 'mul', 'div', 'mod', 'eq', 'neq', 'lt', 'lte', 'gt', 'gte']);

/** Whether `node` is null on every row where all of `nulls` are null. Conservative: false when unsure. */
function nullWhenNull(node: ExprNode, nulls: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'col':
      return nulls.has(node.name);
    case 'alias':
    case 'cast':
    case 'round':
      return nullWhenNull(node.arg, nulls);
    case 'unary':
      // every one-argument function is null in, null out, except the null checks themselves
      return node.op !== 'isNull' && node.op !== 'isNotNull' && nullWhenNull(node.arg, nulls);
    case 'binary':
      if (STRICT_BINARY.has(node.op)) return nullWhenNull(node.left, nulls) || nullWhenNull(node.right, nulls);
      // null & null and null | null are null; with one side known, the other could decide it
      return nullWhenNull(node.left, nulls) && nullWhenNull(node.right, nulls);
    default:
      return false;
  }
}

/**
 * Whether `predicate` is never true (null or false) on a row where every column in `nulls` is
 * null, such as the null-padded rows an outer join adds for a side's unmatched rows: a filter
 * with such a part drops all of them. Proven from the expression's shape alone: comparisons,
 * arithmetic, casts and one-argument functions of a null column are null; `p & q` is never true
 * when either part is not, `p | q` when both are not. Anything else (`isNull`, `fillNull`,
 * `when`, `isIn`, ...) counts as possibly true.
 *
 * @example
 * rejectsNulls(col('amount').gt(15).node, new Set(['amount']));        // true
 * rejectsNulls(col('amount').isNull().node, new Set(['amount']));      // false
 * rejectsNulls(col('amount').gt(15).or(col('id').eq(1)).node, new Set(['amount'])); // false
 */
export function rejectsNulls(predicate: ExprNode, nulls: ReadonlySet<string>): boolean {
  if (nullWhenNull(predicate, nulls)) return true;
  if (predicate.kind === 'lit') return predicate.value === null || predicate.value === false;
  if (predicate.kind !== 'binary') return false;
  if (predicate.op === 'and') return rejectsNulls(predicate.left, nulls) || rejectsNulls(predicate.right, nulls);
  if (predicate.op === 'or') return rejectsNulls(predicate.left, nulls) && rejectsNulls(predicate.right, nulls);
  return false;
}
