/** nodejs-polars for the Polars runners: loaded for a thread count, and a frame's row count and per-column sums by the rule every runner follows. */

import { availableParallelism } from 'node:os';
import type { DataFrame } from 'nodejs-polars';
import type { AnswerSummary } from './runner.js';

/** The nodejs-polars module, loaded by each runner itself once its thread count is set. */
export type Polars = typeof import('nodejs-polars').default;

/**
 * Loads nodejs-polars for `threads` threads (0: its default, every core) and says how many it uses.
 * Polars sizes its thread pool from POLARS_MAX_THREADS once, when the native module first runs,
 * so the variable is set before the import (the orchestrator also sets it for the child).
 *
 * @example
 * const { pl, threads } = await importPolars(2);
 */
export async function importPolars(threads: number): Promise<{ pl: Polars; threads: number }> {
  if (threads > 0) process.env.POLARS_MAX_THREADS = String(threads);
  const pl = (await import('nodejs-polars')).default;
  const envThreads = Number(process.env.POLARS_MAX_THREADS);
  return { pl, threads: envThreads > 0 ? envThreads : availableParallelism() };
}

const NUMERIC = /^(U?Int(8|16|32|64)|Float(32|64)|Decimal)/;

/**
 * Sums every numeric column in Float64 with NaN skipped, the same rule every runner follows.
 *
 * @example
 * summarizePolars(pl, ans); // { rows: 100, sums: { v1: 29998881 } }
 */
export function summarizePolars(pl: Polars, ans: DataFrame): AnswerSummary {
  const numeric = ans.columns.filter((c) => NUMERIC.test(ans.getColumn(c).dtype.variant));
  const row = ans.select(...numeric.map((c) => pl.col(c).cast(pl.Float64).fillNan(null).sum().alias(c))).toRecords()[0];
  const sums: Record<string, number> = {};
  for (const c of numeric) sums[c] = Number(row?.[c] ?? 0);
  return { rows: ans.height, sums };
}
