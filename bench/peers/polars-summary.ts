/** Row count and per-column sums of a Polars frame, by the rule every runner follows; shared by the groupby and join Polars runners. */

import type { DataFrame } from 'nodejs-polars';
import type { AnswerSummary } from './runner.js';

/** The nodejs-polars module, loaded by each runner itself once its thread count is set. */
export type Polars = typeof import('nodejs-polars').default;

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
