/** Parquet in and out: round trips of every type, scans with projection and row-group skipping, and errors. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ColumnNotFoundError,
  DataFrame,
  InvalidArgumentError,
  ParquetError,
  col,
  lit,
  readParquet,
  scanParquet,
  shutdownPool,
} from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-parquet-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownPool();
});

const TEXT = ['plain', '', 'e\u0301', 'Zürich', '😀👍🏽', '東京', 'a,"b"', 'ﬀ'];

/** A seeded frame of every type with nulls: `n` rows, ids ascending so row groups have disjoint id ranges. */
function sample(n: number, seed = 7): DataFrame {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const nul = <T>(v: T): T | null => (rnd() < 0.15 ? null : v);
  const id: number[] = [];
  const i32: (number | null)[] = [];
  const i64: (bigint | null)[] = [];
  const f64: (number | null)[] = [];
  const b: (boolean | null)[] = [];
  const str: (string | null)[] = [];
  const d: (Date | null)[] = [];
  const ts: (Date | null)[] = [];
  for (let r = 0; r < n; r++) {
    id.push(r);
    i32.push(nul(Math.floor(rnd() * 2000) - 1000));
    i64.push(nul(BigInt(Math.floor(rnd() * 1e6)) * 10_000_000_000n - 3n));
    const f = rnd();
    f64.push(nul(f < 0.05 ? Number.NaN : f < 0.1 ? -0 : (f - 0.5) * 1e3));
    b.push(nul(rnd() < 0.5));
    str.push(nul(TEXT[Math.floor(rnd() * TEXT.length)]!));
    d.push(nul(new Date(Date.UTC(1960 + Math.floor(rnd() * 80), 0, 1) + Math.floor(rnd() * 365) * 86_400_000)));
    ts.push(nul(new Date(Math.floor((rnd() - 0.3) * 4e12))));
  }
  return DataFrame.fromColumns(
    { id, i32, i64, f64, b, str, d, ts },
    { dtypes: { id: 'Int32', i32: 'Int32', i64: 'Int64', f64: 'Float64', b: 'Boolean', str: 'Utf8', d: 'Date', ts: 'Timestamp' } },
  );
}

/** Values and types compared exactly: -0 and NaN by Object.is, Int64 as bigint. */
function expectSame(a: DataFrame, b: DataFrame): void {
  expect(a.schema.fields).toEqual(b.schema.fields);
  expect(a.height).toBe(b.height);
  const ra = a.toRecords();
  const rb = b.toRecords();
  for (let r = 0; r < ra.length; r++) {
    for (const name of a.columns) {
      const x = ra[r]![name];
      const y = rb[r]![name];
      if (x instanceof Date || y instanceof Date) expect((x as Date | null)?.getTime() ?? null).toBe((y as Date | null)?.getTime() ?? null);
      else expect(Object.is(x, y), `row ${r} column ${name}: ${String(x)} vs ${String(y)}`).toBe(true);
    }
  }
}

