/** Polars join runner: reads the four tables with rechunk on, then answers each join question with an eager `join`, as db-benchmark's Polars script does. */

import type { DataFrame } from 'nodejs-polars';
import { canonicalSums } from './join-questions.js';
import { runJoinRunner, type JoinEngine } from './join-runner.js';
import { importPolars, summarizePolars } from './polars-summary.js';

async function createPolars(threads: number): Promise<JoinEngine<DataFrame, DataFrame>> {
  const { pl, threads: used } = await importPolars(threads);
  return {
    name: 'polars',
    version: String(pl.version),
    threads: used,
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
