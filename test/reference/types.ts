/** The reference's own type rules (written from the module contract, independent of src/expr/typecheck.ts). */
import { refDuration, refIso } from './temporal.js';
import type { ExprNode } from '../../src/expr/ast.js';
import { isNumeric, numericSupertype, type DataType } from '../../src/types/dtype.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import type { RefType } from './values.js';

/** Column name → type: the reference's schema. */
export type RefSchema = ReadonlyMap<string, DataType>;

/** Raised when an expression breaks a type rule; the engine must refuse the same expression at plan time. */
export class RefTypeError extends Error {
  override name = 'RefTypeError';
}

const FLOAT_RESULT = new Set(['sqrt', 'log', 'exp']);
const KEEP_NUMERIC = new Set(['neg', 'abs', 'floor', 'ceil']);
const DATE_PARTS = new Set([
  'dt.year',
  'dt.month',
  'dt.day',
  'dt.weekday',
  'dt.hour',
  'dt.minute',
  'dt.second',
  'dt.millisecond',
  'dt.ordinalDay',
  'dt.quarter',
  'dt.week',
]);

function fail(message: string): never {
  throw new RefTypeError(message);
}

function numericOrBool(t: RefType): boolean {
  return t === 'Null' || t === 'Boolean' || isNumeric(t);
}

/**
 * The supertype two values meet in (when branches, fillNull): the same type, the numeric
 * supertype of two numbers, or the other type when one side is an untyped null.
 */
export function supertype(a: RefType, b: RefType): RefType {
  if (a === 'Null') return b;
  if (b === 'Null' || a === b) return a;
  if ((a === 'Date' && b === 'Timestamp') || (a === 'Timestamp' && b === 'Date')) return 'Timestamp';
  const n = numericSupertype(a, b);
  if (n === null) fail(`no common type for ${a} and ${b}`);
  return n;
}

/** Whether `a` and `b` may be compared (numbers with numbers, otherwise the same type; null with anything). */
export function comparable(a: RefType, b: RefType): boolean {
  if (a === 'Null' || b === 'Null') return true;
  const date = (t: RefType) => t === 'Date' || t === 'Timestamp';
  return (isNumeric(a) && isNumeric(b)) || (date(a) && date(b)) || a === b;
}

/** Casts the contract allows: numerics and Boolean among themselves, Date↔Timestamp, Date/Timestamp↔Int32/Int64, Utf8 to and from anything. */
export function castAllowed(from: RefType, to: DataType): boolean {
  if (from === 'Null' || from === to || from === 'Utf8' || to === 'Utf8') return true;
  if (numericOrBool(from) && numericOrBool(to)) return true;
  const temporal = (t: RefType) => t === 'Date' || t === 'Timestamp';
  const integer = (t: RefType) => t === 'Int32' || t === 'Int64';
  if (temporal(from) && temporal(to)) return true;
  return (temporal(from) && integer(to)) || (integer(from) && temporal(to));
}

function aggType(node: Extract<ExprNode, { kind: 'agg' }>, schema: RefSchema): RefType {
  if (node.fn === 'len') return 'Int32';
  if (node.arg === null) fail(`${node.fn} needs an argument`);
  if (containsAggRef(node.arg) || (node.arg2 !== undefined && containsAggRef(node.arg2))) fail('nested aggregation');
  const t = refTypeOf(node.arg, schema);
  // A statistic cannot pick a type for an untyped null on its own (count, first, ... can).
  const statistic = !['count', 'nUnique', 'first', 'last', 'min', 'max'].includes(node.fn);
  if (statistic && t === 'Null') fail(`${node.fn} of an untyped null`);
  switch (node.fn) {
    case 'count':
    case 'nUnique':
      return 'Int32';
    case 'first':
    case 'last':
      return t;
    case 'min':
    case 'max':
      if (!numericOrBool(t) && t !== 'Utf8' && t !== 'Date' && t !== 'Timestamp') fail(`${node.fn} of ${t}`);
      return t;
    case 'sum':
      if (!numericOrBool(t)) fail(`sum of ${t}`);
      return t === 'Float64' ? 'Float64' : 'Int64';
    case 'corr': {
      if (node.arg2 === undefined) fail('corr needs two arguments');
      const t2 = refTypeOf(node.arg2, schema);
      if (t2 === 'Null') fail('corr of an untyped null');
      if (!numericOrBool(t) || !numericOrBool(t2)) fail(`corr of ${t} and ${t2}`);
      return 'Float64';
    }
    case 'quantile':
      if (node.q === undefined || !(node.q >= 0 && node.q <= 1)) fail(`quantile needs q in [0, 1], got ${node.q}`);
      if (!numericOrBool(t)) fail(`quantile of ${t}`);
      return 'Float64';
    default:
      // mean, var, std, median
      if (!numericOrBool(t)) fail(`${node.fn} of ${t}`);
      return 'Float64';
  }
}

