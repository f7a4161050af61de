/** Compiles an expression AST into a plain closure that evaluates one row (or one group, for aggregations). */
import { refEpoch, refIso, refOffset, refStrftime, refStrptime, refTruncate } from './temporal.js';
import type { BinaryOp, ExprNode } from '../../src/expr/ast.js';
import { isNumeric, numericSupertype } from '../../src/types/dtype.js';
import type { Row } from '../../src/table/table.js';
import type { Scalar } from '../../src/table/scalar.js';
import { aggregate } from './aggregate.js';
import { refCountMatches, refExtract, refFind, refReverse, refSplitPart, refStrip } from './strings.js';
import { arith, castValue, datePart, round, strSlice, toNumericType, unaryMath, type DatePartOp } from './scalar-ops.js';
import { asDate, refTypeOf, RefTypeError, type RefSchema } from './types.js';
import { compareValues, decodeIsInValue, decodeLit, MS_PER_DAY, type RefType } from './values.js';

/**
 * What an expression is evaluated against: one row, or (inside an aggregation context) the rows
 * of one group. A column read needs a row; an aggregation needs a group.
 */
export interface EvalContext {
  readonly row?: Row;
  readonly group?: readonly Row[];
  /**
   * In `groupBy(...).agg(...)`, a row of the group: a group key column read outside an
   * aggregation has the same value in every row of its group, so any row answers for it.
   */
  readonly keyRow?: Row;
}

export type Evaluator = (ctx: EvalContext) => Scalar;

/**
 * A value of type `from` as type `to` where a supertype joins branches (when, fillNull): Int32
 * into Int64 becomes a bigint, Int64 into Float64 a number; everything else is unchanged.
 */
function coerce(v: Scalar, from: RefType, to: RefType): Scalar {
  if (v === null || from === to || to === 'Null' || !isNumeric(to)) return v;
  return toNumericType(v, to);
}

/** Three-valued AND/OR: false AND null is false, true OR null is true, otherwise null wins. */
function logic(op: 'and' | 'or', a: Scalar, b: Scalar): Scalar {
  if (op === 'and') {
    if (a === false || b === false) return false;
    return a === null || b === null ? null : true;
  }
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

/** `a op b` for two comparable values in their common type (numbers meet in the numeric supertype). */
function compare(op: BinaryOp, a: Scalar, ta: RefType, b: Scalar, tb: RefType): Scalar {
  if (a === null || b === null) return null;
  let x: Exclude<Scalar, null> = a;
  let y: Exclude<Scalar, null> = b;
  if (ta !== 'Null' && tb !== 'Null' && isNumeric(ta) && isNumeric(tb)) {
    const t = numericSupertype(ta, tb)!;
    x = toNumericType(a, t);
    y = toNumericType(b, t);
  }
  const c = compareValues(x, y);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'neq':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    default:
      throw new Error(`reference: ${op} is not a comparison`);
  }
}

function compileBinary(node: Extract<ExprNode, { kind: 'binary' }>, schema: RefSchema): Evaluator {
  const left = compileExpr(node.left, schema);
  const right = compileExpr(node.right, schema);
  const tl = refTypeOf(node.left, schema);
  const tr = refTypeOf(node.right, schema);
  const op = node.op;
  if (op === 'and' || op === 'or') return (ctx) => logic(op, left(ctx), right(ctx));
  if (op === 'add' && refTypeOf(node, schema) === 'Utf8')
    return (ctx) => {
      const a = left(ctx);
      const b = right(ctx);
      return a === null || b === null ? null : `${a as string}${b as string}`;
    };
  const isDate = (x: RefType) => x === 'Date' || x === 'Timestamp';
  if (op === 'sub' && (isDate(tl) || isDate(tr))) {
    // Date - Date in days, anything with a Timestamp in ms
    const days = refTypeOf(node, schema) === 'Int32';
    return (ctx) => {
      const a = left(ctx);
      const b = right(ctx);
      if (a === null || b === null) return null;
      const ms = (a as Date).getTime() - (b as Date).getTime();
      return days ? ms / MS_PER_DAY : BigInt(ms);
    };
  }
  if (op === 'add' || op === 'sub' || op === 'mul' || op === 'div' || op === 'mod') {
    const t = op === 'div' ? 'Float64' : refTypeOf(node, schema);
    return (ctx) => {
      const a = left(ctx);
      const b = right(ctx);
      if (a === null || b === null) return null;
      return arith(op, t, toNumericType(a, t), toNumericType(b, t));
    };
  }
  // a Utf8 literal next to a date is the instant its ISO text names
  const dl = asDate(node.left, tl, tr);
  const dr = asDate(node.right, tr, tl);
  const instant = (side: ExprNode): Date => new Date(refIso((side as { value: string }).value)!);
  const l2: Evaluator = dl !== tl ? () => instant(node.left) : left;
  const r2: Evaluator = dr !== tr ? () => instant(node.right) : right;
  return (ctx) => compare(op, l2(ctx), dl, r2(ctx), dr);
}

