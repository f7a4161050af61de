/** The task messages of a parallel CSV read, and the runner that executes them on the calling thread. */
import { countRangeQuotes, parseFileRange, type CsvQuotesTask, type CsvRangeTask } from '../../../../kernels/csv/file-range.js';
import { withSource } from '../source.js';
import { Pacer } from '../../pace.js';

export type CsvTask = CsvQuotesTask | CsvRangeTask;

/**
 * Runs `count` tasks made by `make(i)` and yields their results in index order, whatever order
 * they finish in, keeping a bounded number of tasks ahead of the consumer: a consumer that stops
 * asking (or breaks out of its loop) stops the tasks being handed out, so a slow consumer holds
 * back the work instead of letting results pile up. The engine passes a worker-pool runner; the
 * reader alone runs tasks on the calling thread (see inlineRunner).
 */
export type CsvRunner = <T>(count: number, make: (i: number) => CsvTask) => AsyncIterable<T>;

/**
 * Every result of a runner, in index order.
 *
 * @example
 * const counts = await runAll<number>(runner, ranges.length, quotesTask);
 */
export async function runAll<T>(runner: CsvRunner, count: number, make: (i: number) => CsvTask): Promise<T[]> {
  const out: T[] = [];
  for await (const r of runner<T>(count, make)) out.push(r);
  return out;
}

/**
 * Execute one task on this thread: open the file (or take the bytes), read the range's bytes, close it.
 *
 * @example
 * runCsvTask({ type: 'csvQuotes', source: 'a.csv', params: { start: 0, end: 100, quote: 34 } }); // 4
 */
export function runCsvTask(task: CsvTask): unknown {
  return withSource(task.source, (f) =>
    task.type === 'csvQuotes' ? countRangeQuotes(f.read, task.params) : parseFileRange(f.read, task.params),
  );
}

/** Between tasks, the inline runner lets the event loop run at least this often. */
const YIELD_EVERY_MS = 25;

/**
 * The error a read rejects with when its signal fires: the signal's reason when it is an Error,
 * else an AbortError (as `fetch` and the engine do).
 *
 * @example
 * if (signal.aborted) throw abortReason(signal);
 */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  return new DOMException(r === undefined ? 'The read was aborted' : String(r), 'AbortError') as unknown as Error;
}

/**
 * The runner for one thread: each task on the calling thread when the consumer asks for its
 * result, yielding to the event loop now and then so timers and the abort signal get through.
 *
 * @example
 * for await (const count of inlineRunner(signal)<number>(ranges.length, quotesTask)) total += count;
 */
export function inlineRunner(signal?: AbortSignal): CsvRunner {
  return async function* run<T>(count: number, make: (i: number) => CsvTask): AsyncGenerator<T> {
    const pace = new Pacer(YIELD_EVERY_MS);
    for (let i = 0; i < count; i++) {
      if (signal?.aborted) throw abortReason(signal);
      yield runCsvTask(make(i)) as T;
      await pace.tick();
    }
    if (signal?.aborted) throw abortReason(signal);
  };
}
