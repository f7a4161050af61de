/** Join orchestrator: runs each join runner in its own process (Volley at N threads and at one), collects the reports, and checks every answer against DuckDB's. */

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { JOIN_TABLES, type JoinTableName } from '../../datasets/h2o-join.js';
import { isEntryScript } from '../../datasets/entry.js';
import { checkAnswers, type PeerResult } from './check.js';
import type { JoinRunnerOutput } from './join-runner.js';
import { parseRunnerOutput } from './protocol.js';
import { defaultScriptDir, describeFailure, runChild } from './run.js';

/** Engine name → join runner script in the compiled peers directory. */
export const JOIN_RUNNERS: Readonly<Record<string, string>> = {
  volley: 'join-volley.js',
  duckdb: 'join-duckdb.js',
  polars: 'join-polars.js',
};

/** The label of Volley's one-thread run, beside `volley` (N threads): the scaling pair. */
export const VOLLEY_ONE_THREAD = 'volley-t1';

/** One runner process to start: its label in the report, the engine it runs, and its thread count. */
export interface JoinRunSpec {
  label: string;
  engine: string;
  threads: number;
}

/**
 * The processes of one join run, in order: Volley at `threads`, Volley at one thread (unless
 * `threads` is 1), then every other engine at `threads`. DuckDB is added when missing, because
 * every answer is checked against it.
 *
 * @example
 * joinRunSpecs(['volley', 'polars'], 2).map((s) => s.label); // ['volley', 'volley-t1', 'duckdb', 'polars']
 */
export function joinRunSpecs(engines: readonly string[], threads: number): JoinRunSpec[] {
  const others = [...new Set(['duckdb', ...engines.filter((e) => e !== 'volley')])];
  const specs: JoinRunSpec[] = [{ label: 'volley', engine: 'volley', threads }];
  if (threads !== 1) specs.push({ label: VOLLEY_ONE_THREAD, engine: 'volley', threads: 1 });
  return [...specs, ...others.map((engine) => ({ label: engine, engine, threads }))];
}

/** What to run: the four tables, the processes, timed runs per question, and a per-process time limit. */
export interface RunJoinsOptions {
  paths: Record<JoinTableName, string>;
  specs: readonly JoinRunSpec[];
  runs: number;
  timeoutMs: number;
  /** Directory holding the compiled runner scripts; see `defaultScriptDir`. */
  scriptDir?: string;
  nodeArgs?: readonly string[];
  onStart?: (label: string) => void;
}

async function runOne(spec: JoinRunSpec, options: RunJoinsOptions, scriptDir: string): Promise<PeerResult> {
  const start = performance.now();
  const script = JOIN_RUNNERS[spec.engine];
  if (script === undefined) return { engine: spec.label, error: `no join runner for '${spec.engine}'`, wallSeconds: 0 };
  const args = [
    ...(options.nodeArgs ?? []),
    fileURLToPath(new URL(script, pathToFileURL(`${scriptDir}/`))),
    ...JOIN_TABLES.flatMap((name) => [`--${name}`, options.paths[name]]),
    ...['--runs', String(options.runs), '--threads', String(spec.threads)],
  ];
  const env = { ...process.env, POLARS_MAX_THREADS: String(spec.threads) };
  const outcome = await runChild(args, env, options.timeoutMs);
  const wallSeconds = (performance.now() - start) / 1000;
  const failure = describeFailure(outcome, options.timeoutMs);
  if (failure !== undefined) return { engine: spec.label, error: failure, wallSeconds };
  try {
    const output = parseRunnerOutput(outcome.stdout) as JoinRunnerOutput;
    return { engine: spec.label, output: { ...output, engine: spec.label }, wallSeconds };
  } catch (err) {
    return { engine: spec.label, error: err instanceof Error ? err.message : String(err), wallSeconds };
  }
}

/**
 * Runs each process one after another, so they never compete for cores, each on its own so its
 * peak memory is its own. A crash or timeout becomes that run's `error`. Each result's engine is
 * the spec's label (`volley-t1` for Volley's one-thread run).
 *
 * @example
 * const results = await runJoins({ paths, specs: joinRunSpecs(['volley'], 2), runs: 3, timeoutMs: 600_000 });
 */
export async function runJoins(options: RunJoinsOptions): Promise<PeerResult[]> {
  const scriptDir = options.scriptDir ?? defaultScriptDir();
  const results: PeerResult[] = [];
  for (const spec of options.specs) {
    options.onStart?.(spec.label);
    results.push(await runOne(spec, options, scriptDir));
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      x: { type: 'string' },
      small: { type: 'string' },
      medium: { type: 'string' },
      big: { type: 'string' },
      engines: { type: 'string', default: 'volley,duckdb,polars' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string' },
      timeout: { type: 'string', default: '1800' },
      json: { type: 'string' },
      'node-arg': { type: 'string', multiple: true },
    },
  });
  const paths = {} as Record<JoinTableName, string>;
  for (const name of JOIN_TABLES) {
    const path = values[name];
    if (path === undefined)
      throw new Error(
        'usage: join-run.js --x a.csv --small b.csv --medium c.csv --big d.csv [--engines a,b] [--runs 3] [--threads N] [--json out.json]',
      );
    paths[name] = path;
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  const results = await runJoins({
    paths,
    specs: joinRunSpecs(values.engines.split(','), threads),
    runs: Number(values.runs),
    timeoutMs: Number(values.timeout) * 1000,
    onStart: (label) => process.stderr.write(`running ${label}...\n`),
    ...(values['node-arg'] === undefined ? {} : { nodeArgs: values['node-arg'] }),
  });
  const verdicts = checkAnswers(results);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ results, verdicts }, null, 2));
  else process.stdout.write(`${JSON.stringify({ results, verdicts })}\n`);
  if (verdicts.some((v) => v.questions.some((q) => q.verdict === 'mismatch'))) process.exitCode = 1;
}

if (isEntryScript(import.meta.url)) await main();
