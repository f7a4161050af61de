/**
 * Streaming execution over a CSV scan: each parsed range goes through the pipeline (and into
 * the partial aggregation) before later ranges are parsed, so the file is never materialized
 * whole. Plans that need every row at once fall back to reading the scan whole.
 */
import type { ExprNode } from '../expr/ast.js';
import { forEachNode } from '../expr/visit.js';
import { makeKeyLayout, type KeyBounds, type KeyLayout } from '../../kernels/hash/keys.js';
import type { DataType } from '../types/dtype.js';
import type { PhysExpr } from '../../kernels/ir.js';
import { lowerAggregate, type LoweredAggregate } from '../physical/aggregate.js';
import { kindOf } from '../physical/kinds.js';
import { keyBounds, lowerExpr, type ColumnInfo } from '../physical/lower.js';
import type { PhysicalPlan } from '../physical/plan.js';
import { gathersValues } from '../../kernels/aggregate/index.js';
import type { GroupPartial } from '../../kernels/aggregate/partial.js';
import { denseAsGroups, movesBetweenLayouts } from '../../kernels/aggregate/rekey.js';
import { foldDense } from '../../kernels/aggregate/dense-tree.js';
import type { DensePartial } from '../../kernels/aggregate/dense.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import { KernelInvariantError } from '../../kernels/errors.js';
import type { AggPartial, CollectResult, CompactTask } from '../pool/protocol.js';
import type { Table } from '../table/table.js';
import type { Dictionary } from '../table/dictionary.js';
import { gatherGroups, keyColumns, runAggregate } from './aggregate.js';
import { columnBounds } from './bounds.js';
import { frameFromResults, frameFromVecs } from './assemble.js';
import { runCollect } from './collect.js';
import type { ExecContext } from './context.js';
import { concatFrames, csvBatches, scanColumns, type CsvSource } from './csv-scan.js';
import { isDense, mergeGroups, partialAggregates } from './grouping.js';
import { lowerPipeline, stepSpecs, type LoweredPipeline } from './lowering.js';
import { planMorsels, type Morsels } from './morsels.js';
import { runTasks } from './scheduler.js';
import { SegmentReturns } from './segments.js';
import { reportSharedMemory } from '../pool/heap-report.js';
import { COMPACT_GROWTH, COMPACT_WEIGHT, STREAMING_WHOLE_BATCH } from '../../kernels/tuning.js';

type AggregateOp = Extract<PhysicalPlan, { op: 'aggregate' }>;

type CollectOp = Extract<PhysicalPlan, { op: 'collect' }>;

/** Whether a physical operator reads a CSV scan that streaming can run range by range. */
export function streamsCsv(p: PhysicalPlan): p is (AggregateOp | CollectOp) & { pipeline: { source: CsvSource } } {
  return (p.op === 'aggregate' || p.op === 'collect') && p.pipeline.source.kind === 'csv';
}

/** The batches of a CSV source and what the pipeline reads of each. */
function batchesOf(
  ctx: ExecContext,
  p: AggregateOp | CollectOp,
  returns: SegmentReturns | null = null,
): { source: CsvSource; read: readonly string[]; batches: AsyncGenerator<Table> } {
  const source = p.pipeline.source as CsvSource;
  return { source, read: source.columns, batches: csvBatches(ctx, source, true, returns) };
}

/** `m` with every row number shifted by `base`: rows keep their place in the whole scan, which group order depends on. */
function shifted(m: Morsels, base: number): Morsels {
  return {
    count: m.count,
    height: m.height,
    starts: m.starts.map((s) => s + base),
    get: (i) => ({ ...m.get(i), rowBase: m.get(i).rowBase + base }),
  };
}

/** Utf8 dictionaries of a batch's columns: the scan's own, shared by every batch. */
function scanDictionaries(frame: Table): Set<Dictionary> {
  const out = new Set<Dictionary>();
  for (const c of frame.getColumns()) if (c.dictionary !== null) out.add(c.dictionary);
  return out;
}

