/** Command-line options of `volley bench`, parsed and filled with defaults that depend on `--quick` and the machine. */

import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCount } from '../datasets/h2o.js';
import { defaultResultsDir } from './paths.js';
import { FILE_ENGINES, type ColdMode } from './peers/run.js';
import { defaultThreadCounts } from './threads.js';

/** The three parts of a run; `--only` picks some. */
export type BenchPart = 'suites' | 'scaling' | 'peers';

const PARTS: readonly BenchPart[] = ['suites', 'scaling', 'peers'];

/** The db-benchmark tasks a run can measure; `--task` picks some. */
export type BenchTask = 'groupby' | 'join';

const TASKS: readonly BenchTask[] = ['groupby', 'join'];
const PEERS: readonly string[] = ['duckdb', 'polars', 'arquero'];
const COLD_MODES: readonly ColdMode[] = ['process', 'first'];

/** The largest H2O size whose peer run starts a fresh process per question by default: 1e8 rows would reload 5 GB ten times per engine. */
export const PROCESS_PER_QUESTION_MAX_ROWS = 1e7;

/** The same limit for a CSV of your own, in bytes: about what 1e7 H2O rows take. */
const PROCESS_PER_QUESTION_MAX_BYTES = 600e6;

/**
 * Where the peer run's cold figures come from when `--cold` does not say: a fresh process per
 * question up to 1e7 rows (or a file of about that size), above it the first run of each
 * question in one process per engine.
 *
 * @example
 * defaultColdMode(1e7, 509e6); // 'process'
 * defaultColdMode(1e8, 5.2e9); // 'first'
 * defaultColdMode(null, 2e9);  // 'first' (your own CSV: judged by its size)
 */
export function defaultColdMode(rows: number | null, bytes: number): ColdMode {
  if (rows !== null) return rows <= PROCESS_PER_QUESTION_MAX_ROWS ? 'process' : 'first';
  return bytes <= PROCESS_PER_QUESTION_MAX_BYTES ? 'process' : 'first';
}

/** Everything a benchmark run needs to know, after defaults. */
export interface BenchOptions {
  /** H2O sizes for the suites and the peer runs; the last one is also used for the scaling run and the join task. */
  rows: number[];
  /** H2O group cardinality K. */
  k: number;
  /** Thread counts of the scaling run. */
  threads: number[];
  /** Peer engines run beside Volley; empty skips the peer comparison. */
  peers: string[];
  parts: BenchPart[];
  /** The groupby task (its parts as `parts` says) and the join questions (Volley at 1 and N threads, and the peers). */
  tasks: BenchTask[];
  /** A CSV of the user's own instead of generated H2O data. */
  csv: string | null;
  /** Timed runs per measurement. */
  runs: number;
  /** Untimed runs before each suite variant. */
  warmup: number;
  /** Seconds one in-process query may take before it is aborted and recorded as failed. */
  queryTimeout: number;
  /** Where the peer run's cold figures come from; null picks by size (`defaultColdMode`). */
  cold: ColdMode | null;
  /** Seconds one peer runner process may take before it is killed and reported as timed out. */
  peerTimeout: number;
  quick: boolean;
  /** Folder the report is written to. */
  out: string;
  /** Also write the report to `bench/results/snapshot/`, the copy the README shows. */
  snapshot: boolean;
}

/** Help text for `volley bench`. */
export const BENCH_USAGE = `usage: volley bench [options]

  --task groupby,join  what to measure (default both): groupby is the parts below on the H2O groupby table; join is the five
                       H2O join questions on J1_<rows> and its three right tables, generated when missing: Volley at 1 and
                       N threads and the peers, each in its own process. At 1e6 on 2 busy cores the join task took about a
                       minute and the default run of both under 4 minutes; --task groupby leaves the join out, --task join
                       runs it alone
  --rows 1e6[,1e7]     H2O sizes for the per-operation suites and the peer comparison (one table per size); the last is used
                       for scaling and joins (default 1e6; quick: 2000)
  --k 100              H2O group cardinality K (default 100)
  --threads 1,2,4      thread counts of the scaling run (default 1, 2, 4, ... up to the cores and one step beyond; quick: 1,2)
  --peers a,b          peers beside Volley: duckdb, polars, arquero, or none (default all three); DuckDB is always the reference
                       (Arquero has no join runner: the join task leaves it out). Queries straight on the CSV file, each
                       question's time including the read: volley-scan (scanCsv, collect), volley-stream (collect with
                       streaming), duckdb-file (read_csv), polars-file (scanCSV), or file for all four; a table of their own
  --only a,b           parts of the groupby task to run: suites, scaling, peers (default all)
  --csv path           benchmark your own CSV instead of generated data (scaling and peers need the H2O columns; groupby task only)
  --runs 3             timed runs per measurement (default 3; quick: 1)
  --query-timeout 300  seconds one query may run before it is aborted and reported as failed (default 300; quick: 60)
  --cold process|first where a peer's cold time comes from: process, a fresh process per question (start, load, the question's
                       first run, then the timed runs); first, one process per engine and each question's first run after the
                       load (default: process up to 1e7 rows, first above, where reloading the table ten times takes too long)
  --peer-timeout 1800  seconds one peer runner process may run before it is killed and reported as timed out (default 1800; quick: 180)
  --out dir            where report.md, report.json and the SVG charts go (default bench/results)
  --snapshot           also write the report to bench/results/snapshot (the figures the README shows)
  --quick              a tiny run that finishes in seconds, for CI
`;

