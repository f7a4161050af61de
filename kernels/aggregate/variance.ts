/** var and std (sample, ddof = 1): count, mean and sum of squared deviations per group, merged with Chan's formula. */
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { f64Values, zeroedF64 } from './scratch.js';
import { newState, type AggState } from './state.js';

/** var's and std's state: per group, the count of valid values, their mean and M2 (the sum of squared deviations), all f64. */
export const VARIANCE_STATE = {
  n: (s: AggState): Float64Array => s.f[0]!,
  mean: (s: AggState): Float64Array => s.f[1]!,
  m2: (s: AggState): Float64Array => s.f[2]!,
};

/**
 * Sample variance / standard deviation of valid values; null for groups with fewer than two.
 * Each batch computes its exact two-pass moments, then folds them in with Chan et al.'s update:
 * `M2 = M2a + M2b + δ² · na · nb / n`, which stays accurate where naive sums of squares cancel.
 *
 * @example
 * // values 1, 2, 3, 4 in one group → var 1.6667, std 1.2910
 */
export const varianceKernel: AggKernel = {
  init(spec, groups) {
    return newState(spec.op, groups, 3, 0, 0, 0);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    const x = f64Values(v, rows, 0);
    const valid = v.valid;
    const size = s.size;
    const bn = zeroedF64(2, size);
    const bmean = zeroedF64(3, size);
    const bm2 = zeroedF64(4, size);
    for (let i = 0; i < rows; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i]!;
      bn[g]!++;
      bmean[g]! += x[i]!;
    }
    for (let g = 0; g < size; g++) if (bn[g]! > 0) bmean[g]! /= bn[g]!;
    for (let i = 0; i < rows; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const g = gids[i]!;
      const d = x[i]! - bmean[g]!;
      bm2[g]! += d * d;
    }
    const n = VARIANCE_STATE.n(s);
    const mean = VARIANCE_STATE.mean(s);
    const m2 = VARIANCE_STATE.m2(s);
    for (let g = 0; g < size; g++) {
      const nb = bn[g]!;
      if (nb === 0) continue;
      const na = n[g]!;
      if (na === 0) {
        n[g] = nb;
        mean[g] = bmean[g]!;
        m2[g] = bm2[g]!;
        continue;
      }
      const t = na + nb;
      const delta = bmean[g]! - mean[g]!;
      mean[g] = mean[g]! + (delta * nb) / t;
      m2[g] = m2[g]! + bm2[g]! + (delta * delta * na * nb) / t;
      n[g] = t;
    }
  },
  merge(_spec, dst, dstIdx, src, srcStart, count) {
    const n = VARIANCE_STATE.n(dst);
    const mean = VARIANCE_STATE.mean(dst);
    const m2 = VARIANCE_STATE.m2(dst);
    const sn = VARIANCE_STATE.n(src);
    const smean = VARIANCE_STATE.mean(src);
    const sm2 = VARIANCE_STATE.m2(src);
    for (let j = 0; j < count; j++) {
      const e = srcStart + j;
      const nb = sn[e]!;
      if (nb === 0) continue;
      const g = dstIdx[j]!;
      const na = n[g]!;
      if (na === 0) {
        n[g] = nb;
        mean[g] = smean[e]!;
        m2[g] = sm2[e]!;
        continue;
      }
      const t = na + nb;
      const delta = smean[e]! - mean[g]!;
      mean[g] = mean[g]! + (delta * nb) / t;
      m2[g] = m2[g]! + sm2[e]! + (delta * delta * na * nb) / t;
      n[g] = t;
    }
  },
  finalize(spec, s, groups, shared) {
    const out = allocValues('f64', groups, shared) as Float64Array;
    const n = VARIANCE_STATE.n(s);
    const m2 = VARIANCE_STATE.m2(s);
    const isStd = spec.op === 'std';
    let nulls = 0;
    for (let g = 0; g < groups; g++) {
      const c = n[g]!;
      if (c < 2) {
        nulls++;
        continue;
      }
      const v = m2[g]! / (c - 1);
      out[g] = isStd ? Math.sqrt(v) : v;
    }
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      for (let g = 0; g < groups; g++) valid[g] = n[g]! >= 2 ? 1 : 0;
    }
    return { kind: 'f64', length: groups, values: out, valid };
  },
};
