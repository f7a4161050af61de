/** Int64 arithmetic over BigInt64Array: wrapping stores, floored `div`/`mod`; correct rather than fast. */
import type { ArithFn } from '../ir.js';

/** Floored division; `y` must not be 0n. */
function floorDivI64(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

/** Floored modulo (the divisor's sign); `y` must not be 0n. */
function floorModI64(x: bigint, y: bigint): bigint {
  const r = x % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
}

/** `x[i] op y[i]`, and whether some divisor was 0 (those rows are left 0 for the caller to null). */
export function arithI64VV(fn: ArithFn, x: BigInt64Array, y: BigInt64Array, n: number): { values: BigInt64Array; zeroDivisor: boolean } {
  const out = new BigInt64Array(n);
  let zero = false;
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
    case 'mod': {
      const f = fn === 'div' ? floorDivI64 : floorModI64;
      for (let i = 0; i < n; i++) {
        const d = y[i]!;
        if (d === 0n) zero = true;
        else out[i] = f(x[i]!, d);
      }
      break;
    }
  }
  return { values: out, zeroDivisor: zero };
}
