/** The worker pool: piscina, one pool per thread count, started on first use and reused; idle workers never hold the process open. */
import { VolleyError, registerErrorClass } from '../errors.js';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { rebuildError } from './rebuild.js';
import { noteSharedMemory } from './heap-report.js';
import type { Task, TaskReply } from './protocol.js';

const pools = new Map<number, Piscina>();

/** The flag that keeps piscina's first `require()` of the worker entry off require(esm). */
const NO_REQUIRE_ESM = '--no-experimental-require-module';

/**
 * The workers' Node flags: the process's own plus {@link NO_REQUIRE_ESM}, where Node knows it and
 * accepts the whole list in a worker; else undefined (workers inherit the process's flags).
 * piscina loads the worker entry with `require()` first and falls back to `import()`; on Node
 * 20.19+ that `require()` of an ES module goes through require(esm), which aborts the whole
 * process (a V8 fatal error, "IsGraphAsync must be used on an instantiated module") when a worker
 * is terminated while it loads. With the flag the `require()` fails at once and the entry loads
 * through `import()`. Flags a worker refuses (V8 heap sizes such as `--max-old-space-size`) make
 * an explicit list invalid where inheriting drops them, so a list the process carries is tried
 * once on an empty worker: Node reports a refused list only by throwing from the constructor.
 */
function workerExecArgv(): string[] | undefined {
  if (!process.allowedNodeEnvironmentFlags.has(NO_REQUIRE_ESM)) return undefined;
  const argv = [...process.execArgv, NO_REQUIRE_ESM];
  if (process.execArgv.length === 0) return argv;
  try {
    const probe = new Worker('', { eval: true, execArgv: argv });
    probe.unref();
    void probe.terminate();
    return argv;
  } catch {
    return undefined;
  }
}

let execArgv: { readonly argv: string[] | undefined } | null = null;
/** The worker entry new pools load instead of Volley's own (see useWorkerFile); null for Volley's. */
let entry: string | null = null;

/**
 * The worker entry file. Workers always load built JavaScript: when this module runs from
 * TypeScript sources (vitest), that is `<repo>/dist/src/pool/worker.js`, so tests need `npm run build` first.
 */
export function workerFile(): string {
  if (entry !== null) return entry;
  const url = import.meta.url;
  if (url.endsWith('.ts')) return fileURLToPath(new URL('../../dist/src/pool/worker.js', url));
  return fileURLToPath(new URL('./worker.js', url));
}

/**
 * The pool for `threads` workers, created on first use. Piscina unrefs workers while they are
 * idle, so a script that ran a query exits on its own; `shutdownPool()` closes them explicitly.
 *
 * @example
 * const pool = getPool(4);
 */
export function getPool(threads: number): Piscina {
  let pool = pools.get(threads);
  if (pool === undefined) {
    pool = new Piscina({
      filename: workerFile(),
      ...((execArgv ??= { argv: workerExecArgv() }).argv === undefined ? {} : { execArgv: execArgv.argv }),
      minThreads: threads,
      maxThreads: threads,
      // keep workers warm between queries: they are unref'd when idle, so they cost no liveness
      idleTimeout: 60_000,
      // one task queued behind the running one: the worker never waits a round trip for work, and
      // the rest stay with the pool for whichever worker frees up first (load balance)
      concurrentTasksPerWorker: 2,
      // tasks go to the workers in submission order: piscina otherwise puts a task it could not
      // hand out at once at the back of its queue, and a CSV scan needs each thread to parse its
      // ranges in file order (a thread's dictionary entries are unified in that order)
      stricterFIFO: true,
    });
    // a worker that dies is reported through the task it was running; nothing else to do here
    pool.on('error', () => {});
    pools.set(threads, pool);
  }
  return pool;
}

/**
 * Points the pools at another worker entry file (null: Volley's own), closing the pools already
 * started. The entry must answer Volley's tasks as `worker.js` does; tests load one that adds
 * failure drills (a task that throws, exits its thread or stays busy), so that such tasks stay
 * out of the production protocol.
 *
 * @example
 * await useWorkerFile(fileURLToPath(new URL('./fixtures/drill-worker.mjs', import.meta.url)));
 */
export async function useWorkerFile(file: string | null): Promise<void> {
  await shutdownPool();
  entry = file;
}

/**
 * Start the pool for `threads` workers now and resolve once every worker has answered, so a
 * later query does not pay for starting threads (benchmarks; services that want a warm pool).
 *
 * @example
 * await startPool(4);
 */
export async function startPool(threads: number): Promise<void> {
  const pool = getPool(threads);
  // the cheapest real task (no chunks to bound): each worker loads its modules to answer it
  await Promise.all(Array.from({ length: threads }, () => pool.run({ type: 'bounds', chunks: [] } satisfies Task)));
}

/** Thrown when a worker thread dies (process.exit, a crash) during a task; the pool replaces it. */
export class WorkerDiedError extends VolleyError {
  constructor(cause: unknown) {
    super('WORKER_DIED', `a worker thread died while running a query task: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'WorkerDiedError';
  }
}
registerErrorClass(WorkerDiedError);

/**
 * Run one task on the pool; resolves with its result, rejects with the worker's error (its class,
 * code, fields and cause rebuilt) or a {@link WorkerDiedError}.
 *
 * @example
 * const partial = await runOnPool(2, task);
 */
export async function runOnPool(threads: number, task: Task): Promise<unknown> {
  let reply: TaskReply;
  try {
    reply = (await getPool(threads).run(task)) as TaskReply;
  } catch (e) {
    throw new WorkerDiedError(e);
  }
  if (!reply.ok) throw rebuildError(reply.error);
  noteSharedMemory(reply.value);
  return reply.value;
}

/** Close every pool (tests; a process does not need to call it to exit). */
export async function shutdownPool(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close({ force: true })));
}

/** Worker thread ids of a pool (tests: a dead worker is replaced by a new one). */
export function poolThreadIds(threads: number): number[] {
  const pool = pools.get(threads);
  return pool === undefined ? [] : pool.threads.map((t) => t.threadId);
}
