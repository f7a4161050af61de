/** count (non-null values) and len (rows): Int32 counters. */
import { allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { countRows, mergeAddI32 } from './loops.js';
import { newState, type AggState } from './state.js';

/** count's and len's state: one i32 counter per group. */
export const COUNT_STATE = {
  count: (s: AggState): Int32Array => s.i[0]!,
};

/**
 * `count` counts valid values of its input; `len` counts rows (its input is null).
 *
 * @example
 * // values 1, null, 2 in one group → count 2, len 3
 */
export const countKernel: AggKernel = {
  init(spec, groups) {
    return newState(spec.op, groups, 0, 1, 0, 0);
  },
  update(spec, s, a, _b, gids, rows) {
    countRows(COUNT_STATE.count(s), spec.op === 'len' || a === null ? null : a.valid, gids, rows);
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    mergeAddI32(COUNT_STATE.count(dst), dstIdx, COUNT_STATE.count(src), srcStart, n);
  },
  finalize(_spec, s, groups, shared) {
    const out = allocValues('i32', groups, shared) as Int32Array;
    out.set(COUNT_STATE.count(s).subarray(0, groups));
    return { kind: 'i32', length: groups, values: out, valid: null };
  },
};
