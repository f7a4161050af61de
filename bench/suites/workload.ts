/** Picks the columns the per-operation suites work on, for the H2O layout or for any CSV a user brings. */

import type { DataFrame } from '../../src/index.js';

/** The columns one suite run uses; a missing role skips the operations that need it. */
export interface Workload {
  /** Numeric column filtered against its own mean, so about half the rows pass whatever the data. */
  filterColumn: string | null;
  /** Numeric columns of the projection `a * b + c`. */
  project: [string, string, string] | null;
  /** String key with the fewest distinct values, and the one with the most (when different). */
  fewKey: string | null;
  manyKey: string | null;
  /** Numeric column summed per group (v1, as in q1). */
  sum: string | null;
  /** Numeric column sorted by (v3, the one q8 orders by). */
  sortBy: string | null;
}

const NUMBER_STORED = new Set(['Int32', 'Float64']);

/**
 * The H2O columns when the table has them (v1 > mean, v1 * v3 + v2, sum v1 by id1 with K groups and
 * by id3 with rows/K groups, sort by v3), otherwise the first numeric columns and the string columns with the
 * smallest and largest dictionaries. Only Int32 and Float64 columns qualify as numbers so
 * that the naive loops beside the engine can read them as plain numbers.
 *
 * @example
 * pickWorkload(h2o);
 * // { filterColumn: 'v1', project: ['v1', 'v3', 'v2'], fewKey: 'id1', manyKey: 'id3', sum: 'v1', sortBy: 'v3' }
 */
export function pickWorkload(df: DataFrame): Workload {
  const names = df.columns;
  const has = (...wanted: string[]): boolean => wanted.every((n) => names.includes(n));
  if (has('id1', 'id3', 'v1', 'v2', 'v3')) {
    return { filterColumn: 'v1', project: ['v1', 'v3', 'v2'], fewKey: 'id1', manyKey: 'id3', sum: 'v1', sortBy: 'v3' };
  }
  const numeric = df
    .getColumns()
    .filter((c) => NUMBER_STORED.has(c.dtype) && c.length > 0)
    .map((c) => c.name);
  const strings = df
    .getColumns()
    .filter((c) => c.dtype === 'Utf8' && c.dictionary !== null)
    .sort((a, b) => (a.dictionary?.size ?? 0) - (b.dictionary?.size ?? 0));
  const first = numeric[0] ?? null;
  const few = strings[0]?.name ?? null;
  const many = strings.length > 1 ? (strings[strings.length - 1]?.name ?? null) : null;
  return {
    filterColumn: first,
    project: first === null ? null : [first, numeric[1] ?? first, numeric[2] ?? first],
    fewKey: few,
    manyKey: many,
    sum: first,
    sortBy: numeric[numeric.length - 1] ?? null,
  };
}