describe('Parquet round trip', () => {
  const df = sample(5_000);
  for (const compression of ['zstd', 'snappy', 'uncompressed'] as const) {
    it(`every type with nulls, ${compression}, several row groups`, async () => {
      const file = join(dir, `rt-${compression}.parquet`);
      await df.writeParquet(file, { compression, rowGroupSize: 1_200 });
      const back = await readParquet(file);
      expectSame(back, df);
      // five row groups, each with its statistics
      expect(scanParquet(file).explain()).toContain('ROW GROUPS: 5/5 read');
    });
  }

  it('reads from bytes and from a stream, and writes to a stream', async () => {
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (p: Buffer) => parts.push(p));
    await df.writeParquet(out, { rowGroupSize: 2_000 });
    const bytes = Buffer.concat(parts);
    expectSame(await readParquet(new Uint8Array(bytes)), df);
    const stream = new PassThrough();
    stream.end(bytes);
    expectSame(await readParquet(stream), df);
  });

  it('columns in the asked order, and nRows reads only the first rows', async () => {
    const file = join(dir, 'cols.parquet');
    await df.writeParquet(file, { rowGroupSize: 1_000 });
    const two = await readParquet(file, { columns: ['str', 'id'] });
    expect(two.columns).toEqual(['str', 'id']);
    expectSame(two, await df.select('str', 'id'));
    expectSame(await readParquet(file, { nRows: 1_500 }), await df.head(1_500));
    expect((await readParquet(file, { nRows: 0 })).height).toBe(0);
  });

  it('an empty frame and a frame with no rows after a filter', async () => {
    const file = join(dir, 'empty.parquet');
    const none = await df.filter(col('id').lt(lit(0)));
    await none.writeParquet(file);
    const back = await readParquet(file);
    expect(back.height).toBe(0);
    expect(back.schema.fields).toEqual(df.schema.fields);
    await scanParquet(join(dir, 'cols.parquet'))
      .filter(col('id').lt(lit(0)))
      .sinkParquet(file);
    expect((await readParquet(file)).schema.fields).toEqual(df.schema.fields);
  });

  it('sinkParquet writes a lazy query as collect() gives it', async () => {
    const file = join(dir, 'source.parquet');
    await df.writeParquet(file, { rowGroupSize: 700 });
    const query = scanParquet(file)
      .filter(col('i32').gt(lit(0)))
      .withColumns(col('f64').mul(lit(2)).alias('f2'));
    const sunk = join(dir, 'sunk.parquet');
    await query.sinkParquet(sunk, { compression: 'snappy', rowGroupSize: 500 });
    expectSame(await readParquet(sunk), await query.collect());
  });
});

describe('scanParquet', () => {
  const df = sample(6_000, 11);
  const file = join(dir, 'scan.parquet');
  const ready = df.writeParquet(file, { rowGroupSize: 1_000 });

  const filters = [
    [
      'id range',
      col('id')
        .gte(lit(2_500))
        .and(col('id').lt(lit(3_100))),
    ],
    ['flipped literal', lit(4_200).lt(col('id'))],
    [
      'or of ranges',
      col('id')
        .lt(lit(100))
        .or(col('id').gt(lit(5_950))),
    ],
    ['between', col('id').between(lit(1_000), lit(1_999))],
    ['isIn', col('id').isIn([5, 4_321])],
    ['equality on a string', col('str').eq(lit('東京'))],
    ['float upper bound (NaN above every number)', col('f64').lt(lit(-400))],
    ['float lower bound', col('f64').gt(lit(400))],
    ['Int64 bound', col('i64').gte(lit(9_000_000_000_000_000n))],
    ['date', col('d').lt(lit('1961-06-01', 'Date'))],
    ['timestamp', col('ts').gt(lit(new Date('2090-01-01T00:00:00Z')))],
    ['is null', col('str').isNull()],
    ['no row at all', col('id').gt(lit(1e9))],
  ] as const;

  for (const [what, predicate] of filters) {
    it(`${what}: the same rows as a full read and a filter, on 1 and 2 threads`, async () => {
      await ready;
      const want = await (await readParquet(file)).filter(predicate);
      for (const threads of [1, 2]) {
        for (const morselSize of [333, 4_096]) {
          const got = await scanParquet(file).filter(predicate).collect({ threads, morselSize });
          expectSame(got, want);
        }
      }
    });
  }

  it('explain shows the columns read, the predicate and the row groups skipped', async () => {
    await ready;
    const plan = scanParquet(file)
      .filter(
        col('id')
          .gte(lit(2_500))
          .and(col('id').lt(lit(3_100))),
      )
      .select('id', 'str')
      .explain();
    expect(plan).toContain('READ 2/8 COLUMNS: ["id","str"]');
    expect(plan).toContain('ROW GROUPS: 2/6 read, 4 skipped by statistics of');
    // the filter still runs on the rows of the kept groups
    expect(plan).toMatch(/FILTER .*col\("id"\) >= 2500/);
  });

  it('row groups the statistics cannot rule out are all read', async () => {
    await ready;
    // the random columns span every row group; a NaN may hide above any float maximum
    expect(
      scanParquet(file)
        .filter(col('i32').gt(lit(0)))
        .explain(),
    ).toContain('ROW GROUPS: 6/6 read');
    expect(
      scanParquet(file)
        .filter(col('f64').gt(lit(1e9)))
        .explain(),
    ).toContain('ROW GROUPS: 6/6 read');
    expect(
      scanParquet(file)
        .filter(col('id').gt(lit(1e9)))
        .explain(),
    ).toContain('ROW GROUPS: 0/6 read');
  });

  it('projection reads only the asked columns, and a limit stops early', async () => {
    await ready;
    const lf = scanParquet(file).select('b', 'id');
    expect(lf.explain()).toContain('READ 2/8 COLUMNS: ["id","b"]');
    expectSame(await lf.collect(), await df.select('b', 'id'));
    expectSame(await scanParquet(file).head(1_234).collect(), await df.head(1_234));
    expect(scanParquet(file).head(10).explain()).toContain('ROW GROUPS: 6/6 read LIMIT 10');
  });

  it('stream() hands on the rows of each decoded part of row groups before decoding the next', async () => {
    const n = 1_300_000;
    const big = DataFrame.fromColumns({ id: Int32Array.from({ length: n }, (_, i) => i) });
    const file = join(dir, 'stream.parquet');
    await big.writeParquet(file, { rowGroupSize: 325_000 });
    const lf = scanParquet(file).filter(col('id').mod(lit(3)).eq(lit(0)));
    const heights: number[] = [];
    let next = 0;
    for await (const part of lf.stream({ threads: 2 })) {
      heights.push(part.height);
      const ids = part.getColumn('id').toArray() as number[];
      for (const id of ids) {
        expect(id).toBe(next);
        next += 3;
      }
    }
    expect(heights.length).toBeGreaterThan(1);
    expect(heights.reduce((a, b) => a + b, 0)).toBe(Math.ceil(n / 3));
  });

  it('aggregates and sorts over a scan as over the frame', async () => {
    await ready;
    const q = (lf: ReturnType<DataFrame['lazy']>) =>
      lf
        .filter(col('id').lt(lit(4_000)))
        .groupBy('str')
        .agg(col('i32').sum().alias('s'), col('f64').max().alias('m'), col('id').count().alias('n'))
        .sort('str');
    for (const threads of [1, 2]) expectSame(await q(scanParquet(file)).collect({ threads }), await q(df.lazy()).collect({ threads }));
  });
});

