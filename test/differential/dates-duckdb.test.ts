/**
 * Date functions against DuckDB on seeded dates and timestamps from 1600 to 2400, nulls included:
 * date_trunc, epoch, + INTERVAL, date subtraction, comparisons of a DATE with a TIMESTAMP,
 * strptime, and strftime through the formatter, at 1 and 2 threads.
 */
import { describe, expect, it } from 'vitest';
import { compileFormat, formatTimestamp } from '../../kernels/eval/strftime.js';
import { col, DataFrame, type Expr } from '../../src/index.js';
import { useDuckDB } from './duckdb-session.js';
import { intIn, mulberry32 } from './prng.js';

const DAY = 86_400_000;
const ROWS = 400;
const MIN_MS = Date.UTC(1600, 0, 1);
const MAX_MS = Date.UTC(2400, 0, 1);

const rand = mulberry32(20261207);
/** Instants: mostly anywhere in the range, some at midnight, some on a month's last day, every tenth null. */
const MS: (number | null)[] = Array.from({ length: ROWS }, (_, i) => {
  if (i % 10 === 3) return null;
  const ms = intIn(rand, MIN_MS / 1000, MAX_MS / 1000) * 1000 + intIn(rand, 0, 999);
  if (i % 7 === 0) return Math.floor(ms / DAY) * DAY;
  if (i % 11 === 0) {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0, 13, 5, 7, 9);
  }
  return ms;
});
const DAYS: (number | null)[] = MS.map((ms, i) => (ms === null || i % 10 === 6 ? null : Math.floor(ms / DAY) + intIn(rand, -40, 40)));

const frame = DataFrame.fromColumns(
  { t: MS.map((ms) => (ms === null ? null : new Date(ms))), d: DAYS.map((d) => (d === null ? null : new Date(d * DAY))) },
  { dtypes: { t: 'Timestamp', d: 'Date' }, chunkSize: 64 },
);

/** The table in DuckDB: t TIMESTAMP, d DATE, in row order (column i). */
const TABLE_SQL = `CREATE TABLE x AS SELECT * FROM (VALUES ${MS.map(
  (ms, i) =>
    `(${i}, ${ms === null ? 'NULL' : `epoch_ms(${ms})`}, ${DAYS[i] === null ? 'NULL' : `DATE '1970-01-01' + ${DAYS[i]}::INTEGER`})`,
).join(', ')}) v(i, t, d)`;

/** Volley's values of `e`, as numbers (ms for dates and timestamps), the same at 1 and 2 threads. */
async function volley(e: Expr): Promise<(number | boolean | null)[]> {
  const runs = [];
  for (const [threads, morselSize] of [
    [1, 50],
    [2, 37],
  ] as const) {
    const out = await frame.lazy().select(e.alias('x')).collect({ threads, morselSize });
    runs.push(
      out
        .getColumn('x')
        .toArray()
        .map((v) => (v === null ? null : v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : (v as number | boolean))),
    );
  }
  expect(runs[1]).toEqual(runs[0]);
  return runs[0]!;
}

