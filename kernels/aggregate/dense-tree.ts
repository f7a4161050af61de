/**
 * A fixed pairwise merge tree over the dense partials of one aggregation, one leaf per task.
 * The tree depends only on the number of tasks, never on the threads, so a worker that ran a
 * whole subtree merges it itself and hands back one partial instead of one per task; the main
 * thread finishes the tree from whatever subtrees it receives, and the answer is the same
 * (bit for bit) on any number of threads. Only for aggregations whose per-slot states merge by
 * plain arithmetic (see `fusable`): those merge in place, slot by slot.
 *
 * ```
 * tasks 0..7, two threads:      [0,8)
 *                           [0,4)     [4,8)      ← each worker returns one of these
 *                        [0,2) [2,4) [4,6) [6,8)
 * ```
 */
import { KernelInvariantError } from '../errors.js';
import { recycleDense, type DensePartial } from './dense.js';
import { fusable, fusedMerge } from './fused.js';
import { aggKernel } from './index.js';
import type { AggKernelSpec, AggState } from './state.js';

/** Whether dense partials of these aggregations merge by the tree. */
export function mergesByTree(specs: readonly AggKernelSpec[]): boolean {
  return specs.every(fusable);
}

/** Where the tree splits tasks [lo, hi): two halves, the left one rounded down. */
function middle(lo: number, hi: number): number {
  return lo + ((hi - lo) >>> 1);
}

/**
 * The largest nodes of the tree over tasks [0, count) that lie inside [from, to), in task order:
 * the subtrees a worker running tasks [from, to) can merge by itself.
 *
 * @example
 * treeNodes(8, 0, 4); // [[0, 4]]
 * treeNodes(8, 3, 6); // [[3, 4], [4, 6]]
 */
export function treeNodes(count: number, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const walk = (lo: number, hi: number): void => {
    if (hi <= from || lo >= to) return;
    if (lo >= from && hi <= to) {
      out.push([lo, hi]);
      return;
    }
    const mid = middle(lo, hi);
    walk(lo, mid);
    walk(mid, hi);
  };
  if (count > 0) walk(0, count);
  return out;
}

/** Slots [s0, s1) of a state, as views: merging into them writes the state itself. */
function sliceState(s: AggState, s0: number, s1: number): AggState {
  return {
    ...s,
    size: s1 - s0,
    f: s.f.map((a) => a.subarray(s0, s1)),
    i: s.i.map((a) => a.subarray(s0, s1)),
    b: s.b.map((a) => a.subarray(s0, s1)),
    u: s.u.map((a) => a.subarray(s0, s1)),
  };
}

/**
 * Folds slots [s0, s1) of `src` into the same slots of `dst`; `dst` holds the earlier tasks, so
 * its first rows stand. (`seen` is left as it was: only folding rows in reads it.)
 */
function mergeInto(dst: DensePartial, src: DensePartial, specs: readonly AggKernelSpec[], s0: number, s1: number): void {
  const whole = s0 === 0 && s1 === dst.size;
  const states = whole ? dst.states : dst.states.map((s) => sliceState(s, s0, s1));
  fusedMerge(specs, states, whole ? dst.first : dst.first.subarray(s0, s1), src.states, src.first, s0, s1 - s0);
}

/**
 * Folds dense partial `src` into `dst` (same slots; aggregations with per-slot states), in place: a streaming
 * aggregation's batches of one key layout, merged in batch order.
 *
 * @example
 * foldDense(acc, batchPartial, specs);
 */
export function foldDense(dst: DensePartial, src: DensePartial, specs: readonly AggKernelSpec[]): void {
  if (dst.size !== src.size) throw new KernelInvariantError(`dense fold: ${src.size} slots into ${dst.size}`);
  if (specs.every(fusable)) {
    mergeInto(dst, src, specs, 0, dst.size);
    return;
  }
  // the fusable ones in one fused pass (which also takes first rows), the rest by their kernels,
  // slot for slot, as a whole read's dense merge does
  const n = dst.size;
  const fused = specs.flatMap((spec, k) => (fusable(spec) ? [k] : []));
  if (fused.length > 0)
    fusedMerge(
      fused.map((k) => specs[k]!),
      fused.map((k) => dst.states[k]!),
      dst.first,
      fused.map((k) => src.states[k]!),
      src.first,
      0,
      n,
    );
  else for (let j = 0; j < n; j++) if (dst.first[j]! < 0) dst.first[j] = src.first[j]!;
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = j;
  specs.forEach((spec, k) => {
    if (!fusable(spec)) aggKernel(spec).merge(spec, dst.states[k]!, idx, src.states[k]!, 0, n);
  });
}

/**
 * The tree's partial for tasks [lo, hi): `known(lo, hi)` gives a node already computed (a task's
 * own partial, or a subtree a worker merged), or null to build it from its two halves. Partials
 * are merged in place: the result is the leftmost one, holding every partial to its right. With
 * `slots`, only that range of slots is merged (slots are independent: merging every range in
 * turn gives the same bits as merging all at once), so a caller can keep each step short.
 *
 * @example
 * const root = reduceTree(0, partials.length, (lo, hi) => (hi - lo === 1 ? partials[lo]! : null), specs);
 */
export function reduceTree(
  lo: number,
  hi: number,
  known: (lo: number, hi: number) => DensePartial | null,
  specs: readonly AggKernelSpec[],
  slots?: readonly [number, number],
): DensePartial {
  const node = known(lo, hi);
  if (node !== null) return node;
  if (hi - lo <= 1) throw new KernelInvariantError(`dense merge tree: no partial for task ${lo}`);
  const mid = middle(lo, hi);
  const left = reduceTree(lo, mid, known, specs, slots);
  const right = reduceTree(mid, hi, known, specs, slots);
  mergeInto(left, right, specs, slots?.[0] ?? 0, slots?.[1] ?? left.size);
  // merged whole, the right half is spent: its memory serves this thread's next partial
  if (slots === undefined) recycleDense(right, specs);
  return left;
}

/**
 * The partials `known` gives for the tree over [lo, hi), in the order reduceTree meets them:
 * after reducing, all but the first are merged in and spent.
 *
 * @example
 * for (const p of knownNodes(0, count, known).slice(1)) recycleDense(p, specs);
 */
export function knownNodes(lo: number, hi: number, known: (lo: number, hi: number) => DensePartial | null): DensePartial[] {
  const node = known(lo, hi);
  if (node !== null) return [node];
  if (hi - lo <= 1) return [];
  const mid = middle(lo, hi);
  return [...knownNodes(lo, mid, known), ...knownNodes(mid, hi, known)];
}
