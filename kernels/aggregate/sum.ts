/** sum: f64 accumulators (exact for integer inputs below 2^53), or wrapping int64 for Int64 inputs. */
import type { Vec } from '../vec.js';
import { allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { addRowsF64, addRowsI32, addRowsU8, mergeAddF64, writeI64 } from './loops.js';
import { newState, type AggState } from './state.js';

/**
 * sum's state: one f64 accumulator per group (exact for integer inputs below 2^53), or one
 * wrapping i64 accumulator for Int64 input.
 */
export const SUM_STATE = {
  total: (s: AggState): Float64Array => s.f[0]!,
  total64: (s: AggState): BigInt64Array => s.b[0]!,
};

/**
 * Sum of valid values; 0 for a group with none (as Polars). Int32 and Boolean sums are Int64.
 *
 * @example
 * // values 1, null, 2 in one group → 3n as Int64
 */
export const sumKernel: AggKernel = {
  init(spec, groups) {
    return spec.kind === 'i64' ? newState('sum', groups, 0, 0, 1, 0) : newState('sum', groups, 1, 0, 0, 0);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    switch (v.kind) {
      case 'f64':
        return addRowsF64(SUM_STATE.total(s), v.values as Float64Array, v.valid, gids, rows);
      case 'i32':
        return addRowsI32(SUM_STATE.total(s), v.values as Int32Array, v.valid, gids, rows);
      case 'bool':
        return addRowsU8(SUM_STATE.total(s), v.values as Uint8Array, v.valid, gids, rows);
      case 'i64':
        return addRowsI64(SUM_STATE.total64(s), v.values as BigInt64Array, v.valid, gids, rows);
    }
  },
  merge(spec, dst, dstIdx, src, srcStart, n) {
    if (spec.kind === 'i64') {
      const d = SUM_STATE.total64(dst);
      const x = SUM_STATE.total64(src);
      for (let j = 0; j < n; j++) d[dstIdx[j]!] = BigInt.asIntN(64, d[dstIdx[j]!]! + x[srcStart + j]!);
    } else mergeAddF64(SUM_STATE.total(dst), dstIdx, SUM_STATE.total(src), srcStart, n);
  },
  finalize(spec, s, groups, shared): Vec {
    if (spec.kind === 'f64') {
      const out = allocValues('f64', groups, shared) as Float64Array;
      out.set(SUM_STATE.total(s).subarray(0, groups));
      return { kind: 'f64', length: groups, values: out, valid: null };
    }
    const out = allocValues('i64', groups, shared) as BigInt64Array;
    if (spec.kind === 'i64') out.set(SUM_STATE.total64(s).subarray(0, groups));
    else {
      const words = new Int32Array(out.buffer, out.byteOffset, groups * 2);
      const acc = SUM_STATE.total(s);
      for (let g = 0; g < groups; g++) writeI64(words, g, acc[g]!);
    }
    return { kind: 'i64', length: groups, values: out, valid: null };
  },
};

function addRowsI64(acc: BigInt64Array, v: BigInt64Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    acc[g] = BigInt.asIntN(64, acc[g]! + v[i]!);
  }
}
