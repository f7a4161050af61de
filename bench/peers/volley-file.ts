/** Volley answering each question straight on the CSV file: a `scanCsv` query per question, no table loaded first; `streaming` runs it range by range. */

import { availableParallelism } from 'node:os';
import { scanCsv, shutdownPool, type DataFrame } from '../../src/index.js';
import { VOLLEY_QUESTIONS } from '../h2o/questions.js';
import { summarizeFrame } from '../h2o/summary.js';
import { volleyVersion } from '../paths.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import type { PeerEngine } from './runner.js';

/**
 * The file-query engine: `volley-scan` (`collect()`) or `volley-stream` (`collect({ streaming:
 * true })`). Its "load" only hands the path on, so each question's time includes reading the file.
 *
 * @example
 * await runRunner(async (args) => createVolleyFile(args.threads, true));
 */
export function createVolleyFile(requested: number, streaming: boolean): PeerEngine<string, DataFrame> {
  const threads = requested > 0 ? requested : availableParallelism();
  const questions: Partial<Record<QuestionId, (csv: string) => Promise<DataFrame>>> = {};
  for (const q of QUESTIONS) questions[q.id] = (csv) => VOLLEY_QUESTIONS[q.id](scanCsv(csv)).collect({ threads, streaming });
  return {
    name: streaming ? 'volley-stream' : 'volley-scan',
    version: volleyVersion(),
    threads,
    load: async (csv) => csv,
    // nothing is loaded: the rows are those the in-memory engines report
    rowCount: async () => 0,
    questions,
    summarize: async (answer) => summarizeFrame(answer),
    close: () => shutdownPool(),
  };
}
