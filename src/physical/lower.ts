/**
 * Lowering: a type-checked expression AST over named columns becomes a PhysExpr over input
 * indexes, with every cast explicit and every Utf8 operation turned into work on dictionary codes.
 */
import { userRegExp } from '../expr/regex.js';
import { findFunction } from '../expr/str-search.js';
import { extractFunction, padFunction, replaceFunction, reverseGraphemes, splitPartFunction, stripFunction } from '../expr/str-maps.js';
import { fixedMs, parseDuration, truncationOf } from '../expr/duration.js';
import { compiledFormat, strptimeFunction } from '../expr/temporal-format.js';
import { exprToString } from '../expr/display.js';
import { InternalError, ParseValueError } from '../errors.js';
import type { ExprNode, LitValue } from '../expr/ast.js';
import { supertype } from '../expr/coercion.js';
import { isInValuesFor, litToConst, temporalLiteral } from '../expr/literal.js';
import { resolveNullLiterals } from '../expr/resolve.js';
import { typeOf } from '../expr/typecheck.js';
import type { CmpFn, PhysExpr } from '../../kernels/ir.js';
import type { KeyBounds } from '../../kernels/hash/keys.js';
import { Dictionary } from '../table/dictionary.js';
import type { DataType } from '../types/dtype.js';
import { ColumnNotFoundError, Schema } from '../types/schema.js';
import { partText, type StrPart } from '../../kernels/eval/make-strings.js';
import { kindOf } from './kinds.js';
import { parseLookup } from './parse-table.js';
import {
  boolTable,
  compareStrings,
  dictOrder,
  intTable,
  intTableOrNull,
  mapDictionary,
  mapDictionaryOrNull,
  mergeDictionaries,
  sliceString,
} from './strings.js';

/**
 * A column expressions can read: its type, the dictionary of a Utf8 column, whether it may hold
 * nulls, and for Int32/Date columns the [min, max] of its values when known (so it can be a
 * packed group key).
 */
export interface ColumnInfo {
  readonly name: string;
  readonly dtype: DataType;
  readonly dict: Dictionary | null;
  readonly nullable: boolean;
  readonly bounds?: KeyBounds;
  /** A Utf8 made per row (no dictionary yet): how its input combinations become text. */
  readonly made?: MadeText;
}

/** How the calling thread turns a made column's input combinations into text: a part per input, joined by `separator`. */
export interface MadeText {
  readonly parts: readonly StrPart[];
  readonly separator: string;
}

/** A lowered expression: the kernel IR, its logical type, its dictionary when Utf8, and whether it may be null. */
export interface Lowered {
  readonly expr: PhysExpr;
  readonly dtype: DataType;
  readonly dict: Dictionary | null;
  readonly nullable: boolean;
  /** A Utf8 made per row: its `makeStr` stands at the root and `dict` is null until the rows are made. */
  readonly made?: MadeText;
}

const MS_PER_DAY = '86400000';

/**
 * Lower one row-wise expression against `columns` (a column's index in the list is its input
 * index). The expression is type-checked first, so errors are the front-end's messages.
 *
 * @example
 * const l = lowerExpr(col('v1').gt(2).node, [{ name: 'v1', dtype: 'Int32', dict: null, nullable: false }]);
 * l.expr; // { op: 'cmp', fn: 'gt', left: { op: 'input', index: 0, kind: 'i32' }, right: { op: 'const', kind: 'i32', value: 2 } }
 */
export function lowerExpr(node: ExprNode, columns: readonly ColumnInfo[]): Lowered {
  const schema = new Schema(columns.map((c) => ({ name: c.name, dtype: c.dtype })));
  typeOf(node, schema);
  return new Lowerer(columns).go(resolveNullLiterals(node, schema));
}

class Lowerer {
  private readonly index = new Map<string, number>();

  constructor(private readonly columns: readonly ColumnInfo[]) {
    columns.forEach((c, i) => this.index.set(c.name, i));
  }

