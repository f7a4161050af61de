/** The one f64 conversion: the vector's own array when f64, exact copies of Int32 and booleans, Number of Int64. */
import { describe, expect, it } from 'vitest';
import { asF64 } from '../../kernels/as-f64.js';

describe('asF64', () => {
  it('returns an f64 vector its own array', () => {
    const values = Float64Array.of(1.5, -0, NaN);
    expect(asF64({ kind: 'f64', length: 3, values, valid: null }, 3)).toBe(values);
  });

  it('copies the first n values of Int32, boolean and Int64 vectors', () => {
    expect([...asF64({ kind: 'i32', length: 3, values: Int32Array.of(-2147483648, 7, 9), valid: null }, 2)]).toEqual([-2147483648, 7]);
    expect([...asF64({ kind: 'bool', length: 2, values: Uint8Array.of(1, 0), valid: null }, 2)]).toEqual([1, 0]);
    const big = asF64({ kind: 'i64', length: 2, values: BigInt64Array.of(2n ** 53n + 1n, -5n), valid: null }, 2);
    expect([...big]).toEqual([2 ** 53, -5]);
  });
});
