/**
 * The task runner: executes one task message and returns its result. The piscina worker and the
 * main thread (`threads: 1`) call the same function, so single-threaded timings are a fair baseline.
 * Imports only kernels and the protocol.
 */
import { compactPartials } from '../../../kernels/aggregate/compact.js';
import { runBounds } from './bounds.js';
import { runCsvQuotes, runCsvRange } from './csv.js';
import { runGather } from './gather.js';
import { runMerge } from './merge.js';
import { runPipeline, runPipelineBatch } from './pipeline.js';
import type { DebugTask, Task } from '../protocol.js';
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
    case 'compact':
      return compactPartials(task.partials, task.specs, task.width);
    case 'debug':
      return runDebug(task);
  }
}

/** Failure drills and probes for tests. */
function runDebug(task: DebugTask): unknown {
  const counter = task.counter;
  if (counter !== undefined) {
    Atomics.add(counter, 0, 1);
    const running = Atomics.add(counter, 1, 1) + 1;
    let max = Atomics.load(counter, 2);
    while (running > max && Atomics.compareExchange(counter, 2, max, running) !== max) max = Atomics.load(counter, 2);
  }
  try {
    const message = task.message ?? 'debug task failed';
    switch (task.action) {
      case 'throw':
        throw new Error(message, { cause: new RangeError(`${message} (cause)`) });
      case 'exit':
        return process.exit(3);
      case 'sleep': {
        const until = Date.now() + (task.ms ?? 0);
        while (Date.now() < until) {
          // busy on purpose: a long-running task
        }
        return task.ms ?? 0;
      }
      case 'echo':
        return message;
    }
  } finally {
    if (counter !== undefined) Atomics.sub(counter, 1, 1);
  }
}
