/** dt.strftime: dates and times written as text through a format, made per row, checked against Polars and DuckDB's strftime. */
import pl from 'nodejs-polars';
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, ExprTypeError, InvalidArgumentError, shutdownPool } from '../../src/index.js';
import { useDuckDB } from '../differential/duckdb-session.js';

afterAll(async () => {
  await shutdownPool();
});
const sql = useDuckDB();

const MS_PER_DAY = 86_400_000;
/** Days from 1600 to 2400, before and after 1970, and times with every hour and millisecond. */
const DAYS = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 292_000) - 135_000);
const TIMES = DAYS.map((d, i) => d * MS_PER_DAY + ((i * 3_600_123 + i) % MS_PER_DAY));

function frame(): DataFrame {
  return DataFrame.fromColumns(
    {
      d: [...DAYS.map((x) => new Date(x * MS_PER_DAY)), null],
      t: [...TIMES.map((x) => new Date(x)), null],
    },
    { dtypes: { d: 'Date', t: 'Timestamp' }, chunkSize: 97 },
  );
}

const DATE_FORMATS = ['%Y-%m-%d', '%j %a %b %e', '%A %d %B %Y', '%y%m%d %% done'];
const TIME_FORMATS = [...DATE_FORMATS, '%d/%m/%Y %H:%M:%S', '%A %B %Y, %I:%M %p', '%F %T%.3f'];

describe('dt.strftime', () => {
  it('writes what Polars writes, on 1 and 2 threads and two morsel sizes, nulls staying null', async () => {
    const df = frame();
    const p = pl
      .DataFrame({ d: DAYS.map((x) => new Date(x * MS_PER_DAY)), t: TIMES.map((x) => new Date(x)) })
      .withColumns(pl.col('d').cast(pl.Date), pl.col('t').cast(pl.Datetime('ms')));
    for (const format of TIME_FORMATS) {
      const dates = DATE_FORMATS.includes(format);
      const want = {
        ...(dates ? { d: [...(p.select(pl.col('d').dt.strftime(format)).getColumn('d').toArray() as string[]), null] } : {}),
        t: [...(p.select(pl.col('t').dt.strftime(format)).getColumn('t').toArray() as string[]), null],
      };
      for (const run of [
        { threads: 1, morselSize: 64 },
        { threads: 2, morselSize: 64 },
        { threads: 2, morselSize: 1000 },
      ]) {
        const exprs = [...(dates ? [col('d').dt.strftime(format)] : []), col('t').dt.strftime(format)];
        const out = await df
          .lazy()
          .select(...exprs)
          .collect(run);
        expect(out.toColumns(), `${format} ${JSON.stringify(run)}`).toEqual(want);
      }
    }
  });

  it('writes what DuckDB strftime writes', async () => {
    const df = frame();
    const format = '%Y-%m-%d %H:%M:%S';
    const rows = await sql(
      `SELECT strftime(make_timestamp(t * 1000), '${format}') AS s FROM unnest([${TIMES.join(',')}]::BIGINT[]) AS u(t)`,
    );
    const out = await df.lazy().select(col('t').dt.strftime(format).alias('s')).head(TIMES.length).collect();
    expect(out.getColumn('s').toArray()).toEqual(rows.map((r) => r.s));
  });

  it('feeds filters, group keys and string functions (values written alike are one string), and refuses what is not a date', async () => {
    const df = frame();
    const years = await df
      .lazy()
      .filter(col('d').isNotNull())
      .groupBy(col('d').dt.strftime('%Y').alias('y'))
      .agg(col('d').count().alias('n'))
      .filter(col('y').str.startsWith('19'))
      .sort('y')
      .collect({ threads: 2 });
    const want = new Map<string, number>();
    for (const x of DAYS) {
      const y = new Date(x * MS_PER_DAY).getUTCFullYear();
      if (y >= 1900 && y < 2000) want.set(String(y), (want.get(String(y)) ?? 0) + 1);
    }
    expect(years.toColumns({ int64: 'number' })).toEqual({
      y: [...want.keys()].sort(),
      n: [...want.keys()].sort().map((k) => want.get(k)),
    });
    expect(() => df.lazy().select(col('d').dt.strftime('%Q'))).toThrow(InvalidArgumentError);
    expect(() => new DataFrame({ n: [1] }).lazy().select(col('n').dt.strftime('%Y')).schema).toThrow(ExprTypeError);
    // as Polars: a Date has no time of day to write
    expect(() => df.lazy().select(col('d').dt.strftime('%F %H:%M')).schema).toThrow(/cannot format column "d" of type Date/);
  });
});