describe('date functions against DuckDB', () => {
  const query = useDuckDB();
  let made = false;
  /** DuckDB's values of `sql` over table x in row order, as numbers (ms for dates and timestamps: write epoch_ms(...)). */
  async function duck(sql: string): Promise<(number | boolean | null)[]> {
    if (!made) {
      await query(TABLE_SQL);
      made = true;
    }
    const rows = await query(`SELECT ${sql} AS x FROM x ORDER BY i`);
    return rows.map((r) => (r.x === null ? null : typeof r.x === 'bigint' ? Number(r.x) : (r.x as number | boolean)));
  }

  it('dt.truncate is date_trunc for units DuckDB has', async () => {
    for (const [every, unit] of [
      ['1s', 'second'],
      ['1m', 'minute'],
      ['1h', 'hour'],
      ['1d', 'day'],
      ['1w', 'week'],
      ['1mo', 'month'],
      ['1q', 'quarter'],
      ['1y', 'year'],
    ] as const) {
      expect(await volley(col('t').dt.truncate(every)), every).toEqual(await duck(`epoch_ms(date_trunc('${unit}', t))`));
      if (every !== '1s' && every !== '1m' && every !== '1h')
        expect(await volley(col('d').dt.truncate(every)), `Date ${every}`).toEqual(await duck(`epoch_ms(date_trunc('${unit}', d)::DATE)`));
    }
  });

  it('dt.truncate of several units is time_bucket where the origins agree', async () => {
    expect(await volley(col('t').dt.truncate('15m'))).toEqual(
      await duck(`epoch_ms(time_bucket(INTERVAL '15 minutes', t, TIMESTAMP '1970-01-01'))`),
    );
    expect(await volley(col('t').dt.truncate('2w'))).toEqual(
      await duck(`epoch_ms(time_bucket(INTERVAL '14 days', t, TIMESTAMP '1970-01-05'))`),
    );
  });

  it('dt.epoch is epoch and epoch_ms, floored', async () => {
    expect(await volley(col('t').dt.epoch('ms'))).toEqual(await duck('epoch_ms(t)'));
    expect(await volley(col('t').dt.epoch('s'))).toEqual(await duck('floor(epoch(t))::BIGINT'));
    expect(await volley(col('d').dt.epoch('s'))).toEqual(await duck('epoch(d)::BIGINT'));
    expect(await volley(col('t').dt.epoch('d'))).toEqual(await duck(`(t::DATE - DATE '1970-01-01')::BIGINT`));
  });

  it('dt.offsetBy is + INTERVAL (months clamped to the month end)', async () => {
    for (const [by, interval] of [
      ['1mo', '1 month'],
      ['-1mo', '-1 month'],
      ['1y3mo', '1 year 3 months'],
      ['-1y2mo3h', '-1 year -2 months -3 hours'],
      ['1q', '3 months'],
      ['2w1d', '15 days'],
      ['-90m', '-90 minutes'],
      ['1d1ms', '1 day 1 millisecond'],
    ] as const) {
      expect(await volley(col('t').dt.offsetBy(by)), by).toEqual(await duck(`epoch_ms(t + INTERVAL '${interval}')`));
      if (!by.includes('h') && !by.includes('m') && !by.includes('ms'))
        expect(await volley(col('d').dt.offsetBy(by)), `Date ${by}`).toEqual(await duck(`epoch_ms((d + INTERVAL '${interval}')::DATE)`));
    }
  });

  it('date subtraction is DuckDB date - date in days, and ms with a timestamp', async () => {
    expect(await volley(col('t').cast('Date').sub(col('d')))).toEqual(await duck('t::DATE - d'));
    expect(await volley(col('t').sub(col('d')))).toEqual(await duck('epoch_ms(t) - epoch_ms(d)'));
  });

  it('a Date compares with a Timestamp as DuckDB compares DATE with TIMESTAMP', async () => {
    for (const op of ['eq', 'lt', 'gte'] as const) {
      const sym = { eq: '=', lt: '<', gte: '>=' }[op];
      expect(await volley(col('d')[op](col('t'))), op).toEqual(await duck(`d ${sym} t`));
      expect(await volley(col('d')[op]('1999-12-31T12:00:00Z')), op).toEqual(await duck(`d ${sym} TIMESTAMP '1999-12-31 12:00:00'`));
    }
  });

  it('str.strptime and the formatter agree with DuckDB strptime and strftime', async () => {
    const spec = '%d/%m/%Y %H:%M:%S';
    const compiled = compileFormat(spec);
    const text = MS.map((ms) => (ms === null ? null : formatTimestamp(ms, compiled)));
    expect(text).toEqual((await duck(`strftime(t, '${spec}')`)) as unknown[]);
    const texts = DataFrame.fromColumns({ s: text }, { dtypes: { s: 'Utf8' } });
    const out = await texts.lazy().select(col('s').str.strptime('Timestamp', spec)).collect({ threads: 2, morselSize: 50 });
    const parsed = out
      .getColumn('s')
      .toArray()
      .map((v) => (v === null ? null : (v as Date).getTime()));
    expect(parsed).toEqual(await duck(`epoch_ms(strptime(strftime(t, '${spec}'), '${spec}'))`));
  });
});
