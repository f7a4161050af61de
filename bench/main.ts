/** `npm start`: the main job: a seeded H2O data set, loaded from CSV, the ten groupby questions on one thread and on every core. */
import { availableParallelism } from 'node:os';
import { ensureH2O, h2oName, parseCount, type H2OOptions } from '../datasets/h2o.js';
import { readCsv, shutdownPool, type DataFrame } from '../src/index.js';
import { VOLLEY_QUESTIONS } from './h2o/questions.js';
import { QUESTIONS } from './peers/questions.js';
import { loadProgress } from '../cli/load-progress.js';
import { createProgress } from './progress.js';

/**
 * Data set size from the environment, so a bigger run needs no code change:
 * `VOLLEY_ROWS=1e7 VOLLEY_K=100 npm start`.
 *
 * @example
 * datasetFromEnv({ VOLLEY_ROWS: '1e6' }); // { rows: 1000000, k: 100 }
 */
export function datasetFromEnv(env: NodeJS.ProcessEnv = process.env): H2OOptions {
  return {
    rows: parseCount(env.VOLLEY_ROWS ?? '1e6'),
    k: parseCount(env.VOLLEY_K ?? '1e2'),
  };
}

/** Timed runs per question and thread count; the median is reported. */
const RUNS = 5;
/** Untimed runs of each thread count first: the JIT compiles each question's code on first use. */
const WARMUP = 3;
/** Idle time before each timed run: V8's background compiler, still busy with code from the run before, would take a core from the workers. */
const SETTLE_MS = 20;

interface Timing {
  readonly id: string;
  readonly title: string;
  readonly single: number;
  readonly parallel: number;
  readonly rows: number;
}

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds one run takes, after the settle pause. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function runQuestions(df: DataFrame, threads: number): Promise<Timing[]> {
  const progress = createProgress();
  progress.begin('questions', QUESTIONS.length);
  const out: Timing[] = [];
  for (const q of QUESTIONS) {
    const query = VOLLEY_QUESTIONS[q.id](df);
    progress.step(`${q.id} threads=1 and ${threads}`);
    const answer = await query.collect({ threads: 1 });
    for (let i = 0; i < WARMUP; i++) {
      await query.collect({ threads: 1 });
      await query.collect({ threads });
    }
    // alternating, so both thread counts see the same state of the machine
    const single: number[] = [];
    const parallel: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      single.push(await timed(() => query.collect({ threads: 1 })));
      parallel.push(await timed(() => query.collect({ threads })));
    }
    progress.log(`\n${q.id}: ${q.title} (${answer.height.toLocaleString('en-US')} rows)\n${answer.toString({ maxRows: 3 })}`);
    out.push({ id: q.id, title: q.title, single: median(single), parallel: median(parallel), rows: answer.height });
  }
  progress.end();
  return out;
}

function printTable(rows: readonly Timing[], threads: number): void {
  const header = ['question', 'rows', 'threads=1 ms', `threads=${threads} ms`, 'speed-up'];
  const cells = rows.map((r) => [
    `${r.id} ${r.title}`,
    r.rows.toLocaleString('en-US'),
    r.single.toFixed(1),
    r.parallel.toFixed(1),
    `${(r.single / r.parallel).toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  const total1 = rows.reduce((s, r) => s + r.single, 0);
  const totalN = rows.reduce((s, r) => s + r.parallel, 0);
  console.log(`\nall ten: ${total1.toFixed(0)} ms on 1 thread, ${totalN.toFixed(0)} ms on ${threads} (${(total1 / totalN).toFixed(2)}x)`);
}

async function main(): Promise<void> {
  const dataset = datasetFromEnv();
  const threads = availableParallelism();
  const genStart = performance.now();
  const { path, generated, bytes } = await ensureH2O(dataset);
  const genMs = performance.now() - genStart;
  console.log(`data set  ${h2oName(dataset)}: ${path}`);
  console.log(`          ${(bytes / 1e6).toFixed(1)} MB, ${generated ? `generated in ${genMs.toFixed(0)} ms` : 'already on disk'}`);

  const loadStart = performance.now();
  const progress = loadProgress(`readCsv ${h2oName(dataset)}`);
  const df = await readCsv(path, { onProgress: progress.onProgress });
  progress.done();
  const loadMs = performance.now() - loadStart;
  console.log(`readCsv   ${df.height.toLocaleString('en-US')} rows in ${loadMs.toFixed(0)} ms (${(bytes / 1e3 / loadMs).toFixed(0)} MB/s)`);
  console.log(`schema    ${df.schema.toString()}\n`);

  const timings = await runQuestions(df, threads);
  console.log(`\nmedian of ${RUNS} runs per cell (after ${WARMUP} untimed runs of each), ${threads} cores available\n`);
  printTable(timings, threads);
  await shutdownPool();
}

await main();
