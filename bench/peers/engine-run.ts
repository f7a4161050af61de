/** One engine's part of the peer comparison: its runner in one process for every question, or in a fresh process per question, with failures kept per question. */

import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PeerResult } from './check.js';
import { describeFailure, runChild } from './child.js';
import { recoverOutput } from './partial.js';
import { parseRunnerOutput, type QuestionResult, type RunnerOutput } from './protocol.js';
import type { QuestionId } from './questions.js';
import { median } from './runner.js';

/**
 * Where a question's cold run happens. `process`: every question in a fresh process of its own
 * (start, load, then the question), the first run a user meets. `first`: one process per engine
 * answers every question in turn, and each question's first run after the load is its cold one
 * (the questions before it may have warmed it): for tables too big to reload ten times.
 */
export type ColdMode = 'process' | 'first';

/** What one engine's run needs: its runner script, the data, the runs and the limits. */
export interface EngineRunOptions {
  engine: string;
  /** Absolute path of the compiled runner script. */
  script: string;
  csv: string;
  runs: number;
  threads: number;
  questions: readonly QuestionId[];
  cold: ColdMode;
  /** Wall-clock limit of one runner process; a runner past it is killed and the question reported as timed out. */
  timeoutMs: number;
  nodeArgs: readonly string[];
}

/** A process's figures, or why it gave none; `output` may be partial when `error` is set. */
interface ProcessResult {
  output?: RunnerOutput;
  error?: string;
}

/** A question the process never finished: the one it died in gets the failure, the ones after it `not run`. */
function unfinished(id: QuestionId, error: string): QuestionResult {
  return { id, seconds: null, firstSeconds: null, times: [], rows: null, sums: {}, error };
}

/** Fills in the questions a failed process did not finish, so each shows why it has no figure. */
function completeQuestions(output: RunnerOutput, asked: readonly QuestionId[], failure: string): RunnerOutput {
  const done = new Map(output.questions.map((q) => [q.id, q]));
  const missing = asked.filter((id) => !done.has(id));
  const questions = asked.map(
    (id) => done.get(id) ?? unfinished(id, id === missing[0] ? failure : `not run: the process ended at ${missing[0]}: ${failure}`),
  );
  return { ...output, questions };
}

async function runProcess(options: EngineRunOptions, questions: readonly QuestionId[]): Promise<ProcessResult> {
  const args = [
    ...options.nodeArgs,
    options.script,
    ...['--csv', options.csv, '--runs', String(options.runs), '--threads', String(options.threads)],
    ...['--questions', questions.join(',')],
  ];
  // Engines that size their pools from the environment (Polars) read it at startup.
  const env = { ...process.env, POLARS_MAX_THREADS: String(options.threads) };
  const outcome = await runChild(args, env, options.timeoutMs);
  const failure = describeFailure(outcome, options.timeoutMs);
  if (failure !== undefined) {
    const partial = recoverOutput(outcome.stdout);
    return partial === undefined ? { error: failure } : { output: completeQuestions(partial, questions, failure), error: failure };
  }
  try {
    return { output: parseRunnerOutput(outcome.stdout) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * One engine's figures from the processes of a per-question run: the questions in order, the
 * load as the median of every process's load (its peak the largest), the process peak the
 * largest of theirs.
 *
 * @example
 * mergeOutputs([q1Output, q2Output]).load.times; // [0.21, 0.19]
 */
export function mergeOutputs(outputs: readonly RunnerOutput[]): RunnerOutput {
  const first = outputs[0];
  if (first === undefined) throw new Error('mergeOutputs needs at least one output');
  const loads = outputs.map((o) => o.load.seconds);
  const loadPeaks = outputs.flatMap((o) => (o.load.peakRssBytes === undefined ? [] : [o.load.peakRssBytes]));
  return {
    ...first,
    load: { seconds: median(loads), times: loads, ...(loadPeaks.length === 0 ? {} : { peakRssBytes: Math.max(...loadPeaks) }) },
    questions: outputs.flatMap((o) => o.questions),
    peakRssBytes: Math.max(...outputs.map((o) => o.peakRssBytes)),
  };
}

/**
 * A fresh process per question. A process that dies before its load finished (the table does
 * not fit, the engine cannot read it) would do the same for every question, so the rest are
 * reported `not run` instead of started; one that dies in its question fails that question only.
 */
async function perQuestion(options: EngineRunOptions): Promise<ProcessResult> {
  const outputs: RunnerOutput[] = [];
  const failures: string[] = [];
  const lost: QuestionResult[] = [];
  for (const [i, id] of options.questions.entries()) {
    const run = await runProcess(options, [id]);
    if (run.error !== undefined) failures.push(`${id}: ${run.error}`);
    if (run.output !== undefined) {
      outputs.push(run.output);
      continue;
    }
    lost.push(unfinished(id, run.error ?? 'no output'));
    if (outputs.length > 0) continue;
    // Nothing loaded yet: every later question would fail the same way.
    const rest = options.questions.slice(i + 1);
    lost.push(...rest.map((q) => unfinished(q, `not run: the process for ${id} ended before its load finished: ${run.error}`)));
    break;
  }
  const error = failures.length === 0 ? undefined : failures.join('; ');
  if (outputs.length === 0) return { error: error ?? 'no output' };
  const merged = mergeOutputs(outputs);
  const byId = new Map([...merged.questions, ...lost].map((q) => [q.id, q]));
  const questions = options.questions.flatMap((id) => byId.get(id) ?? []);
  return { output: { ...merged, questions }, ...(error === undefined ? {} : { error }) };
}

/**
 * Runs one engine as `options.cold` says and returns its result: its figures (partial where a
 * process failed) and, when anything failed, why, one clause per failed process.
 *
 * @example
 * const result = await runEngine({ engine: 'duckdb', script, csv, runs: 3, threads: 2, questions: ['q1'], cold: 'process', timeoutMs: 60_000, nodeArgs: [] });
 * result.output?.questions[0]?.firstSeconds; // the cold run
 */
export async function runEngine(options: EngineRunOptions): Promise<PeerResult> {
  const start = performance.now();
  const run = options.cold === 'process' ? await perQuestion(options) : await runProcess(options, options.questions);
  const wallSeconds = (performance.now() - start) / 1000;
  return {
    engine: options.engine,
    ...(run.output === undefined ? {} : { output: run.output }),
    ...(run.error === undefined ? {} : { error: run.error }),
    wallSeconds,
  };
}

/**
 * The runner script `name` in `scriptDir`, as a path.
 *
 * @example
 * runnerPath('/repo/dist/bench/peers', 'duckdb.js'); // '/repo/dist/bench/peers/duckdb.js'
 */
export function runnerPath(scriptDir: string, name: string): string {
  return fileURLToPath(new URL(name, pathToFileURL(`${scriptDir}/`)));
}
