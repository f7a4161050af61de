/** The `memoryLimit` collect option: a query's signal that fires once the process holds more memory than allowed. */
import { VolleyError } from '../errors.js';

/** How often the guard reads the process's resident memory while a query runs. */
const CHECK_EVERY_MS = 10;

/**
 * A query stopped because the process's resident memory (RSS) passed its `memoryLimit`: the query
 * rejects with this and the worker pool stays usable, instead of the process being killed for
 * running out of memory. `limit` and `rss` are bytes.
 *
 * @example
 * try { await lf.collect({ memoryLimit: 2 * 2 ** 30 }); }
 * catch (e) { if (e instanceof MemoryLimitError) console.log(e.rss, e.limit); }
 */
export class MemoryLimitError extends VolleyError {
  constructor(
    readonly limit: number,
    readonly rss: number,
  ) {
    super(
      'MEMORY_LIMIT',
      `the query stopped: the process holds ${mib(rss)} MiB, over its memoryLimit of ${mib(limit)} MiB; raise the limit, or stream the query (lf.stream(), sinkCsv, sinkParquet)`,
    );
    this.name = 'MemoryLimitError';
  }
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

/** The signal a query runs under when it has a memory limit, and what stops the watching. */
export interface MemoryGuard {
  readonly signal: AbortSignal;
  stop(): void;
}

/**
 * Watch the process's resident memory every 10 ms while a query runs (and once at once), and abort
 * the returned signal with a MemoryLimitError when it passes `limit` bytes; the caller's own
 * `signal`, when given, aborts it too, with its own reason. The check is between the engine's
 * steps: one step that allocates past the limit by itself still completes first, so set the limit
 * with room below what the machine has.
 *
 * @example
 * const guard = memoryGuard(2 ** 31, userSignal);
 * try { await run(guard.signal); } finally { guard.stop(); }
 */
export function memoryGuard(limit: number, signal: AbortSignal | null): MemoryGuard {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal!.reason);
  if (signal !== null) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  const check = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > limit && !controller.signal.aborted) controller.abort(new MemoryLimitError(limit, rss));
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  // a query waits on its own work; the timer alone must not keep the process alive
  timer.unref();
  return {
    signal: controller.signal,
    stop: () => {
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