  go(n: ExprNode): Lowered {
    switch (n.kind) {
      case 'col': {
        const i = this.index.get(n.name);
        if (i === undefined)
          throw new ColumnNotFoundError(
            n.name,
            this.columns.map((c) => c.name),
          );
        const c = this.columns[i]!;
        return { expr: { op: 'input', index: i, kind: kindOf(c.dtype) }, dtype: c.dtype, dict: c.dict, nullable: c.nullable };
      }
      case 'lit':
        return literal(n.value, n.dtype ?? 'Boolean');
      case 'alias':
        return this.go(n.arg);
      case 'binary':
        return this.binary(n);
      case 'unary':
        return this.unary(n);
      case 'round': {
        const a = this.go(n.arg);
        return { ...a, expr: { op: 'round', digits: n.digits, kind: kindOf(a.dtype), arg: a.expr } };
      }
      case 'pow': {
        const b = to(this.go(n.base), 'Float64');
        const e = to(this.go(n.exponent), 'Float64');
        return { expr: { op: 'pow', base: b.expr, exponent: e.expr }, dtype: 'Float64', dict: null, nullable: b.nullable || e.nullable };
      }
      case 'fillNull': {
        const [a, f] = this.common([this.go(n.arg), this.go(n.fill)]);
        return {
          expr: { op: 'fillNull', arg: a!.expr, fill: f!.expr },
          dtype: a!.dtype,
          dict: a!.dict,
          nullable: a!.nullable && f!.nullable,
        };
      }
      case 'isIn':
        return this.isIn(this.go(n.arg), n.values);
      case 'between': {
        const lo = this.binary({ kind: 'binary', op: 'gte', left: n.arg, right: n.lower });
        const hi = this.binary({ kind: 'binary', op: 'lte', left: n.arg, right: n.upper });
        return { expr: { op: 'and', left: lo.expr, right: hi.expr }, dtype: 'Boolean', dict: null, nullable: lo.nullable || hi.nullable };
      }
      case 'cast': {
        const a = this.go(n.arg);
        const what = n.strict === false ? null : exprToString(n);
        if (a.dtype === 'Utf8' && n.to !== 'Utf8') {
          const { expr, failures } = parseLookup(a.expr, a.dict!, n.to, what);
          return { expr, dtype: n.to, dict: null, nullable: a.nullable || (failures && what === null) };
        }
        if (n.to === 'Utf8' && a.dtype === 'Boolean')
          return {
            expr: { op: 'cast', to: 'i32', arg: a.expr },
            dtype: 'Utf8',
            dict: new Dictionary(['false', 'true']),
            nullable: a.nullable,
          };
        if (n.to === 'Utf8' && a.dtype !== 'Utf8') return this.made([n], '');
        return to(a, n.to, what);
      }
      case 'when': {
        const values = this.common([...n.branches.map((b) => this.go(b.then)), this.go(n.otherwise)]);
        const branches = n.branches.map((b, i) => ({ when: this.go(b.when).expr, then: values[i]!.expr }));
        const other = values[values.length - 1]!;
        return {
          expr: { op: 'when', kind: kindOf(other.dtype), branches, otherwise: other.expr },
          dtype: other.dtype,
          dict: other.dict,
          nullable: values.some((v) => v.nullable),
        };
      }
      case 'strMatch': {
        const a = this.go(n.arg);
        const p = n.pattern;
        const regex = n.op === 'contains' && n.literal !== true ? userRegExp(p, 'str.contains()') : null;
        const pred =
          regex !== null
            ? (s: string) => regex.test(s)
            : n.op === 'contains'
              ? (s: string) => s.includes(p)
              : n.op === 'startsWith'
                ? (s: string) => s.startsWith(p)
                : (s: string) => s.endsWith(p);
        return lookupBool(a, boolTable(a.dict!, pred));
      }
      case 'strPad':
      case 'strReplace':
      case 'strStrip': {
        const a = this.go(n.arg);
        const fn = n.kind === 'strPad' ? padFunction(n) : n.kind === 'strReplace' ? replaceFunction(n) : stripFunction(n);
        return remapped(a, mapDictionary(a.dict!, fn));
      }
      case 'strExtract':
      case 'strSplitPart': {
        const a = this.go(n.arg);
        return remappedOrNull(a, mapDictionaryOrNull(a.dict!, n.kind === 'strExtract' ? extractFunction(n) : splitPartFunction(n)));
      }
      case 'strFind': {
        const a = this.go(n.arg);
        const { values, valid } = intTableOrNull(a.dict!, findFunction(n));
        return {
          expr: { op: 'lookup', kind: 'i32', arg: a.expr, values, valid },
          dtype: 'Int32',
          dict: null,
          nullable: a.nullable || valid !== null,
        };
      }
      case 'strSlice': {
        const a = this.go(n.arg);
        return remapped(
          a,
          mapDictionary(a.dict!, (s) => sliceString(s, n.offset, n.length)),
        );
      }
      case 'dtEpoch': {
        const a = this.go(n.arg);
        const unit = a.dtype === 'Date' ? 'days' : 'ms';
        return {
          expr: { op: 'epoch', unit, to: n.unit, arg: a.expr },
          dtype: n.unit === 'd' ? 'Int32' : 'Int64',
          dict: null,
          nullable: a.nullable,
        };
      }
      case 'dtTruncate': {
        const a = this.go(n.arg);
        const w = truncationOf(n.every, 'dt.truncate()');
        const unit = a.dtype === 'Date' ? 'days' : 'ms';
        return { ...a, expr: { op: 'dateTruncate', unit, months: w.months, ms: w.ms, originMs: w.originMs, arg: a.expr }, nullable: true };
      }
      case 'dtOffsetBy': {
        const a = this.go(n.arg);
        const d = parseDuration(n.by, 'dt.offsetBy()');
        const unit = a.dtype === 'Date' ? 'days' : 'ms';
        return { ...a, expr: { op: 'dateOffset', unit, months: d.months, ms: fixedMs(d), arg: a.expr }, nullable: true };
      }
      case 'strptime':
        return this.strptime(n);
      case 'concatStr':
        return this.made(n.args, n.separator);
      case 'dtStrftime': {
        const a = this.go(n.arg);
        const format = compiledFormat(n.format, 'dt.strftime()');
        const part: StrPart = { kind: 'strftime', unit: a.dtype === 'Date' ? 'days' : 'ms', format };
        if (a.expr.op === 'const')
          return a.expr.value === null ? literal(null, 'Utf8') : literal(partText(part, a.expr.value as number | bigint), 'Utf8');
        return {
          expr: { op: 'makeStr', args: [a.expr] },
          dtype: 'Utf8',
          dict: null,
          nullable: a.nullable,
          made: { parts: [part], separator: '' },
        };
      }
      case 'agg':
        throw new InternalError(`aggregation ${n.fn}() cannot be lowered as a row-wise expression`);
    }
  }

