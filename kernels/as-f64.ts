/** A vector's values as Float64: the one conversion that aggregates and math kernels share. */
import type { Vec } from './vec.js';

/**
 * The first `n` values of a numeric or boolean vector as f64: the vector's own array when it
 * already is f64 (read-only, as every vector), else a copy. Int64 goes through Number (values
 * beyond 2^53 round, as Polars' casts do); Int32 and 0/1 bytes convert exactly in the native
 * constructor.
 *
 * @example
 * asF64({ kind: 'i32', length: 2, values: Int32Array.of(1, 2), valid: null }, 2); // Float64Array [1, 2]
 */
export function asF64(a: Vec, n: number): Float64Array {
  const v = a.values;
  if (v instanceof Float64Array) return v;
  if (v instanceof BigInt64Array) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(v[i]!);
    return out;
  }
  return new Float64Array(v.subarray(0, n));
}
