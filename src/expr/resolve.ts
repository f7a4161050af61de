/** Gives every untyped `lit(null)` the type its position implies, so each sub-expression has a type. */
import { isNumeric, type DataType } from '../types/dtype.js';
import type { Schema } from '../types/schema.js';
import type { ExprNode } from './ast.js';
import { supertype, type MaybeType } from './coercion.js';
import { impliedIsInType } from './literal.js';
import { typeOfNullable } from './typecheck.js';
import { anyNode, children, withChildren } from './visit.js';

const isUntypedNull = (n: ExprNode) => n.kind === 'lit' && n.dtype === null;

/** A type for a null nothing constrains: never observable, so the cheapest one. */
const FREE: DataType = 'Boolean';

function numericOr(t: DataType): DataType {
  return isNumeric(t) ? t : 'Int32';
}

function fold(types: readonly MaybeType[]): MaybeType {
  let t: MaybeType = null;
  for (const x of types) t = supertype(t, x) ?? t;
  return t;
}

/**
 * Rewrites untyped null literals into typed ones: each takes the type it adopts where it stands
 * (`col('f').add(null)`: the type of "f"; `when(c).then(1)`: the otherwise becomes an Int32
 * null). After this, `typeOf` succeeds on every sub-expression, which lowering needs to pick
 * kernel kinds. Call it on expressions that already type-check; subtrees without untyped nulls
 * are returned as the same objects.
 *
 * @example
 * resolveNullLiterals(col('f').fillNull(null).node, schema); // col("f").fillNull(lit(null, "Float64"))
 */
export function resolveNullLiterals(node: ExprNode, schema: Schema): ExprNode {
  const cache = new Map<ExprNode, MaybeType>();
  const typeOf = (n: ExprNode): MaybeType => {
    if (!cache.has(n)) cache.set(n, typeOfNullable(n, schema));
    return cache.get(n) ?? null;
  };

  /** The type each child should take if it is (or yields) an untyped null; `want` is this node's. */
  const wants = (n: ExprNode, want: DataType): DataType[] => {
    const kids = children(n);
    const own = (c: ExprNode, dflt: DataType) => typeOf(c) ?? dflt;
    switch (n.kind) {
      case 'binary': {
        if (n.op === 'and' || n.op === 'or') return ['Boolean', 'Boolean'];
        const common = supertype(typeOf(n.left), typeOf(n.right)) ?? null;
        if (n.op === 'div') return [common ?? 'Float64', common ?? 'Float64'];
        const arith = n.op === 'add' || n.op === 'sub' || n.op === 'mul' || n.op === 'mod';
        const t = common ?? (arith ? numericOr(want) : FREE);
        return [t, t];
      }
      case 'unary':
        switch (n.op) {
          case 'not':
            return ['Boolean'];
          case 'neg':
          case 'abs':
          case 'floor':
          case 'ceil':
            return [numericOr(want)];
          case 'sqrt':
          case 'log':
          case 'exp':
            return ['Float64'];
          case 'isNull':
          case 'isNotNull':
            return [own(n.arg, FREE)];
          case 'str.toUpperCase':
          case 'str.toTitleCase':
          case 'str.strip':
          case 'str.stripStart':
          case 'str.stripEnd':
          case 'str.reverse':
          case 'str.toLowerCase':
          case 'str.length':
          case 'str.lenBytes':
            return ['Utf8'];
          default:
            return ['Date'];
        }
      case 'round':
        return [numericOr(want)];
      case 'pow':
        return [own(n.base, 'Float64'), own(n.exponent, 'Float64')];
      case 'fillNull':
      case 'between':
      case 'when': {
        // Values that meet share one type; when conditions (even slots) are Boolean.
        const isCond = (i: number) => n.kind === 'when' && i % 2 === 0 && i < kids.length - 1;
        const t = fold(kids.filter((_, i) => !isCond(i)).map(typeOf)) ?? (n.kind === 'between' ? FREE : want);
        return kids.map((_, i) => (isCond(i) ? 'Boolean' : t));
      }
      case 'isIn':
        return [own(n.arg, impliedIsInType(n.values) ?? FREE)];
      case 'cast':
        return [own(n.arg, n.to)];
      case 'strMatch':
      case 'strSlice':
      case 'strPad':
      case 'strReplace':
      case 'strStrip':
      case 'strExtract':
      case 'strSplitPart':
      case 'strFind':
      case 'strptime':
        return ['Utf8'];
      case 'dtEpoch':
      case 'dtTruncate':
      case 'dtOffsetBy':
      case 'dtStrftime':
        return ['Timestamp'];
      case 'concatStr':
        return n.args.map((a) => own(a, 'Utf8'));
      case 'agg': {
        const dflt: DataType =
          n.fn === 'min' || n.fn === 'max' || n.fn === 'first' || n.fn === 'last'
            ? want
            : n.fn === 'count' || n.fn === 'nUnique' || n.fn === 'len'
              ? FREE
              : 'Float64';
        return kids.map((c) => own(c, dflt));
      }
      case 'alias':
        return [want];
      default:
        return [];
    }
  };

  const go = (n: ExprNode, want: DataType): ExprNode => {
    if (isUntypedNull(n)) return { kind: 'lit', value: null, dtype: want };
    if (!anyNode(n, isUntypedNull)) return n;
    const w = wants(n, typeOf(n) ?? want);
    return withChildren(
      n,
      children(n).map((c, i) => go(c, w[i] ?? FREE)),
    );
  };

  return go(node, typeOf(node) ?? FREE);
}
