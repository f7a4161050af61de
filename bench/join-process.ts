/** The join benchmark's peer run: the join orchestrator (`bench/peers/join-run.ts`) in a lean process of its own, so each runner's peak memory is its own. */

import { JOIN_TABLES } from '../datasets/h2o-join.js';
import type { JoinData } from './join-data.js';
import type { EngineVerdict, PeerResult } from './peers/check.js';
import { runOrchestrator } from './peer-process.js';
import type { JoinRun } from './report/model.js';

/** What to run: the data set, the engines beside Volley, N, timed runs, and a per-process limit. */
export interface JoinProcessOptions {
  data: JoinData;
  engines: readonly string[];
  threads: number;
  runs: number;
  timeoutSeconds: number;
  /** Called as each runner process starts, with its label (`volley`, `volley-t1`, `duckdb` ...). */
  onStart: (label: string) => void;
}

/**
 * Runs Volley at N threads and at one, DuckDB (the reference) and the other engines, each in its
 * own process, and returns the report's join section.
 *
 * @example
 * const join = await runJoinProcess({ data, engines: ['volley', 'polars'], threads: 2, runs: 3, timeoutSeconds: 1800, onStart });
 * join.verdicts; // every answer checked against DuckDB's
 */
export async function runJoinProcess(options: JoinProcessOptions): Promise<JoinRun> {
  const { data } = options;
  const args = [
    ...JOIN_TABLES.flatMap((t) => [`--${t}`, data.files[t].path]),
    ...['--engines', ['volley', ...options.engines].join(','), '--runs', String(options.runs)],
    ...['--threads', String(options.threads), '--timeout', String(options.timeoutSeconds)],
  ];
  const { results, verdicts } = await runOrchestrator<{ results: PeerResult[]; verdicts: EngineVerdict[] }>(
    'join-run.js',
    args,
    options.onStart,
  );
  return { rows: data.rows, threads: options.threads, files: data.files, results, verdicts };
}
