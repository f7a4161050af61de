/** Float64 comparisons in Polars' total order: NaN equals NaN and sorts above every number; -0 equals 0. */
import type { CmpFn } from '../ir.js';

/** `x[i] fn y[i]` as 0/1 bytes; so `NaN == NaN` and `NaN > Infinity` are true, unlike IEEE. */
export function cmpF64VV(fn: CmpFn, x: Float64Array, y: Float64Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  switch (fn) {
    case 'eq':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a === b || (a !== a && b !== b) ? 1 : 0;
      }
      break;
    case 'neq':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a === b || (a !== a && b !== b) ? 0 : 1;
      }
      break;
    case 'lt':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a < b || (b !== b && a === a) ? 1 : 0;
      }
      break;
    case 'lte':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a <= b || b !== b ? 1 : 0;
      }
      break;
    case 'gt':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a > b || (a !== a && b === b) ? 1 : 0;
      }
      break;
    case 'gte':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        const b = y[i]!;
        out[i] = a >= b || a !== a ? 1 : 0;
      }
      break;
  }
  return out;
}

/** `x[i] fn s` as 0/1 bytes: the constant's NaN-ness is settled once, outside the loop. */
export function cmpF64VS(fn: CmpFn, x: Float64Array, s: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  if (s !== s) {
    // Against NaN: only NaN is equal, every number is smaller.
    switch (fn) {
      case 'eq':
      case 'gte':
        for (let i = 0; i < n; i++) out[i] = x[i]! !== x[i]! ? 1 : 0;
        break;
      case 'neq':
      case 'lt':
        for (let i = 0; i < n; i++) out[i] = x[i]! === x[i]! ? 1 : 0;
        break;
      case 'lte':
        out.fill(1);
        break;
      case 'gt':
        break;
    }
    return out;
  }
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
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        out[i] = a > s || a !== a ? 1 : 0;
      }
      break;
    case 'gte':
      for (let i = 0; i < n; i++) {
        const a = x[i]!;
        out[i] = a >= s || a !== a ? 1 : 0;
      }
      break;
  }
  return out;
}
