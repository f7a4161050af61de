/** Polars join runner: reads the four tables with rechunk on, then answers each join question with an eager `join`, as db-benchmark's Polars script does. */

import { availableParallelism } from 'node:os';
import type { DataFrame } from 'nodejs-polars';
import { canonicalSums } from './join-questions.js';
import { runJoinRunner, type JoinEngine } from './join-runner.js';
import { summarizePolars } from './polars-summary.js';

async function createPolars(threads: number): Promise<JoinEngine<DataFrame, DataFrame>> {
  // Polars sizes its thread pool from this variable once, when the native module first runs,
  // so it must be set before the import. The orchestrator also sets it for the child.
  if (threads > 0) process.env.POLARS_MAX_THREADS = String(threads);
  const pl = (await import('nodejs-polars')).default;
  const envThreads = Number(process.env.POLARS_MAX_THREADS);
  return {
    name: 'polars',
    version: String(pl.version),
    threads: envThreads > 0 ? envThreads : availableParallelism(),
    load: async (_name, path) => pl.readCSV(path, { rechunk: true, hasHeader: true }),
    rowCount: async (table) => table.height,
    answer: async (q, x, right) => x.join(right, { on: q.on, how: q.how }),
    async summarize(q, ans) {
      const { rows, sums } = summarizePolars(pl, ans);
      return { rows, sums: canonicalSums(q, ans.columns, sums) };
    },
  };
}

await runJoinRunner((args) => createPolars(args.threads));