function list<T>(text: string, parse: (item: string) => T): T[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parse);
}

function positiveInt(name: string): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} takes positive whole numbers, got "${text}"`);
    return n;
  };
}

function oneOf<T extends string>(name: string, allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(allowed as readonly string[]).includes(text))
      throw new RangeError(`--${name}: unknown "${text}", expected one of ${allowed.join(', ')}`);
    return text as T;
  };
}

/**
 * Parses `volley bench` arguments (everything after `bench`).
 *
 * @example
 * parseBenchArgs(['--rows', '1e6', '--threads', '1,2']).threads; // [1, 2]
 * parseBenchArgs(['--quick']).rows;                              // [2000]
 */
export function parseBenchArgs(argv: readonly string[], cores: number = availableParallelism()): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string' },
      k: { type: 'string' },
      threads: { type: 'string' },
      peers: { type: 'string' },
      only: { type: 'string' },
      task: { type: 'string' },
      csv: { type: 'string' },
      runs: { type: 'string' },
      'query-timeout': { type: 'string' },
      cold: { type: 'string' },
      'peer-timeout': { type: 'string' },
      out: { type: 'string' },
      snapshot: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const rows = values.rows === undefined ? [quick ? 2000 : 1e6] : list(values.rows, parseCount);
  if (rows.length === 0) throw new RangeError('--rows needs at least one size');
  const threads =
    values.threads === undefined ? (quick ? [1, 2] : defaultThreadCounts(cores)) : list(values.threads, positiveInt('threads'));
  if (threads.length === 0) throw new RangeError('--threads needs at least one count');
  const csv = values.csv === undefined ? null : resolve(values.csv);
  // Your own CSV is one table: the join questions need the four of the join data set.
  const tasks = values.task === undefined ? (csv === null ? [...TASKS] : ['groupby' as const]) : list(values.task, oneOf('task', TASKS));
  if (tasks.length === 0) throw new RangeError('--task needs at least one of groupby, join');
  if (csv !== null && tasks.includes('join')) throw new RangeError('--csv is a groupby table; the join task generates its own four tables');
  const peers =
    values.peers === undefined
      ? [...PEERS]
      : values.peers.trim() === 'none'
        ? []
        : [
            ...new Set(
              list(values.peers, oneOf('peers', [...PEERS, ...FILE_ENGINES, 'file'])).flatMap((p) => (p === 'file' ? FILE_ENGINES : [p])),
            ),
          ];
  return {
    rows,
    k: values.k === undefined ? 100 : parseCount(values.k),
    // One thread is the baseline every speed-up is read against, so it is always measured.
    threads: [...new Set([1, ...threads])].sort((a, b) => a - b),
    peers,
    parts: values.only === undefined ? [...PARTS] : list(values.only, oneOf('only', PARTS)),
    tasks: [...new Set(tasks)],
    csv,
    runs: values.runs === undefined ? (quick ? 1 : 3) : positiveInt('runs')(values.runs),
    warmup: quick ? 0 : 1,
    queryTimeout: values['query-timeout'] === undefined ? (quick ? 60 : 300) : positiveInt('query-timeout')(values['query-timeout']),
    cold: values.cold === undefined ? null : oneOf('cold', COLD_MODES)(values.cold),
    peerTimeout: values['peer-timeout'] === undefined ? (quick ? 180 : 1800) : positiveInt('peer-timeout')(values['peer-timeout']),
    quick,
    out: values.out === undefined ? defaultResultsDir() : resolve(values.out),
    snapshot: values.snapshot ?? false,
  };
}
