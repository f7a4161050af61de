/** A row-at-a-time reference evaluator for PhysExpr: slow and obvious, to check the kernels against. */
// Written from the rules in kernels/ir.ts, with exact BigInt integer math and JS Date for calendars.
import type { ArithFn, CmpFn, DatePart, PhysExpr } from '../../../kernels/ir.js';
import { datePart } from '../../reference/scalar-ops.js';
import { refEpoch, refOffset, refTruncate } from '../../reference/temporal.js';
import type { VecKind } from '../../../kernels/vec.js';
import type { JsValue } from './values.js';

export function refEvaluate(e: PhysExpr, cols: readonly (readonly JsValue[])[], n: number): JsValue[] {
  return Array.from({ length: n }, (_, i) => refRow(e, cols, i));
}

export function constValue(kind: VecKind, value: number | string | boolean | null): JsValue {
  if (value === null) return null;
  if (kind === 'i64') return BigInt(value);
  if (kind === 'bool') return value === true || value === 1;
  return Number(value);
}

export function refRow(e: PhysExpr, cols: readonly (readonly JsValue[])[], i: number): JsValue {
  const row = (x: PhysExpr): JsValue => refRow(x, cols, i);
  switch (e.op) {
    case 'input':
      return cols[e.index]![i]!;
    case 'const':
      return constValue(e.kind, e.value);
    case 'arith': {
      const a = row(e.left);
      const b = row(e.right);
      return a === null || b === null ? null : refArith(e.fn, e.kind, a, b);
    }
    case 'cmp': {
      const a = row(e.left);
      const b = row(e.right);
      return a === null || b === null ? null : cmpHolds(e.fn, totalCompare(a, b));
    }
    case 'and': {
      const a = row(e.left);
      const b = row(e.right);
      if (a === false || b === false) return false;
      return a === null || b === null ? null : true;
    }
    case 'or': {
      const a = row(e.left);
      const b = row(e.right);
      if (a === true || b === true) return true;
      return a === null || b === null ? null : false;
    }
    case 'not': {
      const a = row(e.arg);
      return a === null ? null : !a;
    }
    case 'isNull':
      return row(e.arg) === null;
    case 'isNotNull':
      return row(e.arg) !== null;
    case 'math': {
      const a = row(e.arg);
      return a === null ? null : refMath(e.fn, e.kind, a as number | bigint);
    }
    case 'round': {
      const a = row(e.arg);
      return a === null || typeof a !== 'number' || e.kind !== 'f64' ? a : refRound(a, e.digits);
    }
    case 'pow': {
      const a = row(e.base);
      const b = row(e.exponent);
      if (a === null || b === null) return null;
      const x = Number(a);
      const y = Number(b);
      if (x === 1 || (x === -1 && Math.abs(y) === Infinity)) return 1;
      return x ** y;
    }
    case 'cast': {
      const a = row(e.arg);
      return a === null ? null : refCast(a, e.to);
    }
    case 'fillNull': {
      const a = row(e.arg);
      return a === null ? row(e.fill) : a;
    }
    case 'isIn': {
      const a = row(e.arg);
      if (a === null) return null;
      return e.values.some(
        (v) => totalCompare(typeof a === 'bigint' ? BigInt(v) : typeof a === 'boolean' ? v === true || v === 1 : Number(v), a) === 0,
      );
    }
    case 'lookup': {
      const c = row(e.arg) as number | null;
      if (c === null || c < 0 || c >= e.values.length) return null;
      if (e.valid !== null && e.valid[c] === 0) return null;
      const v = e.values[c]!;
      return e.kind === 'bool' ? v === 1 : v;
    }
    case 'when': {
      for (const b of e.branches) if (row(b.when) === true) return row(b.then);
      return row(e.otherwise);
    }
    case 'datePart': {
      const a = row(e.arg);
      if (a === null) return null;
      const days = e.unit === 'days' ? (a as number) : Number(floorDiv(a as bigint, 86_400_000n));
      if (e.part === 'hour' || e.part === 'minute' || e.part === 'second' || e.part === 'millisecond') {
        if (e.unit === 'days') return 0;
        const ofDay = new Date(Number((a as bigint) - BigInt(days) * 86_400_000n));
        return datePart(`dt.${e.part}`, ofDay);
      }
      return refDatePart(days, e.part);
    }
    case 'strictParse': {
      const a = row(e.arg);
      if (a !== null && (e.failures[a as number] ?? -1) >= 0) throw new Error(`strictParse: ${e.texts[e.failures[a as number]!]}`);
      return a;
    }
    case 'epoch': {
      const a = row(e.arg);
      if (a === null) return null;
      const ms = e.unit === 'days' ? (a as number) * 86_400_000 : Number(a);
      const v = refEpoch(ms, e.to);
      return e.to === 'd' ? v : BigInt(v);
    }
    case 'dateTruncate':
    case 'dateOffset': {
      const a = row(e.arg);
      if (a === null) return null;
      const ms = e.unit === 'days' ? (a as number) * 86_400_000 : Number(a);
      const r =
        e.op === 'dateTruncate'
          ? e.months > 0
            ? refTruncate(ms, `${e.months}mo`)
            : refTruncate(ms, e.originMs === 0 ? `${e.ms}ms` : `${e.ms / (7 * 86_400_000)}w`)
          : refOffset(
              refOffset(ms, `${Math.abs(e.months)}mo`.replace(/^/, e.months < 0 ? '-' : '')),
              `${e.ms < 0 ? '-' : ''}${Math.abs(e.ms)}ms`,
            );
      if (e.unit === 'ms') return BigInt(r);
      // a Date moved past the i32 range of days is null
      const days = Math.floor(r / 86_400_000);
      return days < -2147483648 || days > 2147483647 ? null : days;
    }
    case 'makeStr':
      throw new Error('reference: made strings are checked through the engine, not per kernel row');
  }
}

