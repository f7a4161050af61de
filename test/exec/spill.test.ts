/** A group-by whose state passes its spillBudget spills hash buckets to disk: the same answer, bit for bit, as in memory, for every key kind, aggregation, thread count and morsel size. */
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { col, corr, len, type CollectOptions, type LazyFrame } from '../../src/index.js';
import { SpillFiles } from '../../src/io/spill-file.js';
import { ROWS, spillFrame, spillTestDir } from './spill-data.js';

const df = spillFrame();
const dir = spillTestDir();

const AGGS = [
  col('v').sum().alias('sum'),
  col('w').sum().alias('wsum'),
  col('v').mean().alias('mean'),
  col('v').min().alias('min'),
  col('w').max().alias('max'),
  col('v').count().alias('count'),
  len().alias('len'),
  col('w').nUnique().alias('nunique'),
  col('v').median().alias('median'),
  col('v').quantile(0.9).alias('q90'),
  col('v').std().alias('std'),
  col('v').var().alias('var'),
  col('v').first().alias('first'),
  col('w').last().alias('last'),
  col('s').max().alias('smax'),
  corr(col('v'), col('w')).alias('corr'),
];

/** Group-bys over each key kind (single keys that would pack densely are paired to take the hash path). */
const QUERIES: Record<string, () => LazyFrame> = {
  Int32: () =>
    df
      .lazy()
      .groupBy('i')
      .agg(...AGGS),
  Int64: () =>
    df
      .lazy()
      .groupBy('l')
      .agg(...AGGS),
  'Float64 (-0, NaN, null)': () =>
    df
      .lazy()
      .groupBy('f')
      .agg(...AGGS),
  'Utf8 and Int32': () =>
    df
      .lazy()
      .groupBy('s', 'i')
      .agg(...AGGS),
  'Utf8, Int64 and Float64': () => df.lazy().groupBy('t', 'l', 'f').agg(col('v').sum().alias('sum'), col('w').median().alias('m')),
  'an expression key, filtered': () =>
    df
      .lazy()
      .filter(col('w').gt(-900))
      .groupBy(col('i').add(1).alias('k'))
      .agg(col('v').mean().alias('mean'), col('w').nUnique().alias('u')),
  unique: () => df.lazy().unique({ subset: ['t', 'l'] }),
  'group head': () => df.lazy().groupBy('i').head(2),
  'top per group': () => df.lazy().sort('v', { descending: true }).groupBy('l').head(1),
};

/** Watch SpillFiles: how many records were written. */
function spyWrites(): { count: () => number } {
  const append = vi.spyOn(SpillFiles.prototype, 'append');
  return { count: () => append.mock.calls.length };
}

async function rows(lf: LazyFrame, o: CollectOptions): Promise<unknown[]> {
  return (await lf.collect(o)).toRecords();
}

describe('spill', () => {
  for (const [name, q] of Object.entries(QUERIES)) {
    it(`gives the in-memory answer: ${name}`, async () => {
      const want = await rows(q(), { threads: 1 });
      expect(want.length).toBeGreaterThan(100);
      for (const threads of [1, 2])
        for (const morselSize of [1_000, 4_096, 65_536]) {
          const writes = spyWrites();
          const base = await rows(q(), { threads, morselSize });
          const got = await rows(q(), { threads, morselSize, spillBudget: 1, spillDir: dir });
          const at = `threads ${threads}, morsels of ${morselSize}`;
          expect(writes.count(), at).toBeGreaterThan(0);
          expect(got, at).toEqual(base);
          // morsels are the unit of the merge order: at one morsel size every thread count agrees
          if (morselSize === 65_536) expect(got, at).toEqual(want);
          expect(readdirSync(dir), at).toEqual([]);
          vi.restoreAllMocks();
        }
    });
  }

  it('spills only past its budget: held partials go first, then every later one', async () => {
    const q = QUERIES.Int32!;
    const base = await rows(q(), { threads: 2, morselSize: 1_000 });
    for (const spillBudget of [Infinity, 2 ** 40]) {
      const writes = spyWrites();
      expect(await rows(q(), { threads: 2, morselSize: 1_000, spillBudget, spillDir: dir })).toEqual(base);
      expect(writes.count()).toBe(0);
      vi.restoreAllMocks();
    }
    // a budget that holds a few partials, then spills them and the rest
    const writes = spyWrites();
    expect(await rows(q(), { threads: 2, morselSize: 1_000, spillBudget: 2 ** 20, spillDir: dir })).toEqual(base);
    expect(writes.count()).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('checks a known answer on the spill path', async () => {
    const got = await df
      .lazy()
      .groupBy('s', 'i')
      .agg(len().alias('n'), col('w').sum().alias('w'))
      .sort(['s', 'i'])
      .limit(1)
      .collect({ threads: 2, morselSize: 1_000, spillBudget: 0, spillDir: dir });
    const rec = df.toRecords() as { s: string | null; i: number | null; w: number }[];
    const first = got.toRecords()[0] as { s: string | null; i: number | null; n: number; w: bigint };
    const mine = rec.filter((r) => r.s === first.s && r.i === first.i);
    expect(mine.length).toBeGreaterThan(0);
    expect(first.n).toBe(mine.length);
    expect(first.w).toBe(BigInt(mine.reduce((a, r) => a + r.w, 0)));
    const total = await df
      .lazy()
      .groupBy('i')
      .agg(len().alias('n'))
      .select(col('n').sum().alias('rows'))
      .collect({ threads: 2, morselSize: 1_000, spillBudget: 0, spillDir: dir });
    expect(total.toRecords()).toEqual([{ rows: BigInt(ROWS) }]);
  });
});