/**
 * Whether the partials of different batches can merge: every Utf8 value grouped or aggregated
 * must be codes of the scan's own dictionaries (which only grow), not of a dictionary the
 * lowering derives per batch (a string function's result), and no string min/max (which
 * aggregates ranks in one batch's sorted dictionary).
 */
function mergeableAcrossBatches(
  keys: readonly ExprNode[],
  aggs: readonly ExprNode[],
  columns: readonly ColumnInfo[],
  dicts: Set<Dictionary>,
): boolean {
  const shared = (e: ExprNode): boolean => {
    const l = lowerExpr(e, columns);
    return l.dtype !== 'Utf8' || (l.dict !== null && dicts.has(l.dict));
  };
  let ok = keys.every(shared);
  for (const a of aggs) {
    forEachNode(a, (n) => {
      if (n.kind !== 'agg' || !ok) return;
      if (n.arg !== null && !shared(n.arg)) ok = false;
      else if (n.arg2 !== undefined && !shared(n.arg2)) ok = false;
      else if ((n.fn === 'min' || n.fn === 'max') && n.arg !== null && lowerExpr(n.arg, columns).dtype === 'Utf8') ok = false;
    });
  }
  return ok;
}

/**
 * Most codes a Utf8 key's dictionary may reach in a streaming aggregation: with the null value,
 * 2^30 values fit 30 bits, so one or two such keys pack into the words of a packed layout. A
 * batch whose codes pass it fails to encode (encodeRows checks every packed key's bounds) rather
 * than mix keys; a dictionary of a billion values does not fit a process anyway.
 */
const STREAMING_CODES = 2 ** 30 - 1;

/**
 * The bounds a streaming aggregation can fix for a key before any data is seen: a scan's
 * dictionary codes (they only grow, from 0) and booleans; other kinds take the generic layout.
 * Packed, a dictionary key is one word to hash and compare instead of two (its value and a null word).
 */
function streamingBounds(dtype: DataType): KeyBounds {
  if (dtype === 'Utf8') return [0, STREAMING_CODES - 1];
  if (dtype === 'Boolean') return [0, 1];
  return null;
}

/** What the last streaming aggregation in this process did: the batches it aggregated and how often it compacted its partials. */
export interface StreamingAggregateStats {
  batches: number;
  compactions: number;
  /** Whether the batches after the first were aggregated as one morsel each. */
  whole: boolean;
  /** Batches aggregated densely in a layout of their own key bounds (see denseBatch). */
  dense: number;
  /** Times the dense batches folded so far were handed over to the hashed partials (a batch of another layout came, or a hashed one was merged with them). */
  handOvers: number;
}

let stats: StreamingAggregateStats | null = null;

/**
 * The last streaming aggregation's batches and compactions, or null before any. For tests and
 * benchmarks; nothing in the engine reads it.
 *
 * @example
 * await scanCsv(path).groupBy('id3').agg(col('v1').sum()).collect({ streaming: true });
 * lastStreamingAggregate()?.compactions;
 */
export function lastStreamingAggregate(): StreamingAggregateStats | null {
  return stats;
}

/**
 * AGGREGATE over a CSV scan, streaming: partial aggregates of each range's morsels as the range
 * arrives, one merge at the end. The key layout is fixed before any data is seen, so partials of
 * every batch merge: dictionary codes and booleans packed within bounds known up front (see
 * streamingBounds), other keys in the generic (hashed) layout; row numbers run on across
 * batches, so groups come out in order of first appearance, as without streaming. Memory holds a
 * few parsed ranges and the partial states, not the file.
 *
 * @example
 * const df = await runAggregateStreaming(ctx, physical);
 */
