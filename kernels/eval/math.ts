/** One-argument math: neg/abs/floor/ceil keep the kind (integers wrap), sqrt/log/exp give f64. */
import { KernelInvariantError } from '../errors.js';
import type { MathFn } from '../ir.js';
import { asF64 } from '../as-f64.js';
import type { Vec } from '../vec.js';

/**
 * Apply `fn` to every row of `a` (whose kind is `kind`); nulls stay null. Integer neg/abs wrap
 * (`abs(-2147483648)` stays `-2147483648`, as Polars' Int32); floor/ceil of integers return `a`.
 * `log` is natural: of 0 it is -Infinity, of a negative number NaN.
 *
 * @example
 * math('sqrt', 'f64', vec, vec.length);
 */
export function math(fn: MathFn, kind: Vec['kind'], a: Vec, n: number): Vec {
  if (a.kind !== kind) throw new KernelInvariantError(`math ${fn}: operand is ${a.kind}, expected ${kind}`);
  if (kind === 'bool') throw new KernelInvariantError(`math ${fn}: bool operands must be cast to a number kind first`);
  const toFloat = fn === 'sqrt' || fn === 'log' || fn === 'exp';
  if (!toFloat && (fn === 'floor' || fn === 'ceil') && kind !== 'f64') return a;
  if (toFloat) return { kind: 'f64', length: n, values: floatFn(fn, asF64(a, n), n), valid: a.valid };
  if (kind === 'f64') return { kind, length: n, values: floatFn(fn, a.values as Float64Array, n), valid: a.valid };
  if (kind === 'i32') {
    const x = a.values as Int32Array;
    const out = new Int32Array(n);
    // Storing into an Int32Array wraps, which is the Int32 overflow rule.
    if (fn === 'neg') for (let i = 0; i < n; i++) out[i] = -x[i]!;
    else for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
    return { kind, length: n, values: out, valid: a.valid };
  }
  const x = a.values as BigInt64Array;
  const out = new BigInt64Array(n);
  if (fn === 'neg') for (let i = 0; i < n; i++) out[i] = -x[i]!;
  else
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      out[i] = v < 0n ? -v : v;
    }
  return { kind, length: n, values: out, valid: a.valid };
}

function floatFn(fn: MathFn, x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (fn) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      break;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      break;
    case 'floor':
      for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]!);
      break;
    case 'ceil':
      for (let i = 0; i < n; i++) out[i] = Math.ceil(x[i]!);
      break;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      break;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      break;
  }
  return out;
}
