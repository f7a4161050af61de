/**
 * The scheduler: hands tasks to the pool with a bounded number in flight and keeps results in task
 * (morsel) order, never completion order. With one thread it runs them on the main thread.
 */
import type { Task } from '../pool/protocol.js';
import { runOnPool } from '../pool/pool.js';
import { runTask } from '../pool/tasks/runner.js';
import { Pacer } from '../io/pace.js';
import { IN_FLIGHT_PER_THREAD, YIELD_EVERY_MS } from '../../kernels/tuning.js';

/** How a query runs: thread count and cancellation. */
export interface RunContext {
  readonly threads: number;
  readonly signal: AbortSignal | null;
}

/**
 * Run `count` tasks made by `make(i)` and resolve with their results in index order. `stop`, when
 * given, sees each new in-order result (with its index); returning true stops handing out further
 * tasks and resolves with the results so far. Rejects on abort, or with the error of the first
 * failing task in task order once the tasks in flight have settled (so a data error names the
 * same row on any thread count).
 *
 * @example
 * const partials = await runTasks(ctx, morsels.length, (i) => pipelineTask(morsels[i]));
 */
export function runTasks<T>(
  ctx: RunContext,
  count: number,
  make: (i: number) => Task,
  stop?: (result: T, index: number) => boolean,
): Promise<T[]> {
  if (ctx.threads <= 1) return runInline(ctx, count, make, stop);
  return runPooled(ctx, count, make, stop);
}

/**
 * The error a query rejects with when its signal fires: the signal's `reason` itself when it is an
 * Error (callers compare it by identity, as with `fetch`), else an `AbortError` that says it.
 */
export function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  return new DOMException(r === undefined ? 'The query was aborted' : String(r), 'AbortError') as unknown as Error;
}

async function runInline<T>(
  ctx: RunContext,
  count: number,
  make: (i: number) => Task,
  stop?: (result: T, index: number) => boolean,
): Promise<T[]> {
  const out: T[] = [];
  const pace = new Pacer(YIELD_EVERY_MS);
  for (let i = 0; i < count; i++) {
    if (ctx.signal?.aborted) throw abortError(ctx.signal);
    const r = runTask(make(i)) as T;
    out.push(r);
    if (stop?.(r, i)) break;
    await pace.tick();
  }
  if (ctx.signal?.aborted) throw abortError(ctx.signal);
  return out;
}

function runPooled<T>(
  ctx: RunContext,
  count: number,
  make: (i: number) => Task,
  stop?: (result: T, index: number) => boolean,
): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const results: (T | undefined)[] = new Array(count);
    const done: boolean[] = new Array(count).fill(false);
    const limit = ctx.threads * IN_FLIGHT_PER_THREAD;
    let next = 0;
    let inFlight = 0;
    let ready = 0;
    let settled = false;
    let stopped = false;
    /** The earliest task that failed: reported once every task before it is done, so a data error names the same row at any thread count. */
    let failed: { index: number; error: unknown } | null = null;
    const signal = ctx.signal;

    const finish = (err: unknown, value?: T[]): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) reject(err);
      else resolve(value!);
    };
    const onAbort = (): void => finish(abortError(signal!));

    const pump = (): void => {
      while (!settled && !stopped && inFlight < limit && next < count) {
        const i = next++;
        inFlight++;
        let task: Task;
        try {
          task = make(i);
        } catch (e) {
          finish(e);
          return;
        }
        runOnPool(ctx.threads, task).then(
          (value) => {
            inFlight--;
            if (settled) return;
            if (failed !== null) {
              if (inFlight === 0) finish(failed.error);
              return;
            }
            results[i] = value as T;
            done[i] = true;
            while (ready < count && done[ready]) {
              if (stop !== undefined && !stopped && stop(results[ready]!, ready)) {
                stopped = true;
                finish(undefined, results.slice(0, ready + 1) as T[]);
                return;
              }
              ready++;
            }
            if (ready === count) finish(undefined, results as T[]);
            else pump();
          },
          (e: unknown) => {
            inFlight--;
            // the error of the first failing task in task order, whatever finished first: stop
            // handing out tasks and wait for those in flight (every earlier task is among them)
            if (failed === null || i < failed.index) failed = { index: i, error: e };
            stopped = true;
            if (inFlight === 0) finish(failed.error);
          },
        );
      }
    };

    if (signal?.aborted) return finish(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (count === 0) return finish(undefined, []);
    pump();
  });
}