export async function runAggregateStreaming(ctx: ExecContext, p: AggregateOp): Promise<Table> {
  // a batch is done with once its partials are in (they hold copies of what they keep): its
  // segments go back to the range tasks, so the scan's memory stays bounded
  const returns = new SegmentReturns();
  const { source, read, batches } = batchesOf(ctx, p, returns);
  // partials of the ranges so far, compacted now and then into one, so state grows with the groups, not the file
  let partials: AggPartial[] = [];
  let held = 0;
  const starts: number[] = [0];
  let rows = 0;
  let last: { la: LoweredAggregate; layout: KeyLayout } | null = null;
  let first = true;
  // batches whose partial aggregation runs while later ranges are parsed, oldest first; a
  // compaction of the partials settled before it runs beside them too
  const inflight: {
    readonly partials: Promise<AggPartial[]>;
    readonly frame: Table;
    readonly compactable: boolean;
    readonly dense: DenseLowering | null;
  }[] = [];
  // the dense batches of one key layout so far, folded into one partial in batch order; a batch
  // of another layout first hands these groups over to the hashed partials
  let acc = null as { readonly lowering: DenseLowering; readonly partial: DensePartial } | null;
  // the last batch's dense lowering, in dispatch (batch) order: the next batch keeps its layout when its keys fit
  let lastDense: DenseLowering | null = null;
  const handOver = (): void => {
    if (acc === null) return;
    partials.push(denseAsGroups(acc.partial, acc.lowering.la.layout, last!.layout, acc.lowering.specs));
    acc = null;
    counts.handOvers++;
  };
  let compaction: Promise<GroupPartial> | null = null;
  const maxInflight = Math.max(2, ctx.threads);
  const counts: StreamingAggregateStats = { batches: 0, compactions: 0, whole: false, dense: 0, handOvers: 0 };
  stats = counts;
  // the oldest batch's partials appended in batch order, then the compaction decision as if every
  // step had been awaited in turn: which partials merge when depends on the data alone
  const settle = async (specs: CompactTask['specs'], width: number): Promise<number> => {
    const b = inflight.shift()!;
    const got = await b.partials;
    // the batch's groups (a dense partial's weight is its slots, most of them empty when its
    // bounds were widened): how much keys repeat decides whether later batches are one morsel
    let own = 0;
    for (const q of got) own += q.kind === 'dense' ? seenSlots(q) : q.weight;
    returns.give(b.frame);
    if (compaction !== null) {
      const one = await compaction;
      compaction = null;
      partials = [one, ...partials];
      held = one.weight;
    }
    // partials stay in batch order (the merge reads first appearances in that order): dense
    // batches folded so far go over before a hashed batch's partials
    if (b.dense === null) {
      handOver();
      partials.push(...got);
    } else
      for (const q of got) {
        if (q.kind !== 'dense') throw new KernelInvariantError('a dense batch gave a hashed partial');
        if (acc !== null && acc.lowering.key !== b.dense.key) handOver();
        if (acc === null) acc = { lowering: b.dense, partial: q };
        else foldDense(acc.partial, q, b.dense.specs);
      }
    // the batches' and the compactions' dropped shared memory, made known to this thread's
    // collector as the query goes (see reportSharedMemory): at the query's end alone, a streaming
    // q3 over the 1e8-row H2O file held 5.8 GB of dropped partials when it returned
    reportSharedMemory();
    // the partials since the last compaction, against the compacted state: merging every batch
    // into a large state cost a whole pass over the state per range (100 ms at 1e5 groups)
    let weight = 0;
    for (const q of partials) weight += q.weight;
    // dense partials (a lone boolean key) hold a slot per key already: nothing to compact
    const hashed = partials.every((q) => q.kind === 'hash');
    if (b.compactable && hashed && partials.length > 1 && weight - held > Math.max(COMPACT_WEIGHT, COMPACT_GROWTH * held)) {
      const task: CompactTask = { type: 'compact', partials: partials as GroupPartial[], specs, width };
      counts.compactions++;
      compaction = runTasks<GroupPartial>(ctx, 1, () => task).then((r) => r[0]!);
      // awaited at the next settle or at the end; marked handled so a failure waits its turn
      compaction.catch(() => {});
      partials = [];
    }
    return own;
  };
  // whether each later batch is aggregated as one morsel (see STREAMING_WHOLE_BATCH), decided
  // once the first batch's partials are in
  let whole: boolean | null = null;
  // iterated by hand: a for-await loop would close the scan on the way out to the fallback
  try {
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      const frame = next.value;
      const lp = lowerPipeline(p.pipeline.steps, frame, read);
      if (first && !mergeableAcrossBatches(p.keys, p.aggs, lp.columns, scanDictionaries(frame)))
        return await materialized(ctx, p, source, frame, batches);
      first = false;
      const la0 = lowerAggregate(p.keys, p.aggs, lp.columns);
      const layout: KeyLayout =
        last?.layout ??
        makeKeyLayout(
          la0.keys.map((k) => kindOf(k.dtype)),
          la0.keys.map(() => true),
          la0.keys.map((k) => streamingBounds(k.dtype)),
        );
      last = { la: la0, layout };
      // a batch whose own keys span few slots aggregates densely, then hands its groups over in
      // the stream's layout (see denseAsGroups)
      const dense: DenseLowering | null = isDense(layout) ? null : await denseBatch(ctx, p, frame, read, la0, lastDense);
      if (dense !== null) lastDense = dense;
      const { lp: lpb, la } = dense ?? { lp, la: la0 };
      const sinkReads: PhysExpr[] = [...la.keys.map((k) => k.expr)];
      for (const a of la.aggs) {
        if (a.a !== null) sinkReads.push(a.a);
        if (a.b !== null) sinkReads.push(a.b);
      }
      const morsels = shifted(
        planMorsels(frame, read, lpb.kinds, whole === true ? Math.max(1, frame.height) : ctx.options.morselSize),
        rows,
      );
      const own = partialAggregates(
        ctx,
        morsels,
        stepSpecs(lpb, sinkReads),
        la.keys.map((k) => k.expr),
        dense === null ? layout : la.layout,
        la.aggs,
      );
      const batch = own;
      batch.catch(() => {});
      // gathered values (median, quantile, nUnique) are referenced where they were gathered: those partials stay as they are
      inflight.push({ partials: batch, frame, compactable: la.aggs.every((a) => !gathersValues(a.spec.op)), dense });
      starts.push(...morsels.starts.slice(1));
      rows += frame.height;
      counts.batches++;
      if (dense !== null) counts.dense++;
      // the first batch is settled at once: how much its morsels' keys repeat decides the rest
      if (whole === null)
        whole =
          ctx.options.morselSize === null &&
          (await settle(
            la.aggs.map((a) => a.spec),
            layout.width,
          )) <
            STREAMING_WHOLE_BATCH * frame.height;
      counts.whole = whole;
      while (inflight.length >= maxInflight)
        await settle(
          la.aggs.map((a) => a.spec),
          layout.width,
        );
    }
    if (last !== null)
      while (inflight.length > 0)
        await settle(
          last.la.aggs.map((a) => a.spec),
          last.layout.width,
        );
    if (compaction !== null) partials = [await compaction, ...partials];
    // every batch dense in one layout: the folded partial is the whole answer's state
    if (acc !== null && partials.length === 0) return await finishDense(ctx, acc.lowering, acc.partial, starts, p.keys.length === 0);
    handOver();
  } finally {
    await batches.return(undefined);
  }
  if (last === null)
    return runAggregate(ctx, {
      ...p,
      pipeline: { ...p.pipeline, source: { kind: 'frame', frame: concatFrames(source.schema, scanColumns(source), []), columns: read } },
    });
  const { la, layout } = last;
  const specs = la.aggs.map((a) => a.spec);
  const parts = await mergeGroups(ctx, partials, specs, layout.width, { kind: 'columns', layout, post: la.post }, p.keys.length === 0);
  if (parts.length === 1) return frameFromVecs(la.outputs, parts[0]!.columns, parts[0]!.groups);
  return gatherGroups(ctx, parts, { starts }, la.outputs);
}

