/** The harness every join runner script uses: the four tables' paths, each table's load timed apart, every join question cold and warm, and the JSON report. */

import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { JOIN_TABLES, type JoinTableName } from '../../datasets/h2o-join.js';
import { JOIN_QUESTIONS, type JoinQuestion } from './join-questions.js';
import type { QuestionResult, RunnerOutput } from './protocol.js';
import { median, type AnswerSummary } from './runner.js';

/** Command-line options every join runner accepts: `--x a.csv --small b.csv --medium c.csv --big d.csv --runs 3 --threads N`. */
export interface JoinRunnerArgs {
  paths: Record<JoinTableName, string>;
  runs: number;
  /** 0 leaves the engine's own default (every core). */
  threads: number;
}

/** What a join runner reports: the peer protocol, plus each table's rows and load time (the protocol's `load` is their sum). */
export interface JoinRunnerOutput extends RunnerOutput {
  tables: Record<JoinTableName, { rows: number; seconds: number }>;
}

/** What an engine adapter supplies; `T` is a loaded table, `A` one answer. */
export interface JoinEngine<T, A> {
  name: string;
  version: string;
  threads: number;
  load(name: JoinTableName, path: string): Promise<T>;
  rowCount(table: T): Promise<number>;
  answer(q: JoinQuestion, x: T, right: T): Promise<A>;
  /** Row count and sums under the question's column names (see `canonicalSums`). */
  summarize(q: JoinQuestion, answer: A): Promise<AnswerSummary>;
  /** Frees an answer between runs, so one run's result does not inflate the next run's memory. */
  release?(answer: A): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Parses a join runner's command line.
 *
 * @example
 * parseJoinRunnerArgs(['--x', 'x.csv', '--small', 's.csv', '--medium', 'm.csv', '--big', 'b.csv']).runs; // 3
 */
export function parseJoinRunnerArgs(argv: readonly string[]): JoinRunnerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      x: { type: 'string' },
      small: { type: 'string' },
      medium: { type: 'string' },
      big: { type: 'string' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string', default: '0' },
    },
  });
  const paths = {} as Record<JoinTableName, string>;
  for (const name of JOIN_TABLES) {
    const path = values[name];
    if (path === undefined) throw new Error(`--${name} <path> is required`);
    paths[name] = path;
  }
  const runs = Number(values.runs);
  const threads = Number(values.threads);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  if (!Number.isInteger(threads) || threads < 0) throw new Error(`--threads must be a non-negative integer, got ${values.threads}`);
  return { paths, runs, threads };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One question: a first run, reported as the cold one (this process has not run the question
 * before: code to compile, a plan to build, caches to fill), then `runs` timed runs whose median
 * is the warm figure. The summary is taken outside the timed region, once.
 */
async function timeJoin<T, A>(engine: JoinEngine<T, A>, q: JoinQuestion, x: T, right: T, runs: number): Promise<QuestionResult> {
  const times: number[] = [];
  let first: number | null = null;
  let summary: AnswerSummary | undefined;
  try {
    for (let run = -1; run < runs; run++) {
      const start = performance.now();
      const answer = await engine.answer(q, x, right);
      const seconds = (performance.now() - start) / 1000;
      if (run < 0) first = seconds;
      else times.push(seconds);
      summary ??= await engine.summarize(q, answer);
      await engine.release?.(answer);
    }
  } catch (err) {
    return { id: q.id, seconds: null, firstSeconds: first, times, rows: null, sums: {}, error: errorText(err) };
  }
  return { id: q.id, seconds: median(times), firstSeconds: first, times, rows: summary?.rows ?? null, sums: summary?.sums ?? {} };
}

/**
 * Loads the four tables (each timed apart), answers every join question, and prints the
 * protocol JSON as the last line on stdout. A failure ends with one `runner failed:` line on
 * stderr, which the orchestrator reports as the engine's error.
 *
 * @example
 * await runJoinRunner(async (args) => createMyEngine(args.threads));
 */
export async function runJoinRunner<T, A>(create: (args: JoinRunnerArgs) => Promise<JoinEngine<T, A>>): Promise<void> {
  try {
    const args = parseJoinRunnerArgs(process.argv.slice(2));
    const engine = await create(args);
    const tables = {} as JoinRunnerOutput['tables'];
    const loaded = new Map<JoinTableName, T>();
    for (const name of JOIN_TABLES) {
      const start = performance.now();
      const table = await engine.load(name, args.paths[name]);
      const seconds = (performance.now() - start) / 1000;
      loaded.set(name, table);
      tables[name] = { rows: await engine.rowCount(table), seconds };
    }
    const x = loaded.get('x')!;
    const questions: QuestionResult[] = [];
    for (const q of JOIN_QUESTIONS) {
      questions.push(await timeJoin(engine, q, x, loaded.get(q.right)!, args.runs));
      process.stderr.write(`${engine.name} ${q.id} done\n`);
    }
    await engine.close?.();
    const output: JoinRunnerOutput = {
      engine: engine.name,
      version: engine.version,
      rows: tables.x.rows,
      threads: engine.threads,
      load: { seconds: JOIN_TABLES.reduce((sum, name) => sum + tables[name].seconds, 0) },
      questions,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      tables,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.stderr.write(`runner failed: ${errorText(err).split('\n').join(' ').slice(0, 500)}\n`);
    process.exitCode = 1;
  }
}
