/** The `arith` kernel: picks the loop for the operands' kind and shape and computes the validity. */
import { KernelInvariantError } from '../errors.js';
import { andValidity } from '../bitmap.js';
import type { ArithFn } from '../ir.js';
import type { Vec, VecKind } from '../vec.js';
import { arithF64SV, arithF64VS, arithF64VV } from './arith-f64.js';
import { arithI32SV, arithI32VS, arithI32VV } from './arith-i32.js';
import { arithI64VV } from './arith-i64.js';
import { broadcast, copyValidity, isScalar, materialize, type Operand } from './operand.js';

/**
 * `left fn right` for operands of one kind (the planner inserts casts). Null in, null out.
 * - i32 and i64 wrap on overflow, like Polars' Int32/Int64 (`2147483647 + 1` is `-2147483648`).
 * - `mod` is floored (Polars and Python, not JS): the result takes the divisor's sign, `-7 % 3`
 *   is 2. Integer `div` is floored division too. Integer `div`/`mod` by zero give null.
 * - f64 follows IEEE 754: `1 / 0` is Infinity, `0 / 0` NaN; f64 `mod` is floored, `x % 0` NaN.
 *
 * @example
 * arith('add', 'f64', vec, { scalar: true, kind: 'f64', value: 1 }, vec.length); // vec + 1
 */
export function arith(fn: ArithFn, kind: VecKind, left: Operand, right: Operand, length: number): Vec {
  if (kind === 'bool') throw new KernelInvariantError(`arith ${fn}: bool operands must be cast to a number kind first`);
  if (left.kind !== kind || right.kind !== kind) {
    throw new KernelInvariantError(`arith ${fn}: operands are ${left.kind} and ${right.kind}, expected ${kind}`);
  }
  if ((isScalar(left) && left.value === null) || (isScalar(right) && right.value === null)) {
    return broadcast({ scalar: true, kind, value: null }, length);
  }
  if (isScalar(left) && isScalar(right)) left = broadcast(left, length);
  if (kind === 'f64') return arithF64(fn, left, right, length);
  if (kind === 'i32') return arithI32(fn, left, right, length);
  return arithI64(fn, materialize(left, length), materialize(right, length), length);
}

function arithF64(fn: ArithFn, a: Operand, b: Operand, n: number): Vec {
  if (isScalar(b)) return f64(arithF64VS(fn, (a as Vec).values as Float64Array, b.value as number, n), (a as Vec).valid, n);
  if (isScalar(a)) return f64(arithF64SV(fn, a.value as number, b.values as Float64Array, n), b.valid, n);
  return f64(arithF64VV(fn, a.values as Float64Array, b.values as Float64Array, n), andValidity(a.valid, b.valid, n), n);
}

function f64(values: Float64Array, valid: Uint8Array | null, length: number): Vec {
  return { kind: 'f64', length, values, valid };
}

function arithI32(fn: ArithFn, a: Operand, b: Operand, n: number): Vec {
  const divides = fn === 'div' || fn === 'mod';
  if (isScalar(b)) {
    const s = b.value as number;
    const x = a as Vec;
    if (divides && s === 0) return broadcast({ scalar: true, kind: 'i32', value: null }, n);
    return { kind: 'i32', length: n, values: arithI32VS(fn, x.values as Int32Array, s, n), valid: x.valid };
  }
  const r = isScalar(a)
    ? arithI32SV(fn, a.value as number, b.values as Int32Array, n)
    : arithI32VV(fn, a.values as Int32Array, b.values as Int32Array, n);
  const base = isScalar(a) ? b.valid : andValidity(a.valid, b.valid, n);
  const valid = r.zeroDivisor ? nullZeroDivisors(base, b.values as Int32Array, n) : base;
  return { kind: 'i32', length: n, values: r.values, valid };
}

function arithI64(fn: ArithFn, a: Vec, b: Vec, n: number): Vec {
  const y = b.values as BigInt64Array;
  const r = arithI64VV(fn, a.values as BigInt64Array, y, n);
  const base = andValidity(a.valid, b.valid, n);
  let valid = base;
  if (r.zeroDivisor) {
    const v = copyValidity(base, n);
    for (let i = 0; i < n; i++) if (y[i] === 0n) v[i] = 0;
    valid = v;
  }
  return { kind: 'i64', length: n, values: r.values, valid };
}

function nullZeroDivisors(base: Uint8Array | null, y: Int32Array, n: number): Uint8Array {
  const v = copyValidity(base, n);
  for (let i = 0; i < n; i++) if (y[i] === 0) v[i] = 0;
  return v;
}
