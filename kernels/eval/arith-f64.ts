/** Float64 arithmetic: IEEE 754 throughout (x / 0 is ±Infinity or NaN), modulo floored as in Polars. */
import type { ArithFn } from '../ir.js';

/**
 * Floored modulo with Python's rules, which Polars follows: the result takes the divisor's sign,
 * a zero result included (`-1 % 1` is `+0`, `1 % -1` is `-0`); `x % 0` is NaN.
 */
function floorModF64(x: number, y: number): number {
  const r = x % y;
  if (r === 0) return y < 0 ? -0 : 0;
  return r < 0 !== y < 0 ? r + y : r;
}

/** `x[i] op y[i]` for every row. */
export function arithF64VV(fn: ArithFn, x: Float64Array, y: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (fn) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i]! + y[i]!;
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i]! - y[i]!;
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = x[i]! * y[i]!;
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = x[i]! / y[i]!;
      break;
    case 'mod':
      for (let i = 0; i < n; i++) out[i] = floorModF64(x[i]!, y[i]!);
      break;
  }
  return out;
}

/** `x[i] op s` for every row. */
export function arithF64VS(fn: ArithFn, x: Float64Array, s: number, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (fn) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i]! + s;
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i]! - s;
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = x[i]! * s;
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = x[i]! / s;
      break;
    case 'mod':
      for (let i = 0; i < n; i++) out[i] = floorModF64(x[i]!, s);
      break;
  }
  return out;
}

/** `s op y[i]` for every row. */
export function arithF64SV(fn: ArithFn, s: number, y: Float64Array, n: number): Float64Array {
  switch (fn) {
    case 'add':
    case 'mul':
      return arithF64VS(fn, y, s, n);
    case 'sub': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = s - y[i]!;
      return out;
    }
    case 'div': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = s / y[i]!;
      return out;
    }
    case 'mod': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = floorModF64(s, y[i]!);
      return out;
    }
  }
}
