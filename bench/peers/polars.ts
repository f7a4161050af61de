/** Polars peer runner: reads the CSV with rechunk on, then answers each question as a lazy query in Polars' idiom. */

import type { DataFrame } from 'nodejs-polars';
import { polarsQuestions } from './polars-questions.js';
import { importPolars, summarizePolars } from './polars-summary.js';
import { runRunner, type PeerEngine } from './runner.js';

async function createPolars(threads: number): Promise<PeerEngine<DataFrame, DataFrame>> {
  const { pl, threads: used } = await importPolars(threads);
  return {
    name: 'polars',
    version: String(pl.version),
    threads: used,
    // Without rechunk the frame stays in per-thread parse chunks, which slows every group-by.
    load: async (csv) => pl.readCSV(csv, { rechunk: true }),
    rowCount: async (x) => x.height,
    questions: polarsQuestions(pl, (x: DataFrame) => x.lazy()),
    summarize: async (ans) => summarizePolars(pl, ans),
  };
}

await runRunner((args) => createPolars(args.threads));
