/** What every operator needs while a query runs: resolved options and a way to run child operators. */
import type { PhysicalPlan, PipelineSource } from '../physical/plan.js';
import type { ResolvedOptions } from '../physical/options.js';
import type { Table } from '../table/table.js';
import type { RunContext } from './scheduler.js';

/** The execution context of one query. */
export interface ExecContext extends RunContext {
  readonly options: ResolvedOptions;
  /** Run a child operator to a frame. */
  run(plan: PhysicalPlan): Promise<Table>;
  /** The frame a pipeline reads and the columns it reads from it. */
  source(src: PipelineSource): Promise<{ frame: Table; read: readonly string[] }>;
}

/**
 * Merges up to this weight (groups plus gathered values) run on the calling thread: below it,
 * handing the merge to the pool costs more than it saves. Dense merges are straight passes over
 * slot arrays, so they stay cheap (a few ms) up to a larger weight than hash merges.
 */
export const SMALL_MERGE = 1 << 16;
export const SMALL_DENSE_MERGE = 1 << 19;
/** Output rows per gathered chunk. */
export const OUTPUT_CHUNK = 65_536;