function unaryType(op: Extract<ExprNode, { kind: 'unary' }>['op'], t: RefType): RefType {
  if (op === 'isNull' || op === 'isNotNull') return 'Boolean';
  if (op === 'not') {
    if (t !== 'Boolean' && t !== 'Null') fail(`not of ${t}`);
    return 'Boolean';
  }
  if (KEEP_NUMERIC.has(op)) {
    if (t !== 'Null' && !isNumeric(t)) fail(`${op} of ${t}`);
    return t;
  }
  if (FLOAT_RESULT.has(op)) {
    if (t !== 'Null' && !isNumeric(t)) fail(`${op} of ${t}`);
    return 'Float64';
  }
  if (DATE_PARTS.has(op)) {
    if (t !== 'Null' && t !== 'Date' && t !== 'Timestamp') fail(`${op} of ${t}`);
    return 'Int32';
  }
  // str.*
  if (t !== 'Null' && t !== 'Utf8') fail(`${op} of ${t}`);
  return op === 'str.length' || op === 'str.lenBytes' ? 'Int32' : 'Utf8';
}

/**
 * The type of `node` over `schema`, following the module contract. Throws {@link RefTypeError}
 * for a rule broken, `ColumnNotFoundError` for an unknown column.
 *
 * @example
 * refTypeOf({ kind: 'col', name: 'v' }, new Map([['v', 'Int32']])); // 'Int32'
 */
export function refTypeOf(node: ExprNode, schema: RefSchema): RefType {
  switch (node.kind) {
    case 'col': {
      const t = schema.get(node.name);
      if (t === undefined) throw new ColumnNotFoundError(node.name, [...schema.keys()]);
      return t;
    }
    case 'lit':
      return node.dtype ?? 'Null';
    case 'alias':
      return refTypeOf(node.arg, schema);
    case 'binary': {
      const l = refTypeOf(node.left, schema);
      const r = refTypeOf(node.right, schema);
      switch (node.op) {
        case 'and':
        case 'or':
          if ((l !== 'Boolean' && l !== 'Null') || (r !== 'Boolean' && r !== 'Null')) fail(`${node.op} of ${l} and ${r}`);
          return 'Boolean';
        case 'eq':
        case 'neq':
        case 'lt':
        case 'lte':
        case 'gt':
        case 'gte':
          if (!comparable(asDate(node.left, l, r), asDate(node.right, r, l))) fail(`cannot compare ${l} with ${r}`);
          return 'Boolean';
        default: {
          // "+" of two texts joins them
          if (node.op === 'add' && (l === 'Utf8' || r === 'Utf8') && (l === 'Utf8' || l === 'Null') && (r === 'Utf8' || r === 'Null'))
            return 'Utf8';
          const date = (t: RefType) => t === 'Date' || t === 'Timestamp';
          if (date(l) || date(r)) {
            if (node.op !== 'sub' || (!date(l) && l !== 'Null') || (!date(r) && r !== 'Null')) fail(`${node.op} of ${l} and ${r}`);
            return l === 'Timestamp' || r === 'Timestamp' ? 'Int64' : 'Int32';
          }
          if ((l !== 'Null' && !isNumeric(l)) || (r !== 'Null' && !isNumeric(r))) fail(`${node.op} of ${l} and ${r}`);
          if (node.op === 'div') return 'Float64';
          return supertype(l, r);
        }
      }
    }
    case 'unary':
      return unaryType(node.op, refTypeOf(node.arg, schema));
    case 'concatStr':
      for (const a of node.args) refTypeOf(a, schema);
      return 'Utf8';
    case 'round': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Null' && !isNumeric(t)) fail(`round of ${t}`);
      return t;
    }
    case 'pow': {
      const b = refTypeOf(node.base, schema);
      const e = refTypeOf(node.exponent, schema);
      if ((b !== 'Null' && !isNumeric(b)) || (e !== 'Null' && !isNumeric(e))) fail(`pow of ${b} and ${e}`);
      return 'Float64';
    }
    case 'fillNull':
      return supertype(refTypeOf(node.arg, schema), refTypeOf(node.fill, schema));
    case 'isIn':
      refTypeOf(node.arg, schema);
      return 'Boolean';
    case 'between': {
      const a = refTypeOf(node.arg, schema);
      const lo = refTypeOf(node.lower, schema);
      const hi = refTypeOf(node.upper, schema);
      // The bounds must be comparable with each other too, or the type of the test is undefined.
      const [l2, h2] = [asDate(node.lower, lo, a), asDate(node.upper, hi, a)];
      if (!comparable(a, l2) || !comparable(a, h2) || !comparable(l2, h2)) fail(`between of ${a} with ${lo} and ${hi}`);
      return 'Boolean';
    }
    case 'cast': {
      const from = refTypeOf(node.arg, schema);
      if (!castAllowed(from, node.to)) fail(`cast from ${from} to ${node.to}`);
      return node.to;
    }
    case 'when': {
      let t: RefType = 'Null';
      for (const b of node.branches) {
        const c = refTypeOf(b.when, schema);
        if (c !== 'Boolean' && c !== 'Null') fail(`when condition of type ${c}`);
        t = supertype(t, refTypeOf(b.then, schema));
      }
      return supertype(t, refTypeOf(node.otherwise, schema));
    }
    case 'strFind': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Utf8' && t !== 'Null') fail(`str.${node.op} of ${t}`);
      return 'Int32';
    }
    case 'strMatch': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Utf8' && t !== 'Null') fail(`str.${node.op} of ${t}`);
      return 'Boolean';
    }
    case 'strSlice':
    case 'strPad':
    case 'strReplace':
    case 'strStrip':
    case 'strExtract':
    case 'strSplitPart': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Utf8' && t !== 'Null') fail(`${node.kind} of ${t}`);
      return 'Utf8';
    }
    case 'dtEpoch':
    case 'dtTruncate':
    case 'dtOffsetBy': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Date' && t !== 'Timestamp' && t !== 'Null') fail(`${node.kind} of ${t}`);
      if (node.kind === 'dtEpoch') return node.unit === 'd' ? 'Int32' : 'Int64';
      if (node.kind === 'dtOffsetBy' && t === 'Date' && refDuration(node.by).ms !== 0) fail(`a Date offset by ${node.by}`);
      return t === 'Null' ? 'Timestamp' : t;
    }
    case 'dtStrftime': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Date' && t !== 'Timestamp' && t !== 'Null') fail(`dt.strftime of ${t}`);
      // a Date has no time of day to write
      if (t === 'Date' && /%(?:[HkIlpMSfzTR]|\.\d?f)/.test(node.format.replaceAll('%%', '')))
        fail(`dt.strftime of a Date with ${node.format}`);
      return 'Utf8';
    }
    case 'strptime': {
      const t = refTypeOf(node.arg, schema);
      if (t !== 'Utf8' && t !== 'Null') fail(`strptime of ${t}`);
      return node.dtype;
    }
    case 'agg':
      return aggType(node, schema);
  }
}

