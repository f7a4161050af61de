/** mean: a sum and a count per group, divided at finalize. */
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { asF64 } from '../as-f64.js';
import { addRowsF64, addRowsI32, countRows, mergeAddF64, mergeAddI32 } from './loops.js';
import { newState } from './state.js';

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
    if (v.kind === 'i32') addRowsI32(s.f[0]!, v.values as Int32Array, v.valid, gids, rows);
    else addRowsF64(s.f[0]!, asF64(v, rows), v.valid, gids, rows);
    countRows(s.i[0]!, v.valid, gids, rows);
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    mergeAddF64(dst.f[0]!, dstIdx, src.f[0]!, srcStart, n);
    mergeAddI32(dst.i[0]!, dstIdx, src.i[0]!, srcStart, n);
  },
  finalize(_spec, s, groups, shared) {
    const out = allocValues('f64', groups, shared) as Float64Array;
    const sum = s.f[0]!;
    const cnt = s.i[0]!;
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
