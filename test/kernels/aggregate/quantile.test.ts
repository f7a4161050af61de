import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantileOf } from '../../../kernels/aggregate/quantile.js';

/** The q-quantile by sorting, with linear interpolation and NaN above every number. */
function bySort(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => (a !== a ? 1 : b !== b ? -1 : a - b));
  const pos = q * (s.length - 1);
  const k = Math.floor(pos);
  const frac = pos - k;
  const low = s[k]!;
  if (frac === 0) return low;
  const next = s[k + 1]!;
  return low === next ? low : low * (1 - frac) + next * frac;
}

describe('quantileOf', () => {
  it('selects inside a sub-range and leaves the rest alone', () => {
    const a = new Float64Array([9, 3, 1, 2, 8, 0]);
    expect(quantileOf(a, 1, 5, 0.5)).toBe(2.5);
    expect(a[0]).toBe(9);
    expect(a[5]).toBe(0);
  });

  it('equals the sorted quantile, with runs of equal values and NaNs', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const got = quantileOf(Float64Array.from(values), 0, values.length, q);
        const want = bySort(values, q);
        // -0 and 0 tie, so either may hold the rank: compare with ===
        expect(got === want || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the infinity between two equal infinities, as DuckDB (not inf - inf = NaN)', () => {
    expect(quantileOf(new Float64Array([Infinity, Infinity]), 0, 2, 0.5)).toBe(Infinity);
    expect(quantileOf(new Float64Array([-Infinity, -Infinity, Infinity]), 0, 3, 0.25)).toBe(-Infinity);
    expect(quantileOf(new Float64Array([-Infinity, 1]), 0, 2, 0.75)).toBe(-Infinity);
    expect(quantileOf(new Float64Array([1, Infinity]), 0, 2, 0.25)).toBe(Infinity);
    expect(quantileOf(new Float64Array([-Infinity, Infinity]), 0, 2, 0.5)).toBeNaN();
    // no overflow of next - low between huge values of opposite sign (DuckDB: 3.4999999999999996e307)
    expect(quantileOf(new Float64Array([-1e308, 1.7e308]), 0, 2, 0.5)).toBe(3.4999999999999996e307);
  });

  it('handles many equal values and sorted input', () => {
    const same = new Float64Array(5000).fill(7);
    expect(quantileOf(same, 0, 5000, 0.3)).toBe(7);
    const sorted = Float64Array.from({ length: 4001 }, (_, i) => i);
    expect(quantileOf(sorted, 0, 4001, 0.5)).toBe(2000);
  });
});
