/** COLLECT: run a pipeline over every morsel and keep its rows, stopping early once a limit is reached. */
import type { PhysicalPlan } from '../physical/plan.js';
import type { CollectResult, PipelineTask } from '../pool/protocol.js';
import type { Table } from '../table/table.js';
import { frameFromResults } from './assemble.js';
import type { ExecContext } from './context.js';
import { lowerPipeline, stepSpecs } from './lowering.js';
import { planMorsels } from './morsels.js';
import { runPerMorsel } from './guided.js';
import { runTasks } from './scheduler.js';

/**
 * A pipeline without steps is its source's columns, shared as they are. Otherwise one task per
 * morsel (sent in guided batches); with a limit, morsels stop being handed out once the rows so
 * far (in morsel order) cover `offset + limit`.
 */
export async function runCollect(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'collect' }>): Promise<Table> {
  const { frame, read } = await ctx.source(p.pipeline.source);
  const cut = (df: Table): Table => (p.limit === null ? df : df.slice(p.offset, p.limit));
  if (p.pipeline.steps.length === 0) return cut(frame.select(...read));
  const lp = lowerPipeline(p.pipeline.steps, frame, read);
  const steps = stepSpecs(lp, null);
  const morsels = planMorsels(frame, read, lp.kinds, ctx.options.morselSize);
  const want = p.limit === null ? null : p.offset + p.limit;
  let got = 0;
  const task = (i: number): PipelineTask => ({
    type: 'pipeline',
    steps,
    sink: { kind: 'collect', limit: want },
    morsels: [morsels.get(i)],
  });
  // with a limit, one task per morsel, so that none is handed out once the rows so far suffice
  const results =
    want === null
      ? await runPerMorsel<CollectResult>(ctx, morsels.count, task)
      : await runTasks<CollectResult>(ctx, morsels.count, task, (r) => (got += r.rows) >= want);
  return cut(frameFromResults(lp.columns, results));
}
