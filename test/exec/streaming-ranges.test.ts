/** Streaming aggregation against reading the file whole: every aggregation, nulls, quoted newlines across range boundaries, filters that drop whole ranges, several range sizes, threads 1, 2 and 4. */
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
 * 6,000 rows: `i` the row number (so a filter can drop whole ranges), a string key `k` of 40
 * values, some quoted with a newline and a comma inside (records that cross range boundaries
 * wherever the ranges fall), an integer key `g` with nulls, and floats `x`, `y` with nulls.
 */
function csvText(): string {
  let seed = 7;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const lines = ['i,k,g,x,y'];
  for (let i = 0; i < 6000; i++) {
    const kv = Math.floor(rand() * 40);
    const k = kv % 7 === 0 ? `"key ${kv}\nline two, with a comma"` : `key${kv}`;
    const g = rand() < 0.05 ? '' : String(Math.floor(rand() * 300) - 150);
    const x = rand() < 0.05 ? '' : (rand() * 1000 - 500).toFixed(3);
    const y = rand() < 0.05 ? '' : (rand() * 10).toFixed(2);
    lines.push(`${i},${k},${g},${x},${y}`);
  }
  return `${lines.join('\n')}\n`;
}

const path = tmp.file('ranges.csv', csvText());

const AGGS = () => [
  col('x').sum().alias('sum'),
  col('x').mean().alias('mean'),
  col('x').min().alias('min'),
  col('y').max().alias('max'),
  col('x').std().alias('std'),
  col('y').var().alias('var'),
  col('x').median().alias('median'),
  col('y').quantile(0.25).alias('q25'),
  col('x').count().alias('count'),
  len().alias('len'),
  col('g').nUnique().alias('distinct'),
  col('i').first().alias('first'),
  col('i').last().alias('last'),
  corr(col('x'), col('y')).alias('corr'),
];

/** The queries, each over a scan with the given range size. */
const QUERIES: Record<string, (lf: LazyFrame) => LazyFrame> = {
  'by the string key': (lf) => lf.groupBy('k').agg(...AGGS()),
  'by the integer key with nulls': (lf) => lf.groupBy('g').agg(...AGGS()),
  'by both keys': (lf) => lf.groupBy('k', 'g').agg(col('x').sum().alias('s'), col('y').mean().alias('m'), len().alias('n')),
  'a filter that drops whole ranges': (lf) =>
    lf
      .filter(col('i').lt(700).or(col('i').gt(5200)))
      .groupBy('k')
      .agg(...AGGS()),
  'a filter that keeps no row': (lf) => lf.filter(col('i').lt(0)).groupBy('g').agg(col('x').sum().alias('s'), len().alias('n')),
  'no keys': (lf) => lf.agg(...AGGS()),
};

function rowsOf(df: DataFrame) {
  return { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
}

describe('streaming aggregation across range sizes', () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name}: the answer of the file read whole, bit-identical on 1, 2 and 4 threads at every range size`, async () => {
      const whole = await query((await readCsv(path)).lazy()).collect({ threads: 1 });
      for (const rangeSize of [2 * 1024, 9 * 1024, 40 * 1024]) {
        const scan = (): LazyFrame => query(scanCsv(path, { rangeSize }));
        const one = await scan().collect({ threads: 1, streaming: true });
        // the scan ran range by range, not read whole behind the streaming call
        expect(lastStreamingAggregate()!.batches, `${rangeSize}`).toBeGreaterThan(2);
        const two = await scan().collect({ threads: 2, streaming: true });
        const four = await scan().collect({ threads: 4, streaming: true });
        expect(diffRows(rowsOf(one), rowsOf(whole)), `${rangeSize}`).toBeNull();
        expect(two.toRecords(), `${rangeSize}`).toEqual(one.toRecords());
        expect(four.toRecords(), `${rangeSize}`).toEqual(one.toRecords());
      }
    });
  }
});
