/**
 * The task runner: executes one task message and returns its result. The piscina worker and the
 * main thread (`threads: 1`) call the same function, so single-threaded timings are a fair baseline.
 * Imports only kernels and the protocol.
 */
import { compactPartials } from '../../../kernels/aggregate/compact.js';
import { formatCsvRows } from '../../../kernels/csv/format.js';
import { formatJsonRows } from '../../../kernels/json/format.js';
import { runBounds } from './bounds.js';
import { runCsvQuotes, runCsvRange } from './csv.js';
import { runGather } from './gather.js';
import { runJoinBuild, runJoinKeys, runJoinProbe, runJoinSlots, runJoinTail } from './join.js';
import { runMerge } from './merge.js';
import { runPipeline, runPipelineBatch } from './pipeline.js';
import type { Task } from '../protocol.js';
import { runSortMerge } from './sortmerge.js';
import { runSortSplit } from './sortsplit.js';

/**
 * Execute `task` on the current thread.
 *
 * @example
 * const partial = runTask({ type: 'pipeline', steps: [], sink, morsel });
 */
export function runTask(task: Task): unknown {
  switch (task.type) {
    case 'pipeline':
      return runPipeline(task);
    case 'pipelineBatch':
      return runPipelineBatch(task);
    case 'merge':
      return runMerge(task);
    case 'gather':
      return runGather(task);
    case 'sortMerge':
      return runSortMerge(task);
    case 'sortSplit':
      return runSortSplit(task);
    case 'bounds':
      return runBounds(task);
    case 'csvQuotes':
      return runCsvQuotes(task);
    case 'csvRange':
      return runCsvRange(task);
    case 'csvFormat':
      return formatCsvRows(task);
    case 'jsonFormat':
      return formatJsonRows(task);
    case 'joinKeys':
      return runJoinKeys(task);
    case 'joinBuild':
      return runJoinBuild(task);
    case 'joinSlots':
      return runJoinSlots(task);
    case 'joinProbe':
      return runJoinProbe(task);
    case 'joinTail':
      return runJoinTail(task);
    case 'compact':
      return compactPartials(task.partials, task.specs, task.width);
  }
}
