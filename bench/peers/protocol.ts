/** The JSON a peer runner prints on stdout, and the parser the orchestrator reads it with. */

import type { PeakMethod } from './peak-memory.js';
import type { QuestionId } from './questions.js';

/** How one engine did on one question. */
export interface QuestionResult {
  id: QuestionId;
  /** Median wall time over the timed runs; null when the question failed or is unsupported. */
  seconds: number | null;
  /** Wall time of the first (untimed, warm-up) run, kept apart: it includes the warm-up costs the median leaves out. */
  firstSeconds: number | null;
  /** Every timed run's wall time, in order. */
  times: number[];
  /** Row count of the answer. */
  rows: number | null;
  /** Sum of each numeric output column (nulls and NaNs skipped), for cross-engine checking. */
  sums: Record<string, number>;
  /** Why the engine could not answer; present only on failure, so gaps are reported, never hidden. */
  error?: string;
  /** Peak RSS in bytes while the question ran (its first and timed runs); see `RunnerOutput.peakMethod`. */
  peakRssBytes?: number;
}

/** Everything one runner process reports. */
export interface RunnerOutput {
  engine: string;
  version: string;
  /** Rows loaded from the CSV. */
  rows: number;
  /** Threads the engine actually used (1 for single-threaded engines, whatever was asked). */
  threads: number;
  /**
   * The CSV load: its time, its peak RSS (when measured) and, where each question ran in a
   * process of its own, every process's load time (`seconds` is then their median).
   */
  load: { seconds: number; peakRssBytes?: number; times?: number[] };
  questions: QuestionResult[];
  /** Peak resident set size of the runner process, in bytes (the largest of its processes when there were several). */
  peakRssBytes: number;
  /** How the load's and each question's peaks were measured (see `PeakMethod`); absent from runners that do not measure them. */
  peakMethod?: PeakMethod;
}

/**
 * Parses a runner's stdout. The JSON is taken from the last non-empty line so that a
 * library printing a banner or warning to stdout does not break the orchestrator.
 */
export function parseRunnerOutput(stdout: string): RunnerOutput {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error('runner printed nothing on stdout');
  const value: unknown = JSON.parse(last);
  if (!isRunnerOutput(value)) throw new Error(`runner output is not protocol JSON: ${last.slice(0, 200)}`);
  return value;
}

function isRunnerOutput(value: unknown): value is RunnerOutput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RunnerOutput>;
  return (
    typeof v.engine === 'string' &&
    typeof v.version === 'string' &&
    typeof v.rows === 'number' &&
    typeof v.threads === 'number' &&
    typeof v.load?.seconds === 'number' &&
    Array.isArray(v.questions) &&
    typeof v.peakRssBytes === 'number'
  );
}