/** A batch lowered for dense aggregation: its pipeline, its aggregation (with the dense layout), their specs, the layout's key bounds and the layout as a comparable key. */
interface DenseLowering {
  readonly lp: LoweredPipeline;
  readonly la: LoweredAggregate;
  readonly specs: readonly AggKernelSpec[];
  readonly bounds: readonly (readonly [number, number])[];
  readonly key: string;
}

/**
 * The pipeline and aggregation lowered with this batch's own key bounds when those make the keys
 * dense and every aggregation keeps plain per-slot states, which fold and move between key
 * layouts (movesBetweenLayouts: no gathered values); else null, and the batch is hashed in the
 * stream's layout. The bounds are widened (see widen; every key nullable) and grow from the last
 * dense batch's (a batch whose keys fit those keeps that layout), so batch after batch of one
 * file keeps one layout and folds into one partial. Dense, a batch costs no hash per row (q5 on
 * the 1e7-row H2O file: 100,000 integer keys).
 */
async function denseBatch(
  ctx: ExecContext,
  p: AggregateOp,
  frame: Table,
  read: readonly string[],
  la: LoweredAggregate,
  prev: DenseLowering | null,
): Promise<DenseLowering | null> {
  if (p.keys.length === 0 || !la.aggs.every((a) => movesBetweenLayouts(a.spec))) return null;
  const columnRanges = await columnBounds(ctx, frame, keyColumns(p.keys, read));
  const lp = lowerPipeline(p.pipeline.steps, frame, read, columnRanges);
  const own = lowerAggregate(p.keys, p.aggs, lp.columns);
  const bounds: (readonly [number, number])[] = [];
  for (const [k, key] of own.keys.entries()) {
    const b = keyBounds(key, lp.columns);
    if (b === null) return null;
    // the last dense layout's bounds where they hold this batch's keys: batches of one file
    // share a layout, and a layout only grows
    const before = prev?.bounds[k];
    const inside = before !== undefined && b[0] >= before[0] && b[1] <= before[1];
    const wide = inside
      ? before
      : widen(
          before === undefined ? b : [Math.min(b[0], before[0]), Math.max(b[1], before[1])],
          key.dtype === 'Utf8' || key.dtype === 'Boolean',
        );
    bounds.push(wide);
  }
  if (prev !== null && bounds.every((b, k) => b === prev.bounds[k])) return { ...prev, lp, la: { ...own, layout: prev.la.layout } };
  const layout = makeKeyLayout(
    own.keys.map((k) => kindOf(k.dtype)),
    own.keys.map(() => true),
    bounds,
  );
  if (!isDense(layout)) return null;
  return { lp, la: { ...own, layout }, specs: own.aggs.map((a) => a.spec), bounds, key: JSON.stringify(layout) };
}