describe('Parquet errors', () => {
  it('a missing file', async () => {
    await expect(readParquet(join(dir, 'nope.parquet'))).rejects.toThrow(ParquetError);
    await expect(readParquet(join(dir, 'nope.parquet'))).rejects.toThrow(/cannot read .*nope\.parquet/);
    expect(() => scanParquet(join(dir, 'nope.parquet'))).toThrow(ParquetError);
  });

  it('a file that is not Parquet', async () => {
    const file = join(dir, 'not.parquet');
    writeFileSync(file, 'a,b\n1,2\n');
    await expect(readParquet(file)).rejects.toThrow(/not a Parquet file/);
    expect(() => scanParquet(file)).toThrow(/not a Parquet file/);
    await expect(readParquet(new Uint8Array([1, 2, 3]))).rejects.toThrow(ParquetError);
  });

  it('a damaged footer', async () => {
    const good = join(dir, 'good.parquet');
    await sample(100).writeParquet(good);
    const bytes = readFileSync(good);
    const bad = Buffer.concat([bytes.subarray(0, 4), Buffer.alloc(20, 0xff), bytes.subarray(bytes.length - 8)]);
    await expect(readParquet(new Uint8Array(bad))).rejects.toThrow(ParquetError);
  });

  it('an unknown column names the known ones', async () => {
    const file = join(dir, 'known.parquet');
    await sample(10).writeParquet(file);
    const err = await readParquet(file, { columns: ['id', 'nope'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ColumnNotFoundError);
    expect((err as Error).message).toContain('nope');
    expect((err as Error).message).toContain('i64');
    expect(() => scanParquet(file).select('nope')).toThrow(ColumnNotFoundError);
  });

  it('bad options', async () => {
    const df = sample(10);
    await expect(df.writeParquet(join(dir, 'x.parquet'), { compression: 'gzip' as 'zstd' })).rejects.toThrow(InvalidArgumentError);
    await expect(df.writeParquet(join(dir, 'x.parquet'), { rowGroupSize: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(readParquet(join(dir, 'x.parquet'), { nRows: -1 })).rejects.toThrow(InvalidArgumentError);
    await expect(df.writeParquet(join(dir, 'no-such-dir', 'x.parquet'))).rejects.toThrow(ParquetError);
  });
});
