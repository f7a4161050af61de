/** Runs the per-operation suites with tinybench: naive loop, one thread and N threads, in one process run. */

import { Bench, type Task } from 'tinybench';
import type { DataFrame } from '../../src/index.js';
import type { SuiteRow } from '../report/model.js';
import type { Progress } from '../progress.js';
import { operationsFor } from './operations.js';
import { pickWorkload } from './workload.js';

/** What to time and how often. */
export interface SuiteOptions {
  df: DataFrame;
  /** The CSV the frame was read from, for the read suite; null leaves that suite out. */
  csv: string | null;
  /** N, compared against one thread. */
  threads: number;
  /** Timed iterations per variant; the median is reported. */
  runs: number;
  /** Untimed iterations first, so the pool is started and the code is compiled. */
  warmup: number;
  /** Seconds one query may run before it is aborted. */
  timeoutSeconds: number;
  progress: Progress;
}

function medianOf(task: Task | undefined, errors: string[]): number | null {
  if (task === undefined) return null;
  const result = task.result;
  if (result.state === 'errored') {
    errors.push(`${task.name}: ${result.error.message}`);
    return null;
  }
  if (result.state !== 'completed') {
    errors.push(`${task.name}: ${result.state}`);
    return null;
  }
  return result.latency.p50;
}

/**
 * Times every operation the data allows. The three variants of one operation run in the same
 * tinybench instance, one after the other, so their ratio comes from one run on one machine state.
 *
 * @example
 * const rows = await runSuites({ df, csv: path, threads: 2, runs: 5, warmup: 1, timeoutSeconds: 300, progress: SILENT_PROGRESS });
 * rows[0]; // { operation: 'CSV read', oneThreadMs: 812.4, nThreadsMs: 430.1, ... }
 */
export async function runSuites(options: SuiteOptions): Promise<SuiteRow[]> {
  const { df, threads, runs, warmup, progress } = options;
  const ops = operationsFor(df, pickWorkload(df), options.csv, options.timeoutSeconds);
  const rows: SuiteRow[] = [];
  progress.begin(`suites ${df.height.toLocaleString('en-US')} rows`, ops.length);
  for (const op of ops) {
    progress.step(op.name);
    const bench = new Bench({
      name: op.name,
      iterations: runs,
      // Iteration counts, not time budgets, bound each variant: a 1e7-row sort would otherwise
      // repeat for tinybench's default 64 iterations.
      time: 0,
      warmup: warmup > 0,
      warmupIterations: warmup,
      warmupTime: 0,
    });
    if (op.naive !== null) bench.add('naive loop', op.naive);
    bench.add('threads: 1', () => op.engine(1));
    if (threads !== 1) bench.add(`threads: ${threads}`, () => op.engine(threads));
    await bench.run();
    const errors: string[] = [];
    const oneThreadMs = medianOf(bench.getTask('threads: 1'), errors);
    rows.push({
      operation: op.name,
      query: op.query,
      rows: df.height,
      threads,
      naiveMs: medianOf(bench.getTask('naive loop'), errors),
      oneThreadMs,
      nThreadsMs: threads === 1 ? oneThreadMs : medianOf(bench.getTask(`threads: ${threads}`), errors),
      errors,
    });
  }
  progress.end();
  return rows;
}
