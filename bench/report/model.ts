/** The shape of one benchmark run as written to `report.json`: everything the Markdown and the charts are drawn from. */

import type { JoinTableName } from '../../datasets/h2o-join.js';
import type { JoinFile } from '../join-data.js';
import type { EngineVerdict, PeerResult } from '../peers/check.js';
import type { ColdMode } from '../peers/engine-run.js';
import type { QuestionId } from '../peers/questions.js';

/** The machine a run was measured on, printed beside every figure. */
export interface MachineInfo {
  cpu: string;
  /** `os.availableParallelism()`: the cores Node may use, which is what thread counts compare against. */
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  /** One-minute load average when the run started: other work on the machine skews every figure. */
  loadAverage: number;
}

/** One per-operation suite: the same operation timed as a naive loop, with one thread and with N. */
export interface SuiteRow {
  operation: string;
  /** What the operation does, in query form. */
  query: string;
  rows: number;
  /** N, the thread count compared against one thread. */
  threads: number;
  /** Median milliseconds; null when the variant does not exist (no naive loop) or failed. */
  naiveMs: number | null;
  oneThreadMs: number | null;
  nThreadsMs: number | null;
  /** Failures, one line per failed variant, so a broken operation is reported rather than hidden. */
  errors: string[];
}

/** One question at one thread count in the scaling run. */
export interface ScalingCell {
  threads: number;
  /** Median seconds of the timed runs; null when the question failed. */
  seconds: number | null;
  /** The first (untimed, warm-up) run alone: it includes the warm-up costs the median leaves out. */
  firstSeconds: number | null;
  times: number[];
  error?: string;
}

/** A question's cells over every thread count, in the order the counts were run. */
export interface ScalingQuestion {
  id: QuestionId;
  title: string;
  cells: ScalingCell[];
}

/** The longest event-loop stall seen while queries ran at one thread count. */
export interface EventLoopDelay {
  threads: number;
  maxMs: number;
}

/** The H2O questions run in one process over a list of thread counts. */
export interface ScalingResult {
  rows: number;
  threads: number[];
  loadSeconds: number;
  questions: ScalingQuestion[];
  eventLoop: EventLoopDelay[];
  /** Answers that differed between thread counts (they must be identical); empty when all agree. */
  determinism: string[];
}

/**
 * The peer comparison on one data set: each engine in processes of its own (one per question,
 * or one for all, as `cold` says), every answer checked against DuckDB's.
 */
export interface PeerRun {
  threads: number;
  /** The table the engines loaded; `rows` as loaded (the asked-for size when no engine loaded it). */
  dataset: DatasetInfo;
  /** Where each question's cold figure comes from (see `ColdMode`). */
  cold: ColdMode;
  results: PeerResult[];
  verdicts: EngineVerdict[];
  /** Why the run gave no results at all (the orchestrator itself failed); the engines' own failures are in `results`. */
  error?: string;
}

/**
 * The H2O join questions: Volley at N threads (`volley`) and at one (`volley-t1`), DuckDB and
 * the other peers, each in its own process; every answer checked against DuckDB's. Each
 * result's output is a `JoinRunnerOutput` (with every table's load time).
 */
export interface JoinRun {
  /** Rows of the left table `x`. */
  rows: number;
  /** N, the thread count of every run but `volley-t1`. */
  threads: number;
  files: Record<JoinTableName, JoinFile>;
  results: PeerResult[];
  verdicts: EngineVerdict[];
}

/** The data set a run used. */
export interface DatasetInfo {
  name: string;
  path: string;
  bytes: number;
  /** Rows of the (largest) table the scaling and peer runs used. */
  rows: number;
}

/** A whole benchmark run. Sections that were not run are null, and the reason is in `notes`. */
export interface BenchReport {
  date: string;
  command: string;
  machine: MachineInfo;
  dataset: DatasetInfo;
  runs: number;
  quick: boolean;
  suites: SuiteRow[];
  scaling: ScalingResult | null;
  /** The peer comparison at each size, in the order of `--rows`; empty when it did not run. */
  peers: PeerRun[];
  /** The join questions; absent or null when the run did not ask for them. */
  join?: JoinRun | null;
  notes: string[];
}
