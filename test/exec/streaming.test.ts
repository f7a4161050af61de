/** Streaming execution over CSV scans: the same answers as reading the file whole, frames as ranges are parsed, and a consumer that sets the pace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h2oCsv } from '../../datasets/h2o.js';
import { lastStreamingAggregate } from '../../src/exec/stream.js';
import { streamTasks } from '../../src/exec/task-stream.js';
import { col, corr, len, scanCsv, shutdownPool, type DataFrame, type LazyFrame } from '../../src/index.js';
import { diffRows } from '../differential/compare.js';
import { useWorkerFile } from '../../src/pool/pool.js';
import { DRILL_WORKER, drill } from '../pool/drills.js';
import { tempDir } from '../io/csv/parallel/helpers.js';

const tmp = tempDir();
const path = tmp.file('g1.csv', h2oCsv({ rows: 30_000, k: 20, nas: 5, seed: 11 }));
const RANGE = 48 * 1024;
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

const scan = (): LazyFrame => scanCsv(path, { rangeSize: RANGE });

/** Queries that end in an aggregation or in a pipeline, and some that streaming must hand back to a whole read. */
const QUERIES: Record<string, () => LazyFrame> = {
  'sum by a string key': () => scan().groupBy('id1').agg(col('v1').sum().alias('v1')),
  'mean by two string keys': () => scan().groupBy('id1', 'id2').agg(col('v3').mean().alias('v3'), len().alias('n')),
  'a boolean key alone': () =>
    scan().groupBy(col('v2').lt(3).alias('small')).agg(col('v3').sum().alias('s'), col('v1').mean().alias('m'), len().alias('n')),
  'a boolean key beside a string key': () => scan().groupBy(col('v1').gt(2).alias('big'), 'id2').agg(col('v3').sum().alias('s')),
  'many groups, many aggregations': () =>
    scan()
      .groupBy('id3')
      .agg(
        col('v1').max().sub(col('v2').min()).alias('r'),
        col('v3').median().alias('m'),
        col('v3').std().alias('sd'),
        col('id1').nUnique().alias('u'),
      ),
  'int keys with nulls': () =>
    scan().groupBy('id4', 'id5').agg(col('v3').median().alias('m'), col('v3').std().alias('sd'), col('v1').count().alias('c')),
  'corr by keys, filtered': () =>
    scan()
      .filter(col('v3').gt(20))
      .groupBy('id2', 'id4')
      .agg(corr(col('v1'), col('v2')).pow(2).alias('r2')),
  'a string filter and first/last': () =>
    scan()
      .filter(col('id1').isIn(['id001', 'id003', 'id007']))
      .groupBy('id6')
      .agg(col('id2').first().alias('f'), col('id3').last().alias('l')),
  'no keys': () => scan().agg(col('v1').sum().alias('s'), col('v3').quantile(0.9).alias('q'), len().alias('n')),
  'string min/max (read whole)': () => scan().groupBy('id4').agg(col('id3').min().alias('lo'), col('id3').max().alias('hi')),
  'a derived string key (read whole)': () => scan().groupBy(col('id1').str.toUpperCase().alias('k')).agg(col('v1').sum().alias('v1')),
  'filter and select': () =>
    scan()
      .filter(col('v2').gt(10).and(col('id2').neq('id005')))
      .select('id2', 'v3'),
  'limit with offset': () => scan().filter(col('v1').eq(3)).select('id3', 'v1').slice(100, 250),
  'a derived string column (read whole)': () => scan().select(col('id1').str.slice(2, 3).alias('x'), 'v1'),
};

function rowsOf(df: DataFrame) {
  return { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
}

describe('collect({ streaming: true })', () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name}: the whole read's answer, and bit-identical on 1 and 2 threads`, async () => {
      const whole = await query().collect({ threads: 2 });
      const one = await query().collect({ threads: 1, streaming: true });
      const two = await query().collect({ threads: 2, streaming: true });
      expect(whole.height).toBeGreaterThan(0);
      expect(diffRows(rowsOf(two), rowsOf(whole))).toBeNull();
      expect(two.toRecords()).toEqual(one.toRecords());
    });
  }
});

describe('streaming aggregation of many groups', () => {
  // a near-unique key over small ranges: the partials outgrow the compaction threshold many times
  const many = tmp.file('many.csv', h2oCsv({ rows: 150_000, k: 1, nas: 3, seed: 5 }));
  const query = (): LazyFrame =>
    scanCsv(many, { rangeSize: 64 * 1024 })
      .groupBy('id3')
      .agg(col('v3').sum().alias('s'), col('v3').mean().alias('m'), col('v3').std().alias('sd'), len().alias('n'));

  it("compacts while later ranges are parsed; the answer is the whole read's, bit-identical on 1, 2 and 4 threads", async () => {
    const whole = await query().collect({ threads: 2 });
    const one = await query().collect({ threads: 1, streaming: true });
    const counted = lastStreamingAggregate();
    const two = await query().collect({ threads: 2, streaming: true });
    const four = await query().collect({ threads: 4, streaming: true });
    expect(counted!.batches).toBeGreaterThan(20);
    expect(counted!.compactions).toBeGreaterThanOrEqual(1);
    // near-unique keys: each batch keeps its morsels
    expect(counted!.whole).toBe(false);
    expect(lastStreamingAggregate()).toEqual(counted);
    expect(whole.height).toBeGreaterThan(80_000);
    expect(diffRows(rowsOf(two), rowsOf(whole))).toBeNull();
    expect(two.toRecords()).toEqual(one.toRecords());
    expect(four.toRecords()).toEqual(one.toRecords());
  });
});

