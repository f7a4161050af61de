/** Polars peer runner on the file: each question a lazy query over `pl.scanCSV(path)`, nothing loaded first. */

import { polarsQuestions } from './polars-questions.js';
import { importPolars, summarizePolars } from './polars-summary.js';
import { runRunner, type PeerEngine } from './runner.js';
import type { DataFrame } from 'nodejs-polars';

async function createPolarsFile(threads: number): Promise<PeerEngine<string, DataFrame>> {
  const { pl, threads: used } = await importPolars(threads);
  return {
    name: 'polars-file',
    version: String(pl.version),
    threads: used,
    load: async (csv) => csv,
    rowCount: async () => 0,
    questions: polarsQuestions(pl, (csv: string) => pl.scanCSV(csv)),
    summarize: async (ans) => summarizePolars(pl, ans),
  };
}

await runRunner((args) => createPolarsFile(args.threads));
