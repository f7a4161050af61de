/** dt parts of Dates and Timestamps: time of day, day of year, quarter and ISO week, including years' edges and times before 1970. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, shutdownPool } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('dt parts', () => {
  it('give ISO weeks, days of the year and quarters at the edges of years', async () => {
    const days = ['2021-01-03', '2020-12-31', '2021-01-04', '2024-12-30', '2024-12-31', '2023-01-01', '1969-12-31', '2000-02-29'];
    const df = DataFrame.fromColumns({ d: [...days.map(day), null] }, { dtypes: { d: 'Date' }, chunkSize: 4 });
    for (const threads of [1, 2]) {
      const out = await df
        .lazy()
        .select(
          col('d').dt.week().alias('week'),
          col('d').dt.ordinalDay().alias('ordinal'),
          col('d').dt.quarter().alias('quarter'),
          col('d').dt.hour().alias('hour'),
        )
        .collect({ threads, morselSize: 3 });
      expect(out.getColumn('week').toArray()).toEqual([53, 53, 1, 1, 1, 52, 1, 9, null]);
      expect(out.getColumn('ordinal').toArray()).toEqual([3, 366, 4, 365, 366, 1, 365, 60, null]);
      expect(out.getColumn('quarter').toArray()).toEqual([1, 4, 1, 4, 4, 1, 4, 1, null]);
      expect(out.getColumn('hour').toArray()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, null]);
    }
  });

  it('give the time of day of timestamps, before 1970 too', async () => {
    const times = [new Date('2024-03-05T13:07:09.123Z'), new Date(-1), new Date('1900-06-30T23:00:00.500Z'), null];
    const df = DataFrame.fromColumns({ t: times }, { dtypes: { t: 'Timestamp' } });
    const out = await df
      .lazy()
      .select(
        col('t').dt.hour().alias('h'),
        col('t').dt.minute().alias('m'),
        col('t').dt.second().alias('s'),
        col('t').dt.millisecond().alias('ms'),
        col('t').dt.ordinalDay().alias('ordinal'),
      )
      .collect({ threads: 2 });
    expect(out.toRecords()).toEqual([
      { h: 13, m: 7, s: 9, ms: 123, ordinal: 65 },
      { h: 23, m: 59, s: 59, ms: 999, ordinal: 365 },
      { h: 23, m: 0, s: 0, ms: 500, ordinal: 181 },
      { h: null, m: null, s: null, ms: null, ordinal: null },
    ]);
  });
});
