/**
 * One pipeline task per morsel, handed to the workers in guided batches: large runs of morsels
 * first, single morsels at the end. Each task still runs over its own morsel and gives its own
 * result, so the results (and everything built from them) are those of one task per morsel, in
 * morsel order, on any number of threads; only the messages are fewer.
 */
import type { PipelineBatchTask, PipelineTask } from '../pool/protocol.js';
import { runTasks, type RunContext } from './scheduler.js';
import { GUIDED_MAX_BATCH as MAX_BATCH, GUIDED_SHARE_PER_THREAD as SHARE_PER_THREAD } from '../../kernels/tuning.js';

/**
 * Where each batch of `count` morsels starts: batch b covers morsels [cuts[b], cuts[b + 1]), each
 * about (morsels left) / (threads * SHARE_PER_THREAD), at least one and at most MAX_BATCH.
 *
 * @example
 * guidedCuts(10, 2); // [0, 3, 5, 7, 8, 9, 10]
 */
export function guidedCuts(count: number, threads: number): number[] {
  const cuts = [0];
  let at = 0;
  while (at < count) {
    at += Math.min(MAX_BATCH, Math.max(1, Math.ceil((count - at) / (Math.max(1, threads) * SHARE_PER_THREAD))));
    cuts.push(at);
  }
  return cuts;
}

/**
 * The message that runs tasks [from, to), made by `make`, one after another in one worker.
 *
 * @example
 * runTasks(ctx, 2, (b) => batchOf(b * 8, b * 8 + 8, task)); // tasks 0-7, then 8-15
 */
export function batchOf(from: number, to: number, make: (i: number) => PipelineTask): PipelineBatchTask {
  return { type: 'pipelineBatch', tasks: Array.from({ length: to - from }, (_, k) => make(from + k)) };
}

/**
 * Run `make(i)` for every morsel i < count and return the results in morsel order. With one
 * thread the tasks run on the calling thread, one by one, as runTasks does.
 *
 * @example
 * const runs = await runPerMorsel<SortRunResult>(ctx, morsels.count, (i) => sortRunTask(i));
 */
export async function runPerMorsel<T>(ctx: RunContext, count: number, make: (i: number) => PipelineTask): Promise<T[]> {
  if (ctx.threads <= 1) return runTasks<T>(ctx, count, make);
  const cuts = guidedCuts(count, ctx.threads);
  const batches = await runTasks<T[]>(ctx, cuts.length - 1, (b) => batchOf(cuts[b]!, cuts[b + 1]!, make));
  return batches.flat();
}