function compileUnary(node: Extract<ExprNode, { kind: 'unary' }>, schema: RefSchema): Evaluator {
  const arg = compileExpr(node.arg, schema);
  const t = refTypeOf(node.arg, schema);
  const op = node.op;
  switch (op) {
    case 'isNull':
      return (ctx) => arg(ctx) === null;
    case 'isNotNull':
      return (ctx) => arg(ctx) !== null;
    default:
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        if (op === 'not') return !(v as boolean);
        if (op === 'str.toUpperCase') return (v as string).toUpperCase();
        if (op === 'str.toTitleCase') return titleCase(v as string);
        if (op === 'str.strip') return (v as string).trim();
        if (op === 'str.stripStart') return (v as string).trimStart();
        if (op === 'str.stripEnd') return (v as string).trimEnd();
        if (op === 'str.reverse') return refReverse(v as string);
        if (op === 'str.toLowerCase') return (v as string).toLowerCase();
        if (op === 'str.length') return [...(v as string)].length;
        if (op === 'str.lenBytes') return new TextEncoder().encode(v as string).length;
        if (op.startsWith('dt.')) return datePart(op as DatePartOp, v as Date);
        return unaryMath(op, t, v as number | bigint);
      };
  }
}

function compileWhen(node: Extract<ExprNode, { kind: 'when' }>, schema: RefSchema): Evaluator {
  const t = refTypeOf(node, schema);
  const branches = node.branches.map((b) => ({
    when: compileExpr(b.when, schema),
    then: compileExpr(b.then, schema),
    from: refTypeOf(b.then, schema),
  }));
  const otherwise = compileExpr(node.otherwise, schema);
  const from = refTypeOf(node.otherwise, schema);
  return (ctx) => {
    // A null condition counts as false: only a true one picks its branch.
    for (const b of branches) if (b.when(ctx) === true) return coerce(b.then(ctx), b.from, t);
    return coerce(otherwise(ctx), from, t);
  };
}

function compileAgg(node: Extract<ExprNode, { kind: 'agg' }>, schema: RefSchema): Evaluator {
  const arg = node.arg === null ? null : compileExpr(node.arg, schema);
  const arg2 = node.arg2 === undefined ? null : compileExpr(node.arg2, schema);
  const t = node.arg === null ? 'Null' : refTypeOf(node.arg, schema);
  return (ctx) => {
    const rows = ctx.group;
    if (rows === undefined) throw new RefTypeError(`aggregation ${node.fn} outside a group context`);
    const values = arg === null ? rows.map(() => null) : rows.map((row) => arg({ row }));
    const values2 = arg2 === null ? undefined : rows.map((row) => arg2({ row }));
    return aggregate(node.fn, t, values, values2, node.q);
  };
}

/**
 * Compiles `node` against `schema` into an evaluator. Types are fixed here, once, by the
 * reference's own rules (see types.ts), so a type error surfaces before any row is read.
 *
 * @example
 * const f = compileExpr(col('a').add(1).node, new Map([['a', 'Int32']]));
 * f({ row: { a: 2 } }); // 3
 */
