/** `base ** exponent` in f64 with IEEE 754 / C `pow` rules, which Polars inherits from Rust's `powf`. */
import { KernelInvariantError } from '../errors.js';
import { andValidity } from '../bitmap.js';
import type { Vec } from '../vec.js';
import { asF64 } from '../as-f64.js';
import { isScalar, materialize, type Operand } from './operand.js';

/**
 * `base ** exponent` per row, as f64 whatever the numeric kinds of the operands. JS's `Math.pow`
 * departs from IEEE in two corners, fixed here: `pow(1, y)` is 1 for every y (NaN included) and
 * `pow(-1, ±Infinity)` is 1.
 *
 * @example
 * pow(vec, { scalar: true, kind: 'f64', value: 2 }, vec.length); // squares
 */
export function pow(base: Operand, exponent: Operand, n: number): Vec {
  if (base.kind === 'bool' || exponent.kind === 'bool')
    throw new KernelInvariantError('pow: bool operands must be cast to a number kind first');
  if ((isScalar(base) && base.value === null) || (isScalar(exponent) && exponent.value === null)) {
    return { kind: 'f64', length: n, values: new Float64Array(n), valid: new Uint8Array(n) };
  }
  const out = new Float64Array(n);
  if (isScalar(exponent) && !isScalar(base)) {
    const x = asF64(base, n);
    const e = Number(exponent.value);
    for (let i = 0; i < n; i++) out[i] = powIeee(x[i]!, e);
    return { kind: 'f64', length: n, values: out, valid: base.valid };
  }
  const b = materialize(base, n);
  const e = materialize(exponent, n);
  const x = asF64(b, n);
  const y = asF64(e, n);
  for (let i = 0; i < n; i++) out[i] = powIeee(x[i]!, y[i]!);
  return { kind: 'f64', length: n, values: out, valid: andValidity(b.valid, e.valid, n) };
}

/** `Math.pow` with the IEEE results where JS gives NaN. */
function powIeee(x: number, y: number): number {
  const r = x ** y;
  if (r === r) return r;
  return x === 1 || (x === -1 && (y === Infinity || y === -Infinity)) ? 1 : r;
}
