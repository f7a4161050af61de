/** takeRows and coalesceVecs: a join's output gather, where row -1 is a null from the side without a match. */
import { describe, expect, it } from 'vitest';
import { coalesceVecs, takeRows } from '../../../kernels/join/gather.js';
import type { Vec } from '../../../kernels/vec.js';

const i32 = (values: number[], valid: number[] | null = null): Vec => ({
  kind: 'i32',
  length: values.length,
  values: Int32Array.from(values),
  valid: valid === null ? null : Uint8Array.from(valid),
});

describe('takeRows', () => {
  it('gathers repeated and unordered rows, -1 as null', () => {
    const out = takeRows(i32([5, 6, 7]), Int32Array.of(2, 0, -1, 2));
    expect([...(out.values as Int32Array)]).toEqual([7, 5, 0, 7]);
    expect([...out.valid!]).toEqual([1, 1, 0, 1]);
  });

  it('keeps no validity when every row is present and valid, and carries the source nulls', () => {
    expect(takeRows(i32([1, 2]), Int32Array.of(1, 0)).valid).toBeNull();
    expect([...takeRows(i32([1, 2], [1, 0]), Int32Array.of(1, 0)).valid!]).toEqual([0, 1]);
  });

  it('gathers bigint and float values', () => {
    const big: Vec = { kind: 'i64', length: 2, values: BigInt64Array.of(2n ** 60n, -1n), valid: null };
    expect([...(takeRows(big, Int32Array.of(1, 0, -1)).values as BigInt64Array)]).toEqual([-1n, 2n ** 60n, 0n]);
    const f: Vec = { kind: 'f64', length: 2, values: Float64Array.of(-0, Number.NaN), valid: null };
    const g = takeRows(f, Int32Array.of(0, 1)).values as Float64Array;
    expect(Object.is(g[0], -0)).toBe(true);
    expect(g[1]).toBeNaN();
  });
});

describe('coalesceVecs', () => {
  it('takes the first vector where it is valid, else the second (null when both are)', () => {
    const out = coalesceVecs(i32([1, 0, 0], [1, 0, 0]), i32([9, 8, 0], [1, 1, 0]));
    expect([...(out.values as Int32Array)].slice(0, 2)).toEqual([1, 8]);
    expect([...out.valid!]).toEqual([1, 1, 0]);
  });

  it('returns the first vector itself when it has no nulls', () => {
    const a = i32([1, 2]);
    expect(coalesceVecs(a, i32([3, 4]))).toBe(a);
  });
});
