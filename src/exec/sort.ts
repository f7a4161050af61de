/**
 * SORT: each morsel becomes a sorted run in a worker (only its top k rows when limited), then the
 * runs merge with ties going to the earlier morsel (a stable sort). Large merges are cut at common
 * splitters into slices that merge in parallel and concatenate.
 */
import type { ExprNode } from '../expr/ast.js';
import type { PhysExpr } from '../../kernels/ir.js';
import { mergeRuns } from '../../kernels/sort.js';
import type { VecKind } from '../../kernels/vec.js';
import { kindOf } from '../physical/kinds.js';
import { lowerExpr, type ColumnInfo } from '../physical/lower.js';
import type { PhysicalPlan } from '../physical/plan.js';
import { dictOrder } from '../physical/strings.js';
import type { CollectResult, SortRunResult, SortSplitResult } from '../pool/protocol.js';
import { gatherRuns } from '../pool/tasks/sortmerge.js';
import type { Table } from '../table/table.js';
import { frameFromResults } from './assemble.js';
import { OUTPUT_CHUNK, type ExecContext } from './context.js';
import { lowerPipeline, stepSpecs } from './lowering.js';
import { planMorsels } from './morsels.js';
import { runPerMorsel } from './guided.js';
import { runTasks } from './scheduler.js';
import { SMALL_SORT } from '../../kernels/tuning.js';

/**
 * A sort key as kernels compare it: Utf8 by the rank of its string (so code order is string order).
 *
 * @example
 * sortKey(col('id1').node, columns); // lookup(code → rank) over the codes
 */
export function sortKey(by: ExprNode, columns: readonly ColumnInfo[]): PhysExpr {
  const l = lowerExpr(by, columns);
  if (l.dtype !== 'Utf8') return l.expr;
  return { op: 'lookup', kind: 'i32', arg: l.expr, values: dictOrder(l.dict!).rank, valid: null };
}

export async function runSort(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'sort' }>): Promise<Table> {
  const { frame, read } = await ctx.source(p.pipeline.source);
  const lp = lowerPipeline(p.pipeline.steps, frame, read);
  const keys = p.by.map((b) => sortKey(b, lp.columns));
  const steps = stepSpecs(lp, null);
  const topK = p.limit === null ? null : p.limit + p.offset;
  const morsels = planMorsels(frame, read, lp.kinds, ctx.options.morselSize);
  const runs = await runPerMorsel<SortRunResult>(ctx, morsels.count, (i) => ({
    type: 'pipeline',
    steps,
    sink: { kind: 'sortRun', keys, descending: p.descending, nullsLast: p.nullsLast, topK },
    morsels: [morsels.get(i)],
  }));
  const kinds = lp.columns.map((c) => kindOf(c.dtype));
  const results = await mergeSorted(ctx, runs, p.descending, p.nullsLast, kinds, topK);
  const df = frameFromResults(lp.columns, results);
  return p.limit === null ? df : df.slice(p.offset, p.limit);
}

async function mergeSorted(
  ctx: ExecContext,
  runs: readonly SortRunResult[],
  descending: readonly boolean[],
  nullsLast: readonly boolean[],
  kinds: readonly VecKind[],
  topK: number | null,
): Promise<CollectResult[]> {
  let total = 0;
  for (const r of runs) total += r.order.length;
  if (ctx.threads <= 1) {
    const merged = mergeRuns(runs, descending, nullsLast, topK ?? Infinity);
    const out: CollectResult[] = [];
    for (let s = 0; s < merged.run.length; s += OUTPUT_CHUNK) {
      const e = Math.min(merged.run.length, s + OUTPUT_CHUNK);
      out.push(gatherRuns(runs, kinds, merged.run.subarray(s, e), merged.row.subarray(s, e)));
    }
    return out;
  }
  if (total <= SMALL_SORT || topK !== null) {
    // one merge, still off the main thread
    const lo = runs.map(() => 0);
    const hi = runs.map((r) => r.order.length);
    return runTasks<CollectResult>(ctx, 1, () => ({ type: 'sortMerge', runs, descending, nullsLast, lo, hi, kinds, limit: topK }));
  }
  const slices = Math.max(2, Math.min(ctx.threads * 4, Math.ceil(total / OUTPUT_CHUNK)));
  const [split] = await runTasks<SortSplitResult>(ctx, 1, () => ({ type: 'sortSplit', runs, descending, nullsLast, slices }));
  return runTasks<CollectResult>(ctx, slices, (s) => ({
    type: 'sortMerge',
    runs,
    descending,
    nullsLast,
    lo: split!.lo[s]!,
    hi: split!.hi[s]!,
    kinds,
    limit: null,
  }));
}
