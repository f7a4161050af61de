/** corr: Pearson correlation from counts, means and co-moments per group, merged pairwise (Chan). */
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { f64Values, zeroedF64 } from './scratch.js';
import { newState } from './state.js';

// state arrays: f[0] n, f[1] mean x, f[2] mean y, f[3] M2 x, f[4] M2 y, f[5] co-moment
const N = 0;
const MX = 1;
const MY = 2;
const M2X = 3;
const M2Y = 4;
const CXY = 5;

/**
 * Pearson correlation over rows where both inputs are valid; null without any such row, NaN when
 * either side has zero variance, which includes a single pair (as Polars and DuckDB).
 *
 * @example
 * // pairs (1, 2), (2, 4), (3, 7) in one group → 0.9934
 */
export const corrKernel: AggKernel = {
  init(_spec, groups) {
    return newState('corr', groups, 6, 0, 0, 0);
  },
  update(_spec, s, a, b, gids, rows) {
    const va = a!;
    const vb = b!;
    const x = f64Values(va, rows, 0);
    const y = f64Values(vb, rows, 1);
    const xv = va.valid;
    const yv = vb.valid;
    const size = s.size;
    // one pass over shifted data: per group a record of REC f64s (one cache line), holding the
    // count, the group's first pair as the shift, and the sums of the shifted values, their
    // squares and products. Shifting by a value of the group keeps the sums small where the
    // values sit far from zero, so (Σd)²/n cancels little; the per-batch moments then fold
    // into the state pairwise, as before
    const REC = 8;
    const w = zeroedF64(2, size * REC);
    for (let i = 0; i < rows; i++) {
      if ((xv !== null && xv[i] === 0) || (yv !== null && yv[i] === 0)) continue;
      const o = gids[i]! * REC;
      const xi = x[i]!;
      const yi = y[i]!;
      if (w[o] === 0) {
        w[o + 1] = xi;
        w[o + 2] = yi;
      }
      w[o]!++;
      const dx = xi - w[o + 1]!;
      const dy = yi - w[o + 2]!;
      w[o + 3]! += dx;
      w[o + 4]! += dy;
      w[o + 5]! += dx * dx;
      w[o + 6]! += dy * dy;
      w[o + 7]! += dx * dy;
    }
    for (let g = 0, o = 0; g < size; g++, o += REC) {
      const nb = w[o]!;
      if (nb === 0) continue;
      const sx = w[o + 3]!;
      const sy = w[o + 4]!;
      const dmx = sx / nb;
      const dmy = sy / nb;
      combine(s.f, g, nb, w[o + 1]! + dmx, w[o + 2]! + dmy, w[o + 5]! - sx * dmx, w[o + 6]! - sy * dmy, w[o + 7]! - sx * dmy);
    }
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    const f = src.f;
    for (let j = 0; j < n; j++) {
      const e = srcStart + j;
      const nb = f[N]![e]!;
      if (nb === 0) continue;
      combine(dst.f, dstIdx[j]!, nb, f[MX]![e]!, f[MY]![e]!, f[M2X]![e]!, f[M2Y]![e]!, f[CXY]![e]!);
    }
  },
  finalize(_spec, s, groups, shared) {
    const out = allocValues('f64', groups, shared) as Float64Array;
    const f = s.f;
    let nulls = 0;
    for (let g = 0; g < groups; g++) {
      if (f[N]![g]! < 1) {
        nulls++;
        continue;
      }
      out[g] = f[CXY]![g]! / Math.sqrt(f[M2X]![g]! * f[M2Y]![g]!);
    }
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      for (let g = 0; g < groups; g++) valid[g] = f[N]![g]! >= 1 ? 1 : 0;
    }
    return { kind: 'f64', length: groups, values: out, valid };
  },
};

function combine(f: Float64Array[], g: number, nb: number, mxb: number, myb: number, m2xb: number, m2yb: number, cb: number): void {
  const na = f[N]![g]!;
  if (na === 0) {
    f[N]![g] = nb;
    f[MX]![g] = mxb;
    f[MY]![g] = myb;
    f[M2X]![g] = m2xb;
    f[M2Y]![g] = m2yb;
    f[CXY]![g] = cb;
    return;
  }
  const t = na + nb;
  const dx = mxb - f[MX]![g]!;
  const dy = myb - f[MY]![g]!;
  const w = (na * nb) / t;
  f[MX]![g] = f[MX]![g]! + (dx * nb) / t;
  f[MY]![g] = f[MY]![g]! + (dy * nb) / t;
  f[M2X]![g] = f[M2X]![g]! + m2xb + dx * dx * w;
  f[M2Y]![g] = f[M2Y]![g]! + m2yb + dy * dy * w;
  f[CXY]![g] = f[CXY]![g]! + cb + dx * dy * w;
  f[N]![g] = t;
}