/**
 * Bounds on a coarser grid, so that batches of one file share a layout: codes (and booleans)
 * from 0 up to a power of two less one; integers out to multiples of an eighth of the power of
 * two that holds their span (at least 16): 1..100 becomes 0..111, 1..100,000 becomes 0..114,687.
 */
function widen(b: readonly [number, number], codes: boolean): readonly [number, number] {
  const [lo, hi] = b;
  if (codes) return [0, 2 ** Math.ceil(Math.log2(hi + 1)) - 1];
  const grid = Math.max(16, 2 ** (Math.ceil(Math.log2(hi - lo + 1)) - 3));
  return [Math.max(-(2 ** 31), Math.floor(lo / grid) * grid), Math.min(2 ** 31 - 1, Math.ceil((hi + 1) / grid) * grid - 1)];
}

/** Slots a dense partial has seen a row of. */
function seenSlots(q: DensePartial): number {
  let n = 0;
  for (let s = 0; s < q.size; s++) if (q.first[s]! >= 0) n++;
  return n;
}

/** The answer from one dense partial folded over every batch, as a whole read merges its dense partials. */
async function finishDense(
  ctx: ExecContext,
  d: DenseLowering,
  partial: DensePartial,
  starts: readonly number[],
  noKeys: boolean,
): Promise<Table> {
  const parts = await mergeGroups(
    ctx,
    [partial],
    d.specs,
    d.la.layout.width,
    { kind: 'columns', layout: d.la.layout, post: d.la.post },
    noKeys,
  );
  if (parts.length === 1) return frameFromVecs(d.la.outputs, parts[0]!.columns, parts[0]!.groups);
  return gatherGroups(ctx, parts, { starts }, d.la.outputs);
}

/**
 * COLLECT over a CSV scan, streaming: each range's rows go through the pipeline as it arrives;
 * the scan stops once the limit is met. Only the pipeline's output accumulates.
 *
 * @example
 * const df = await runCollectStreaming(ctx, physical);
 */
