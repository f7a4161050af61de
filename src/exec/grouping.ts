/**
 * The group-by machinery shared by aggregation, distinct and per-group heads: partial aggregates
 * per task (fused into the pipeline), then a merge in morsel order (dense simple aggregations
 * first reduce their task partials by a fixed tree, see partialAggregates): on the calling thread
 * when small, else split into disjoint parts (hash buckets, or slot ranges for dense keys) merged
 * across the pool.
 */
import { BUCKETS } from '../../kernels/hash/hash.js';
import { slotCount, type KeyLayout } from '../../kernels/hash/keys.js';
import { recycleDense, type DensePartial } from '../../kernels/aggregate/dense.js';
import { knownNodes, mergesByTree, reduceTree, treeNodes } from '../../kernels/aggregate/dense-tree.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import type { PhysExpr } from '../../kernels/ir.js';
import type { AggInputSpec, AggPartial, BucketResult, FinishSpec, MergePart, MergeTask, PipelineTask, StepSpec } from '../pool/protocol.js';
import { mergeAndFinish } from '../pool/tasks/merge.js';
import { SMALL_DENSE_MERGE, SMALL_MERGE, type ExecContext } from './context.js';
import type { Morsels } from './morsels.js';
import { batchOf, runPerMorsel } from './guided.js';
import { dealByWeight } from './deal.js';
import type { GroupSpill } from './spill.js';
import { runTasks } from './scheduler.js';
import { Pacer } from '../io/pace.js';
import {
  DENSE_BATCH_ROWS as BATCH_ROWS,
  DENSE_BITS,
  LARGE_KEY_SLOTS,
  MIN_MERGE_RANGE as MIN_RANGE,
  ROWS_PER_SLOT,
  TASKS_LARGE_KEY,
  TASKS_SMALL_KEY,
  TREE_RANGE,
  TREE_YIELD_EVERY_MS,
} from '../../kernels/tuning.js';

export { DENSE_BITS };

/** Whether keys with this layout aggregate densely. */
export function isDense(layout: KeyLayout): boolean {
  return layout.fields !== null && layout.width <= 1 && layout.bits <= DENSE_BITS;
}

/**
 * Partial aggregates over every morsel, in morsel order. Dense tasks take several consecutive
 * morsels when the key has many slots; how many depends only on the slots and the morsel sizes,
 * never on the thread count, so results stay reproducible. `exact` aggregations (choosing rows,
 * as DISTINCT, GROUP HEAD and TOP PER GROUP do) give the same answer however the rows are split,
 * so their dense tasks are one per thread: each state sees more rows of its groups, and most
 * rows then lose at once to the rows it already holds.
 *
 * Dense partials of simple aggregations (sum, mean, count, min, max) merge by the fixed tree of
 * kernels/aggregate/dense-tree: workers merge the subtrees they ran and the result is the one
 * root partial. The other aggregations return one partial per task, merged in task order later.
 *
 * With a `spill`, hash partials past its budget go to disk instead (none are returned then, and
 * `mergeGroups` given the same spill merges them from there); dense partials never spill.
 */
export async function partialAggregates(
  ctx: ExecContext,
  morsels: Morsels,
  steps: readonly StepSpec[],
  keys: readonly PhysExpr[],
  layout: KeyLayout,
  aggs: readonly AggInputSpec[],
  exact = false,
  spill: GroupSpill | null = null,
): Promise<AggPartial[]> {
  const dense = isDense(layout);
  const sink = { kind: 'partialAgg' as const, keys, layout, aggs, dense };
  const specs = aggs.map((a) => a.spec);
  const tree = dense && !exact && mergesByTree(specs);
  let tasks = morsels.count;
  if (dense) {
    const slots = slotCount(layout);
    const most = Math.max(1, Math.floor(morsels.height / (ROWS_PER_SLOT * slots)));
    const wanted = exact ? Math.max(1, ctx.threads) : slots <= LARGE_KEY_SLOTS ? TASKS_SMALL_KEY : TASKS_LARGE_KEY;
    tasks = Math.max(1, Math.min(morsels.count, wanted, exact ? wanted : most));
  }
  // a hash task takes one morsel; dense task t starts at the first morsel that begins at or past
  // row t * height / tasks, so tasks carry about equal rows even when morsels differ in size
  const starts = morsels.starts;
  const bounds = [0];
  for (let t = 1; t < tasks; t++) {
    if (!dense) {
      bounds.push(t);
      continue;
    }
    const target = (t * morsels.height) / tasks;
    let m = bounds[t - 1]!;
    while (m < morsels.count && starts[m]! < target) m++;
    bounds.push(m);
  }
  bounds.push(morsels.count);
  const from = (t: number): number => bounds[t]!;
  // a task between two equal bounds would be empty: skip it (still a function of the data only)
  const live = Array.from({ length: tasks }, (_, t) => t).filter((t) => from(t + 1) > from(t));
  const task = (i: number): PipelineTask => {
    const t = live[i]!;
    const list = [];
    for (let m = from(t); m < from(t + 1); m++) list.push(morsels.get(m));
    return { type: 'pipeline', steps, sink, morsels: list };
  };
  if (!dense || ctx.threads <= 1 || live.length <= ctx.threads) {
    // a hash task reads one morsel: they go to the workers in guided batches
    if (!dense && spill !== null) return spill.partials(ctx, live.length, task);
    const partials = dense ? await runTasks<AggPartial>(ctx, live.length, task) : await runPerMorsel<AggPartial>(ctx, live.length, task);
    if (!tree || partials.length === 0) return partials;
    return [
      await finishTree(partials.length, (lo, hi) => (hi - lo === 1 ? (partials[lo] as DensePartial) : null), specs, slotCount(layout)),
    ];
  }
  // each worker takes an equal run of dense tasks in one message and replies with a partial per
  // task, or per subtree of the merge tree: either way the merge (and the answer) is the same as
  // with any other number of threads. A run covers at most about BATCH_ROWS rows, so that an
  // aborted query frees its workers soon.
  const rounds = Math.max(1, Math.ceil(morsels.height / (ctx.threads * BATCH_ROWS)));
  const runs = Math.min(live.length, ctx.threads * rounds);
  const cut = (r: number): number => Math.round((r * live.length) / runs);
  const batches = await runTasks<AggPartial[]>(ctx, runs, (r) => ({
    ...batchOf(cut(r), cut(r + 1), task),
    ...(tree ? { tree: { from: cut(r), count: live.length } } : {}),
  }));
  if (!tree) return batches.flat();
  // each batch replied with its largest subtrees, in order: finish the tree from them
  const subtrees = new Map<string, DensePartial>();
  batches.forEach((parts, r) =>
    treeNodes(live.length, cut(r), cut(r + 1)).forEach(([lo, hi], i) => subtrees.set(`${lo}-${hi}`, parts[i] as DensePartial)),
  );
  return [await finishTree(live.length, (lo, hi) => subtrees.get(`${lo}-${hi}`) ?? null, specs, slotCount(layout))];
}

