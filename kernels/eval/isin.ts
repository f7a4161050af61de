/** Membership in a list of constants: a byte table for small i32 ranges, a Set otherwise, cached per list. */
import type { Vec } from '../vec.js';

type Member =
  | { readonly type: 'table'; readonly min: number; readonly table: Uint8Array }
  | { readonly type: 'numbers'; readonly set: ReadonlySet<number> }
  | { readonly type: 'bigints'; readonly set: ReadonlySet<bigint> }
  | { readonly type: 'bools'; readonly hasTrue: number; readonly hasFalse: number };

/** A table this many times longer than the list is still cheaper than hashing every row. */
const TABLE_SLACK = 64;
const TABLE_MIN = 4096;

const prepared = new WeakMap<readonly unknown[], Member>();

/**
 * 1 where the row's value is in `values` (constants of the vector's kind, i64 as decimal strings),
 * 0 elsewhere; null rows stay null. For f64, NaN matches NaN and -0 matches 0 (Polars' equality).
 *
 * @example
 * isIn(vec, [1, 2, 3], vec.length);
 */
export function isIn(a: Vec, values: readonly (number | string | boolean)[], n: number): Vec {
  let m = prepared.get(values);
  if (m === undefined || !fits(m, a)) {
    m = prepare(a.kind, values);
    prepared.set(values, m);
  }
  const out = new Uint8Array(n);
  switch (m.type) {
    case 'table': {
      const x = a.values as Int32Array;
      const { min, table } = m;
      const size = table.length;
      for (let i = 0; i < n; i++) {
        const d = x[i]! - min;
        out[i] = d >= 0 && d < size ? table[d]! : 0;
      }
      break;
    }
    case 'numbers': {
      const x = a.values as Int32Array | Float64Array;
      const set = m.set;
      for (let i = 0; i < n; i++) out[i] = set.has(x[i]!) ? 1 : 0;
      break;
    }
    case 'bigints': {
      const x = a.values as BigInt64Array;
      const set = m.set;
      for (let i = 0; i < n; i++) out[i] = set.has(x[i]!) ? 1 : 0;
      break;
    }
    case 'bools': {
      const x = a.values as Uint8Array;
      const { hasTrue, hasFalse } = m;
      for (let i = 0; i < n; i++) out[i] = x[i] !== 0 ? hasTrue : hasFalse;
      break;
    }
  }
  return { kind: 'bool', length: n, values: out, valid: a.valid };
}

/** The same list object could in principle be used against two kinds; never reuse across them. */
function fits(m: Member, a: Vec): boolean {
  switch (a.kind) {
    case 'i32':
      return m.type === 'table' || m.type === 'numbers';
    case 'f64':
      return m.type === 'numbers';
    case 'i64':
      return m.type === 'bigints';
    case 'bool':
      return m.type === 'bools';
  }
}

function prepare(kind: Vec['kind'], values: readonly (number | string | boolean)[]): Member {
  switch (kind) {
    case 'i64':
      return { type: 'bigints', set: new Set(values.map((v) => BigInt.asIntN(64, BigInt(v)))) };
    case 'bool':
      return {
        type: 'bools',
        hasTrue: values.some((v) => v === true || v === 1) ? 1 : 0,
        hasFalse: values.some((v) => v === false || v === 0) ? 1 : 0,
      };
    case 'f64':
      return { type: 'numbers', set: new Set(values.map(Number)) };
    case 'i32': {
      // Non-integers can never equal an i32 row; dropping them keeps the table exact.
      const ints = values.map(Number).filter((v) => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647);
      if (ints.length === 0) return { type: 'numbers', set: new Set() };
      let min = ints[0]!;
      let max = min;
      for (const v of ints) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const span = max - min + 1;
      if (span > Math.max(TABLE_MIN, TABLE_SLACK * ints.length)) return { type: 'numbers', set: new Set(ints) };
      const table = new Uint8Array(span);
      for (const v of ints) table[v - min] = 1;
      return { type: 'table', min, table };
    }
  }
}
