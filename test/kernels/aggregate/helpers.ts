/** Test helpers for aggregation kernels: seeded data, vectors, and a row-at-a-time reference. */
import type { Vec, VecKind } from '../../../kernels/vec.js';
export { mulberry32 as rng } from '../../differential/prng.js';

/** A vector from JS values (null = missing). */
export function vec(kind: VecKind, values: readonly (number | bigint | boolean | null)[]): Vec {
  const n = values.length;
  const arr =
    kind === 'i32' ? new Int32Array(n) : kind === 'f64' ? new Float64Array(n) : kind === 'i64' ? new BigInt64Array(n) : new Uint8Array(n);
  const valid = new Uint8Array(n);
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) {
      nulls++;
      return;
    }
    valid[i] = 1;
    if (kind === 'i64') (arr as BigInt64Array)[i] = BigInt(v as number | bigint);
    else (arr as Float64Array)[i] = Number(v);
  });
  return { kind, length: n, values: arr, valid: nulls > 0 ? valid : null };
}

/** Rows [start, end) of a vector, as a new vector (what a morsel sees). */
export function sliceVec(v: Vec, start: number, end: number): Vec {
  return {
    kind: v.kind,
    length: end - start,
    values: v.values.subarray(start, end) as Vec['values'],
    valid: v.valid === null ? null : v.valid.subarray(start, end),
  };
}

/** The JS value at row i (null when invalid); i64 as bigint, bool as boolean. */
export function at(v: Vec, i: number): number | bigint | boolean | null {
  if (v.valid !== null && v.valid[i] === 0) return null;
  const x = v.values[i]!;
  return v.kind === 'bool' ? x === 1 : x;
}

/** Reference aggregation over one group's values (in row order). */
export function reference(op: string, values: readonly (number | bigint | boolean | null)[], q = 0.5, kind: VecKind = 'f64'): unknown {
  const nn = values.filter((v) => v !== null).map((v) => (typeof v === 'boolean' ? Number(v) : v));
  const nums = nn.map((v) => Number(v));
  switch (op) {
    case 'sum':
      if (kind === 'i64') return nn.reduce((a: bigint, b) => BigInt.asIntN(64, a + BigInt(b as bigint)), 0n);
      return kind === 'f64' ? nums.reduce((a, b) => a + b, 0) : BigInt(nums.reduce((a, b) => a + b, 0));
    case 'mean':
      return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'min':
    case 'max': {
      if (nn.length === 0) return null;
      const real = nn.filter((v) => !(typeof v === 'number' && Number.isNaN(v)));
      if (real.length === 0) return NaN;
      return real.reduce((a, b) => ((op === 'min' ? b! < a! : b! > a!) ? b : a));
    }
    case 'count':
      return nn.length;
    case 'len':
      return values.length;
    case 'first':
      return values[0] ?? null;
    case 'last':
      return values[values.length - 1] ?? null;
    case 'nUnique': {
      const set = new Set(
        values.map((v) => (v === null ? 'null' : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(Object.is(v, -0) ? 0 : v))),
      );
      return set.size;
    }
    case 'var':
    case 'std': {
      if (nums.length < 2) return null;
      const m = nums.reduce((a, b) => a + b, 0) / nums.length;
      const v = nums.reduce((a, b) => a + (b - m) ** 2, 0) / (nums.length - 1);
      return op === 'std' ? Math.sqrt(v) : v;
    }
    case 'median':
    case 'quantile': {
      if (nums.length === 0) return null;
      const s = [...nums].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
      const pos = (op === 'median' ? 0.5 : q) * (s.length - 1);
      const lo = Math.floor(pos);
      const frac = pos - lo;
      if (frac === 0) return s[lo]!;
      return s[lo]! + (s[lo + 1]! - s[lo]!) * frac;
    }
  }
  throw new Error(`no reference for ${op}`);
}

/** Pearson correlation over pairs where both are present. */
export function referenceCorr(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const pairs: [number, number][] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && y !== null && y !== undefined) pairs.push([x, y]);
  });
  if (pairs.length === 0) return null;
  const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
  const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Compare numbers with a relative tolerance (floating-point sums differ in order). */
export function close(a: unknown, b: unknown, tol = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a as bigint) === BigInt(b as bigint);
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));
}
