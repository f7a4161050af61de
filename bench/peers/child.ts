/** A runner in a child process: run it with a time limit, and say in words why it gave no report (out of memory, killed, timed out, crashed). */

import { spawn } from 'node:child_process';

/** How a runner process ended, with its output (stderr's tail only). */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The line of stderr that said the process ran out of memory, kept apart because a native stack trace after it can push it out of the tail. */
  outOfMemory?: string;
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
    let outOfMemory: string | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Only the tail of stderr matters for diagnosing a crash; keep memory bounded.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      outOfMemory ??= stderr.split('\n').find(isOutOfMemory);
      stderr = stderr.slice(-4000);
    });
    const ended = (code: number | null, signal: NodeJS.Signals | null, extra = ''): ChildOutcome => ({
      code,
      signal,
      stdout,
      stderr: `${stderr}${extra}`,
      timedOut,
      ...(outOfMemory === undefined ? {} : { outOfMemory }),
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(ended(null, null, `\n${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve(ended(code, signal));
    });
  });
}

/**
 * What each engine prints as it runs out of memory: V8's heap limit, a failed ArrayBuffer,
 * Rust's allocator (Polars), DuckDB's own error, C++'s bad_alloc, Volley's memoryLimit.
 */
const OUT_OF_MEMORY = [
  /out of memory/i,
  /Array buffer allocation failed/i,
  /memory allocation of \d+ bytes failed/i,
  /std::bad_alloc/,
  /over its memoryLimit/,
];

/**
 * Whether an error's text says the engine ran out of memory.
 *
 * @example
 * isOutOfMemory('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'); // true
 */
export function isOutOfMemory(text: string): boolean {
  return OUT_OF_MEMORY.some((pattern) => pattern.test(text));
}

/**
 * Why a runner gave no report, on one line, starting with what a report cell shows
 * (`out of memory`, `killed by SIGKILL`, `timed out`, `exited with ...`); undefined when it
 * exited cleanly. A SIGKILL the orchestrator did not send is most likely the kernel's
 * out-of-memory killer, which leaves no message, and the line says so.
 *
 * @example
 * describeFailure(outcome, 60_000); // 'exited with code 1: runner failed: No files found'
 * describeFailure(killed, 60_000);  // 'killed by SIGKILL (no message: most likely the kernel's out-of-memory killer)'
 */
export function describeFailure(outcome: ChildOutcome, timeoutMs: number): string | undefined {
  // A runner's progress lines (`duckdb q3 done`) say nothing about why it ended.
  const lines = outcome.stderr
    .trim()
    .split('\n')
    .filter((line) => !/^\S+ q\d+ done$/.test(line));
  // A runner that failed in JS says why on one line; a native crash leaves only its last words.
  const tail = lines.findLast((line) => line.startsWith('runner failed: ')) ?? lines.slice(-3).join('\n');
  if (outcome.timedOut) return `timed out after ${timeoutMs / 1000} s`;
  if (outcome.code === 0 && outcome.signal === null) return undefined;
  const said = tail ? `: ${tail}` : '';
  const oom = outcome.outOfMemory ?? outcome.stderr.split('\n').find(isOutOfMemory);
  if (oom !== undefined) return `out of memory (${outcome.signal ?? `exit code ${outcome.code}`}): ${oom.trim()}`;
  if (outcome.signal === 'SIGKILL') return `killed by SIGKILL${said || " (no message: most likely the kernel's out-of-memory killer)"}`;
  if (outcome.signal !== null) return `killed by ${outcome.signal}${said}`;
  return `exited with code ${outcome.code}${said}`;
}

/**
 * The few words a table cell shows for a failure described by `describeFailure` or a question's
 * own error: `out of memory`, `killed by SIGKILL`, `timed out`, `not run`, or `error`.
 *
 * @example
 * failureLabel('killed by SIGKILL (no message: ...)'); // 'killed by SIGKILL'
 * failureLabel('Binder Error: ...');                   // 'error'
 */
export function failureLabel(error: string): string {
  if (error.startsWith('not run')) return 'not run';
  if (error.startsWith('timed out')) return 'timed out';
  if (isOutOfMemory(error)) return 'out of memory';
  const killed = /^killed by (SIG[A-Z0-9]+)/.exec(error);
  if (killed !== null) return `killed by ${killed[1]}`;
  return 'error';
}