/** Whether any node of the tree is an aggregation. */
export function containsAggRef(node: ExprNode): boolean {
  if (node.kind === 'agg') return true;
  return childrenOf(node).some(containsAggRef);
}

/** Sub-expressions left to right as the expression reads (conditions before their values). */
export function childrenOf(node: ExprNode): ExprNode[] {
  switch (node.kind) {
    case 'col':
    case 'lit':
      return [];
    case 'binary':
      return [node.left, node.right];
    case 'pow':
      return [node.base, node.exponent];
    case 'fillNull':
      return [node.arg, node.fill];
    case 'between':
      return [node.arg, node.lower, node.upper];
    case 'when':
      return [...node.branches.flatMap((b) => [b.when, b.then]), node.otherwise];
    case 'agg':
      return [...(node.arg === null ? [] : [node.arg]), ...(node.arg2 === undefined ? [] : [node.arg2])];
    case 'concatStr':
      return [...node.args];
    default:
      return [node.arg];
  }
}

/**
 * The output column name, searching left to right: the first alias or column wins; `len()` is
 * "len"; a when/then is named after its first `then` value (as in Polars, so `then(1)` gives
 * "literal" even when the condition reads a column); with nothing to go by, "literal".
 */
export function refOutputName(node: ExprNode): string {
  return findName(node) ?? 'literal';
}

function findName(node: ExprNode): string | undefined {
  if (node.kind === 'alias' || node.kind === 'col') return node.name;
  if (node.kind === 'agg' && node.arg === null) return 'len';
  if (node.kind === 'when') return findName(node.branches[0]?.then ?? node.otherwise) ?? 'literal';
  for (const c of childrenOf(node)) {
    const name = findName(c);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The type a comparison side has next to `other`: a Utf8 literal next to a date is an instant
 * (read by the reference's own ISO reader; text it cannot read is a type error).
 */
export function asDate(side: ExprNode, t: RefType, other: RefType): RefType {
  if (side.kind !== 'lit' || t !== 'Utf8' || typeof side.value !== 'string' || (other !== 'Date' && other !== 'Timestamp')) return t;
  if (refIso(side.value) === null) fail(`cannot read ${JSON.stringify(side.value)} as a date`);
  return 'Timestamp';
}
