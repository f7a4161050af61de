/** Volley peer runner: loads the CSV with readCsv and answers each question with a LazyFrame query on the worker pool. */

import { availableParallelism } from 'node:os';
import { readCsv, shutdownPool, type DataFrame } from '../../src/index.js';
import { csvThreads } from '../csv-options.js';
import { VOLLEY_QUESTIONS } from '../h2o/questions.js';
import { summarizeFrame } from '../h2o/summary.js';
import { volleyVersion } from '../paths.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import { runRunner, type PeerEngine } from './runner.js';

function createVolley(requested: number): PeerEngine<DataFrame, DataFrame> {
  const threads = requested > 0 ? requested : availableParallelism();
  const questions: Partial<Record<QuestionId, (x: DataFrame) => Promise<DataFrame>>> = {};
  for (const q of QUESTIONS) questions[q.id] = (x) => VOLLEY_QUESTIONS[q.id](x).collect({ threads });
  return {
    name: 'volley',
    version: volleyVersion(),
    threads,
    load: (csv) => readCsv(csv, csvThreads(threads)),
    rowCount: async (x) => x.height,
    questions,
    summarize: async (answer) => summarizeFrame(answer),
    close: () => shutdownPool(),
  };
}

await runRunner(async (args) => createVolley(args.threads));
