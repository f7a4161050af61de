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
    const bn = zeroedF64(2, size);
    const bx = zeroedF64(3, size);
    const by = zeroedF64(4, size);
    for (let i = 0; i < rows; i++) {
      if ((xv !== null && xv[i] === 0) || (yv !== null && yv[i] === 0)) continue;
      const g = gids[i]!;
      bn[g]!++;
      bx[g]! += x[i]!;
      by[g]! += y[i]!;
    }
    for (let g = 0; g < size; g++) {
      if (bn[g]! > 0) {
        bx[g]! /= bn[g]!;
        by[g]! /= bn[g]!;
      }
    }
    const bxx = zeroedF64(5, size);
    const byy = zeroedF64(6, size);
    const bxy = zeroedF64(7, size);
    for (let i = 0; i < rows; i++) {
      if ((xv !== null && xv[i] === 0) || (yv !== null && yv[i] === 0)) continue;
      const g = gids[i]!;
      const dx = x[i]! - bx[g]!;
      const dy = y[i]! - by[g]!;
      bxx[g]! += dx * dx;
      byy[g]! += dy * dy;
      bxy[g]! += dx * dy;
    }
    for (let g = 0; g < size; g++) {
      if (bn[g]! > 0) combine(s.f, g, bn[g]!, bx[g]!, by[g]!, bxx[g]!, byy[g]!, bxy[g]!);
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
