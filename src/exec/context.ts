/** What every operator needs while a query runs: resolved options and a way to run child operators. */
import type { PhysicalPlan, PipelineSource } from '../physical/plan.js';
import type { ResolvedOptions } from '../physical/options.js';
import type { Table } from '../table/table.js';
import type { RunContext } from './scheduler.js';
export { OUTPUT_CHUNK, SMALL_DENSE_MERGE, SMALL_MERGE } from '../../kernels/tuning.js';

/** The execution context of one query. */
export interface ExecContext extends RunContext {
  readonly options: ResolvedOptions;
  /** Run a child operator to a frame. */
  run(plan: PhysicalPlan): Promise<Table>;
  /** The frame a pipeline reads and the columns it reads from it. */
  source(src: PipelineSource): Promise<{ frame: Table; read: readonly string[] }>;
}
