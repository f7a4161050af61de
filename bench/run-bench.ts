/** One benchmark run end to end: data sets, per-operation suites, the scaling run, the peer comparison and the join questions, into one report. */

import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureH2O, h2oName } from '../datasets/h2o.js';
import { readCsv, type DataFrame } from '../src/index.js';
import { csvThreads } from './csv-options.js';
import { loadProgress } from '../cli/load-progress.js';
import { missingH2OColumns } from './h2o/questions.js';
import { defaultColdMode, type BenchOptions } from './options.js';
import { FILE_ENGINES } from './peers/run.js';
import { ensureJoinData } from './join-data.js';
import { runJoinProcess } from './join-process.js';
import { joinRunSpecs } from './peers/join-run.js';
import { runPeerProcess } from './peer-process.js';
import type { Progress } from './progress.js';
import { count } from './report/format.js';
import { machineInfo } from './report/machine.js';
import type { BenchReport, DatasetInfo, JoinRun, PeerRun, ScalingResult, SuiteRow } from './report/model.js';
import { runScaling } from './scaling.js';
import { runSuites } from './suites/run.js';
import { parallelThreads } from './threads.js';

interface Dataset {
  info: Omit<DatasetInfo, 'rows'>;
  /** Rows asked for; the loaded table says how many there really are. */
  rows: number | null;
}

async function datasets(options: BenchOptions, progress: Progress): Promise<Dataset[]> {
  if (options.csv !== null) {
    return [{ info: { name: basename(options.csv), path: options.csv, bytes: statSync(options.csv).size }, rows: null }];
  }
  const out: Dataset[] = [];
  for (const rows of options.rows) {
    const name = h2oName({ rows, k: options.k });
    const start = performance.now();
    const { path, generated, bytes } = await ensureH2O({ rows, k: options.k });
    if (generated) progress.log(`generated ${name} in ${((performance.now() - start) / 1000).toFixed(1)} s: ${path}`);
    out.push({ info: { name, path, bytes }, rows });
  }
  return out;
}

async function load(path: string, threads: number, progress: Progress): Promise<{ df: DataFrame; seconds: number }> {
  const start = performance.now();
  const bar = loadProgress(`load ${basename(path)}`);
  const df = await readCsv(path, { ...csvThreads(threads), onProgress: bar.onProgress });
  bar.done();
  const seconds = (performance.now() - start) / 1000;
  progress.log(`loaded ${df.height.toLocaleString('en-US')} rows from ${basename(path)} in ${seconds.toFixed(2)} s`);
  return { df, seconds };
}

/**
 * Runs the tasks and parts `options` asks for and returns the report (writing it is the
 * caller's job). The groupby suites and the peer runs run on every size; the scaling run and
 * the join task on the last. In-process parts go first, and the peers, each in its own process, last,
 * so that no engine's memory counts against another's; the join task comes after the groupby
 * task, all of it in processes of its own. DuckDB is always among the peers when there is a
 * peer run, because it is the reference every answer is checked against. A CSV without the H2O
 * columns gets the suites only: the questions cannot be asked of it.
 *
 * @example
 * const report = await runBench(parseBenchArgs(['--quick']), createProgress(), 'volley bench --quick');
 * report.peers[0]?.verdicts; // every Volley answer checked against DuckDB's
 */
export async function runBench(options: BenchOptions, progress: Progress, command: string): Promise<BenchReport> {
  const notes: string[] = [];
  const groupby = options.tasks.includes('groupby') ? await groupbyRun(options, progress, notes) : null;
  const join = options.tasks.includes('join') ? await joinRun(options, progress, notes) : null;
  const x = join?.files.x;
  return {
    date: new Date().toISOString(),
    command,
    machine: machineInfo(),
    dataset: groupby?.dataset ?? { name: x?.name ?? '', path: x?.path ?? '', bytes: x?.bytes ?? 0, rows: join?.rows ?? 0 },
    runs: options.runs,
    quick: options.quick,
    suites: groupby?.suites ?? [],
    scaling: groupby?.scaling ?? null,
    peers: groupby?.peers ?? [],
    join,
    notes,
  };
}

/** The groupby task's sections of the report. */
type GroupbySections = Pick<BenchReport, 'dataset' | 'suites' | 'scaling' | 'peers'>;