/** Polars' total order: NaN above every number and equal to itself, -0 equal to 0. */
export function totalCompare(a: JsValue, b: JsValue): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = a as number;
  const y = b as number;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmpHolds(fn: CmpFn, c: number): boolean {
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

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && a < 0n !== b < 0n ? q - 1n : q;
}

/** Python's float modulo: the sign of the divisor, zero included. */
function pyModF64(x: number, y: number): number {
  if (y === 0 || Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x)) return NaN;
  const r = x % y;
  if (r === 0) return Object.is(y, -0) || y < 0 ? -0 : 0;
  return r < 0 === y < 0 ? r : r + y;
}

function refArith(fn: ArithFn, kind: VecKind, a: JsValue, b: JsValue): JsValue {
  if (kind === 'f64') {
    const x = a as number;
    const y = b as number;
    switch (fn) {
      case 'add':
        return x + y;
      case 'sub':
        return x - y;
      case 'mul':
        return x * y;
      case 'div':
        return x / y;
      case 'mod':
        return pyModF64(x, y);
    }
  }
  const bits = kind === 'i32' ? 32 : 64;
  const x = BigInt(a as number | bigint);
  const y = BigInt(b as number | bigint);
  let r: bigint;
  switch (fn) {
    case 'add':
      r = x + y;
      break;
    case 'sub':
      r = x - y;
      break;
    case 'mul':
      r = x * y;
      break;
    case 'div':
      if (y === 0n) return null;
      r = floorDiv(x, y);
      break;
    case 'mod':
      if (y === 0n) return null;
      r = x - y * floorDiv(x, y);
      break;
  }
  const w = BigInt.asIntN(bits, r);
  return kind === 'i32' ? Number(w) : w;
}

function refMath(fn: string, kind: VecKind, a: number | bigint): number | bigint {
  if (fn === 'sqrt' || fn === 'log' || fn === 'exp') return (Math[fn] as (x: number) => number)(Number(a));
  if (kind === 'f64') {
    const x = a as number;
    if (fn === 'neg') return -x;
    if (fn === 'abs') return Math.abs(x);
    return fn === 'floor' ? Math.floor(x) : Math.ceil(x);
  }
  if (fn === 'floor' || fn === 'ceil') return a;
  const bits = kind === 'i32' ? 32 : 64;
  const x = BigInt(a);
  const r = BigInt.asIntN(bits, fn === 'neg' ? -x : x < 0n ? -x : x);
  return kind === 'i32' ? Number(r) : r;
}

/** Half away from zero by inspecting the fraction directly; keeps the sign of zero. */
function roundHalfAwayRef(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const frac = Math.abs(x - t);
  const r = frac >= 0.5 ? t + Math.sign(x) : t;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

function refRound(x: number, digits: number): number {
  if (digits === 0) return roundHalfAwayRef(x);
  const m = 10 ** digits;
  const r = roundHalfAwayRef(x * m) / m;
  return Number.isFinite(r) ? r : x;
}

function refCast(a: JsValue, to: VecKind): JsValue {
  if (typeof a === 'boolean') {
    if (to === 'bool') return a;
    if (to === 'i64') return a ? 1n : 0n;
    return a ? 1 : 0;
  }
  if (to === 'bool') return typeof a === 'bigint' ? a !== 0n : a !== 0;
  if (typeof a === 'bigint') {
    if (to === 'i64') return a;
    if (to === 'f64') return Number(a);
    return a >= -(2n ** 31n) && a < 2n ** 31n ? Number(a) : null;
  }
  const x = a as number;
  if (to === 'f64') return x;
  if (Number.isNaN(x)) return null;
  const t = Math.trunc(x);
  if (to === 'i32') return t >= -(2 ** 31) && t < 2 ** 31 ? t + 0 : null;
  return t >= -(2 ** 63) && t < 2 ** 63 ? BigInt(t) : null;
}

/** The Gregorian calendar repeats every 400 years (146097 days), which brings any day into JS Date's range. */
function refDatePart(days: number, part: Exclude<DatePart, 'hour' | 'minute' | 'second' | 'millisecond'>): number {
  const era = Math.floor(days / 146_097);
  const d = new Date((days - era * 146_097) * 86_400_000);
  return part === 'year' ? d.getUTCFullYear() + era * 400 : datePart(`dt.${part}`, d);
}
