/**
 * H2O groupby questions q1-q10 at threads 1 and 2 on data already in memory, with a plain
 * single-thread typed-array loop beside q1-q5 and the longest event-loop delay seen while the
 * two-thread queries ran. With `--duckdb`, DuckDB answers each question on 1 and 2 threads in
 * the same run, as a reference for the speed-up these cores allow. Prints one table; ratios
 * come from this one run.
 *
 *   npm run build && node dist/bench/h2o-threads.js --rows 1e7 --k 100 --runs 5 [--duckdb]
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureH2O, parseCount } from '../datasets/h2o.js';
import { readCsv, shutdownPool, type DataFrame } from '../src/index.js';
import { startPool } from '../src/pool/pool.js';
import type { QuestionId } from './peers/questions.js';
import { VOLLEY_QUESTIONS } from './h2o/questions.js';
import { openDuckdbThreads, type DuckdbThreads } from './h2o-threads-duckdb.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1e7' },
    k: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
    only: { type: 'string' },
    duckdb: { type: 'boolean', default: false },
  },
});
const rows = parseCount(values.rows);
const k = parseCount(values.k);
const runs = Number(values.runs);
const threads = Number(values.threads);
const only = values.only?.split(',') ?? null;

/** Seconds of every run, in order (the first is the cold one). */
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

function i32(df: DataFrame, name: string, c: number): Int32Array {
  return df.getColumn(name).chunks[c]!.values as Int32Array;
}

function f64(df: DataFrame, name: string, c: number): Float64Array {
  return df.getColumn(name).chunks[c]!.values as Float64Array;
}

function dictSize(df: DataFrame, name: string): number {
  return df.getColumn(name).dictionary!.size;
}

/** Largest value + 1 of an Int32 column (the naive loops index arrays by the key). */
function range(df: DataFrame, name: string): number {
  let mx = 0;
  for (const ch of df.getColumn(name).chunks) for (const x of ch.values as Int32Array) if (x > mx) mx = x;
  return mx + 1;
}

/** The plain loops a user could write by hand over the same columns (no nulls in these data sets). */
const NAIVE: Partial<Record<QuestionId, (df: DataFrame) => unknown>> = {
  q1(df) {
    const sum = new Float64Array(dictSize(df, 'id1'));
    for (let c = 0; c < df.getColumn('id1').chunks.length; c++) {
      const id = i32(df, 'id1', c);
      const v = i32(df, 'v1', c);
      for (let i = 0; i < id.length; i++) sum[id[i]!]! += v[i]!;
    }
    return sum;
  },
  q2(df) {
    const n2 = dictSize(df, 'id2');
    const sum = new Float64Array(dictSize(df, 'id1') * n2);
    for (let c = 0; c < df.getColumn('id1').chunks.length; c++) {
      const a = i32(df, 'id1', c);
      const b = i32(df, 'id2', c);
      const v = i32(df, 'v1', c);
      for (let i = 0; i < a.length; i++) sum[a[i]! * n2 + b[i]!]! += v[i]!;
    }
    return sum;
  },
  q3(df) {
    const n = dictSize(df, 'id3');
    const s1 = new Float64Array(n);
    const s3 = new Float64Array(n);
    const cnt = new Int32Array(n);
    for (let c = 0; c < df.getColumn('id3').chunks.length; c++) {
      const id = i32(df, 'id3', c);
      const v1 = i32(df, 'v1', c);
      const v3 = f64(df, 'v3', c);
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s3[g]! += v3[i]!;
        cnt[g]!++;
      }
    }
    return s3.map((s, g) => s / cnt[g]!);
  },
  q4(df) {
    const n = range(df, 'id4');
    const s1 = new Float64Array(n);
    const s2 = new Float64Array(n);
    const s3 = new Float64Array(n);
    const cnt = new Int32Array(n);
    for (let c = 0; c < df.getColumn('id4').chunks.length; c++) {
      const id = i32(df, 'id4', c);
      const v1 = i32(df, 'v1', c);
      const v2 = i32(df, 'v2', c);
      const v3 = f64(df, 'v3', c);
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s2[g]! += v2[i]!;
        s3[g]! += v3[i]!;
        cnt[g]!++;
      }
    }
    return [s1, s2, s3, cnt];
  },
  q5(df) {
    const n = range(df, 'id6');
    const s1 = new Float64Array(n);
    const s2 = new Float64Array(n);
    const s3 = new Float64Array(n);
    for (let c = 0; c < df.getColumn('id6').chunks.length; c++) {
      const id = i32(df, 'id6', c);
      const v1 = i32(df, 'v1', c);
      const v2 = i32(df, 'v2', c);
      const v3 = f64(df, 'v3', c);
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s2[g]! += v2[i]!;
        s3[g]! += v3[i]!;
      }
    }
    return [s1, s2, s3];
  },
};

const fmt = (s: number): string => s.toFixed(3).padStart(7);

const { path } = await ensureH2O({ rows, k });
const t0 = performance.now();
const df = await readCsv(path);
console.log(`loaded ${path}: ${df.height} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
// the workers start before timing, as a database's threads do; each question's first run is still cold code
await startPool(threads);
console.log(`threads 1 vs ${threads}; ${runs} run(s) of each, alternating; seconds: the first (cold) run, and the median of all runs`);
const duck: DuckdbThreads | null = values.duckdb ? await openDuckdbThreads(path) : null;
const duckHead = duck === null ? '' : `  duckdb t=1  t=${threads}  ratio`;
console.log(`question   naive   t=1 first  t=1 median  t=${threads} first  t=${threads} median  ratio (medians)  groups  max event-loop delay at t=${threads} (ms)${duckHead}`);

const loop = monitorEventLoopDelay({ resolution: 1 });
for (const id of Object.keys(VOLLEY_QUESTIONS) as QuestionId[]) {
  if (only !== null && !only.includes(id)) continue;
  const query = VOLLEY_QUESTIONS[id](df);
  const naive = NAIVE[id];
  const tn: number[] = [];
  const t1: number[] = [];
  const t2: number[] = [];
  const d1: number[] = [];
  const d2: number[] = [];
  let groups = 0;
  let delay = 0;
  for (let r = 0; r < runs; r++) {
    if (duck !== null) {
      d1.push(await duck.time(id, 1));
      d2.push(await duck.time(id, threads));
    }
    if (naive !== undefined) tn.push(await time(() => naive(df)));
    t1.push(await time(async () => (groups = (await query.collect({ threads: 1 })).height)));
    loop.reset();
    loop.enable();
    t2.push(await time(() => query.collect({ threads })));
    loop.disable();
    delay = Math.max(delay, loop.max / 1e6);
  }
  console.log(
    `${id.padEnd(8)} ${tn.length === 0 ? '      -' : fmt(median(tn))}    ${fmt(t1[0]!)}     ${fmt(median(t1))}     ${fmt(t2[0]!)}     ${fmt(median(t2))}         ${(median(t1) / median(t2)).toFixed(2).padStart(5)}  ${String(groups).padStart(8)}  ${delay.toFixed(1).padStart(9)}${duck === null ? '' : `${fmt(median(d1))}  ${fmt(median(d2))}  ${(median(d1) / median(d2)).toFixed(2).padStart(5)}`}`,
  );
}
duck?.close();
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB (main process, all threads)`);
await shutdownPool();
