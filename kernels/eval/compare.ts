/** The `cmp` kernel: comparisons of two operands of one kind into a bool vector. */
import { KernelInvariantError } from '../errors.js';
import { andValidity } from '../bitmap.js';
import type { CmpFn } from '../ir.js';
import type { Vec } from '../vec.js';
import { cmpF64VS, cmpF64VV } from './compare-f64.js';
import { broadcast, isScalar, materialize, type Operand } from './operand.js';

/** `s fn x` is `x (mirror fn) s`, so constants on the left reuse the vector-constant loops. */
const MIRROR: Readonly<Record<CmpFn, CmpFn>> = { eq: 'eq', neq: 'neq', lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };

/**
 * `left fn right` as a bool vector; null where either side is null. Strings arrive as i32 ranks.
 * f64 uses Polars' total order (NaN equals NaN and sorts above every number).
 *
 * @example
 * compare('gt', vec, { scalar: true, kind: 'i32', value: 2 }, vec.length); // vec > 2
 */
export function compare(fn: CmpFn, left: Operand, right: Operand, length: number): Vec {
  if (left.kind !== right.kind) throw new KernelInvariantError(`cmp ${fn}: operands are ${left.kind} and ${right.kind}`);
  if ((isScalar(left) && left.value === null) || (isScalar(right) && right.value === null)) {
    return broadcast({ scalar: true, kind: 'bool', value: null }, length);
  }
  if (isScalar(left) && isScalar(right)) left = broadcast(left, length);
  if (isScalar(left)) return compare(MIRROR[fn], right, left, length);
  const x = left;
  if (isScalar(right)) {
    const values =
      x.kind === 'f64'
        ? cmpF64VS(fn, x.values as Float64Array, right.value as number, length)
        : x.kind === 'i32'
          ? cmpI32VS(fn, x.values as Int32Array, right.value as number, length)
          : cmpGeneric(fn, x, materialize(right, length), length);
    return { kind: 'bool', length, values, valid: x.valid };
  }
  const values =
    x.kind === 'f64'
      ? cmpF64VV(fn, x.values as Float64Array, right.values as Float64Array, length)
      : x.kind === 'i32'
        ? cmpI32VV(fn, x.values as Int32Array, right.values as Int32Array, length)
        : cmpGeneric(fn, x, right, length);
  return { kind: 'bool', length, values, valid: andValidity(x.valid, right.valid, length) };
}

function cmpI32VV(fn: CmpFn, x: Int32Array, y: Int32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  switch (fn) {
    case 'eq':
      for (let i = 0; i < n; i++) out[i] = x[i]! === y[i]! ? 1 : 0;
      break;
    case 'neq':
      for (let i = 0; i < n; i++) out[i] = x[i]! !== y[i]! ? 1 : 0;
      break;
    case 'lt':
      for (let i = 0; i < n; i++) out[i] = x[i]! < y[i]! ? 1 : 0;
      break;
    case 'lte':
      for (let i = 0; i < n; i++) out[i] = x[i]! <= y[i]! ? 1 : 0;
      break;
    case 'gt':
      for (let i = 0; i < n; i++) out[i] = x[i]! > y[i]! ? 1 : 0;
      break;
    case 'gte':
      for (let i = 0; i < n; i++) out[i] = x[i]! >= y[i]! ? 1 : 0;
      break;
  }
  return out;
}

function cmpI32VS(fn: CmpFn, x: Int32Array, s: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  switch (fn) {
    case 'eq':
      for (let i = 0; i < n; i++) out[i] = x[i]! === s ? 1 : 0;
      break;
    case 'neq':
      for (let i = 0; i < n; i++) out[i] = x[i]! !== s ? 1 : 0;
      break;
    case 'lt':
      for (let i = 0; i < n; i++) out[i] = x[i]! < s ? 1 : 0;
      break;
    case 'lte':
      for (let i = 0; i < n; i++) out[i] = x[i]! <= s ? 1 : 0;
      break;
    case 'gt':
      for (let i = 0; i < n; i++) out[i] = x[i]! > s ? 1 : 0;
      break;
    case 'gte':
      for (let i = 0; i < n; i++) out[i] = x[i]! >= s ? 1 : 0;
      break;
  }
  return out;
}

/** bool (0/1 bytes) and i64 (bigint) operands: rare in hot paths, so one loop serves both. */
function cmpGeneric(fn: CmpFn, a: Vec, b: Vec, n: number): Uint8Array {
  const x = a.values as ArrayLike<number | bigint>;
  const y = b.values as ArrayLike<number | bigint>;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = x[i]!;
    const q = y[i]!;
    let r: boolean;
    switch (fn) {
      case 'eq':
        r = p === q;
        break;
      case 'neq':
        r = p !== q;
        break;
      case 'lt':
        r = p < q;
        break;
      case 'lte':
        r = p <= q;
        break;
      case 'gt':
        r = p > q;
        break;
      case 'gte':
        r = p >= q;
        break;
    }
    out[i] = r ? 1 : 0;
  }
  return out;
}
