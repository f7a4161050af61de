/** median and quantile: gather each group's valid values, then select exactly (linear interpolation). */
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { gatherOffsets, recordSource, csr } from './lists.js';
import { asF64 } from '../as-f64.js';
import { newState } from './state.js';

/**
 * Exact quantile of valid values per group with linear interpolation between the two nearest
 * ranks (`median` is q = 0.5); NaN sorts above every number; null for a group without values.
 * Values are gathered per morsel and selected once per group at finalize, so the answer does not
 * depend on merge order.
 *
 * @example
 * // values 1, 2, 3, 10 in one group → median 2.5, quantile(0.9) 7.9
 */
export const quantileKernel: AggKernel = {
  init(spec, groups) {
    return newState(spec.op, groups, 0, 0, 0, 0);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    const x = asF64(v, rows);
    const valid = v.valid;
    const counts = new Int32Array(s.size);
    for (let i = 0; i < rows; i++) if (valid === null || valid[i] !== 0) counts[gids[i]!]!++;
    const { offsets, cursor } = csr(counts, s.size);
    const values = new Float64Array(new SharedArrayBuffer(offsets[s.size]! * 8));
    for (let i = 0; i < rows; i++) if (valid === null || valid[i] !== 0) values[cursor[gids[i]!]!++] = x[i]!;
    s.parts.push({ offsets, f: values, i: new Int32Array(0), u: new Uint8Array(0) });
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    recordSource(dst, src, dstIdx, srcStart, n);
  },
  finalize(spec, s, groups, shared) {
    const offsets = gatherOffsets(s, groups, 1);
    const cursor = offsets.slice(0, groups);
    const all = new Float64Array(offsets[groups]!);
    for (const src of s.sources) {
      const off = src.part.offsets;
      const vals = src.part.f;
      const dst = src.dstIdx;
      for (let j = 0; j < src.n; j++) {
        const e = src.srcStart + j;
        const g = dst[j]!;
        let c = cursor[g]!;
        for (let p = off[e]!; p < off[e + 1]!; p++) all[c++] = vals[p]!;
        cursor[g] = c;
      }
    }
    const q = spec.op === 'median' ? 0.5 : spec.q!;
    const out = allocValues('f64', groups, shared) as Float64Array;
    let nulls = 0;
    for (let g = 0; g < groups; g++) {
      const lo = offsets[g]!;
      const hi = offsets[g + 1]!;
      if (hi === lo) nulls++;
      else out[g] = quantileOf(all, lo, hi, q);
    }
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      for (let g = 0; g < groups; g++) valid[g] = offsets[g + 1]! > offsets[g]! ? 1 : 0;
    }
    return { kind: 'f64', length: groups, values: out, valid };
  },
};

/**
 * The q-quantile of a[lo, hi) (non-empty), reordering it in place. NaNs count as the largest values.
 *
 * @example
 * quantileOf(new Float64Array([3, 1, 2]), 0, 3, 0.5); // 2
 */
export function quantileOf(a: Float64Array, lo: number, hi: number, q: number): number {
  let end = hi;
  for (let i = lo; i < end; i++) {
    if (a[i] !== a[i]) {
      end--;
      const t = a[end]!;
      a[end] = a[i]!;
      a[i] = t;
      i--;
    }
  }
  const n = hi - lo;
  const pos = q * (n - 1);
  const k = Math.floor(pos);
  const frac = pos - k;
  const finite = end - lo;
  if (k >= finite) return NaN;
  select(a, lo, end - 1, lo + k);
  const low = a[lo + k]!;
  if (frac === 0) return low;
  if (k + 1 >= finite) return NaN;
  let next = Infinity;
  for (let i = lo + k + 1; i < end; i++) if (a[i]! < next) next = a[i]!;
  return interpolate(low, next, frac);
}

/**
 * The point `frac` of the way from `low` to `next` (`low <= next`), as DuckDB computes it:
 * `low * (1 - frac) + next * frac`. Unlike `low + (next - low) * frac` it has no `inf - inf`
 * for two equal infinities and no overflow of `next - low` between huge values of opposite sign;
 * equal ends give that value exactly. Between `-Infinity` and `Infinity` it is NaN, as DuckDB's.
 *
 * @example
 * interpolate(Infinity, Infinity, 0.5); // Infinity
 * interpolate(-Infinity, 1, 0.75);      // -Infinity
 * interpolate(1, 3, 0.25);              // 1.5
 */
export function interpolate(low: number, next: number, frac: number): number {
  if (low === next) return low;
  return low * (1 - frac) + next * frac;
}

/**
 * Quickselect: afterwards a[k] holds the value of rank k within a[left..right], with no larger
 * value before it and no smaller one after it. Each round moves the values below the pivot to
 * the front, and when k lies past them, the values equal to it next (so runs of equal values
 * cost one pass). The partitions are branch-free: every value is swapped into place and the
 * boundary moves by the comparison's outcome, which on random values (a mispredicted branch for
 * every other one) made selection about 3x faster than a branching three-way partition.
 */
function select(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    // biome-ignore lint/complexity/useMathMinMax: the median of three as plain comparisons
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = left;
    for (let i = left; i <= right; i++) {
      const v = a[i]!;
      a[i] = a[lt]!;
      a[lt] = v;
      lt += +(v < pivot);
    }
    if (k < lt) {
      right = lt - 1;
      continue;
    }
    // the pivot is one of the values, so at least one equals it: le > lt
    let le = lt;
    for (let i = lt; i <= right; i++) {
      const v = a[i]!;
      a[i] = a[le]!;
      a[le] = v;
      le += +(v <= pivot);
    }
    if (k < le) return;
    left = le;
  }
}