/**
 * The root of the dense merge tree over `count` tasks, from the nodes `known` gives, merged on
 * the calling thread a slot range at a time: with many slots and many nodes (many threads) that
 * is real work, and the event loop gets a turn every few milliseconds.
 */
async function finishTree(
  count: number,
  known: (lo: number, hi: number) => DensePartial | null,
  specs: readonly AggKernelSpec[],
  size: number,
): Promise<DensePartial> {
  const root = known(0, count);
  if (root !== null) return root;
  const pace = new Pacer(TREE_YIELD_EVERY_MS);
  let out: DensePartial | null = null;
  for (let s0 = 0; s0 < Math.max(1, size); s0 += TREE_RANGE) {
    out = reduceTree(0, count, known, specs, [s0, Math.min(size, s0 + TREE_RANGE)]);
    await pace.tick();
  }
  // every node but the root's leftmost one is merged in now: their memory serves later queries
  for (const p of knownNodes(0, count, known)) if (p !== out) recycleDense(p, specs);
  return out!;
}

/**
 * Merge partials and finish every part. One result (all groups, first-appearance order) when
 * merged on the calling thread; otherwise one per part, each in first-appearance order. Partials
 * that went to `spill`'s files are merged from there, a set of hash buckets at a time.
 */
export async function mergeGroups(
  ctx: ExecContext,
  partials: readonly AggPartial[],
  specs: readonly AggKernelSpec[],
  width: number,
  finish: FinishSpec,
  atLeastOne: boolean,
  spill: GroupSpill | null = null,
): Promise<BucketResult[]> {
  if (spill?.spilled) return spill.merge(ctx, specs, width, finish);
  let weight = 0;
  for (const p of partials) weight += p.weight;
  // a top-n state merges a record of n candidates per group, not one value
  for (const spec of specs) if (spec.op === 'topN') weight *= 1 + 3 * spec.n!;
  const dense = partials[0]?.kind === 'dense';
  if (weight <= (dense ? SMALL_DENSE_MERGE : SMALL_MERGE) || atLeastOne || (ctx.threads <= 1 && dense)) {
    return [mergeAndFinish(partials, specs, width, null, finish, atLeastOne, false)];
  }
  const groups = splitParts(ctx, partials);
  return (
    await runTasks<BucketResult[]>(
      ctx,
      groups.length,
      (i): MergeTask => ({ type: 'merge', partials, specs, width, parts: groups[i]!, finish }),
    )
  ).flat();
}

/** Disjoint parts, dealt to about four tasks per thread. */
function splitParts(ctx: ExecContext, partials: readonly AggPartial[]): MergePart[][] {
  const tasks = ctx.threads * 4;
  const first = partials[0]!;
  if (first.kind === 'dense') {
    const size = first.size;
    const n = Math.max(1, Math.min(tasks, Math.floor(size / MIN_RANGE)));
    return Array.from({ length: n }, (_, i) => [
      { kind: 'range' as const, s0: Math.floor((size * i) / n), s1: Math.floor((size * (i + 1)) / n) },
    ]);
  }
  // hash buckets: heaviest first, each to the least loaded task
  const weights = new Float64Array(BUCKETS);
  for (const p of partials) {
    if (p.kind !== 'hash') continue;
    for (let b = 0; b < BUCKETS; b++) weights[b]! += p.bucketStart[b + 1]! - p.bucketStart[b]!;
  }
  const buckets = Array.from({ length: BUCKETS }, (_, b) => b).filter((b) => weights[b]! > 0);
  return dealByWeight(buckets, (b) => weights[b]!, Math.min(BUCKETS, tasks)).map((list) =>
    list.map((bucket): MergePart => ({ kind: 'bucket', bucket })),
  );
}
