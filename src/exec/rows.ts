/**
 * Row-selecting operators over a materialized input: DISTINCT (first row per key), GROUP HEAD
 * (first n rows per key) and TOP PER GROUP (best n rows per key by one sort key). Each runs the
 * aggregation machinery with a row-choosing state, marks the chosen rows in a shared mask, and
 * keeps the marked rows in input order.
 */
import type { ExprNode } from '../expr/ast.js';
import { columnsUsed } from '../expr/names.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import type { PhysExpr } from '../../kernels/ir.js';
import { keyLayoutOf } from '../physical/aggregate.js';
import { kindOf } from '../physical/kinds.js';
import { lowerExpr, type ColumnInfo } from '../physical/lower.js';
import type { PhysicalPlan } from '../physical/plan.js';
import type { CollectResult, FinishSpec } from '../pool/protocol.js';
import type { Table } from '../table/table.js';
import { frameFromResults } from './assemble.js';
import { keyColumns } from './aggregate.js';
import { columnBounds } from './bounds.js';
import type { ExecContext } from './context.js';
import { mergeGroups, partialAggregates } from './grouping.js';
import { GroupSpill } from './spill.js';
import { frameColumns } from './lowering.js';
import { planMorsels } from './morsels.js';
import { runPerMorsel } from './guided.js';
import { sortKey } from './sort.js';

export async function runDistinct(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'distinct' }>): Promise<Table> {
  const frame = await ctx.run(p.input);
  const names = p.subset ?? frame.columns;
  const keys = names.map((name): ExprNode => ({ kind: 'col', name }));
  return keepMarked(ctx, frame, await markRows(ctx, frame, keys, [], null));
}

export async function runGroupHead(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'groupHead' }>): Promise<Table> {
  const frame = await ctx.run(p.input);
  return keepMarked(
    ctx,
    frame,
    await markRows(ctx, frame, p.keys, [], () => ({ spec: { op: 'headRows', kind: null, n: p.n }, input: null })),
  );
}

/** Sort-then-head as a per-group top n: only the kept rows are sorted afterwards. */
export async function runTopPerGroup(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'topPerGroup' }>): Promise<Table> {
  const frame = await ctx.run(p.input);
  const key = (cols: readonly ColumnInfo[]): { spec: AggKernelSpec; input: PhysExpr } => ({
    spec: { op: 'topN', kind: kindOf(lowerExpr(p.by, cols).dtype), n: p.n, descending: p.descending, nullsLast: p.nullsLast },
    input: sortKey(p.by, cols),
  });
  const kept = await keepMarked(ctx, frame, await markRows(ctx, frame, p.keys, [p.by], key));
  return ctx.run({
    op: 'sort',
    pipeline: { source: { kind: 'frame', frame: kept, columns: kept.columns }, steps: [], schema: p.schema },
    by: [p.by],
    descending: [p.descending],
    nullsLast: [p.nullsLast],
    limit: null,
    offset: 0,
    schema: p.schema,
  });
}

/**
 * Group the frame's rows by `keys` and mark chosen rows: those the aggregation `choose` builds
 * keeps (headRows, or topN over its input), or each group's first row when there is none. Only
 * the columns the keys and `also` read are read.
 */
async function markRows(
  ctx: ExecContext,
  frame: Table,
  keys: readonly ExprNode[],
  also: readonly ExprNode[],
  choose: ((cols: readonly ColumnInfo[]) => { spec: AggKernelSpec; input: PhysExpr | null }) | null,
): Promise<Uint8Array> {
  const used = new Set([...keys, ...also].flatMap((k) => columnsUsed(k)));
  const read = frame.columns.filter((n) => used.has(n));
  const bounds = await columnBounds(ctx, frame, keyColumns(keys, read));
  const cols = frameColumns(frame, read, bounds);
  const lowered = keys.map((k) => lowerExpr(k, cols));
  const layout = keyLayoutOf(lowered, cols);
  const chosen = choose === null ? null : choose(cols);
  const aggs = chosen === null ? [] : [{ spec: chosen.spec, a: chosen.input, b: null }];
  const morsels = planMorsels(
    frame,
    read,
    cols.map((c) => kindOf(c.dtype)),
    ctx.options.morselSize,
  );
  const spill = GroupSpill.open(ctx);
  try {
    // choosing rows is exact: the chosen rows do not depend on how the morsels are split into tasks
    const partials = await partialAggregates(
      ctx,
      morsels,
      [],
      lowered.map((k) => k.expr),
      layout,
      aggs,
      true,
      spill,
    );
    const mask = new Uint8Array(new SharedArrayBuffer(frame.height));
    const finish: FinishSpec = { kind: 'mark', mask, agg: chosen === null ? -1 : 0 };
    await mergeGroups(
      ctx,
      partials,
      aggs.map((a) => a.spec),
      layout.width,
      finish,
      false,
      spill,
    );
    return mask;
  } finally {
    spill?.close();
  }
}

/** The rows whose mask byte is 1, in input order. */
async function keepMarked(ctx: ExecContext, frame: Table, mask: Uint8Array): Promise<Table> {
  const names = frame.columns;
  const cols = frameColumns(frame, names);
  const morsels = planMorsels(
    frame,
    names,
    cols.map((c) => kindOf(c.dtype)),
    ctx.options.morselSize,
  );
  const results = await runPerMorsel<CollectResult>(ctx, morsels.count, (i) => ({
    type: 'pipeline',
    steps: [{ op: 'keep', mask }],
    sink: { kind: 'collect', limit: null },
    morsels: [morsels.get(i)],
  }));
  return frameFromResults(cols, results);
}
