/** Expression-level simplification: constant folding and boolean identities that hold under SQL null logic. */
import type { ExprNode } from '../expr/ast.js';
import { typeOfNullable } from '../expr/typecheck.js';
import { transformUp } from '../expr/visit.js';
import type { Schema } from '../types/schema.js';
import { BOOL_NULL, FALSE, isBoolLit, isUntypedNull, TRUE } from './exprs.js';

type Binary = Extract<ExprNode, { kind: 'binary' }>;
type Lit = Extract<ExprNode, { kind: 'lit' }>;

function isNullLit(n: ExprNode): boolean {
  return n.kind === 'lit' && n.value === null;
}

/** An untyped null standing where a Boolean is known to be: give it that type so the result still types. */
function asBoolean(n: ExprNode): ExprNode {
  return isUntypedNull(n) ? BOOL_NULL : n;
}

/**
 * and/or with a literal side. Each identity holds for every value of the other side, null
 * included: `x & true = x`, `x & false = false` (null & false is false), `x | false = x`,
 * `x | true = true` (null | true is true).
 */
function simplifyLogic(n: Binary): ExprNode {
  const absorbing = n.op !== 'and';
  if (isBoolLit(n.left, absorbing) || isBoolLit(n.right, absorbing)) return absorbing ? TRUE : FALSE;
  if (isBoolLit(n.left, !absorbing)) return asBoolean(n.right);
  if (isBoolLit(n.right, !absorbing)) return asBoolean(n.left);
  if (isNullLit(n.left) && isNullLit(n.right)) return BOOL_NULL;
  return n;
}

/** `not not x = x` and `not` of a literal; `not null` is null. */
function simplifyNot(arg: ExprNode, n: ExprNode): ExprNode {
  if (arg.kind === 'unary' && arg.op === 'not') return arg.arg;
  if (arg.kind === 'lit') return arg.value === null ? BOOL_NULL : typeof arg.value === 'boolean' ? (arg.value ? FALSE : TRUE) : n;
  return n;
}

/** A finite Int32 or Float64 literal's value (non-finite floats are stored as text and not folded). */
function plainNumber(l: Lit): number | undefined {
  return (l.dtype === 'Int32' || l.dtype === 'Float64') && typeof l.value === 'number' && Number.isFinite(l.value) ? l.value : undefined;
}

/** Int32 arithmetic wraps as the kernels' Int32 ops do; `mod` is left to the kernels. */
function arith(op: Binary['op'], a: number, b: number, int32: boolean): number | undefined {
  switch (op) {
    case 'add':
      return int32 ? (a + b) | 0 : a + b;
    case 'sub':
      return int32 ? (a - b) | 0 : a - b;
    case 'mul':
      return int32 ? Math.imul(a, b) : a * b;
    case 'div':
      return a / b;
    default:
      return undefined;
  }
}

function compare(op: Binary['op'], a: number | string | boolean, b: number | string | boolean): boolean | undefined {
  switch (op) {
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
    default:
      // Only numbers have an order here that surely matches the kernels'.
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      return op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : op === 'gte' ? a >= b : undefined;
  }
}

/** Arithmetic or a comparison of two literals, computed now; undefined when it is not safe to. */
function foldBinary(n: Binary, schema: Schema): ExprNode | undefined {
  const { left, right } = n;
  if (left.kind !== 'lit' || right.kind !== 'lit') return undefined;
  const dtype = typeOfNullable(n, schema);
  // Arithmetic and comparisons are null in, null out.
  if (left.value === null || right.value === null) return { kind: 'lit', value: null, dtype };
  const isCompare = n.op === 'eq' || n.op === 'neq' || n.op === 'lt' || n.op === 'lte' || n.op === 'gt' || n.op === 'gte';
  const a = plainNumber(left);
  const b = plainNumber(right);
  if (isCompare) {
    const sameKind =
      a !== undefined && b !== undefined
        ? [a, b]
        : left.dtype === right.dtype && (left.dtype === 'Utf8' || left.dtype === 'Boolean')
          ? [left.value, right.value]
          : undefined;
    if (sameKind === undefined) return undefined;
    const r = compare(n.op, sameKind[0]!, sameKind[1]!);
    return r === undefined ? undefined : r ? TRUE : FALSE;
  }
  if (a === undefined || b === undefined || (dtype !== 'Int32' && dtype !== 'Float64')) return undefined;
  const r = arith(n.op, a, b, dtype === 'Int32');
  // -0 and non-finite results have no plain JSON number form; leave them to the kernels.
  if (r === undefined || !Number.isFinite(r) || Object.is(r, -0)) return undefined;
  return { kind: 'lit', value: r, dtype };
}

function simplifyNode(n: ExprNode, schema: Schema): ExprNode {
  switch (n.kind) {
    case 'binary':
      return n.op === 'and' || n.op === 'or' ? simplifyLogic(n) : (foldBinary(n, schema) ?? n);
    case 'unary':
      return n.op === 'not' ? simplifyNot(n.arg, n) : n;
    case 'cast':
      return typeOfNullable(n.arg, schema) === n.to ? n.arg : n;
    default:
      return n;
  }
}

/**
 * The expression with literal arithmetic and comparisons computed, boolean identities applied,
 * and casts to the type a value already has removed. `schema` is the input the expression reads
 * (needed to know types). Returns the same object when nothing changed. The output name may
 * change (a folded `col("a") & false` is a literal); callers that care restore it.
 *
 * @example
 * simplifyExpr(col('a').gt(lit(1).add(2)).and(lit(true)).node, schema); // (col("a") > 3)
 */
export function simplifyExpr(node: ExprNode, schema: Schema): ExprNode {
  return transformUp(node, (n) => simplifyNode(n, schema));
}

/**
 * A predicate of a filter simplified for that use: a filter keeps the rows where it is true, so a
 * null literal reached through nothing but `and`/`or` from the top acts as false (`x & null` is
 * false or null, never true; `x | null` is true exactly where x is). Under `not` a null stays null
 * (`not (x & null)` is true where x is false).
 *
 * @example
 * simplifyPredicate(col('y').gt(1).and(lit(null)).node, schema); // lit(false)
 * simplifyPredicate(col('y').gt(1).or(lit(null)).node, schema);  // (col("y") > 1)
 */
export function simplifyPredicate(node: ExprNode, schema: Schema): ExprNode {
  const s = simplifyExpr(node, schema);
  const out = nullAsFalse(s);
  return out === s ? s : simplifyExpr(out, schema);
}

function nullAsFalse(n: ExprNode): ExprNode {
  if (n.kind === 'lit' && n.value === null) return FALSE;
  if (n.kind !== 'binary' || (n.op !== 'and' && n.op !== 'or')) return n;
  const left = nullAsFalse(n.left);
  const right = nullAsFalse(n.right);
  return left === n.left && right === n.right ? n : { ...n, left, right };
}
