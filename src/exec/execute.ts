/** Query execution: plan a logical plan physically, then run its operators on the pool (or the main thread). */
import { resolveOptions, type ExecOptions } from '../physical/options.js';
import { memoryGuard, type MemoryGuard } from './memory-guard.js';
import type { PhysicalPlan, PipelineSource } from '../physical/plan.js';
import { planPhysical } from '../physical/planner.js';
import type { LogicalPlan } from '../plan/nodes.js';
import type { Table } from '../table/table.js';
import { runAggregate } from './aggregate.js';
import { atQueryBoundary } from './boundary.js';
import { runCollect } from './collect.js';
import { runJoin } from './join.js';
import { runAsof } from './asof.js';
import type { ExecContext } from './context.js';
import { readCsvSource } from './csv-scan.js';
import { parquetSourceParts, readParquetSource } from './parquet-scan.js';
import { runDistinct, runGroupHead, runTopPerGroup } from './rows.js';
import { abortError } from './scheduler.js';
import { reportSharedMemory } from '../pool/heap-report.js';
import { runSort } from './sort.js';
import { runHconcat, runUnion } from './union.js';
import { runAggregateStreaming, runCollectStreaming, streamCollect, streamsCsv } from './stream.js';
import { fitsOneMorsel } from './small-query.js';

export type { ExecOptions } from '../physical/options.js';

/**
 * Execute a (typically optimized) logical plan. With `threads >= 2` the main thread only plans,
 * hands out morsels and merges small states; the work runs in the worker pool. At a given morsel
 * size the result is bit-identical for every thread count.
 *
 * @example
 * const df = await execute(optimize(lf.plan).plan, { threads: 4 });
 */
export async function execute(plan: LogicalPlan, options: ExecOptions = {}): Promise<Table> {
  const physical = planAtBoundary(plan);
  const { ctx, guard } = context(options, physical);
  let out: Table;
  try {
    if (ctx.signal?.aborted) throw abortError(ctx.signal);
    out = await run(ctx, physical);
  } catch (e) {
    throw atQueryBoundary(e);
  } finally {
    guard?.stop();
    reportSharedMemory();
  }
  if (ctx.signal?.aborted) throw abortError(ctx.signal);
  return out;
}

/**
 * Execute a plan as a stream of frames: a pipeline over a CSV scan yields the rows of each byte
 * range as it is parsed, and parses further only as the consumer asks (so a slow consumer pauses
 * the scan); a pipeline over a Parquet scan (no limit) yields the rows of each decoded part
 * (about 1M rows of whole row groups) before decoding the next; a union yields its inputs' frames in input order, each input streamed the same way
 * (so a scan of many files streams file after file); any other plan yields its one result.
 *
 * @example
 * for await (const df of executeStream(plan, { threads: 4 })) total += df.height;
 */
export async function* executeStream(plan: LogicalPlan, options: ExecOptions = {}): AsyncGenerator<Table> {
  const physical = planAtBoundary(plan);
  const { ctx, guard } = context(options, physical);
  try {
    if (ctx.signal?.aborted) throw abortError(ctx.signal);
    yield* streamPhysical(ctx, physical);
  } catch (e) {
    throw atQueryBoundary(e);
  } finally {
    guard?.stop();
    reportSharedMemory();
  }
}

/** A CSV pipeline range by range; a Parquet collect a part (whole row groups) at a time; a union input by input (its frames each with their own dictionaries), skipping empty ones; anything else whole. */
async function* streamPhysical(ctx: ExecContext, physical: PhysicalPlan): AsyncGenerator<Table> {
  if (physical.op === 'collect' && streamsCsv(physical)) yield* streamCollect(ctx, physical);
  else if (physical.op === 'collect' && physical.limit === null && physical.pipeline.source.kind === 'parquet') {
    // each part of whole row groups through the pipeline before the next is decoded
    const src = physical.pipeline.source;
    for await (const frame of parquetSourceParts(src, ctx.signal ?? undefined)) {
      const part: PhysicalPlan = {
        ...physical,
        pipeline: { ...physical.pipeline, source: { kind: 'frame', frame, columns: src.columns } },
      };
      const t = await run(ctx, part);
      if (t.height > 0) yield t;
    }
  } else if (physical.op === 'union') {
    for (const input of physical.inputs) for await (const t of streamPhysical(ctx, input)) if (t.height > 0) yield t;
  } else yield await run(ctx, physical);
}

/** The physical plan, its errors reported as every query error is (see atQueryBoundary). */
function planAtBoundary(plan: LogicalPlan): PhysicalPlan {
  try {
    return planPhysical(plan);
  } catch (e) {
    throw atQueryBoundary(e);
  }
}

/**
 * A query's context; with a memory limit, its signal is the guard's (which the caller's aborts
 * too). A plan of one morsel in all (see fitsOneMorsel) runs on the calling thread.
 */
function context(options: ExecOptions, physical: PhysicalPlan): { ctx: ExecContext; guard: MemoryGuard | null } {
  const o = resolveOptions(options);
  const guard = o.memoryLimit === null ? null : memoryGuard(o.memoryLimit, o.signal);
  const ctx: ExecContext = {
    options: o,
    threads: o.threads > 1 && fitsOneMorsel(physical, o.morselSize) ? 1 : o.threads,
    signal: guard?.signal ?? o.signal,
    run: (p) => run(ctx, p),
    source: (s) => source(ctx, s),
  };
  return { ctx, guard };
}

function run(ctx: ExecContext, p: PhysicalPlan): Promise<Table> {
  if (ctx.signal?.aborted) return Promise.reject(abortError(ctx.signal));
  switch (p.op) {
    case 'collect':
      return ctx.options.streaming && streamsCsv(p) ? runCollectStreaming(ctx, p) : runCollect(ctx, p);
    case 'aggregate':
      return ctx.options.streaming && streamsCsv(p) ? runAggregateStreaming(ctx, p) : runAggregate(ctx, p);
    case 'sort':
      return runSort(ctx, p);
    case 'groupHead':
      return runGroupHead(ctx, p);
    case 'topPerGroup':
      return runTopPerGroup(ctx, p);
    case 'distinct':
      return runDistinct(ctx, p);
    case 'slice':
      return run(ctx, p.input).then((df) => df.slice(p.offset, p.n));
    case 'join':
      return runJoin(ctx, p);
    case 'asof':
      return runAsof(ctx, p);
    case 'union':
      return runUnion(ctx, p);
    case 'hconcat':
      return runHconcat(ctx, p);
  }
}

/** The frame a pipeline reads: a frame as is, a CSV file parsed in parallel with only the needed columns and rows, a Parquet file's kept row groups and needed columns, or a child's output. */
async function source(ctx: ExecContext, s: PipelineSource): Promise<{ frame: Table; read: readonly string[] }> {
  switch (s.kind) {
    case 'frame':
      return { frame: s.frame, read: s.columns };
    case 'csv':
      return { frame: await readCsvSource(ctx, s), read: s.columns };
    case 'parquet':
      return { frame: await readParquetSource(s, ctx.signal ?? undefined), read: s.columns };
    case 'plan': {
      const frame = await run(ctx, s.plan);
      return { frame, read: frame.columns };
    }
  }
}
