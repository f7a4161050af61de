/**
 * Tasks as an in-order stream with bounded look-ahead: what a CSV scan reads through, so a consumer
 * that is slow (or stops) holds back the work instead of letting results pile up in memory.
 */
import type { Task } from '../pool/protocol.js';
import { runOnPool } from '../pool/pool.js';
import { runTask } from '../pool/tasks/runner.js';
import { abortError, type RunContext } from './scheduler.js';
import { Pacer } from '../io/pace.js';
import { AHEAD_PER_THREAD, YIELD_EVERY_MS } from '../../kernels/tuning.js';

/**
 * Yield the results of `count` tasks made by `make(i)` in index order. At most `ahead` tasks are
 * started before the consumer takes their results, so a paused consumer pauses the work; a
 * consumer that breaks out of its loop stops any further task (those already running finish and
 * their results are dropped). With one thread the tasks run on the calling thread, one per step.
 * Rejects with the first task error in index order, or with an AbortError when `ctx.signal` fires.
 *
 * @example
 * for await (const r of streamTasks<RangeParseOutcome>(ctx, ranges.length, (i) => rangeTask(i))) use(r);
 */
export async function* streamTasks<T>(
  ctx: RunContext,
  count: number,
  make: (i: number) => Task,
  ahead = ctx.threads * AHEAD_PER_THREAD,
): AsyncGenerator<T> {
  const signal = ctx.signal;
  if (ctx.threads <= 1) {
    const pace = new Pacer(YIELD_EVERY_MS);
    for (let i = 0; i < count; i++) {
      if (signal?.aborted) throw abortError(signal);
      yield runTask(make(i)) as T;
      await pace.tick();
    }
    if (signal?.aborted) throw abortError(signal);
    return;
  }
  const pending = new Map<number, Promise<T>>();
  let next = 0;
  for (let i = 0; i < count; i++) {
    while (next < count && next < i + Math.max(1, ahead)) {
      const p = runOnPool(ctx.threads, make(next)) as Promise<T>;
      // a task whose result is never taken (the consumer stopped) must not fail unhandled
      p.catch(() => {});
      pending.set(next++, p);
    }
    const p = pending.get(i)!;
    pending.delete(i);
    yield await untilAborted(p, signal);
  }
}

/** `p`, or a rejection as soon as `signal` fires. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | null): Promise<T> {
  if (signal === null) return p;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
