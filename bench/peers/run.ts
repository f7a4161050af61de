/** Peer orchestrator: runs each engine's runner in its own process, collects the reports, and checks answers. */

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { checkAnswers, type PeerResult } from './check.js';
import { parseRunnerOutput } from './protocol.js';
import { formatReport } from './report.js';

export { checkAnswers, type PeerResult } from './check.js';

/** Engine name → runner script in the compiled peers directory. Adding an engine is one line here. */
export const PEER_RUNNERS: Readonly<Record<string, string>> = {
  duckdb: 'duckdb.js',
  polars: 'polars.js',
  arquero: 'arquero.js',
  volley: 'volley.js',
};

/** What to run: which CSV, which engines (default: all registered), how many timed runs, how many threads. */
export interface RunPeersOptions {
  csv: string;
  engines?: readonly string[];
  runs?: number;
  threads?: number;
  /** Per-engine wall-clock limit; a runner past it is killed and recorded as an error. */
  timeoutMs?: number;
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

/** How a runner process ended, with its output (stderr's tail only). */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `node ...args` and collects its stdout and the tail of its stderr; past `timeoutMs` it is
 * killed and the outcome says so. Never rejects.
 *
 * @example
 * const outcome = await runChild(['runner.js', '--csv', path], process.env, 60_000);
 */
export function runChild(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Only the tail of stderr matters for diagnosing a crash; keep memory bounded.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}\n${err.message}`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * Why a runner gave no report, on one line (its own `runner failed:` line when it wrote one);
 * undefined when it exited cleanly.
 *
 * @example
 * describeFailure(outcome, 60_000); // 'exited with code 1: runner failed: No files found'
 */
export function describeFailure(outcome: ChildOutcome, timeoutMs: number): string | undefined {
  const lines = outcome.stderr.trim().split('\n');
  // A runner that failed in JS says why on one line; a native crash leaves only its last words.
  const tail = lines.findLast((line) => line.startsWith('runner failed: ')) ?? lines.slice(-3).join('\n');
  if (outcome.timedOut) return `timed out after ${timeoutMs / 1000} s`;
  if (outcome.code !== 0) return `exited with ${outcome.signal ?? `code ${outcome.code}`}${tail ? `: ${tail}` : ''}`;
  return undefined;
}

async function runOne(engine: string, options: RunPeersOptions, scriptDir: string): Promise<PeerResult> {
  const start = performance.now();
  const script = PEER_RUNNERS[engine];
  if (script === undefined) return { engine, error: `unknown engine '${engine}'`, wallSeconds: 0 };
  const threads = options.threads ?? availableParallelism();
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const args = [
    ...(options.nodeArgs ?? []),
    fileURLToPath(new URL(script, pathToFileURL(`${scriptDir}/`))),
    ...['--csv', options.csv, '--runs', String(options.runs ?? 3), '--threads', String(threads)],
  ];
  // Engines that size their pools from the environment (Polars) read it at startup.
  const env = { ...process.env, POLARS_MAX_THREADS: String(threads) };
  const outcome = await runChild(args, env, timeoutMs);
  const wallSeconds = (performance.now() - start) / 1000;
  const failure = describeFailure(outcome, timeoutMs);
  if (failure !== undefined) return { engine, error: failure, wallSeconds };
  try {
    return { engine, output: parseRunnerOutput(outcome.stdout), wallSeconds };
  } catch (err) {
    return { engine, error: err instanceof Error ? err.message : String(err), wallSeconds };
  }
}

/**
 * Runs each engine's runner, one after another so they never compete for cores, each in its
 * own process so peak memory is per engine. A crash or timeout becomes that engine's `error`.
 */
export async function runPeers(options: RunPeersOptions): Promise<PeerResult[]> {
  const scriptDir = options.scriptDir ?? defaultScriptDir();
  const results: PeerResult[] = [];
  for (const engine of options.engines ?? Object.keys(PEER_RUNNERS)) {
    options.onStart?.(engine);
    results.push(await runOne(engine, options, scriptDir));
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
      json: { type: 'string' },
      'node-arg': { type: 'string', multiple: true },
    },
  });
  if (values.csv === undefined)
    throw new Error('usage: run.js --csv path [--engines a,b] [--runs 3] [--threads N] [--json out.json] [--node-arg=--flag ...]');
  const results = await runPeers({
    csv: values.csv,
    runs: Number(values.runs),
    timeoutMs: Number(values.timeout) * 1000,
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
