/** Streaming aggregation of batches whose own keys are dense: folded in one layout, handed over when the layout changes, mixed with hashed batches; always the whole read's answer. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, corr, len, readCsv, scanCsv, shutdownPool, type DataFrame, type LazyFrame } from '../../src/index.js';
import { lastStreamingAggregate } from '../../src/exec/stream.js';
import { diffRows } from '../differential/compare.js';
import { tempDir } from '../io/csv/parallel/helpers.js';

const tmp = tempDir();
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

/**
 * 8,000 rows: `i` the row number, a string key `k` (40 values, first seen over the first rows,
 * so the dictionary grows while the scan runs), `h` = i % 50 (the same small range in every
 * range of the file), and an integer key `g` with nulls whose range moves through the file:
 * small, then around 100,000, then spread over 2^28 (too wide for a dense batch), then small
 * again. `x` and `y` are floats with nulls.
 */
function csvText(): string {
  let seed = 11;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const lines = ['i,k,h,g,x,y'];
  for (let i = 0; i < 8000; i++) {
    const k = `key${Math.floor(rand() * Math.min(40, 4 + i / 50))}`;
    const part = Math.floor(i / 2000);
    const base = part === 1 ? 100_000 : 0;
    const spread = part === 2 ? 2 ** 28 : 300;
    const g = rand() < 0.05 ? '' : String(base + Math.floor(rand() * spread) - (part === 2 ? 0 : 150));
    const x = rand() < 0.05 ? '' : (rand() * 1000 - 500).toFixed(3);
    const y = rand() < 0.05 ? '' : (rand() * 10).toFixed(2);
    lines.push(`${i},${k},${i % 50},${g},${x},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

const path = tmp.file('dense.csv', csvText());

/** Aggregations with one state per group, which fold densely (sum, mean, min, max, count, len, std, var, first, last, corr). */
const AGGS = () => [
  col('x').sum().alias('sum'),
  col('x').mean().alias('mean'),
  col('x').min().alias('min'),
  col('y').max().alias('max'),
  col('x').count().alias('count'),
  col('i').sum().alias('isum'),
  len().alias('len'),
  col('x').std().alias('std'),
  col('y').var().alias('var'),
  col('i').first().alias('first'),
  col('x').last().alias('last'),
  corr(col('x'), col('y')).alias('corr'),
];

/**
 * Each query, and what its dense batches should have done: `all` every batch dense in one layout
 * (no hand-over), `some` dense batches and at least one hand-over, `grows` dense batches and a
 * hand-over at the smallest range size (a dictionary passing 4, 8, 16 and 32 values as it grows).
 */
const QUERIES: Record<string, [(lf: LazyFrame) => LazyFrame, 'all' | 'some' | 'grows']> = {
  'the same small key range in every batch': [(lf) => lf.groupBy('h').agg(...AGGS()), 'all'],
  'an integer key whose range moves and widens past dense': [(lf) => lf.groupBy('g').agg(...AGGS()), 'some'],
  'a string key whose dictionary grows': [(lf) => lf.groupBy('k').agg(...AGGS()), 'grows'],
  'two keys': [(lf) => lf.groupBy('k', 'h').agg(...AGGS()), 'grows'],
  'a filter that drops whole ranges': [
    (lf) =>
      lf
        .filter(col('i').lt(900).or(col('i').gt(6100)))
        .groupBy('g')
        .agg(...AGGS()),
    'some',
  ],
};

function rowsOf(df: DataFrame) {
  return { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
}

describe('streaming aggregation of dense batches', () => {
  for (const [name, [query, dense]] of Object.entries(QUERIES)) {
    it(`${name}: the answer of the file read whole, bit-identical on 1, 2 and 4 threads at every range size`, async () => {
      const whole = await query((await readCsv(path)).lazy()).collect({ threads: 1 });
      for (const rangeSize of [3 * 1024, 11 * 1024, 48 * 1024]) {
        const scan = (): LazyFrame => query(scanCsv(path, { rangeSize }));
        const one = await scan().collect({ threads: 1, streaming: true });
        const stats = lastStreamingAggregate()!;
        expect(stats.batches, `${rangeSize}`).toBeGreaterThan(2);
        expect(stats.dense, `${rangeSize}: dense batches`).toBeGreaterThan(0);
        if (dense === 'all') {
          expect(stats.dense, `${rangeSize}`).toBe(stats.batches);
          expect(stats.handOvers, `${rangeSize}`).toBe(0);
        } else if (dense === 'some' || rangeSize === 3 * 1024) expect(stats.handOvers, `${rangeSize}: hand-overs`).toBeGreaterThan(0);
        const two = await scan().collect({ threads: 2, streaming: true });
        expect(lastStreamingAggregate(), `${rangeSize}: the same decisions on 2 threads`).toEqual(stats);
        const four = await scan().collect({ threads: 4, streaming: true });
        expect(diffRows(rowsOf(one), rowsOf(whole)), `${rangeSize}`).toBeNull();
        expect(two.toRecords(), `${rangeSize}`).toEqual(one.toRecords());
        expect(four.toRecords(), `${rangeSize}`).toEqual(one.toRecords());
      }
    });
  }

  it('hashes every batch when an aggregation gathers values (median), as before', async () => {
    const df = await scanCsv(path, { rangeSize: 11 * 1024 })
      .groupBy('h')
      .agg(col('x').median().alias('median'), len().alias('n'))
      .collect({ threads: 2, streaming: true });
    expect(lastStreamingAggregate()!.dense).toBe(0);
    const whole = await (await readCsv(path)).lazy().groupBy('h').agg(col('x').median().alias('median'), len().alias('n')).collect();
    expect(diffRows(rowsOf(df), rowsOf(whole))).toBeNull();
  });
});
