/** Rounding to a number of decimals, half away from zero, as Polars (and Rust's `f64::round`) do. */
import type { Vec } from '../vec.js';

/**
 * Round every row to `digits` decimals (negative digits round to tens, hundreds, ...). Integer
 * kinds pass through unchanged. Like Polars, a nonzero `digits` scales, rounds and unscales, so
 * decimal halves that binary floats cannot hold exactly (1.005) round by their stored value.
 *
 * @example
 * round(vec, 1, vec.length); // 2.25 → 2.3, -2.25 → -2.3
 */
export function round(a: Vec, digits: number, n: number): Vec {
  if (a.kind !== 'f64') return a;
  const x = a.values as Float64Array;
  const out = new Float64Array(n);
  if (digits === 0) {
    for (let i = 0; i < n; i++) out[i] = roundHalfAway(x[i]!);
  } else {
    const m = 10 ** digits;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      const r = roundHalfAway(v * m) / m;
      // Scaling a huge value overflows to Infinity; such a value has no fraction to round.
      out[i] = r === r && Math.abs(r) !== Infinity ? r : v;
    }
  }
  return { kind: 'f64', length: n, values: out, valid: a.valid };
}

/** `Math.round` rounds halves up (-2.5 → -2); rounding the magnitude gives half away from zero. */
function roundHalfAway(v: number): number {
  const r = Math.round(Math.abs(v));
  // Keeps the sign of zero results (-0.4 → -0), as Rust does.
  return v < 0 || (r === 0 && 1 / v < 0) ? -r : r;
}