  /**
   * Utf8 made per row from `args` joined by `separator` (a cast to Utf8 is one argument, itself;
   * a cast to Utf8 inside concatStr is formatted in place). Constants only: the text at plan
   * time. Otherwise a `makeStr` (codes into each morsel's distinct input combinations) with the
   * parts the calling thread formats them by; the planner has put it at the root of a pipeline's
   * last projection (made-strings.ts).
   */
  private made(args: readonly ExprNode[], separator: string): Lowered {
    const lowered: PhysExpr[] = [];
    const parts: StrPart[] = [];
    let nullable = false;
    for (const arg of args) {
      const inner = arg.kind === 'cast' && arg.to === 'Utf8' ? arg.arg : arg;
      const a = this.go(inner);
      if (a.dtype === 'Utf8' && a.dict === null)
        throw new InternalError('a Utf8 made per row is read before it is made: the planner did not stage it');
      lowered.push(a.expr);
      parts.push(partOf(a));
      nullable ||= a.nullable;
    }
    if (lowered.every((e) => e.op === 'const')) {
      const values = lowered.map((e) => (e as Extract<PhysExpr, { op: 'const' }>).value);
      if (values.some((v) => v === null)) return literal(null, 'Utf8');
      return literal(values.map((v, i) => partText(parts[i]!, v as number | bigint | boolean)).join(separator), 'Utf8');
    }
    return { expr: { op: 'makeStr', args: lowered }, dtype: 'Utf8', dict: null, nullable, made: { parts, separator } };
  }

  /** Bring values to their common type (a merged dictionary for Utf8). */
  private common(values: Lowered[]): Lowered[] {
    let t: DataType | null = null;
    for (const v of values) t = (supertype(t, v.dtype) ?? t) as DataType | null;
    const target = t ?? values[0]!.dtype;
    if (target !== 'Utf8') return values.map((v) => to(v, target));
    const { dict, remaps } = mergeDictionaries(values.map((v) => v.dict!));
    return values.map((v, i) => {
      const r = remaps[i]!;
      const expr: PhysExpr =
        r === null
          ? v.expr
          : v.expr.op === 'const'
            ? constRemap(v.expr, r)
            : { op: 'lookup', kind: 'i32', arg: v.expr, values: r, valid: null };
      return { expr, dtype: 'Utf8', dict, nullable: v.nullable };
    });
  }

