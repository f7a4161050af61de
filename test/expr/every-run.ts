/** A query's one output column at 1 and 2 threads and two morsel sizes, checked to be the same each time. */
import { expect } from 'vitest';
import type { DataFrame, Expr } from '../../src/index.js';

/**
 * The values of `e` over `df` (as column `x`), the same at threads 1 and 2 and morsel sizes 2, 3
 * and 1024 (asserted).
 *
 * @example
 * expect(await columnOnEveryRun(df, col('d').dt.epoch('d'))).toEqual([0, 1, null]);
 */
export async function columnOnEveryRun(df: DataFrame, e: Expr): Promise<unknown[]> {
  let first: unknown[] | undefined;
  for (const [threads, morselSize] of [
    [1, 2],
    [2, 3],
    [2, 1024],
  ] as const) {
    const out = (await df.lazy().select(e.alias('x')).collect({ threads, morselSize })).getColumn('x').toArray();
    if (first === undefined) first = out;
    else expect(out).toEqual(first);
  }
  return first!;
}
