/** The shared harness every peer runner script uses: argument parsing, timing, summaries, and the JSON report. */

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { eventLine } from './partial.js';
import { peakBytes, resetPeak, type PeakMethod } from './peak-memory.js';
import type { QuestionResult, RunnerOutput } from './protocol.js';
import { QUESTIONS, type QuestionId } from './questions.js';

/** Command-line options every runner accepts: `--csv path --runs 3 --threads N [--questions q1,q2]`. */
export interface RunnerArgs {
  csv: string;
  runs: number;
  threads: number;
  /** The questions to answer, in the order of `QUESTIONS`; every one unless `--questions` names some. */
  questions: QuestionId[];
}

/** Row count and per-column sums of one answer, computed by the engine itself. */
export interface AnswerSummary {
  rows: number;
  sums: Record<string, number>;
}

/**
 * What an engine adapter supplies. `D` is the loaded table, `A` one answer. A question
 * missing from `questions` is reported as unsupported rather than silently skipped.
 */
export interface PeerEngine<D, A> {
  name: string;
  version: string;
  threads: number;
  load(csv: string): Promise<D>;
  rowCount(data: D): Promise<number>;
  questions: Partial<Record<QuestionId, (data: D) => Promise<A>>>;
  summarize(answer: A): Promise<AnswerSummary>;
  /** Frees an answer between runs, so one run's result does not inflate the next run's memory. */
  release?(answer: A): Promise<void>;
  close?(): Promise<void>;
}

/**
 * Parses the runner command line; threads default to every available core, questions to all.
 *
 * @example
 * parseRunnerArgs(['--csv', 'g.csv', '--questions', 'q3']).questions; // ['q3']
 */
export function parseRunnerArgs(argv: string[]): RunnerArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      csv: { type: 'string' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string' },
      questions: { type: 'string' },
    },
  });
  if (values.csv === undefined) throw new Error('--csv <path> is required');
  const runs = Number(values.runs);
  const threads = values.threads === undefined ? 0 : Number(values.threads);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  if (!Number.isInteger(threads) || threads < 0) throw new Error(`--threads must be a non-negative integer`);
  const asked = values.questions?.split(',').map((q) => q.trim());
  const unknown = asked?.filter((id) => !QUESTIONS.some((q) => q.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`--questions: unknown ${unknown.join(', ')}`);
  const questions = QUESTIONS.map((q) => q.id).filter((id) => asked === undefined || asked.includes(id));
  return { csv: values.csv, runs, threads, questions };
}

/** Median of a non-empty list; the mean of the middle pair for even lengths. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? NaN) + hi) / 2;
}

/**
 * Version of an installed package. Read from its package.json on disk because some packages
 * do not export `./package.json`, so it cannot be imported.
 */
export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version !== undefined) return pkg.version;
    } catch {
      // No package.json at this level: keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Untimed runs of each question before the timed ones, for every engine alike: a first run pays
 * for compiling (a JIT's code, a query plan) and for cold caches, and at 1e6 rows that can be most
 * of a median of three (Volley's q1: 13.8, 9.6 and 2.3 ms). It is still reported, as the cold run.
 */
const WARMUP_RUNS = 1;

/**
 * One question, its peak RSS measured around its first and timed runs: the mark is reset
 * before and read after, so it includes whatever was resident already (the loaded table).
 */
async function measureQuestion<D, A>(engine: PeerEngine<D, A>, data: D, id: QuestionId, runs: number, method: PeakMethod) {
  resetPeak();
  const result = await timeQuestion(engine, data, id, runs);
  return { ...result, peakRssBytes: peakBytes(method) };
}

async function timeQuestion<D, A>(engine: PeerEngine<D, A>, data: D, id: QuestionId, runs: number): Promise<QuestionResult> {
  const blank: QuestionResult = { id, seconds: null, firstSeconds: null, times: [], rows: null, sums: {} };
  const answer = engine.questions[id];
  if (answer === undefined) return { ...blank, error: `${engine.name} does not support ${id}` };
  const times: number[] = [];
  let first: number | null = null;
  let summary: AnswerSummary | undefined;
  try {
    for (let run = -WARMUP_RUNS; run < runs; run++) {
      const start = performance.now();
      const result = await answer(data);
      const seconds = (performance.now() - start) / 1000;
      first ??= seconds;
      if (run >= 0) times.push(seconds);
      // Summaries are taken outside the timed region, from the first run only: they cost
      // time an engine's user would not pay, and every run gives the same answer.
      if (summary === undefined) summary = await engine.summarize(result);
      await engine.release?.(result);
    }
  } catch (err) {
    return { ...blank, times, error: errorText(err) };
  }
  return {
    id,
    seconds: median(times),
    firstSeconds: first,
    times,
    rows: summary?.rows ?? null,
    sums: summary?.sums ?? {},
  };
}

/**
 * Runs one engine through load and all questions and prints the protocol JSON on stdout.
 * The engine is created from the parsed arguments because thread settings must be in place
 * before some engines initialise.
 */
export async function runRunner<D, A>(create: (args: RunnerArgs) => Promise<PeerEngine<D, A>>): Promise<void> {
  try {
    await runAll(create);
  } catch (err) {
    // One plain line last on stderr: the orchestrator reports the tail of stderr as the error.
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.stderr.write(`runner failed: ${errorText(err).split('\n').join(' ').slice(0, 500)}\n`);
    process.exitCode = 1;
  }
}

async function runAll<D, A>(create: (args: RunnerArgs) => Promise<PeerEngine<D, A>>): Promise<void> {
  const args = parseRunnerArgs(process.argv.slice(2));
  const engine = await create(args);
  const peakMethod = resetPeak();
  const loadStart = performance.now();
  const data = await engine.load(args.csv);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const load = { seconds: loadSeconds, peakRssBytes: peakBytes(peakMethod) };
  const rows = await engine.rowCount(data);
  const { name, version, threads } = engine;
  // Each step on its own line first, so a process killed part-way leaves what it measured.
  process.stdout.write(eventLine({ event: 'load', engine: name, version, threads, rows, load, peakMethod }));
  const questions: QuestionResult[] = [];
  for (const id of args.questions) {
    const question = await measureQuestion(engine, data, id, args.runs, peakMethod);
    questions.push(question);
    process.stdout.write(eventLine({ event: 'question', question }));
    process.stderr.write(`${engine.name} ${id} done\n`);
  }
  await engine.close?.();
  const peaks = [load.peakRssBytes, ...questions.map((q) => q.peakRssBytes ?? 0)];
  const output: RunnerOutput = {
    engine: name,
    version,
    rows,
    threads,
    load,
    questions,
    // Under `maxrss` the process's own peak; under `vmhwm` the resets have lowered that mark,
    // so the process's peak is the highest of its stretches'.
    peakRssBytes: peakMethod === 'vmhwm' ? Math.max(...peaks) : process.resourceUsage().maxRSS * 1024,
    peakMethod,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