  private binary(n: Extract<ExprNode, { kind: 'binary' }>): Lowered {
    // a Utf8 literal compared with a date is the date it names (the type checker has read it)
    const isCompare = n.op === 'eq' || n.op === 'neq' || n.op === 'lt' || n.op === 'lte' || n.op === 'gt' || n.op === 'gte';
    const l0 = this.go(n.left);
    const r0 = this.go(n.right);
    const ld = isCompare ? temporalLiteral(n.left, r0.dtype) : undefined;
    const rd = isCompare ? temporalLiteral(n.right, l0.dtype) : undefined;
    const l = ld ? this.go(ld) : l0;
    const r = rd ? this.go(rd) : r0;
    // "+" of two Utf8 values joins them
    if (n.op === 'add' && (l.dtype === 'Utf8' || r.dtype === 'Utf8')) return this.made([n.left, n.right], '');
    switch (n.op) {
      case 'and':
      case 'or':
        return { expr: { op: n.op, left: l.expr, right: r.expr }, dtype: 'Boolean', dict: null, nullable: l.nullable || r.nullable };
      case 'eq':
      case 'neq':
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        if (l.dtype === 'Utf8' && r.dtype === 'Utf8') return compareUtf8(n.op, l, r);
        const t = (supertype(l.dtype, r.dtype) ?? l.dtype) as DataType;
        const a = to(l, t);
        const b = to(r, t);
        return {
          expr: { op: 'cmp', fn: n.op, left: a.expr, right: b.expr },
          dtype: 'Boolean',
          dict: null,
          nullable: l.nullable || r.nullable,
        };
      }
      case 'div': {
        const a = to(l, 'Float64');
        const b = to(r, 'Float64');
        return {
          expr: { op: 'arith', fn: 'div', kind: 'f64', left: a.expr, right: b.expr },
          dtype: 'Float64',
          dict: null,
          nullable: l.nullable || r.nullable,
        };
      }
      default: {
        const t = (supertype(l.dtype, r.dtype) ?? l.dtype) as DataType;
        const a = to(l, t);
        const b = to(r, t);
        if (t === 'Date' || t === 'Timestamp') {
          // Date - Date is days (Int32), anything with a Timestamp ms (Int64): the type checker allows only sub
          const kind = t === 'Date' ? 'i32' : 'i64';
          return {
            expr: { op: 'arith', fn: 'sub', kind, left: a.expr, right: b.expr },
            dtype: t === 'Date' ? 'Int32' : 'Int64',
            dict: null,
            nullable: l.nullable || r.nullable,
          };
        }
        // integer modulo by zero is null
        const nullable = l.nullable || r.nullable || (n.op === 'mod' && t !== 'Float64');
        return { expr: { op: 'arith', fn: n.op, kind: kindOf(t), left: a.expr, right: b.expr }, dtype: t, dict: null, nullable };
      }
    }
  }

  private unary(n: Extract<ExprNode, { kind: 'unary' }>): Lowered {
    const a = this.go(n.arg);
    switch (n.op) {
      case 'not':
        return { ...a, expr: { op: 'not', arg: a.expr } };
      case 'isNull':
      case 'isNotNull':
        return { expr: { op: n.op, arg: a.expr }, dtype: 'Boolean', dict: null, nullable: false };
      case 'neg':
      case 'abs':
      case 'floor':
      case 'ceil':
        return { ...a, expr: { op: 'math', fn: n.op, kind: kindOf(a.dtype), arg: a.expr } };
      case 'sqrt':
      case 'log':
      case 'exp': {
        const f = to(a, 'Float64');
        return { ...f, expr: { op: 'math', fn: n.op, kind: 'f64', arg: f.expr } };
      }
      case 'str.toUpperCase':
        return remapped(
          a,
          mapDictionary(a.dict!, (s) => s.toUpperCase()),
        );
      case 'str.toTitleCase':
      case 'str.strip':
      case 'str.stripStart':
      case 'str.stripEnd':
      case 'str.reverse': {
        const fn = STRING_MAPS[n.op];
        return remapped(a, mapDictionary(a.dict!, fn));
      }
      case 'str.toLowerCase':
        return remapped(
          a,
          mapDictionary(a.dict!, (s) => s.toLowerCase()),
        );
      case 'str.length':
      case 'str.lenBytes':
        return {
          expr: {
            op: 'lookup',
            kind: 'i32',
            arg: a.expr,
            values: intTable(a.dict!, n.op === 'str.length' ? codePoints : utf8Bytes),
            valid: null,
          },
          dtype: 'Int32',
          dict: null,
          nullable: a.nullable,
        };
      case 'dt.year':
      case 'dt.month':
      case 'dt.day':
      case 'dt.weekday':
      case 'dt.hour':
      case 'dt.minute':
      case 'dt.second':
      case 'dt.millisecond':
      case 'dt.ordinalDay':
      case 'dt.quarter':
      case 'dt.week':
        return {
          expr: { op: 'datePart', part: n.op.slice(3) as 'year', unit: a.dtype === 'Date' ? 'days' : 'ms', arg: a.expr },
          dtype: 'Int32',
          dict: null,
          nullable: a.nullable,
        };
    }
  }

  /**
   * A string parsed into a Date or Timestamp once per dictionary entry: a lookup of each code's
   * value (days as i32, ms as f64 cast to i64), null where the entry does not parse. Strict, the
   * codes first pass a check that fails on the first row whose entry does not parse (a constant
   * fails here, at plan time).
   */
  private strptime(n: Extract<ExprNode, { kind: 'strptime' }>): Lowered {
    const a = this.go(n.arg);
    const dict = a.dict!;
    const parse = strptimeFunction(n);
    const size = dict.size;
    const isDate = n.dtype === 'Date';
    const values = isDate ? new Int32Array(new SharedArrayBuffer(size * 4)) : new Float64Array(new SharedArrayBuffer(size * 8));
    const valid = new Uint8Array(new SharedArrayBuffer(size));
    const failures = new Int32Array(new SharedArrayBuffer(size * 4)).fill(-1);
    const texts: string[] = [];
    for (let c = 0; c < size; c++) {
      const v = parse(dict.get(c));
      if (Number.isFinite(v) && (!isDate || (v >= -2147483648 && v <= 2147483647))) {
        values[c] = v;
        valid[c] = 1;
      } else {
        failures[c] = texts.length;
        texts.push(dict.get(c));
      }
    }
    let codes = a.expr;
    const what = `str.strptime(${JSON.stringify(n.dtype)}${n.format === null ? '' : `, ${JSON.stringify(n.format)}`})`;
    const column = n.arg.kind === 'col' ? `column "${n.arg.name}"` : exprToString(n.arg);
    if (n.strict && texts.length > 0) {
      if (codes.op === 'const') {
        const code = codes.value;
        if (code !== null && failures[code as number]! >= 0) throw new ParseValueError(dict.get(code as number), null, column, what);
      } else codes = { op: 'strictParse', arg: codes, failures, texts, column, what };
    }
    const lookup: PhysExpr = { op: 'lookup', kind: isDate ? 'i32' : 'f64', arg: codes, values, valid };
    return {
      expr: isDate ? lookup : { op: 'cast', to: 'i64', arg: lookup },
      dtype: n.dtype,
      dict: null,
      nullable: a.nullable || texts.length > 0,
    };
  }

  private isIn(a: Lowered, values: readonly LitValue[]): Lowered {
    if (a.dtype === 'Utf8') {
      const set = new Set(values.filter((v): v is string => typeof v === 'string'));
      return lookupBool(
        a,
        boolTable(a.dict!, (s) => set.has(s)),
      );
    }
    const vals = isInValuesFor(
      values.filter((v) => v !== null),
      a.dtype,
    );
    return { expr: { op: 'isIn', arg: a.expr, values: vals }, dtype: 'Boolean', dict: null, nullable: a.nullable };
  }
}

