/**
 * How free the main thread stays while queries run on the pool: the longest and 99th-percentile
 * event-loop delay during each H2O question at 1e7 rows (threads 2 by default), beside the same
 * at threads 1, where the main thread does all the work.
 *
 *   npm run build && node dist/bench/event-loop.js --rows 1e7 --threads 2
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureH2O } from '../datasets/h2o.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { readCsv, shutdownPool } from '../src/index.js';
import type { QuestionId } from './peers/questions.js';
import { VOLLEY_QUESTIONS } from './h2o/questions.js';

const USAGE = `usage: node dist/bench/event-loop.js [--rows 1e7] [--k 100] [--threads 2] [--only q1,q2]

  --rows     rows of the H2O groupby table (default 1e7; generated when missing)
  --k        group cardinality K (default 100)
  --threads  the thread count set beside one thread (default 2)
  --only     questions to run, q1..q10 (default all)
`;

function readOptions(argv: string[]): { rows: number; k: number; threads: number; only: string[] | null } {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1e7' },
      k: { type: 'string', default: '100' },
      threads: { type: 'string', default: '2' },
      only: { type: 'string' },
    },
  });
  return {
    rows: wholeOption('rows', values.rows),
    k: wholeOption('k', values.k),
    threads: wholeOption('threads', values.threads),
    only: values.only?.split(',') ?? null,
  };
}

const { rows, k, threads, only } = parseScriptArgs('event-loop', USAGE, readOptions);
const { path } = await ensureH2O({ rows, k });
const df = await readCsv(path);
console.log(`${df.height} rows; event-loop delay while each question runs (ms), resolution 1 ms`);
console.log('question  threads  seconds  max delay  p99 delay');

const histogram = monitorEventLoopDelay({ resolution: 1 });
for (const id of Object.keys(VOLLEY_QUESTIONS) as QuestionId[]) {
  if (only !== null && !only.includes(id)) continue;
  for (const t of [1, threads]) {
    const query = VOLLEY_QUESTIONS[id](df);
    histogram.reset();
    histogram.enable();
    const t0 = performance.now();
    await query.collect({ threads: t });
    const s = (performance.now() - t0) / 1000;
    histogram.disable();
    const ms = (ns: number): string => (ns / 1e6).toFixed(1).padStart(9);
    console.log(
      `${id.padEnd(9)} ${String(t).padStart(7)}  ${s.toFixed(3).padStart(7)}  ${ms(histogram.max)}  ${ms(histogram.percentile(99))}`,
    );
  }
}
await shutdownPool();
