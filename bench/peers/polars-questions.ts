/** The ten questions in Polars' lazy idiom, over a loaded frame or a scan of the file alike. */

import type { DataFrame, Expr, LazyDataFrame } from 'nodejs-polars';
import type { Polars } from './polars-summary.js';
import type { QuestionId } from './questions.js';

/**
 * Each question as a lazy Polars query over `lazy(x)`: `x.lazy()` of a loaded frame, or
 * `pl.scanCSV(path)` to answer on the file.
 *
 * @example
 * const questions = polarsQuestions(pl, (x: DataFrame) => x.lazy());
 */
export function polarsQuestions<X>(pl: Polars, lazy: (x: X) => LazyDataFrame): Partial<Record<QuestionId, (x: X) => Promise<DataFrame>>> {
  const col = pl.col;
  const by = (x: X, keys: string[], ...aggs: Expr[]): Promise<DataFrame> =>
    lazy(x)
      .groupBy(keys)
      .agg(...aggs)
      .collect();
  return {
    q1: (x) => by(x, ['id1'], col('v1').sum().alias('v1')),
    q2: (x) => by(x, ['id1', 'id2'], col('v1').sum().alias('v1')),
    q3: (x) => by(x, ['id3'], col('v1').sum().alias('v1'), col('v3').mean().alias('v3')),
    q4: (x) => by(x, ['id4'], col('v1').mean().alias('v1'), col('v2').mean().alias('v2'), col('v3').mean().alias('v3')),
    q5: (x) => by(x, ['id6'], col('v1').sum().alias('v1'), col('v2').sum().alias('v2'), col('v3').sum().alias('v3')),
    q6: (x) => by(x, ['id4', 'id5'], col('v3').median().alias('median_v3'), col('v3').std().alias('sd_v3')),
    q7: (x) => by(x, ['id3'], col('v1').max().sub(col('v2').min()).alias('range_v1_v2')),
    // The db-benchmark Polars solution: sort once, take the head of each group, explode back to rows.
    q8: (x) =>
      lazy(x).dropNulls('v3').sort('v3', true).groupBy('id6').agg(col('v3').head(2).alias('largest2_v3')).explode('largest2_v3').collect(),
    q9: (x) => by(x, ['id2', 'id4'], pl.pearsonCorr('v1', 'v2').pow(2).alias('r2')),
    q10: (x) => by(x, ['id1', 'id2', 'id3', 'id4', 'id5', 'id6'], col('v3').sum().alias('v3'), pl.len().alias('count')),
  };
}