function literal(value: LitValue, dtype: DataType): Lowered {
  if (dtype === 'Utf8') {
    const dict = value === null ? new Dictionary() : new Dictionary([String(value)]);
    return { expr: { op: 'const', kind: 'i32', value: value === null ? null : 0 }, dtype, dict, nullable: value === null };
  }
  return { expr: { op: 'const', kind: kindOf(dtype), value: litToConst(value, dtype) }, dtype, dict: null, nullable: value === null };
}

/**
 * Convert a lowered value to type `t`: numeric and Boolean casts, Date ↔ Timestamp (days ↔ ms),
 * Date and Timestamp to and from integers (days, ms), Utf8 → Utf8 (itself). A cast that can
 * lose a value (out of range, NaN) gives null for it, or raises when `strict` names the cast.
 */
function to(v: Lowered, t: DataType, strict: string | null = null): Lowered {
  if (v.dtype === t) return v;
  const from = v.dtype;
  if (from === 'Date' && t === 'Timestamp') {
    const ms: PhysExpr = {
      op: 'arith',
      fn: 'mul',
      kind: 'i64',
      left: { op: 'cast', to: 'i64', arg: v.expr },
      right: { op: 'const', kind: 'i64', value: MS_PER_DAY },
    };
    return { expr: ms, dtype: t, dict: null, nullable: v.nullable };
  }
  if (from === 'Timestamp' && t === 'Date') {
    const days: PhysExpr = {
      op: 'math',
      fn: 'floor',
      kind: 'f64',
      arg: {
        op: 'arith',
        fn: 'div',
        kind: 'f64',
        left: { op: 'cast', to: 'f64', arg: v.expr },
        right: { op: 'const', kind: 'f64', value: Number(MS_PER_DAY) },
      },
    };
    return { expr: { op: 'cast', to: 'i32', arg: days }, dtype: t, dict: null, nullable: true };
  }
  const kind = kindOf(t);
  if (v.expr.op === 'const' && v.expr.value === null)
    return { expr: { op: 'const', kind, value: null }, dtype: t, dict: null, nullable: true };
  if (kindOf(from) === kind) return { ...v, dtype: t, dict: null };
  // float → int and int64 → int32 give null when out of range (or raise when strict)
  const lossy = (from === 'Float64' && t !== 'Boolean') || (kindOf(from) === 'i64' && kind === 'i32');
  const expr: PhysExpr =
    lossy && strict !== null
      ? { op: 'cast', to: kind, arg: v.expr, strict: { what: strict, to: t } }
      : { op: 'cast', to: kind, arg: v.expr };
  return { expr, dtype: t, dict: null, nullable: v.nullable || (lossy && strict === null) };
}