describe('streaming aggregation of keys that repeat within a range', () => {
  it('aggregates each batch after the first as one morsel; the answer is the whole read’s, bit-identical on 1, 2 and 4 threads', async () => {
    const query = (): LazyFrame =>
      scan()
        .groupBy('id1', 'id4')
        .agg(col('v3').sum().alias('s'), col('v3').std().alias('sd'), col('v1').max().alias('m'), len().alias('n'));
    const whole = await query().collect({ threads: 2 });
    const one = await query().collect({ threads: 1, streaming: true });
    expect(lastStreamingAggregate()!.whole).toBe(true);
    expect(lastStreamingAggregate()!.batches).toBeGreaterThan(10);
    const two = await query().collect({ threads: 2, streaming: true });
    const four = await query().collect({ threads: 4, streaming: true });
    expect(diffRows(rowsOf(two), rowsOf(whole))).toBeNull();
    expect(two.toRecords()).toEqual(one.toRecords());
    expect(four.toRecords()).toEqual(one.toRecords());
    // a morsel size of the caller's own keeps its morsels
    await query().collect({ threads: 2, streaming: true, morselSize: 1000 });
    expect(lastStreamingAggregate()!.whole).toBe(false);
  });
});

describe('LazyFrame.stream()', () => {
  it('yields the rows of each range as it is parsed; together they are collect()', async () => {
    const lf = scan().filter(col('v1').gt(2)).select('id1', 'v1', 'v3');
    const batches: DataFrame[] = [];
    for await (const b of lf.stream({ threads: 2 })) batches.push(b);
    expect(batches.length).toBeGreaterThan(10);
    const all = batches.flatMap((b) => b.toRecords());
    expect(all).toEqual((await lf.collect({ threads: 2 })).toRecords());
    // Utf8 columns of every batch share one dictionary
    expect(new Set(batches.map((b) => b.getColumn('id1').dictionary)).size).toBe(1);
  });

  it('honours a limit and an offset across batches', async () => {
    const lf = scan().select('id3').slice(1234, 4321);
    const rows: unknown[] = [];
    for await (const b of lf.stream({ threads: 2 })) rows.push(...b.getColumn('id3').toArray());
    expect(rows).toEqual((await lf.collect({ threads: 1 })).getColumn('id3').toArray());
  });

  it('a plan that is not a pipeline over a scan yields its result once', async () => {
    const lf = scan().groupBy('id1').agg(col('v1').sum());
    const batches: DataFrame[] = [];
    for await (const b of lf.stream({ threads: 2 })) batches.push(b);
    expect(batches.length).toBe(1);
    expect(batches[0]!.toRecords()).toEqual((await lf.collect({ threads: 2 })).toRecords());
  });

  it('breaking out of the loop stops the scan', async () => {
    const ranges: number[] = [];
    for await (const b of scan()
      .select('v1')
      .stream({ threads: 2, onProgress: (p) => ranges.push(p.bytes) })) {
      expect(b.height).toBeGreaterThan(0);
      break;
    }
    expect(ranges.length).toBe(1);
  });
});

describe('backpressure', () => {
  // the probes below are drills: the pool runs them in a fixture worker
  beforeAll(async () => {
    await useWorkerFile(DRILL_WORKER);
  });
  afterAll(async () => {
    await useWorkerFile(null);
  });

  function counter(): Int32Array {
    return new Int32Array(new SharedArrayBuffer(12));
  }

  it('a consumer that waits holds the tasks back to a few ahead of it', async () => {
    const c = counter();
    const tasks = streamTasks<string>({ threads: 2, signal: null }, 100, (i) =>
      drill({ type: 'drill', action: 'echo', message: String(i), counter: c }),
    );
    const first = await tasks.next();
    expect(first.value).toBe('0');
    // the consumer is busy elsewhere: the workers have time to run anything they were given
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Atomics.load(c, 0)).toBeLessThanOrEqual(5);
    const rest: string[] = [];
    for await (const r of tasks) rest.push(r);
    expect(rest.length).toBe(99);
    expect(Atomics.load(c, 0)).toBe(100);
  });

  it('a consumer that stops leaves the rest of the tasks unstarted', async () => {
    const c = counter();
    for await (const r of streamTasks<string>({ threads: 2, signal: null }, 100, (i) =>
      drill({ type: 'drill', action: 'echo', message: String(i), counter: c }),
    )) {
      if (r === '3') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Atomics.load(c, 0)).toBeLessThanOrEqual(8);
  });
});
