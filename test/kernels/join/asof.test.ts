/** asofMatch and firstUnsorted: the as-of merge per group, over i32, exact i64 and total-ordered f64 keys. */
import { describe, expect, it } from 'vitest';
import { asofMatch, firstUnsorted, keysInGroupOrder, type AsofGroups, type AsofKeys, type AsofPick } from '../../../kernels/join/asof.js';

const i32 = (values: number[]): Int32Array => Int32Array.from(values);
const f64 = (values: number[]): Float64Array => Float64Array.from(values);
const i64 = (values: bigint[]): BigInt64Array => BigInt64Array.from(values);
/** Every row in one group. */
const all = (n: number): AsofGroups => ({ offsets: Int32Array.of(0, n), rows: Int32Array.from({ length: n }, (_, i) => i) });
const pick = (strategy: AsofPick['strategy'], more: Partial<AsofPick> = {}): AsofPick => ({
  strategy,
  allowExactMatches: true,
  tolerance: null,
  ...more,
});

function match(l: AsofKeys, r: AsofKeys, p: AsofPick): number[] {
  return [...asofMatch(l, r, all(l.length), all(r.length), l.length, p)];
}

describe('asofMatch', () => {
  const right = i32([2, 5, 5, 7, 7, 11]);
  const left = i32([1, 5, 6, 10, 12]);

  it('backward takes the last of tied rows, forward the first, nearest the last row of the nearest key', () => {
    expect(match(left, right, pick('backward'))).toEqual([-1, 2, 2, 4, 5]);
    expect(match(left, right, pick('forward'))).toEqual([0, 1, 3, 5, -1]);
    // 6 is as near to 5 as to 7: the larger key, its last row
    expect(match(left, right, pick('nearest'))).toEqual([0, 2, 4, 5, 5]);
  });

  it('without exact matches, equal keys are skipped; the tolerance drops far picks', () => {
    expect(match(left, right, pick('backward', { allowExactMatches: false }))).toEqual([-1, 0, 2, 4, 5]);
    expect(match(left, right, pick('forward', { allowExactMatches: false }))).toEqual([0, 3, 3, 5, -1]);
    expect(match(left, right, pick('nearest', { tolerance: 1 }))).toEqual([0, 2, 4, 5, 5]);
    expect(match(left, right, pick('backward', { tolerance: 2 }))).toEqual([-1, 2, 2, -1, 5]);
  });

  it('compares i64 keys exactly beyond 2^53, with a number tolerance', () => {
    const big = 2n ** 60n;
    const r = i64([big, big + 2n]);
    const l = i64([big + 1n, big + 3n]);
    expect(match(l, r, pick('backward'))).toEqual([0, 1]);
    expect(match(l, r, pick('nearest'))).toEqual([1, 1]);
    expect(match(l, r, pick('forward', { tolerance: 0 }))).toEqual([-1, -1]);
    expect(match(l, r, pick('backward', { tolerance: 1 }))).toEqual([0, 1]);
  });

  it('orders f64 keys totally: -0 equals 0, NaN equals NaN and is above every number', () => {
    const r = f64([-0, 1, Number.POSITIVE_INFINITY, Number.NaN]);
    const l = f64([0, 2, Number.POSITIVE_INFINITY, Number.NaN]);
    expect(match(l, r, pick('backward', { allowExactMatches: false }))).toEqual([-1, 1, 1, 2]);
    expect(match(l, r, pick('forward'))).toEqual([0, 2, 2, 3]);
    expect(match(l, r, pick('nearest', { tolerance: 0 }))).toEqual([0, -1, 2, 3]);
  });

  it('matches group g of the left only against group g of the right, keys in group order', () => {
    const l = i32([5, 6, 7]);
    const r = i32([1, 3, 4]);
    // left rows 0 | 1, 2; right rows 0, 2 | 1
    const lg: AsofGroups = { offsets: Int32Array.of(0, 1, 3), rows: Int32Array.of(0, 1, 2) };
    const rg: AsofGroups = { offsets: Int32Array.of(0, 2, 3), rows: Int32Array.of(0, 2, 1) };
    const out = asofMatch(keysInGroupOrder(l, lg.rows), keysInGroupOrder(r, rg.rows), lg, rg, 3, pick('backward'));
    expect([...out]).toEqual([2, 1, 1]);
    expect([...keysInGroupOrder(BigInt64Array.of(5n, 6n, 7n), Int32Array.of(2, 0))]).toEqual([7n, 5n]);
  });
});

describe('firstUnsorted', () => {
  it('finds the first row smaller than the one before it in its group, over every group', () => {
    expect(firstUnsorted(i32([1, 5, 3, 2]), all(4))).toEqual({ row: 2, previous: 1 });
    expect(firstUnsorted(i32([1, 1, 2]), all(3))).toBeNull();
    // group 0 holds rows 0, 2, 4 (5, 1, 9) and group 1 rows 1, 3 (4, 0): row 2 comes first
    const groups: AsofGroups = { offsets: Int32Array.of(0, 3, 5), rows: Int32Array.of(0, 2, 4, 1, 3) };
    expect(firstUnsorted(keysInGroupOrder(i32([5, 4, 1, 0, 9]), groups.rows), groups)).toEqual({ row: 2, previous: 0 });
    // group 0 (rows 3, 4) is out of order at row 4, group 1 (rows 0, 1) at row 1: row 1 comes first
    const late: AsofGroups = { offsets: Int32Array.of(0, 2, 4), rows: Int32Array.of(3, 4, 0, 1) };
    expect(firstUnsorted(keysInGroupOrder(i32([2, 1, 0, 9, 8]), late.rows), late)).toEqual({ row: 1, previous: 0 });
  });

  it('puts NaN after every number and -0 beside 0', () => {
    expect(firstUnsorted(f64([-0, 0, -0, Number.NaN, Number.NaN]), all(5))).toBeNull();
    expect(firstUnsorted(f64([Number.NaN, 1]), all(2))).toEqual({ row: 1, previous: 0 });
  });
});
