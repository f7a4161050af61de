/** Int32 arithmetic: wrapping like Polars' Int32, floored `div`/`mod` that null a zero divisor. */
// `div` is only reached when a planner asks for integer division: the user-facing `/` is lowered to f64.
import type { ArithFn } from '../ir.js';

/** Values of an i32 arithmetic, and whether some divisor was 0 (those rows are left 0 for the caller to null). */
export interface I32Result {
  readonly values: Int32Array;
  readonly zeroDivisor: boolean;
}

/** Floored modulo (Python and Polars): the result has the divisor's sign. `y` must not be 0. */
function floorModI32(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && (r ^ y) < 0 ? r + y : r;
}

/** Floored division, wrapping like Int32 (`-2147483648 / -1` stays `-2147483648`). `y` must not be 0. */
function floorDivI32(x: number, y: number): number {
  // Exact: for 32-bit operands the double quotient never rounds across an integer.
  return Math.floor(x / y) | 0;
}

/** `x[i] op y[i]` for every row. */
export function arithI32VV(fn: ArithFn, x: Int32Array, y: Int32Array, n: number): I32Result {
  const out = new Int32Array(n);
  let zero = false;
  switch (fn) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i]! + y[i]!;
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i]! - y[i]!;
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = Math.imul(x[i]!, y[i]!);
      break;
    case 'div':
      for (let i = 0; i < n; i++) {
        const d = y[i]!;
        if (d === 0) zero = true;
        else out[i] = floorDivI32(x[i]!, d);
      }
      break;
    case 'mod':
      for (let i = 0; i < n; i++) {
        const d = y[i]!;
        if (d === 0) zero = true;
        else out[i] = floorModI32(x[i]!, d);
      }
      break;
  }
  return { values: out, zeroDivisor: zero };
}

/** `x[i] op s`; a zero `s` in div/mod is handled by the caller (every row null). */
export function arithI32VS(fn: ArithFn, x: Int32Array, s: number, n: number): Int32Array {
  const out = new Int32Array(n);
  switch (fn) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i]! + s;
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i]! - s;
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = Math.imul(x[i]!, s);
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = floorDivI32(x[i]!, s);
      break;
    case 'mod':
      for (let i = 0; i < n; i++) out[i] = floorModI32(x[i]!, s);
      break;
  }
  return out;
}

/** `s op y[i]` for every row; rows with a zero divisor are flagged for the caller to null. */
export function arithI32SV(fn: ArithFn, s: number, y: Int32Array, n: number): I32Result {
  if (fn === 'add' || fn === 'mul') return { values: arithI32VS(fn, y, s, n), zeroDivisor: false };
  const out = new Int32Array(n);
  let zero = false;
  if (fn === 'sub') {
    for (let i = 0; i < n; i++) out[i] = s - y[i]!;
  } else if (fn === 'div') {
    for (let i = 0; i < n; i++) {
      const d = y[i]!;
      if (d === 0) zero = true;
      else out[i] = floorDivI32(s, d);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = y[i]!;
      if (d === 0) zero = true;
      else out[i] = floorModI32(s, d);
    }
  }
  return { values: out, zeroDivisor: zero };
}