/** How a lowered value becomes text inside a made string. */
function partOf(a: Lowered): StrPart {
  switch (a.dtype) {
    case 'Utf8':
      return { kind: 'text', strings: a.dict!.values };
    case 'Int32':
    case 'Int64':
      return { kind: 'int' };
    case 'Float64':
      return { kind: 'float' };
    case 'Boolean':
      return { kind: 'bool' };
    case 'Date':
      return { kind: 'date' };
    case 'Timestamp':
      return { kind: 'timestamp' };
  }
}

function lookupBool(a: Lowered, table: Uint8Array): Lowered {
  return {
    expr: { op: 'lookup', kind: 'bool', arg: a.expr, values: table, valid: null },
    dtype: 'Boolean',
    dict: null,
    nullable: a.nullable,
  };
}

function remapped(a: Lowered, m: { dict: Dictionary; remap: Int32Array }): Lowered {
  const expr: PhysExpr =
    a.expr.op === 'const' ? constRemap(a.expr, m.remap) : { op: 'lookup', kind: 'i32', arg: a.expr, values: m.remap, valid: null };
  return { expr, dtype: 'Utf8', dict: m.dict, nullable: a.nullable };
}

/** `remapped` for a function that may give no value: entries without one are null. */
function remappedOrNull(a: Lowered, m: { dict: Dictionary; remap: Int32Array; valid: Uint8Array | null }): Lowered {
  if (m.valid === null) return remapped(a, m);
  const valid = m.valid;
  const expr: PhysExpr =
    a.expr.op === 'const'
      ? a.expr.value === null || valid[a.expr.value as number] === 0
        ? { op: 'const', kind: 'i32', value: null }
        : constRemap(a.expr, m.remap)
      : { op: 'lookup', kind: 'i32', arg: a.expr, values: m.remap, valid };
  return { expr, dtype: 'Utf8', dict: m.dict, nullable: true };
}

/** A Utf8 constant's code through a remap table, at plan time. */
function constRemap(e: Extract<PhysExpr, { op: 'const' }>, remap: Int32Array): PhysExpr {
  return e.value === null ? e : { op: 'const', kind: 'i32', value: remap[e.value as number]! };
}

const FLIP: Record<CmpFn, CmpFn> = { eq: 'eq', neq: 'neq', lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };

function holds(fn: CmpFn, c: number): boolean {
  switch (fn) {
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
  }
}

