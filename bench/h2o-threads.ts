/**
 * H2O groupby questions q1-q10 at threads 1 and 2 on data already in memory, with a plain
 * typed-array loop beside q1-q5 (on one thread, and split over N plain worker threads: the
 * speed-up the cores give the loop itself) and the longest event-loop delay seen while the
 * two-thread queries ran. With `--duckdb`, DuckDB answers each question on 1 and 2 threads in
 * the same run, as a reference for the speed-up these cores allow. Prints one table; ratios
 * come from this one run.
 *
 * Each question first runs `--warmup` times on each thread count, untimed (the first of them is
 * reported as the cold run), and every timed run starts after a short pause. Both are there for
 * the same reason: V8 compiles hot code on a background thread, and right after a one-thread run
 * that thread was measured taking a core from the workers of the next two-thread run (a 1.8x
 * speed-up read as 1.2x for the first six alternations, and 1.8x once they stopped).
 *
 *   npm run build && node dist/bench/h2o-threads.js --rows 1e7 --k 100 --runs 5 [--warmup 5] [--duckdb]
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureH2O } from '../datasets/h2o.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { readCsv, shutdownPool, type DataFrame } from '../src/index.js';
import { startPool } from '../src/pool/pool.js';
import { NAIVE, type NaiveColumns, type NaiveQuestion, type NaiveSizes } from './h2o/naive.js';
import { startNaiveThreads } from './h2o/naive-threads.js';
import type { QuestionId } from './peers/questions.js';
import { VOLLEY_QUESTIONS } from './h2o/questions.js';
import { openDuckdbThreads, type DuckdbThreads } from './h2o-threads-duckdb.js';

const USAGE = `usage: node dist/bench/h2o-threads.js [--rows 1e7] [--k 100] [--runs 5] [--warmup 5] [--threads 2] [--only q1,q2] [--duckdb]

  --rows     rows of the H2O groupby table (default 1e7; generated when missing)
  --k        group cardinality K (default 100)
  --runs     timed runs per question and thread count (default 5)
  --warmup   untimed runs first, the first reported as cold (default 5, at least 1)
  --threads  the thread count set against one thread (default 2)
  --only     questions to run, q1..q10 (default all)
  --duckdb   DuckDB answers each question on 1 and N threads too
`;

/** The options of this script, checked. */
interface H2OThreadsOptions {
  readonly rows: number;
  readonly k: number;
  readonly runs: number;
  readonly warmup: number;
  readonly threads: number;
  readonly only: string[] | null;
  readonly duckdb: boolean;
}

function readOptions(argv: string[]): H2OThreadsOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1e7' },
      k: { type: 'string', default: '100' },
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '5' },
      threads: { type: 'string', default: '2' },
      only: { type: 'string' },
      duckdb: { type: 'boolean', default: false },
    },
  });
  return {
    rows: wholeOption('rows', values.rows),
    k: wholeOption('k', values.k),
    runs: wholeOption('runs', values.runs),
    // The first warm-up run is the cold figure, so there is always one.
    warmup: Math.max(1, wholeOption('warmup', values.warmup, 0)),
    threads: wholeOption('threads', values.threads),
    only: values.only?.split(',') ?? null,
    duckdb: values.duckdb,
  };
}

