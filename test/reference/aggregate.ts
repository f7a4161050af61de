/** Aggregations over one group's values, computed the plain way (exact integer sums, two-pass statistics). */
import type { AggFn } from '../../src/expr/ast.js';
import type { Scalar } from '../../src/table/scalar.js';
import { compareValues, valueKey, type RefType } from './values.js';

function nonNull(values: readonly Scalar[]): Exclude<Scalar, null>[] {
  return values.filter((v): v is Exclude<Scalar, null> => v !== null);
}

/** Numbers for the statistics: bigint and booleans (0/1) as doubles. */
function asNumber(v: Exclude<Scalar, null>): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
}

/** Left-to-right sum in doubles: the order a single-threaded loop would use. */
function floatSum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Two-pass sample variance (ddof = 1): the mean first, then the squared deviations. Null below two values. */
function variance(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const mean = floatSum(xs) / xs.length;
  let m2 = 0;
  for (const x of xs) m2 += (x - mean) * (x - mean);
  return m2 / (xs.length - 1);
}

/**
 * Quantile with linear interpolation between the two nearest ranks (Polars' default): values in
 * the total order (NaN above every number), position q·(n−1), weighting the two ends as DuckDB does
 * (`a·(1−f) + b·f`: two equal infinities give that infinity, not `inf − inf`). Null for no values.
 */
function quantile(values: readonly Exclude<Scalar, null>[], q: number): number | null {
  if (values.length === 0) return null;
  const xs = values.map(asNumber).sort((a, b) => compareValues(a, b));
  const pos = q * (xs.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = xs[lo]!;
  const b = xs[hi]!;
  const f = pos - lo;
  return lo === hi || a === b ? a : a * (1 - f) + b * f;
}

/**
 * Pearson correlation over the rows where both inputs are non-null, two-pass. Null without such
 * rows; NaN when a side has no variance (one row included), as Polars gives 0/0.
 */
function correlation(xs: readonly Scalar[], ys: readonly Scalar[]): number | null {
  const px: number[] = [];
  const py: number[] = [];
  xs.forEach((x, i) => {
    const y = ys[i] ?? null;
    if (x !== null && y !== null) {
      px.push(asNumber(x));
      py.push(asNumber(y));
    }
  });
  if (px.length === 0) return null;
  const mx = floatSum(px) / px.length;
  const my = floatSum(py) / py.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < px.length; i++) {
    const dx = px[i]! - mx;
    const dy = py[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * min/max as Polars: NaN is skipped unless every value is NaN (then NaN); nulls never count.
 * Strings, booleans and dates use the total order of {@link compareValues}.
 */
function extreme(values: readonly Exclude<Scalar, null>[], sign: 1 | -1): Scalar {
  const candidates = values.filter((v) => !(typeof v === 'number' && Number.isNaN(v)));
  if (candidates.length === 0) return values.length > 0 ? NaN : null;
  let best = candidates[0]!;
  for (const v of candidates) if (compareValues(v, best) * sign > 0) best = v;
  return best;
}

/**
 * One aggregation over a group's values (`type` is the input's type). The choices, per Polars:
 * - sum: integers and booleans exactly, as an Int64 bigint (wrapping at 64 bits); floats left to
 *   right; 0 (or 0n) when there are no non-null values.
 * - mean/var/std/median/quantile/corr: Float64 over the non-null values, null when there are none
 *   (var/std need two); var and std are the sample forms (ddof = 1).
 * - min/max: see {@link extreme}. count: non-null values. len: rows, nulls included.
 * - nUnique: distinct values with null counted as one more value (Polars' n_unique), NaN as one.
 * - first/last: the first/last row's value even when it is null; null for an empty group.
 */
export function aggregate(fn: AggFn, type: RefType, values: readonly Scalar[], values2?: readonly Scalar[], q?: number): Scalar {
  const present = nonNull(values);
  switch (fn) {
    case 'len':
      return values.length;
    case 'count':
      return present.length;
    case 'nUnique':
      return new Set(values.map(valueKey)).size;
    case 'first':
      return values.length === 0 ? null : values[0]!;
    case 'last':
      return values.length === 0 ? null : values[values.length - 1]!;
    case 'sum':
      if (type === 'Float64') return floatSum(present.map(asNumber));
      return BigInt.asIntN(
        64,
        present.reduce<bigint>((s, v) => s + (typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v as number | bigint)), 0n),
      );
    case 'mean': {
      if (present.length === 0) return null;
      if (type === 'Float64') return floatSum(present.map(asNumber)) / present.length;
      // Integers: the exact sum, divided once, is the most accurate mean there is.
      const total = present.reduce<bigint>((s, v) => s + (typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v as number | bigint)), 0n);
      return Number(total) / present.length;
    }
    case 'min':
      return extreme(present, -1);
    case 'max':
      return extreme(present, 1);
    case 'var':
      return variance(present.map(asNumber));
    case 'std': {
      const v = variance(present.map(asNumber));
      return v === null ? null : Math.sqrt(v);
    }
    case 'median':
      return quantile(present, 0.5);
    case 'quantile':
      return quantile(present, q ?? NaN);
    case 'corr':
      return correlation(values, values2 ?? []);
  }
}
