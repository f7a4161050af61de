/**
 * The hand-written q1-q5 loops split over plain worker threads: each thread runs the loop over
 * an equal run of chunks (shared memory, no copy) and the main thread adds the arrays up. No
 * scheduler, no planner, no merge order to keep: the speed-up these cores give the loop itself,
 * the ceiling against which Volley's own speed-up is read.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { addInto, NAIVE, type NaiveColumns, type NaiveQuestion, type NaiveSizes } from './naive.js';

interface Job {
  readonly id: NaiveQuestion;
  readonly c0: number;
  readonly c1: number;
}

interface Shared {
  readonly columns: NaiveColumns;
  readonly sizes: NaiveSizes;
}

/** Runs the loops on a fixed set of worker threads. */
export interface NaiveThreads {
  /** One run of question `id` on all the threads: the merged arrays, and the seconds it took, merge included. */
  run(id: NaiveQuestion): Promise<{ arrays: Float64Array[]; seconds: number }>;
  close(): Promise<void>;
}

/** Built JavaScript: when this module runs from TypeScript sources (tests), the worker loads its build in dist/. */
function workerUrl(): URL {
  const url = import.meta.url;
  return url.endsWith('.ts') ? new URL('../../dist/bench/h2o/naive-threads.js', url) : new URL(url);
}

/**
 * Starts `threads` workers over `columns` (SharedArrayBuffer-backed chunks: they are shared, not copied).
 *
 * @example
 * const naive = await startNaiveThreads(columns, sizes, 2);
 * const { seconds } = await naive.run('q5');
 * await naive.close();
 */
export async function startNaiveThreads(columns: NaiveColumns, sizes: NaiveSizes, threads: number): Promise<NaiveThreads> {
  const shared: Shared = { columns, sizes };
  const workers = Array.from({ length: threads }, () => new Worker(workerUrl(), { workerData: shared }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('online', resolve))));
  // one job at a time per worker: its answer, or its error, settles the job in flight
  const pending = new Map<Worker, { resolve: (arrays: Float64Array[]) => void; reject: (e: unknown) => void }>();
  for (const w of workers) {
    w.on('message', (arrays: Float64Array[]) => pending.get(w)?.resolve(arrays));
    w.on('error', (e) => pending.get(w)?.reject(e));
  }
  const call = (w: Worker, job: Job): Promise<Float64Array[]> =>
    new Promise((resolve, reject) => {
      pending.set(w, { resolve, reject });
      w.postMessage(job);
    });
  const chunks = columns.id1.length;
  return {
    async run(id) {
      const t0 = performance.now();
      const cut = (t: number): number => Math.round((t * chunks) / threads);
      const parts = await Promise.all(workers.map((w, t) => call(w, { id, c0: cut(t), c1: cut(t + 1) })));
      const arrays = parts[0]!;
      for (let t = 1; t < parts.length; t++) addInto(arrays, parts[t]!);
      return { arrays, seconds: (performance.now() - t0) / 1000 };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

if (!isMainThread && parentPort !== null) {
  const { columns, sizes } = workerData as Shared;
  const port = parentPort;
  port.on('message', (job: Job) => port.postMessage(NAIVE[job.id](columns, sizes, job.c0, job.c1)));
}
