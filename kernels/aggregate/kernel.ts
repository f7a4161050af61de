/** The aggregation contract: init, update over one batch, merge partial states, finalize to a vector. */
import type { Vec } from '../vec.js';
import type { AggKernelSpec, AggState } from './state.js';

/** Where the rows of a batch sit in the aggregation's input: global row = rowBase + (sel ? sel[i] : i). */
export interface RowContext {
  readonly rowBase: number;
  readonly sel: Int32Array | null;
}

/**
 * One aggregation. States are plain data so partials cross threads. `merge` must be applied in a
 * fixed order (morsel order) for results to be reproducible; floating-point merges are not associative.
 *
 * ```
 *  morsel 0 ─ update ─► partial 0 ─┐
 *  morsel 1 ─ update ─► partial 1 ─┼─ merge (in morsel order) ─► merged ─ finalize ─► Vec
 *  morsel 2 ─ update ─► partial 2 ─┘
 * ```
 */
export interface AggKernel {
  /** A zeroed state for `groups` groups. */
  init(spec: AggKernelSpec, groups: number): AggState;
  /** Fold rows [0, rows) of the inputs into the state; `gids[i]` is row i's group. */
  update(spec: AggKernelSpec, s: AggState, a: Vec | null, b: Vec | null, gids: Int32Array, rows: number, ctx: RowContext): void;
  /** Fold source entries `srcStart + j` into destination groups `dstIdx[j]`, for j < n. */
  merge(spec: AggKernelSpec, dst: AggState, dstIdx: Int32Array, src: AggState, srcStart: number, n: number): void;
  /** The result per group for groups [0, groups). */
  finalize(spec: AggKernelSpec, s: AggState, groups: number, shared: boolean): Vec;
}