const { rows, k, runs, warmup, threads, only, duckdb: withDuckdb } = parseScriptArgs('h2o-threads', USAGE, readOptions);
/** Idle time before each timed run, so the compiler thread has finished what the last run queued. */
const SETTLE_MS = 50;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** Seconds one run takes. */
async function time(f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The columns and key sizes the hand-written loops read, straight from the loaded frame. */
function naiveInput(df: DataFrame): { columns: NaiveColumns; sizes: NaiveSizes } {
  const chunks = <T>(name: string): T[] => df.getColumn(name).chunks.map((c) => c.values as T);
  const dictSize = (name: string): number => df.getColumn(name).dictionary!.size;
  /** Largest value + 1 of an Int32 column (the loops index arrays by the key). */
  const range = (name: string): number => {
    let mx = 0;
    for (const ch of chunks<Int32Array>(name)) for (const x of ch) if (x > mx) mx = x;
    return mx + 1;
  };
  return {
    columns: {
      id1: chunks('id1'),
      id2: chunks('id2'),
      id3: chunks('id3'),
      id4: chunks('id4'),
      id6: chunks('id6'),
      v1: chunks('v1'),
      v2: chunks('v2'),
      v3: chunks('v3'),
    },
    sizes: { id1: dictSize('id1'), id2: dictSize('id2'), id3: dictSize('id3'), id4: range('id4'), id6: range('id6') },
  };
}

const isNaive = (id: QuestionId): id is NaiveQuestion => id in NAIVE;

const fmt = (s: number): string => s.toFixed(3).padStart(7);

const { path } = await ensureH2O({ rows, k });
const t0 = performance.now();
const df = await readCsv(path);
console.log(`loaded ${path}: ${df.height} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
// the workers start before timing, as a database's threads do; each question's first run is still cold code
await startPool(threads);
console.log(
  `threads 1 vs ${threads}; ${warmup} untimed warm-up run(s) of each, then ${runs} timed, alternating, each after a ${SETTLE_MS} ms pause; seconds: the first (cold) run, and the median of the timed runs`,
);
const duck: DuckdbThreads | null = withDuckdb ? await openDuckdbThreads(path) : null;
const duckHead = duck === null ? '' : `  duckdb t=1  t=${threads}  ratio`;
const input = naiveInput(df);
const naiveN = await startNaiveThreads(input.columns, input.sizes, threads);
console.log(
  `question   naive t=1  t=${threads}  ratio   volley t=1 first  t=1 median  t=${threads} first  t=${threads} median  ratio (medians)  groups  max event-loop delay at t=${threads} (ms)${duckHead}`,
);

const loop = monitorEventLoopDelay({ resolution: 1 });
for (const id of Object.keys(VOLLEY_QUESTIONS) as QuestionId[]) {
  if (only !== null && !only.includes(id)) continue;
  const query = VOLLEY_QUESTIONS[id](df);
  const tn: number[] = [];
  const tnN: number[] = [];
  const t1: number[] = [];
  const t2: number[] = [];
  const d1: number[] = [];
  const d2: number[] = [];
  let groups = 0;
  let delay = 0;
  const cold = [0, 0];
  for (let r = 0; r < warmup; r++) {
    const a = await time(() => query.collect({ threads: 1 }));
    const b = await time(() => query.collect({ threads }));
    if (r === 0) [cold[0], cold[1]] = [a, b];
  }
  for (let r = 0; r < runs; r++) {
    if (duck !== null) {
      await settle();
      d1.push(await duck.time(id, 1));
      await settle();
      d2.push(await duck.time(id, threads));
    }
    if (isNaive(id)) {
      await settle();
      tn.push(await time(() => NAIVE[id](input.columns, input.sizes, 0, input.columns.id1.length)));
      await settle();
      tnN.push((await naiveN.run(id)).seconds);
    }
    await settle();
    t1.push(await time(async () => (groups = (await query.collect({ threads: 1 })).height)));
    await settle();
    loop.reset();
    loop.enable();
    t2.push(await time(() => query.collect({ threads })));
    loop.disable();
    delay = Math.max(delay, loop.max / 1e6);
  }
  console.log(
    `${id.padEnd(8)} ${tn.length === 0 ? '      -' : fmt(median(tn))}  ${tnN.length === 0 ? '      -' : fmt(median(tnN))}  ${tn.length === 0 ? '    -' : (median(tn) / median(tnN)).toFixed(2).padStart(5)}           ${fmt(cold[0]!)}     ${fmt(median(t1))}     ${fmt(cold[1]!)}     ${fmt(median(t2))}         ${(median(t1) / median(t2)).toFixed(2).padStart(5)}  ${String(groups).padStart(8)}  ${delay.toFixed(1).padStart(9)}${duck === null ? '' : `${fmt(median(d1))}  ${fmt(median(d2))}  ${(median(d1) / median(d2)).toFixed(2).padStart(5)}`}`,
  );
}
duck?.close();
await naiveN.close();
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB (main process, all threads)`);
await shutdownPool();
