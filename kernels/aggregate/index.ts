/** Aggregation kernels by name. */
import { corrKernel } from './corr.js';
import { countKernel } from './count.js';
import { firstLastKernel } from './firstlast.js';
import type { AggKernel } from './kernel.js';
import { meanKernel } from './mean.js';
import { minMaxKernel } from './minmax.js';
import { nUniqueKernel } from './nunique.js';
import { quantileKernel } from './quantile.js';
import { headRowsKernel, markRows, topNKernel } from './rows.js';
import type { AggKernelSpec, AggOp } from './state.js';
import { sumKernel } from './sum.js';
import { varianceKernel } from './variance.js';

export type { AggKernel, RowContext } from './kernel.js';
export type { AggKernelSpec, AggOp, AggState, ListPart } from './state.js';
export { growState } from './state.js';
export { markRows };

const KERNELS: Record<AggOp, AggKernel> = {
  sum: sumKernel,
  mean: meanKernel,
  min: minMaxKernel,
  max: minMaxKernel,
  count: countKernel,
  len: countKernel,
  nUnique: nUniqueKernel,
  first: firstLastKernel,
  last: firstLastKernel,
  var: varianceKernel,
  std: varianceKernel,
  median: quantileKernel,
  quantile: quantileKernel,
  corr: corrKernel,
  headRows: headRowsKernel,
  topN: topNKernel,
};

/**
 * The kernel that runs `spec`.
 *
 * @example
 * const k = aggKernel({ op: 'mean', kind: 'f64' });
 * const s = k.init(spec, 2);
 */
export function aggKernel(spec: AggKernelSpec): AggKernel {
  return KERNELS[spec.op];
}

/** Whether the state gathers values per group (its merge cost grows with rows, not groups). */
export function gathersValues(op: AggOp): boolean {
  return op === 'median' || op === 'quantile' || op === 'nUnique' || op === 'headRows';
}
