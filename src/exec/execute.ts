/** Query execution: plan a logical plan physically, then run its operators on the pool (or the main thread). */
import { readCsv } from '../io/csv/read.js';
import { resolveOptions, type ExecOptions } from '../physical/options.js';
import type { PhysicalPlan, PipelineSource } from '../physical/plan.js';
import { planPhysical } from '../physical/planner.js';
import type { LogicalPlan } from '../plan/nodes.js';
import type { DataFrame } from '../table/dataframe.js';
import { runAggregate } from './aggregate.js';
import { runCollect } from './collect.js';
import type { ExecContext } from './context.js';
import { runDistinct, runGroupHead, runTopPerGroup } from './rows.js';
import { abortError } from './scheduler.js';
import { runSort } from './sort.js';

export type { ExecOptions } from '../physical/options.js';

/**
 * Execute a (typically optimized) logical plan. With `threads >= 2` the main thread only plans,
 * hands out morsels and merges small states; the work runs in the worker pool. At a given morsel
 * size the result is bit-identical for every thread count.
 *
 * @example
 * const df = await execute(optimize(lf.plan).plan, { threads: 4 });
 */
export async function execute(plan: LogicalPlan, options: ExecOptions = {}): Promise<DataFrame> {
  const o = resolveOptions(options);
  const physical = planPhysical(plan);
  const ctx: ExecContext = {
    options: o,
    threads: o.threads,
    signal: o.signal,
    run: (p) => run(ctx, p),
    source: (s) => source(ctx, s),
  };
  if (o.signal?.aborted) throw abortError(o.signal);
  const out = await run(ctx, physical);
  if (o.signal?.aborted) throw abortError(o.signal);
  return out;
}

function run(ctx: ExecContext, p: PhysicalPlan): Promise<DataFrame> {
  if (ctx.signal?.aborted) return Promise.reject(abortError(ctx.signal));
  switch (p.op) {
    case 'collect':
      return runCollect(ctx, p);
    case 'aggregate':
      return runAggregate(ctx, p);
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
  }
}

/** The frame a pipeline reads: a frame as is, a CSV file read with only the needed columns, or a child's output. */
async function source(ctx: ExecContext, s: PipelineSource): Promise<{ frame: DataFrame; read: readonly string[] }> {
  switch (s.kind) {
    case 'frame':
      return { frame: s.frame, read: s.columns };
    case 'csv': {
      // read the types the plan was checked against, whatever a fresh inference would say
      const dtypes = { ...(s.options.dtypes ?? {}) };
      for (const n of s.columns) dtypes[n] = s.schema.get(n).dtype;
      // reading no column would lose the row count (len() over a file): read the first one then
      const columns = s.columns.length > 0 ? [...s.columns] : s.schema.names.slice(0, 1);
      const frame = await readCsv(s.path, { ...s.options, columns, dtypes });
      return { frame, read: s.columns };
    }
    case 'plan': {
      const frame = await run(ctx, s.plan);
      return { frame, read: frame.columnNames };
    }
  }
}