export function compileExpr(node: ExprNode, schema: RefSchema): Evaluator {
  refTypeOf(node, schema);
  switch (node.kind) {
    case 'col': {
      const name = node.name;
      return (ctx) => {
        const row = ctx.row ?? ctx.keyRow;
        if (row === undefined) throw new RefTypeError(`column "${name}" used outside an aggregation`);
        return row[name] ?? null;
      };
    }
    case 'lit': {
      const v = decodeLit(node.value, node.dtype ?? 'Null');
      return () => v;
    }
    case 'alias':
      return compileExpr(node.arg, schema);
    case 'binary':
      return compileBinary(node, schema);
    case 'unary':
      return compileUnary(node, schema);
    case 'round': {
      const arg = compileExpr(node.arg, schema);
      const t = refTypeOf(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : round(v as number | bigint, t, node.digits);
      };
    }
    case 'pow': {
      const base = compileExpr(node.base, schema);
      const exponent = compileExpr(node.exponent, schema);
      return (ctx) => {
        const b = base(ctx);
        const e = exponent(ctx);
        return b === null || e === null ? null : Number(b) ** Number(e);
      };
    }
    case 'fillNull': {
      const t = refTypeOf(node, schema);
      const arg = compileExpr(node.arg, schema);
      const fill = compileExpr(node.fill, schema);
      const ta = refTypeOf(node.arg, schema);
      const tf = refTypeOf(node.fill, schema);
      return (ctx) => {
        const v = arg(ctx);
        return v !== null ? coerce(v, ta, t) : coerce(fill(ctx), tf, t);
      };
    }
    case 'isIn': {
      const arg = compileExpr(node.arg, schema);
      const t = refTypeOf(node.arg, schema);
      const set = t === 'Null' ? [] : node.values.map((v) => decodeIsInValue(v, t)).filter((v) => v !== undefined && v !== null);
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        return set.some((x) => compareValues(v, x!) === 0);
      };
    }
    case 'between': {
      const arg = compileExpr(node.arg, schema);
      const lower = compileExpr(node.lower, schema);
      const upper = compileExpr(node.upper, schema);
      const [ta, tl0, tu0] = [node.arg, node.lower, node.upper].map((n) => refTypeOf(n, schema)) as [RefType, RefType, RefType];
      // a Utf8 literal bound of a date is the instant its ISO text names
      const [tl, tu] = [asDate(node.lower, tl0, ta), asDate(node.upper, tu0, ta)];
      const bound = (n: ExprNode, t0: RefType, t: RefType, f: Evaluator): Evaluator =>
        t === t0 ? f : () => new Date(refIso((n as { value: string }).value)!);
      const lo = bound(node.lower, tl0, tl, lower);
      const hi = bound(node.upper, tu0, tu, upper);
      // Polars' is_between: (arg >= lower) AND (arg <= upper), with three-valued AND.
      return (ctx) => {
        const v = arg(ctx);
        return logic('and', compare('gte', v, ta, lo(ctx), tl), compare('lte', v, ta, hi(ctx), tu));
      };
    }
    case 'cast': {
      const arg = compileExpr(node.arg, schema);
      const from = refTypeOf(node.arg, schema);
      // a strict cast that loses a value fails; the differential generator draws only non-strict ones where values can be lost
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        const out = castValue(v, from, node.to);
        if (out === null && node.strict !== false) throw new Error(`reference: strict cast of ${String(v)} to ${node.to} failed`);
        return out;
      };
    }
    case 'when':
      return compileWhen(node, schema);
    case 'concatStr': {
      // each input as text (a cast to Utf8), joined; any null input gives null
      const args = node.args.map((a) => ({ f: compileExpr(a, schema), t: refTypeOf(a, schema) }));
      return (ctx) => {
        const texts: string[] = [];
        for (const { f, t } of args) {
          const v = f(ctx);
          if (v === null) return null;
          texts.push(t === 'Utf8' ? (v as string) : (castValue(v, t, 'Utf8') as string));
        }
        return texts.join(node.separator);
      };
    }
    case 'strMatch': {
      const arg = compileExpr(node.arg, schema);
      const p = node.pattern;
      const regex = node.op === 'contains' && node.literal !== true ? new RegExp(p, 'u') : null;
      const test =
        regex !== null
          ? (s: string) => regex.test(s)
          : node.op === 'contains'
            ? (s: string) => s.includes(p)
            : node.op === 'startsWith'
              ? (s: string) => s.startsWith(p)
              : (s: string) => s.endsWith(p);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : test(v as string);
      };
    }
    case 'strPad': {
      const arg = compileExpr(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        const chars = [...(v as string)];
        if (chars.length >= node.width) return v;
        const fill = node.fill.repeat(node.width - chars.length);
        if (node.side === 'start') return fill + v;
        if (node.side === 'end') return v + fill;
        return chars[0] === '-' || chars[0] === '+' ? chars[0] + fill + chars.slice(1).join('') : fill + v;
      };
    }
    case 'strReplace': {
      const arg = compileExpr(node.arg, schema);
      const flags = node.all ? 'gu' : 'u';
      const escaped = node.literal ? node.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : node.pattern;
      const re = new RegExp(escaped, flags);
      const value = node.literal ? node.value.replace(/\$/g, '$$$$') : node.value;
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : (v as string).replace(re, value);
      };
    }
    case 'strExtract': {
      const arg = compileExpr(node.arg, schema);
      const extract = refExtract(node.pattern, node.group);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : extract(v as string);
      };
    }
    case 'strSplitPart': {
      const arg = compileExpr(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : refSplitPart(v as string, node.by, node.index, node.maxParts);
      };
    }
    case 'strFind': {
      const arg = compileExpr(node.arg, schema);
      const fn = node.op === 'find' ? refFind(node.pattern, node.literal) : refCountMatches(node.pattern, node.literal);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : fn(v as string);
      };
    }
    case 'strStrip': {
      const arg = compileExpr(node.arg, schema);
      const strip = refStrip(node.chars, node.side);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : strip(v as string);
      };
    }
    case 'dtEpoch':
    case 'dtTruncate':
    case 'dtOffsetBy': {
      const arg = compileExpr(node.arg, schema);
      const isDate = refTypeOf(node.arg, schema) === 'Date';
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        const ms = (v as Date).getTime();
        if (node.kind === 'dtEpoch') {
          const n = refEpoch(ms, node.unit);
          return node.unit === 'd' ? n : BigInt(n);
        }
        const r = node.kind === 'dtTruncate' ? refTruncate(ms, node.every) : refOffset(ms, node.by);
        return new Date(isDate ? Math.floor(r / MS_PER_DAY) * MS_PER_DAY : r);
      };
    }
    case 'dtStrftime': {
      const arg = compileExpr(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : refStrftime((v as Date).getTime(), node.format);
      };
    }
    case 'strptime': {
      const arg = compileExpr(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        if (v === null) return null;
        const ms = node.format === null ? refIso(v as string) : refStrptime(v as string, node.format);
        if (ms === null) {
          if (node.strict) throw new RefTypeError(`strptime: ${JSON.stringify(v)} does not parse`);
          return null;
        }
        return new Date(node.dtype === 'Date' ? Math.floor(ms / MS_PER_DAY) * MS_PER_DAY : ms);
      };
    }
    case 'strSlice': {
      const arg = compileExpr(node.arg, schema);
      return (ctx) => {
        const v = arg(ctx);
        return v === null ? null : strSlice(v as string, node.offset, node.length);
      };
    }
    case 'agg':
      return compileAgg(node, schema);
  }
}

/** Title case, a character at a time: a letter after a non-letter, non-digit (or at the start) is upper-cased, every other lower-cased. */
function titleCase(s: string): string {
  let out = '';
  let inWord = false;
  for (const ch of s.toLowerCase()) {
    const letter = /\p{L}/u.test(ch);
    out += letter && !inWord ? ch.toUpperCase() : ch;
    inWord = letter || /\p{N}/u.test(ch);
  }
  return out;
}
