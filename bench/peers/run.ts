/** Peer orchestrator: runs each engine's runner in its own process, collects the reports, and checks answers. */

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAnswers, type PeerResult } from './check.js';
import { type ColdMode, runEngine, runnerPath } from './engine-run.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import { formatReport } from './report.js';

export { checkAnswers, type PeerResult } from './check.js';
export { describeFailure, runChild, type ChildOutcome } from './child.js';
export type { ColdMode } from './engine-run.js';

/** Engine name → runner script in the compiled peers directory. Adding an engine is one line here. */
export const PEER_RUNNERS: Readonly<Record<string, string>> = {
  duckdb: 'duckdb.js',
  polars: 'polars.js',
  arquero: 'arquero.js',
  volley: 'volley.js',
  'volley-scan': 'volley-scan.js',
  'volley-stream': 'volley-stream.js',
  'duckdb-file': 'duckdb-file.js',
  'polars-file': 'polars-file.js',
};

/** Engines that answer each question straight on the CSV file, the read inside the question's time (`--peers file` names them all). */
export const FILE_ENGINES: readonly string[] = ['volley-scan', 'volley-stream', 'duckdb-file', 'polars-file'];

/** What to run: which CSV, which engines (default: all registered), how many timed runs, how many threads. */
export interface RunPeersOptions {
  csv: string;
  engines?: readonly string[];
  runs?: number;
  threads?: number;
  /** Wall-clock limit of one runner process; a runner past it is killed and recorded as timed out. */
  timeoutMs?: number;
  /** Where each question's cold run happens (see `ColdMode`); default `first`, one process per engine. */
  cold?: ColdMode;
  /** The questions to ask; default all of `QUESTIONS`. */
  questions?: readonly QuestionId[];
  /** Engine name → runner script in `scriptDir`; default `PEER_RUNNERS` (tests pass fakes). */
  runners?: Readonly<Record<string, string>>;
  /** Directory holding the compiled runner scripts; see `defaultScriptDir`. */
  scriptDir?: string;
  /** Extra Node flags for each runner, e.g. a larger heap for big inputs. */
  nodeArgs?: readonly string[];
  /** Called before each engine starts, so long runs can show progress. */
  onStart?: (engine: string) => void;
}

/**
 * Where the runner scripts live. Runners are always the compiled JS in dist/, even when this
 * module itself is loaded from TypeScript source (as a test runner does), because each runner
 * is spawned as a plain `node` process.
 */
export function defaultScriptDir(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('../../dist/bench/peers/', here) : new URL('./', here));
}

/**
 * Runs each engine's runner, one after another so they never compete for cores, each in its
 * own process (or, with `cold: 'process'`, a fresh process per question) so peak memory is per
 * engine. A crash, an out-of-memory end or a timeout becomes that engine's `error`, and the
 * questions it cost carry it too; nothing here throws for an engine's failure.
 *
 * @example
 * const results = await runPeers({ csv, engines: ['volley', 'duckdb'], runs: 3, cold: 'process' });
 */
export async function runPeers(options: RunPeersOptions): Promise<PeerResult[]> {
  const scriptDir = options.scriptDir ?? defaultScriptDir();
  const runners = options.runners ?? PEER_RUNNERS;
  const results: PeerResult[] = [];
  for (const engine of options.engines ?? Object.keys(runners)) {
    options.onStart?.(engine);
    const script = runners[engine];
    if (script === undefined) {
      results.push({ engine, error: `unknown engine '${engine}'`, wallSeconds: 0 });
      continue;
    }
    results.push(
      await runEngine({
        engine,
        script: runnerPath(scriptDir, script),
        csv: options.csv,
        runs: options.runs ?? 3,
        threads: options.threads ?? availableParallelism(),
        questions: options.questions ?? QUESTIONS.map((q) => q.id),
        cold: options.cold ?? 'first',
        timeoutMs: options.timeoutMs ?? 30 * 60_000,
        nodeArgs: options.nodeArgs ?? [],
      }),
    );
  }
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      csv: { type: 'string' },
      engines: { type: 'string' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string' },
      timeout: { type: 'string', default: '1800' },
      cold: { type: 'string', default: 'first' },
      json: { type: 'string' },
      'node-arg': { type: 'string', multiple: true },
    },
  });
  if (values.csv === undefined)
    throw new Error(
      'usage: run.js --csv path [--engines a,b] [--runs 3] [--threads N] [--cold process|first] [--timeout s] [--json out.json] [--node-arg=--flag ...]',
    );
  if (values.cold !== 'process' && values.cold !== 'first') throw new Error(`--cold takes process or first, got ${values.cold}`);
  const results = await runPeers({
    csv: values.csv,
    runs: Number(values.runs),
    timeoutMs: Number(values.timeout) * 1000,
    cold: values.cold,
    onStart: (engine) => process.stderr.write(`running ${engine}...\n`),
    ...(values.engines === undefined ? {} : { engines: values.engines.split(',') }),
    ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
    ...(values['node-arg'] === undefined ? {} : { nodeArgs: values['node-arg'] }),
  });
  const verdicts = checkAnswers(results);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ results, verdicts }, null, 2));
  process.stdout.write(formatReport(results, verdicts));
  if (verdicts.some((v) => v.questions.some((q) => q.verdict === 'mismatch'))) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