/** The string of a lowered Utf8 constant, null for a null constant, undefined when not a constant. */
function constString(v: Lowered): string | null | undefined {
  if (v.expr.op !== 'const') return undefined;
  return v.expr.value === null ? null : v.dict!.get(v.expr.value as number);
}

/**
 * Compare two Utf8 values through their dictionaries: against a constant, equality is a code
 * comparison (a missing string is code -1, which no row has) and order is a per-entry predicate
 * table; two columns compare their ranks in the sorted union of both dictionaries.
 */
function compareUtf8(fn: CmpFn, l: Lowered, r: Lowered): Lowered {
  const nullable = l.nullable || r.nullable;
  const ls = constString(l);
  const rs = constString(r);
  if (ls === null || rs === null) return { expr: { op: 'const', kind: 'bool', value: null }, dtype: 'Boolean', dict: null, nullable: true };
  if (ls !== undefined && rs !== undefined)
    return { expr: { op: 'const', kind: 'bool', value: holds(fn, compareStrings(ls, rs)) }, dtype: 'Boolean', dict: null, nullable: false };
  if (rs !== undefined || ls !== undefined) {
    const col = rs !== undefined ? l : r;
    const s = (rs ?? ls)!;
    const op = rs !== undefined ? fn : FLIP[fn];
    if (op === 'eq' || op === 'neq')
      return {
        expr: { op: 'cmp', fn: op, left: col.expr, right: { op: 'const', kind: 'i32', value: col.dict!.codeOf(s) } },
        dtype: 'Boolean',
        dict: null,
        nullable,
      };
    return {
      ...lookupBool(
        col,
        boolTable(col.dict!, (x) => holds(op, compareStrings(x, s))),
      ),
      nullable,
    };
  }
  if (l.dict === r.dict && (fn === 'eq' || fn === 'neq'))
    return { expr: { op: 'cmp', fn, left: l.expr, right: r.expr }, dtype: 'Boolean', dict: null, nullable };
  const { dict, remaps } = mergeDictionaries([l.dict!, r.dict!]);
  const rank = dictOrder(dict).rank;
  const ranked = (v: Lowered, remap: Int32Array | null): PhysExpr => {
    const t = new Int32Array(new SharedArrayBuffer(v.dict!.size * 4));
    for (let c = 0; c < t.length; c++) t[c] = rank[remap === null ? c : remap[c]!]!;
    return { op: 'lookup', kind: 'i32', arg: v.expr, values: t, valid: null };
  };
  return { expr: { op: 'cmp', fn, left: ranked(l, remaps[0]!), right: ranked(r, remaps[1]!) }, dtype: 'Boolean', dict: null, nullable };
}

/**
 * The [min, max] a lowered group key's kernel values stay within, when known: dictionary codes,
 * booleans, and bare Int32/Date columns with known bounds.
 *
 * @example
 * keyBounds(lowerExpr(col('id1').node, columns), columns); // [0, 99] for a 100-string dictionary
 */
export function keyBounds(l: Lowered, columns: readonly ColumnInfo[]): KeyBounds {
  if (l.dtype === 'Utf8') return [0, l.dict!.size - 1];
  if (l.dtype === 'Boolean') return [0, 1];
  if (l.expr.op === 'input' && kindOf(l.dtype) === 'i32') return columns[l.expr.index]?.bounds ?? null;
  return null;
}

/** Unicode code points of a string (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // the high half of a pair counts; its low half is skipped
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Bytes of a string's UTF-8 encoding (a lone surrogate encodes as U+FFFD, 3 bytes). */
function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * String functions that map a string to a string, as Polars defines them: title case upper-cases
 * the first letter of each word (a run of letters and digits) and lower-cases the rest; strip
 * removes leading and trailing whitespace (JS `trim`, which covers Unicode spaces); reverse
 * reverses the user-perceived characters (grapheme clusters), so a letter keeps its accents and a
 * joined emoji stays whole.
 */
const STRING_MAPS: Record<'str.toTitleCase' | 'str.strip' | 'str.stripStart' | 'str.stripEnd' | 'str.reverse', (s: string) => string> = {
  'str.toTitleCase': (s) =>
    s.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()),
  'str.strip': (s) => s.trim(),
  'str.stripStart': (s) => s.trimStart(),
  'str.stripEnd': (s) => s.trimEnd(),
  'str.reverse': reverseGraphemes,
};
