/** Terse builders of raw expression nodes, so the reference's tests do not depend on the expression API. */
import type { AggFn, BinaryOp, ExprNode, LitValue, UnaryOp } from '../../src/expr/ast.js';
import type { DataType } from '../../src/types/dtype.js';

export const c = (name: string): ExprNode => ({ kind: 'col', name });

/** A literal typed the way `lit()` types a JS value unless `dtype` says otherwise. */
export function l(value: LitValue, dtype?: DataType | null): ExprNode {
  if (dtype !== undefined) return { kind: 'lit', value, dtype };
  if (value === null) return { kind: 'lit', value, dtype: null };
  if (typeof value === 'number')
    return { kind: 'lit', value, dtype: Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'Int32' : 'Float64' };
  return { kind: 'lit', value, dtype: typeof value === 'boolean' ? 'Boolean' : 'Utf8' };
}

export const bin = (op: BinaryOp, left: ExprNode, right: ExprNode): ExprNode => ({ kind: 'binary', op, left, right });
export const un = (op: UnaryOp, arg: ExprNode): ExprNode => ({ kind: 'unary', op, arg });
export const agg = (fn: AggFn, arg: ExprNode | null, extra: { arg2?: ExprNode; q?: number } = {}): ExprNode => ({
  kind: 'agg',
  fn,
  arg,
  ...extra,
});
export const alias = (arg: ExprNode, name: string): ExprNode => ({ kind: 'alias', arg, name });
