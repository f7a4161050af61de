/** dt.epoch, dt.truncate and dt.offsetBy: leap years, month ends, weeks, before 1970, years 1 and 9999, nulls; 1 and 2 threads. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, InvalidArgumentError, lit, shutdownPool } from '../../src/index.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { refOffset, refTruncate } from '../reference/temporal.js';
import { columnOnEveryRun } from './every-run.js';

afterAll(async () => {
  await shutdownPool();
});

const DAY = 86_400_000;
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const iso = (d: unknown): string | null => (d === null ? null : (d as Date).toISOString());
const isoDay = (d: unknown): string | null => (d === null ? null : (d as Date).toISOString().slice(0, 10));

const DAYS = ['2024-01-31', '2024-02-29', '2023-02-28', '2000-02-29', '1900-03-01', '1969-12-31', '1970-01-01', '0001-01-01', '9999-12-31'];
const TIMES = [
  '2024-01-31T13:45:12.345Z',
  '2024-02-29T23:59:59.999Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '1900-03-01T12:00:00.007Z',
  '0001-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
];

const dates = DataFrame.fromColumns({ d: [...DAYS.map(day), null] }, { dtypes: { d: 'Date' }, chunkSize: 4 });
const times = DataFrame.fromColumns({ t: [...TIMES.map((s) => new Date(s)), null] }, { dtypes: { t: 'Timestamp' }, chunkSize: 3 });

const run = columnOnEveryRun;

describe('dt.epoch', () => {
  it('gives floored seconds and ms as Int64 and days as Int32, for timestamps and dates', async () => {
    expect(await run(times, col('t').dt.epoch('s'))).toEqual([...TIMES.map((s) => BigInt(Math.floor(Date.parse(s) / 1000))), null]);
    expect(await run(times, col('t').dt.epoch())).toEqual(await run(times, col('t').dt.epoch('s')));
    expect(await run(times, col('t').dt.epoch('ms'))).toEqual([...TIMES.map((s) => BigInt(Date.parse(s))), null]);
    expect(await run(times, col('t').dt.epoch('d'))).toEqual([...TIMES.map((s) => Math.floor(Date.parse(s) / DAY)), null]);
    expect(await run(dates, col('d').dt.epoch('s'))).toEqual([...DAYS.map((s) => BigInt(Date.parse(s) / 1000)), null]);
    expect(await run(dates, col('d').dt.epoch('d'))).toEqual([...DAYS.map((s) => Date.parse(s) / DAY), null]);
    const schema = times.lazy().select(col('t').dt.epoch('s').alias('s'), col('t').dt.epoch('d').alias('d')).schema;
    expect([schema.get('s').dtype, schema.get('d').dtype]).toEqual(['Int64', 'Int32']);
  });

  it('rejects an unknown unit and a non-date input', () => {
    expect(() => col('t').dt.epoch('us' as never)).toThrow(InvalidArgumentError);
    expect(
      () =>
        DataFrame.fromColumns({ n: [1] })
          .lazy()
          .select(col('n').dt.epoch('s')).schema,
    ).toThrow(ExprTypeError);
  });
});

describe('dt.truncate', () => {
  it('floors timestamps to windows of every kind, before 1970 too, as Polars', async () => {
    const t = (every: string) => run(times, col('t').dt.truncate(every));
    expect((await t('1mo')).map(iso)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '1969-12-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1900-03-01T00:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-01T00:00:00.000Z',
      null,
    ]);
    // weeks start on Monday; 2 weeks from Monday 1970-01-05; 5 months from year 0, as Polars
    expect((await t('1w')).map(iso).slice(0, 3)).toEqual([
      '2024-01-29T00:00:00.000Z',
      '2024-02-26T00:00:00.000Z',
      '1969-12-29T00:00:00.000Z',
    ]);
    expect((await t('2w')).map(iso).slice(0, 3)).toEqual([
      '2024-01-22T00:00:00.000Z',
      '2024-02-19T00:00:00.000Z',
      '1969-12-22T00:00:00.000Z',
    ]);
    expect((await t('5mo')).map(iso).slice(0, 3)).toEqual([
      '2023-10-01T00:00:00.000Z',
      '2023-10-01T00:00:00.000Z',
      '1969-08-01T00:00:00.000Z',
    ]);
    expect((await t('15m')).map(iso).slice(0, 3)).toEqual([
      '2024-01-31T13:45:00.000Z',
      '2024-02-29T23:45:00.000Z',
      '1969-12-31T23:45:00.000Z',
    ]);
    expect((await t('1q')).map(iso).slice(0, 3)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
      '1969-10-01T00:00:00.000Z',
    ]);
    expect((await t('1y')).map(iso).slice(0, 3)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
      '1969-01-01T00:00:00.000Z',
    ]);
    expect((await t('1s')).map(iso).slice(2, 3)).toEqual(['1969-12-31T23:59:59.000Z']);
    expect((await t('0d')).map(iso)).toEqual([...TIMES, null]);
    for (const every of ['1ms', '7ms', '1h30m', '1d', '3d', '1w', '2w', '1mo', '5mo', '1q', '1y', '2y', '10y'])
      expect((await t(every)).map(iso), every).toEqual([
        ...TIMES.map((s) => new Date(refTruncate(Date.parse(s), every)).toISOString()),
        null,
      ]);
  });

  it('floors dates to weeks, months and years; sub-daily windows leave them as they are', async () => {
    const d = (every: string) => run(dates, col('d').dt.truncate(every));
    expect((await d('1w')).map(isoDay)).toEqual([
      '2024-01-29',
      '2024-02-26',
      '2023-02-27',
      '2000-02-28',
      '1900-02-26',
      '1969-12-29',
      '1969-12-29',
      '0001-01-01',
      '9999-12-27',
      null,
    ]);
    expect((await d('1mo')).map(isoDay).slice(0, 3)).toEqual(['2024-01-01', '2024-02-01', '2023-02-01']);
    expect((await d('1h')).map(isoDay)).toEqual([...DAYS, null]);
    const schema = dates.lazy().select(col('d').dt.truncate('1mo')).schema;
    expect(schema.get('d').dtype).toBe('Date');
  });

  it('rejects mixed, negative and malformed windows when built', () => {
    for (const every of ['1mo15d', '1w1d', '-1d', '1x', 'd', '', '1.5h', '1500us'])
      expect(() => col('t').dt.truncate(every), every).toThrow(InvalidArgumentError);
  });
});

describe('dt.offsetBy', () => {
  it('adds calendar months clamped to the month end, then the rest, as Polars', async () => {
    const d = (by: string) => run(dates, col('d').dt.offsetBy(by));
    expect((await d('1mo')).map(iso)).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2024-03-29T00:00:00.000Z',
      '2023-03-28T00:00:00.000Z',
      '2000-03-29T00:00:00.000Z',
      '1900-04-01T00:00:00.000Z',
      '1970-01-31T00:00:00.000Z',
      '1970-02-01T00:00:00.000Z',
      '0001-02-01T00:00:00.000Z',
      '+010000-01-31T00:00:00.000Z',
      null,
    ]);
    expect((await d('-1y')).map(isoDay).slice(0, 4)).toEqual(['2023-01-31', '2023-02-28', '2022-02-28', '1999-02-28']);
    expect((await d('1y3mo')).map(isoDay).slice(0, 2)).toEqual(['2025-04-30', '2025-05-29']);
    expect((await d('-2w')).map(isoDay).slice(0, 2)).toEqual(['2024-01-17', '2024-02-15']);
    for (const by of ['1d', '-3d', '1q', '-13mo', '100y', '1w2d'])
      expect((await d(by)).map(iso), by).toEqual([...DAYS.map((s) => new Date(refOffset(Date.parse(s), by)).toISOString()), null]);
  });

  it('moves timestamps by any duration, keeping the time of day across months', async () => {
    const t = (by: string) => run(times, col('t').dt.offsetBy(by));
    expect((await t('1mo')).map(iso).slice(0, 3)).toEqual([
      '2024-02-29T13:45:12.345Z',
      '2024-03-29T23:59:59.999Z',
      '1970-01-31T23:59:59.999Z',
    ]);
    expect((await t('-2h')).map(iso).slice(2, 4)).toEqual(['1969-12-31T21:59:59.999Z', '1969-12-31T22:00:00.000Z']);
    expect((await t('1ms')).map(iso).slice(2, 3)).toEqual(['1970-01-01T00:00:00.000Z']);
    for (const by of ['90m', '-1d12h', '1y2mo3d4h5m6s7ms', '-1mo', '1000000us'])
      expect((await t(by)).map(iso), by).toEqual([...TIMES.map((s) => new Date(refOffset(Date.parse(s), by)).toISOString()), null]);
  });

  it('moves a Date by whole days only: an hour is a type error naming the expression', () => {
    expect(() => dates.lazy().select(col('d').dt.offsetBy('2h')).schema).toThrow(ExprTypeError);
    expect(() => dates.lazy().select(col('d').dt.offsetBy('2h')).schema).toThrow(/col\("d"\)\.dt\.offsetBy\("2h"\)/);
    expect(() => col('d').dt.offsetBy('1mo-1d')).toThrow(InvalidArgumentError);
    expect(times.lazy().select(col('t').dt.offsetBy('2h')).schema.get('t').dtype).toBe('Timestamp');
  });

  it('works on literals and shows in plans', async () => {
    const out = await DataFrame.fromColumns({ n: [1] })
      .lazy()
      .select(lit('2024-01-31', 'Date').dt.offsetBy('1mo').alias('x'))
      .collect();
    expect(out.getColumn('x').toArray()).toEqual([day('2024-02-29')]);
    expect(String(col('d').dt.truncate('1mo').dt.offsetBy('-1d').dt.epoch('d'))).toBe(
      'col("d").dt.truncate("1mo").dt.offsetBy("-1d").dt.epoch("d")',
    );
  });
});

describe('date nodes read from data', () => {
  it('are checked as when built: unknown units and malformed durations are rejected', async () => {
    const { validateExprNode } = await import('../../src/expr/index.js');
    const arg = { kind: 'col', name: 't' };
    expect(validateExprNode({ kind: 'dtEpoch', arg, unit: 'ms' })).toEqual({ kind: 'dtEpoch', arg, unit: 'ms' });
    expect(() => validateExprNode({ kind: 'dtEpoch', arg, unit: 'us' })).toThrow(/unit/);
    expect(() => validateExprNode({ kind: 'dtTruncate', arg, every: '1mo1d' })).toThrow(/cannot mix/);
    expect(() => validateExprNode({ kind: 'dtTruncate', arg, every: 3 })).toThrow(/every/);
    expect(() => validateExprNode({ kind: 'dtOffsetBy', arg, by: '1 day' })).toThrow(/duration/);
    expect(validateExprNode({ kind: 'dtOffsetBy', arg, by: '-1y3mo', extra: 1 })).toEqual({ kind: 'dtOffsetBy', arg, by: '-1y3mo' });
  });
});
