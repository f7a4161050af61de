/** Volley join runner: loads the four tables with readCsv and answers each join question with `lf.join` on the worker pool. */

import { availableParallelism } from 'node:os';
import { readCsv, shutdownPool, type DataFrame } from '../../src/index.js';
import { csvThreads } from '../csv-options.js';
import { volleyJoin } from '../h2o/join-queries.js';
import { summarizeFrame } from '../h2o/summary.js';
import { volleyVersion } from '../paths.js';
import { canonicalSums } from './join-questions.js';
import { runJoinRunner, type JoinEngine } from './join-runner.js';

function createVolley(requested: number): JoinEngine<DataFrame, DataFrame> {
  const threads = requested > 0 ? requested : availableParallelism();
  return {
    name: 'volley',
    version: volleyVersion(),
    threads,
    load: (_name, path) => readCsv(path, csvThreads(threads)),
    rowCount: async (table) => table.height,
    answer: (q, x, right) => volleyJoin(q, x, right).collect({ threads }),
    async summarize(q, answer) {
      const { rows, sums } = summarizeFrame(answer);
      return { rows, sums: canonicalSums(q, answer.columns, sums) };
    },
    close: () => shutdownPool(),
  };
}

await runJoinRunner(async (args) => createVolley(args.threads));
