/** The per-operation suites: each operation as an engine query (run at any thread count) and, where one exists, a naive loop. */

import { col, readCsv, type DataFrame } from '../../src/index.js';
import { csvThreads } from '../csv-options.js';
import { columnMean, naiveFilter, naiveGroupSum, naiveProject, naiveSort } from './naive.js';
import type { Workload } from './workload.js';

/** One operation: the engine at a given thread count, and the hand-written loop it is read against. */
export interface Operation {
  name: string;
  /** The query in LazyFrame form, for the report. */
  query: string;
  engine(threads: number): Promise<unknown>;
  naive: (() => unknown) | null;
}

/**
 * The operations a workload allows, in report order: CSV read, filter, project, groupBy with
 * few and with many groups, sort. An operation whose columns the table lacks is left out.
 *
 * @example
 * const ops = operationsFor(df, pickWorkload(df), 'data.csv');
 * await ops[0]!.engine(2);
 */
export function operationsFor(df: DataFrame, workload: Workload, csv: string | null, timeoutSeconds = 300): Operation[] {
  const ops: Operation[] = [];
  // A query past the limit is aborted, so a stuck query fails its suite instead of the whole run.
  const limit = (threads: number): { threads: number; signal: AbortSignal } => ({
    threads,
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
  });
  if (csv !== null) {
    ops.push({ name: 'CSV read', query: 'readCsv(path)', engine: (threads) => readCsv(csv, csvThreads(threads)), naive: null });
  }
  const { filterColumn, project, fewKey, manyKey, sum, sortBy } = workload;
  if (filterColumn !== null) {
    // The threshold is the column's mean, rounded so the query prints readably.
    const threshold = Math.round(columnMean(df.getColumn(filterColumn)) * 100) / 100;
    ops.push({
      name: 'filter',
      query: `filter(col('${filterColumn}').gt(${threshold}))`,
      engine: (threads) => df.lazy().filter(col(filterColumn).gt(threshold)).collect(limit(threads)),
      naive: () => naiveFilter(df, filterColumn, threshold),
    });
  }
  if (project !== null) {
    const [a, b, c] = project;
    ops.push({
      name: 'project',
      query: `select(col('${a}').mul(col('${b}')).add(col('${c}')))`,
      engine: (threads) =>
        df
          .lazy()
          .select(col(a).mul(col(b)).add(col(c)).alias('x'))
          .collect(limit(threads)),
      naive: () => naiveProject(df, project),
    });
  }
  for (const [label, key] of [
    ['few', fewKey],
    ['many', manyKey],
  ] as const) {
    if (key === null || sum === null) continue;
    const groups = df.getColumn(key).dictionary?.size ?? 0;
    ops.push({
      name: `groupBy, ${label} groups (${groups.toLocaleString('en-US')})`,
      query: `groupBy('${key}').agg(col('${sum}').sum())`,
      engine: (threads) => df.lazy().groupBy(key).agg(col(sum).sum()).collect(limit(threads)),
      naive: () => naiveGroupSum(df, key, sum),
    });
  }
  if (sortBy !== null) {
    ops.push({
      name: 'sort',
      query: `sort('${sortBy}', { descending: true })`,
      engine: (threads) => df.lazy().sort(sortBy, { descending: true }).collect(limit(threads)),
      naive: () => naiveSort(df, sortBy),
    });
  }
  return ops;
}