export async function runCollectStreaming(ctx: ExecContext, p: CollectOp): Promise<Table> {
  const { source, batches } = batchesOf(ctx, p);
  const want = p.limit === null ? Infinity : p.offset + p.limit;
  const outputs: Table[] = [];
  let got = 0;
  let first = true;
  // iterated by hand: a for-await loop would close the scan on the way out to the fallback
  try {
    for (let next = await batches.next(); !next.done && got < want; next = await batches.next()) {
      const frame = next.value;
      const out = await collectBatch(ctx, p, source, frame, want - got);
      if (first && !outputDictionariesShared(out, frame)) return await materialized(ctx, p, source, frame, batches);
      first = false;
      outputs.push(out);
      got += out.height;
    }
  } finally {
    await batches.return(undefined);
  }
  const all = concatFrames(
    p.schema,
    p.schema.names,
    outputs.length > 0 ? outputs : [await collectBatch(ctx, p, source, concatFrames(source.schema, scanColumns(source), []), Infinity)],
  );
  return p.limit === null ? all : all.slice(p.offset, p.limit);
}

/**
 * Every output of a pipeline over a CSV scan, range by range, for `LazyFrame.stream()`: each
 * yielded frame holds the rows one range produced, in file order, and the next range's rows are
 * computed only when the consumer asks for them.
 *
 * @example
 * for await (const df of streamCollect(ctx, physical)) console.log(df.height);
 */
export async function* streamCollect(ctx: ExecContext, p: CollectOp): AsyncGenerator<Table> {
  const { source, batches } = batchesOf(ctx, p);
  const want = p.limit === null ? Infinity : p.offset + p.limit;
  let got = 0;
  for await (const frame of batches) {
    let out = await collectBatch(ctx, p, source, frame, want - got);
    // this batch holds output rows [got, got + height): keep those in [offset, want)
    const lo = Math.max(0, p.offset - got);
    const hi = Math.min(out.height, want - got);
    got += out.height;
    if (lo > 0 || hi < out.height) out = out.slice(lo, Math.max(0, hi - lo));
    if (out.height > 0) yield out;
    if (got >= want) return;
  }
}

/** One batch through the collect pipeline, keeping at most `limit` rows. */
async function collectBatch(ctx: ExecContext, p: CollectOp, source: CsvSource, frame: Table, limit: number): Promise<Table> {
  const read = source.columns;
  if (p.pipeline.steps.length === 0) return frame.select(...read);
  const lp = lowerPipeline(p.pipeline.steps, frame, read);
  const steps = stepSpecs(lp, null);
  const morsels = planMorsels(frame, read, lp.kinds, ctx.options.morselSize);
  const cap = Number.isFinite(limit) ? limit : null;
  let got = 0;
  const results = await runTasks<CollectResult>(
    ctx,
    morsels.count,
    (i) => ({ type: 'pipeline', steps, sink: { kind: 'collect', limit: cap }, morsels: [morsels.get(i)] }),
    cap === null ? undefined : (r) => (got += r.rows) >= cap,
  );
  return frameFromResults(lp.columns, results);
}

/** Whether every Utf8 column of a batch's output uses one of the scan's dictionaries, so outputs of all batches concatenate. */
function outputDictionariesShared(out: Table, frame: Table): boolean {
  const dicts = scanDictionaries(frame);
  return out.getColumns().every((c) => c.dictionary === null || dicts.has(c.dictionary));
}

/** The fallback: the rest of the scan read whole, then the operator as without streaming. */
async function materialized(
  ctx: ExecContext,
  p: AggregateOp | CollectOp,
  source: CsvSource,
  first: Table,
  rest: AsyncGenerator<Table>,
): Promise<Table> {
  const frames = [first];
  for await (const f of rest) frames.push(f);
  const frame = concatFrames(source.schema, scanColumns(source), frames);
  const pipeline = { ...p.pipeline, source: { kind: 'frame' as const, frame, columns: source.columns } };
  return p.op === 'aggregate' ? runAggregate(ctx, { ...p, pipeline }) : runCollect(ctx, { ...p, pipeline });
}
