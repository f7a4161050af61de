/**
 * The five H2O join questions at threads 1 and N on tables already in memory, with each join's
 * phases (build, probe, gather; from `lastJoinPhases`) beside the wall time. Reads the files of
 * `npm run gen -- join <rows>` (generating them when missing) and prints one table; the ratios
 * come from this one run. Each question runs `--warmup` times untimed on every thread count, then
 * `--runs` timed runs alternating the thread counts, each after a short pause (so V8's compiler
 * thread does not take a core from the next run's workers).
 *
 *   npm run build && node dist/bench/join-threads.js --rows 1e6 --runs 5 [--warmup 2] [--threads 2]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryScript } from '../datasets/entry.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { defaultOutDir } from '../datasets/h2o.js';
import { generateH2OJoin, h2oJoinNames, JOIN_TABLES, type JoinTableName } from '../datasets/h2o-join.js';
import { lastJoinPhases, type JoinPhases } from '../src/exec/join-parallel.js';
import { readCsv, shutdownPool, type DataFrame, type JoinOptions } from '../src/index.js';
import { startPool } from '../src/pool/pool.js';

/** One join question: the left table `x` joined with a right table. */
interface Question {
  readonly id: string;
  readonly label: string;
  readonly right: Exclude<JoinTableName, 'x'>;
  readonly options: JoinOptions;
}

/** The H2O join questions, as the benchmark states them. */
export const JOIN_QUESTIONS: readonly Question[] = [
  { id: 'q1', label: 'small inner on int', right: 'small', options: { on: 'id1' } },
  { id: 'q2', label: 'medium inner on int', right: 'medium', options: { on: 'id2' } },
  { id: 'q3', label: 'medium left on int', right: 'medium', options: { on: 'id2', how: 'left' } },
  { id: 'q4', label: 'medium inner on string', right: 'medium', options: { on: 'id5' } },
  { id: 'q5', label: 'big inner on int', right: 'big', options: { on: 'id3' } },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

/** The phases of the run whose wall time was the median, so one row's numbers belong together. */
interface Run {
  readonly ms: number;
  readonly rows: number;
  readonly phases: JoinPhases | null;
}

async function runOnce(x: DataFrame, right: DataFrame, q: Question, threads: number): Promise<Run> {
  const t0 = performance.now();
  const out = await x.lazy().join(right, q.options).collect({ threads });
  return { ms: performance.now() - t0, rows: out.height, phases: lastJoinPhases() };
}

function fmt(ms: number): string {
  return ms.toFixed(1).padStart(8);
}

const USAGE = `usage: node dist/bench/join-threads.js [--rows 1e6] [--runs 5] [--warmup 2] [--threads 2]

  --rows     left rows of the H2O join set (default 1e6; generated when missing)
  --runs     timed runs per question and thread count (default 5)
  --warmup   untimed runs per question and thread count first (default 2)
  --threads  the thread count set against one thread (default 2)
`;

/** The options of this script, checked. */
interface JoinThreadsOptions {
  readonly rows: number;
  readonly runs: number;
  readonly warmup: number;
  readonly threads: number;
}

function readOptions(argv: string[]): JoinThreadsOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1e6' },
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      threads: { type: 'string', default: '2' },
    },
  });
  return {
    rows: wholeOption('rows', values.rows),
    runs: wholeOption('runs', values.runs),
    warmup: wholeOption('warmup', values.warmup, 0),
    threads: wholeOption('threads', values.threads),
  };
}

async function main(): Promise<void> {
  const { rows, runs, warmup, threads } = parseScriptArgs('join-threads', USAGE, readOptions);
  const names = h2oJoinNames(rows);
  const dir = defaultOutDir();
  if (!JOIN_TABLES.every((t) => existsSync(resolve(dir, `${names[t]}.csv`)))) await generateH2OJoin({ rows, dir });
  await startPool(threads);
  const tables = {} as Record<JoinTableName, DataFrame>;
  for (const t of JOIN_TABLES) tables[t] = await readCsv(resolve(dir, `${names[t]}.csv`), { threads });
  console.log(`H2O join questions, ${rows.toLocaleString('en-US')} left rows; median of ${runs} runs (ms)`);
  console.log('phases: sides = inputs run, layout = key casts and bounds, build = keys + table, probe round, assemble (wall);');
  console.log('        probe, gather = task time summed over threads; rest = total less the walls (planning, the frame)');
  console.log(`${'question'.padEnd(26)} thr   total    sides   layout    build    probe   gather  p.round assemble     rest  speed-up`);
  for (const q of JOIN_QUESTIONS) {
    const right = tables[q.right];
    for (let w = 0; w < warmup; w++) for (const th of [1, threads]) await runOnce(tables.x, right, q, th);
    const byThreads = new Map<number, Run[]>([
      [1, []],
      [threads, []],
    ]);
    for (let r = 0; r < runs; r++)
      for (const th of [1, threads]) {
        await settle();
        byThreads.get(th)!.push(await runOnce(tables.x, right, q, th));
      }
    const one = median(byThreads.get(1)!.map((r) => r.ms));
    for (const th of [1, threads]) {
      const list = byThreads.get(th)!;
      const m = median(list.map((r) => r.ms));
      const run = list.reduce((a, b) => (Math.abs(b.ms - m) < Math.abs(a.ms - m) ? b : a));
      const p = run.phases;
      const walls = p === null ? 0 : p.sides + p.layout + p.build + p.probeWall + p.tail + p.assemble;
      const ph =
        p === null
          ? `${'       -'.repeat(8)}`
          : [p.sides, p.layout, p.build, p.probe, p.gather, p.probeWall, p.assemble, run.ms - walls].map(fmt).join(' ');
      const label = `${q.id} ${q.label}`.padEnd(26);
      const table = p === null ? 'calling thread' : `${p.table} table`;
      console.log(
        `${label} ${String(th).padStart(3)} ${fmt(m)} ${ph}  ${th === 1 ? '' : `${(one / m).toFixed(2)}x`}   ${run.rows} rows, ${table}`,
      );
    }
  }
  await shutdownPool();
}

if (isEntryScript(import.meta.url)) await main();
