/** mean: a sum and a count per group, divided at finalize. */
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { asF64 } from '../as-f64.js';
import { addRowsF64, addRowsI32, countRows, mergeAddF64, mergeAddI32 } from './loops.js';
import { newState, type AggState } from './state.js';

/** mean's state: the sum of a group's valid values (f64) and their count (i32). */
export const MEAN_STATE = {
  sum: (s: AggState): Float64Array => s.f[0]!,
  count: (s: AggState): Int32Array => s.i[0]!,
};

/**
 * Arithmetic mean of valid values as Float64; null for a group without any.
 *
 * @example
 * // values 1, null, 2 in one group → 1.5
 */
export const meanKernel: AggKernel = {
  init(_spec, groups) {
    return newState('mean', groups, 1, 1, 0, 0);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    if (v.kind === 'i32') addRowsI32(MEAN_STATE.sum(s), v.values as Int32Array, v.valid, gids, rows);
    else addRowsF64(MEAN_STATE.sum(s), asF64(v, rows), v.valid, gids, rows);
    countRows(MEAN_STATE.count(s), v.valid, gids, rows);
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    mergeAddF64(MEAN_STATE.sum(dst), dstIdx, MEAN_STATE.sum(src), srcStart, n);
    mergeAddI32(MEAN_STATE.count(dst), dstIdx, MEAN_STATE.count(src), srcStart, n);
  },
  finalize(_spec, s, groups, shared) {
    const out = allocValues('f64', groups, shared) as Float64Array;
    const sum = MEAN_STATE.sum(s);
    const cnt = MEAN_STATE.count(s);
    let nulls = 0;
    for (let g = 0; g < groups; g++) {
      const c = cnt[g]!;
      if (c === 0) nulls++;
      else out[g] = sum[g]! / c;
    }
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      for (let g = 0; g < groups; g++) valid[g] = cnt[g]! > 0 ? 1 : 0;
    }
    return { kind: 'f64', length: groups, values: out, valid };
  },
};