async function groupbyRun(options: BenchOptions, progress: Progress, notes: string[]): Promise<GroupbySections> {
  const n = parallelThreads(options.threads);
  const sets = await datasets(options, progress);
  const last = sets[sets.length - 1]!;
  const missing = options.csv === null ? [] : missingH2OColumns(await csvColumns(options.csv));
  if (missing.length > 0) notes.push(`scaling and peer runs skipped: ${last.info.name} lacks the H2O columns ${missing.join(', ')}`);
  const suites: SuiteRow[] = [];
  let scaling: ScalingResult | null = null;
  let lastRows = last.rows ?? 0;
  for (const set of sets) {
    const wantsScaling = set === last && options.parts.includes('scaling') && missing.length === 0;
    if (!options.parts.includes('suites') && !wantsScaling) continue;
    const { df, seconds } = await load(set.info.path, n, progress);
    if (set === last) lastRows = df.height;
    if (options.parts.includes('suites')) {
      suites.push(
        ...(await runSuites({
          df,
          csv: set.info.path,
          threads: n,
          runs: options.runs,
          warmup: options.warmup,
          timeoutSeconds: options.queryTimeout,
          progress,
        })),
      );
    }
    if (wantsScaling)
      scaling = await runScaling({
        df,
        threads: options.threads,
        runs: options.runs,
        loadSeconds: seconds,
        timeoutSeconds: options.queryTimeout,
        progress,
      });
  }
  const peers: PeerRun[] = [];
  if (options.parts.includes('peers') && missing.length === 0) {
    for (const set of sets) peers.push(await peerRun(options, set, n, progress, notes));
    const lastPeers = peers[peers.length - 1];
    if (lastRows === 0 && lastPeers !== undefined) lastRows = lastPeers.dataset.rows;
  }
  return { dataset: { ...last.info, rows: lastRows }, suites, scaling, peers };
}

/** The join engines among the peers asked for: those with a join runner. */
const JOIN_PEERS = ['duckdb', 'polars'];

/**
 * The join task on the last size: the data set (generated when missing), then Volley at N and
 * at one thread, DuckDB and Polars, each in its own process.
 */
async function joinRun(options: BenchOptions, progress: Progress, notes: string[]): Promise<JoinRun> {
  const rows = options.rows[options.rows.length - 1]!;
  const start = performance.now();
  const data = await ensureJoinData(rows);
  if (data.generated)
    progress.log(`generated ${data.files.x.name} and its right tables in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const engines = options.peers.filter((p) => JOIN_PEERS.includes(p));
  const skipped = options.peers.filter((p) => !JOIN_PEERS.includes(p) && !FILE_ENGINES.includes(p));
  if (skipped.length > 0) notes.push(`join questions: no join runner for ${skipped.join(', ')}`);
  if (!engines.includes('duckdb')) notes.push('join questions: duckdb ran as the reference the answers are checked against');
  const threads = parallelThreads(options.threads);
  const specs = joinRunSpecs(engines, threads);
  progress.begin('joins', specs.length);
  const run = await runJoinProcess({
    data,
    engines,
    threads,
    runs: options.runs,
    timeoutSeconds: (options.quick ? 3 : 30) * 60,
    onStart: (label) => progress.step(label),
  });
  progress.end();
  return run;
}

/**
 * The peer comparison on one data set. An orchestrator that fails outright (it never does for an
 * engine's failure, which is in its results) becomes the run's `error` and a note, so one size
 * cannot end a run of several.
 */
async function peerRun(options: BenchOptions, set: Dataset, threads: number, progress: Progress, notes: string[]): Promise<PeerRun> {
  const reference = options.peers.includes('duckdb') ? [] : ['duckdb'];
  if (reference.length > 0 && !notes.includes(REFERENCE_NOTE)) notes.push(REFERENCE_NOTE);
  const engines = ['volley', ...reference, ...options.peers];
  const cold = options.cold ?? defaultColdMode(set.rows, set.info.bytes);
  const size = set.rows === null ? set.info.name : count(set.rows);
  progress.begin(`peers ${size}`, engines.length);
  const base = { threads, cold, dataset: { ...set.info, rows: set.rows ?? 0 } };
  try {
    const { results, verdicts } = await runPeerProcess({
      csv: set.info.path,
      engines,
      runs: options.runs,
      threads,
      cold,
      timeoutSeconds: options.peerTimeout,
      // Arquero holds a 1e7-row table in the JS heap; the default heap limit would end that run
      // rather than measure it.
      nodeArgs: ['--max-old-space-size=12288'],
      onStart: (engine) => progress.step(engine),
    });
    const loaded = results.find((r) => r.output !== undefined)?.output?.rows;
    return { ...base, dataset: { ...base.dataset, rows: loaded ?? base.dataset.rows }, results, verdicts };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    notes.push(`peers at ${size}: no figures: ${error}`);
    return { ...base, results: [], verdicts: [], error };
  } finally {
    progress.end();
  }
}

const REFERENCE_NOTE = 'duckdb ran as the reference the answers are checked against';

/** Column names from the header line alone, without reading the whole file. */
async function csvColumns(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(1 << 20), 0, 1 << 20, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(10);
    const header = await readCsv(buffer.subarray(0, end < 0 ? bytesRead : end + 1), { sourceName: path });
    return header.columns;
  } finally {
    await file.close();
  }
}
