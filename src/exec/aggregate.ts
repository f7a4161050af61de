/**
 * AGGREGATE: partial aggregates per task (fused into the pipeline), the merge in morsel order
 * (see grouping.ts), and a parallel gather of the merged parts back into first-appearance order.
 */
import type { PhysExpr } from '../../kernels/ir.js';
import { lowerAggregate } from '../physical/aggregate.js';
import { columnsUsed } from '../expr/names.js';
import type { ColumnInfo } from '../physical/lower.js';
import type { PhysicalPlan } from '../physical/plan.js';
import type { BucketResult, CollectResult, GatherTask } from '../pool/protocol.js';
import { runGather } from '../pool/tasks/gather.js';
import type { Table } from '../table/table.js';
import { frameFromResults, frameFromVecs } from './assemble.js';
import { columnBounds } from './bounds.js';
import { OUTPUT_CHUNK, type ExecContext } from './context.js';
import { mergeGroups, partialAggregates } from './grouping.js';
import { GroupSpill } from './spill.js';
import { lowerPipeline, stepSpecs } from './lowering.js';
import { planMorsels, type Morsels } from './morsels.js';
import { runTasks } from './scheduler.js';

export async function runAggregate(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'aggregate' }>): Promise<Table> {
  const { frame, read } = await ctx.source(p.pipeline.source);
  const bounds = await columnBounds(ctx, frame, keyColumns(p.keys, read));
  const lp = lowerPipeline(p.pipeline.steps, frame, read, bounds);
  const la = lowerAggregate(p.keys, p.aggs, lp.columns);
  const sinkReads: PhysExpr[] = [...la.keys.map((k) => k.expr)];
  for (const a of la.aggs) {
    if (a.a !== null) sinkReads.push(a.a);
    if (a.b !== null) sinkReads.push(a.b);
  }
  const steps = stepSpecs(lp, sinkReads);
  const morsels = planMorsels(frame, read, lp.kinds, ctx.options.morselSize);
  // an aggregation without keys has one group: nothing to spill
  const spill = p.keys.length === 0 ? null : GroupSpill.open(ctx);
  try {
    const partials = await partialAggregates(
      ctx,
      morsels,
      steps,
      la.keys.map((k) => k.expr),
      la.layout,
      la.aggs,
      false,
      spill,
    );
    const specs = la.aggs.map((a) => a.spec);
    const parts = await mergeGroups(
      ctx,
      partials,
      specs,
      la.layout.width,
      { kind: 'columns', layout: la.layout, post: la.post },
      p.keys.length === 0,
      spill,
    );
    if (parts.length === 1) return frameFromVecs(la.outputs, parts[0]!.columns, parts[0]!.groups);
    return await gatherGroups(ctx, parts, morsels, la.outputs);
  } finally {
    spill?.close();
  }
}

/** Source columns the group keys read (the ones whose bounds may let the keys pack). */
export function keyColumns(keys: readonly import('../expr/ast.js').ExprNode[], read: readonly string[]): string[] {
  const used = new Set(keys.flatMap((k) => columnsUsed(k)));
  return read.filter((n) => used.has(n));
}

/**
 * Interleave merged parts back into first-appearance order. Each part is sorted by first row,
 * so cutting every part at the same morsel boundaries gives independent gather tasks of about
 * one output chunk each.
 */
export async function gatherGroups(
  ctx: ExecContext,
  parts: readonly BucketResult[],
  morsels: Pick<Morsels, 'starts'>,
  outputs: readonly ColumnInfo[],
): Promise<Table> {
  const live = parts.filter((b) => b.groups > 0);
  const cuts = morsels.starts.map((row) => live.map((b) => lowerBound(b.firstRow, row)));
  const ranges: [number, number][] = [];
  let start = 0;
  for (let m = 1; m < cuts.length; m++) {
    let rows = 0;
    live.forEach((_, p) => (rows += cuts[m]![p]! - cuts[start]![p]!));
    if (rows >= OUTPUT_CHUNK || m === cuts.length - 1) {
      if (rows > 0) ranges.push([start, m]);
      start = m;
    }
  }
  const task = (r: [number, number]): GatherTask => ({
    type: 'gather',
    parts: live,
    lo: cuts[r[0]]!,
    hi: cuts[r[1]]!,
    rowStart: morsels.starts[r[0]]!,
    rowEnd: morsels.starts[r[1]]!,
  });
  const results: CollectResult[] =
    ctx.threads <= 1 ? ranges.map((r) => runGather(task(r))) : await runTasks<CollectResult>(ctx, ranges.length, (i) => task(ranges[i]!));
  return frameFromResults(outputs, results);
}

/** First index whose value is >= x in an ascending array. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
