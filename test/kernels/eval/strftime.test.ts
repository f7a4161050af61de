/** The compiled strftime formats: written as nodejs-polars' dt.strftime and DuckDB's strftime write them, and read back. */
import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { compileFormat, FormatSpecError, formatDate, formatTimestamp, parseFormatted } from '../../../kernels/eval/strftime.js';
import { useDuckDB } from '../../differential/duckdb-session.js';

const MS_PER_DAY = 86_400_000;

/** Instants across leap days, month ends, noon and midnight, before 1970, and the years 1 and 9999. */
const INSTANTS = [
  '2024-01-31T13:45:12.345Z',
  '2024-02-29T00:00:00.000Z',
  '2023-12-31T23:59:59.999Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '1900-03-01T12:00:00.007Z',
  '2000-07-04T00:30:05.120Z',
  '0001-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
].map((s) => Date.parse(s));

/** Formats that both Polars and Volley write the same way (chrono's specifiers). */
const POLARS_FORMATS = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S%.3f',
  '%d/%m/%Y',
  '%b %e %Y, %I:%M %p',
  '%A %d %B %Y (%a, %j)',
  '%y%m%d %T',
  '%D %R',
  '%F',
  '%H:%M:%S%.6f / %.9f / %f',
  '%u %w 100%% é 日本 👍',
  '%k|%l',
];

describe('formatTimestamp and formatDate', () => {
  it('write what nodejs-polars dt.strftime writes', () => {
    const df = pl.DataFrame({ t: INSTANTS.map((ms) => new Date(ms)) }).select(pl.col('t').cast(pl.Datetime('ms')));
    for (const spec of POLARS_FORMATS) {
      const polars = df.select(pl.col('t').dt.strftime(spec)).getColumn('t').toArray();
      const compiled = compileFormat(spec);
      expect(
        INSTANTS.map((ms) => formatTimestamp(ms, compiled)),
        spec,
      ).toEqual(polars);
    }
  });

  it('write Dates as Polars writes them', () => {
    const days = INSTANTS.map((ms) => Math.floor(ms / MS_PER_DAY));
    const df = pl.DataFrame({ t: days.map((d) => new Date(d * MS_PER_DAY)) }).select(pl.col('t').cast(pl.Date));
    for (const spec of ['%Y-%m-%d', '%A %e %B %Y', '%j %y %a']) {
      const polars = df.select(pl.col('t').dt.strftime(spec)).getColumn('t').toArray();
      expect(
        days.map((d) => formatDate(d, compileFormat(spec))),
        spec,
      ).toEqual(polars);
    }
  });

  it('write %.f as chrono does: nothing for a whole second', () => {
    expect(formatTimestamp(Date.parse('2024-01-01T00:00:01Z'), compileFormat('%S%.f'))).toBe('01');
    expect(formatTimestamp(Date.parse('2024-01-01T00:00:01.5Z'), compileFormat('%S%.f'))).toBe('01.500');
  });

  it('write %z as +0000: values are UTC', () => {
    expect(formatTimestamp(0, compileFormat('%H:%M%z'))).toBe('00:00+0000');
  });

  describe('against DuckDB', () => {
    const query = useDuckDB();
    it('write what DuckDB strftime writes for the specifiers both have', async () => {
      const spec = '%Y-%m-%d %H:%M:%S|%b|%B|%a|%A|%j|%y|%I|%p|%d/%m';
      const values = INSTANTS.filter((ms) => ms >= Date.parse('1000-01-01'))
        .map((ms) => `epoch_ms(${ms})`)
        .join(', ');
      const rows = await query(`SELECT strftime(t, '${spec}') AS s FROM (SELECT unnest([${values}]) AS t)`);
      const compiled = compileFormat(spec);
      expect(rows.map((r) => r.s)).toEqual(
        INSTANTS.filter((ms) => ms >= Date.parse('1000-01-01')).map((ms) => formatTimestamp(ms, compiled)),
      );
    });
  });
});

describe('compileFormat', () => {
  it('rejects an unknown specifier and a lone %, naming them', () => {
    expect(() => compileFormat('%Y-%Q')).toThrow(FormatSpecError);
    expect(() => compileFormat('%Y-%Q')).toThrow(/unknown specifier %Q/);
    expect(() => compileFormat('%Y%')).toThrow(/lone %/);
    expect(() => compileFormat('%.4f')).toThrow(/%\.4f/);
  });

  it('knows whether a format holds a date and a time', () => {
    expect(compileFormat('%Y-%m-%d')).toMatchObject({ hasDate: true, hasTime: false });
    expect(compileFormat('%Y %j %H')).toMatchObject({ hasDate: true, hasTime: true });
    expect(compileFormat('%m-%d %H:%M')).toMatchObject({ hasDate: false, hasTime: true });
  });
});

describe('parseFormatted', () => {
  const parse = (s: string, f: string): string | null => {
    const ms = parseFormatted(s, compileFormat(f));
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  };

  it('reads back every instant it writes', () => {
    for (const spec of ['%Y-%m-%d %H:%M:%S%.3f', '%A %d %B %Y %I:%M:%S%.f %p', '%Y %j %T%.9f', '%F %T%.3f%z']) {
      const compiled = compileFormat(spec);
      for (const ms of INSTANTS) expect(parseFormatted(formatTimestamp(ms, compiled), compiled), `${spec} ${ms}`).toBe(ms);
    }
  });

  it('reads numbers of 1 or 2 digits, names in any case, and any run of spaces', () => {
    expect(parse('5/1/2024', '%d/%m/%Y')).toBe('2024-01-05T00:00:00.000Z');
    expect(parse('jan 5 2024 1:02:03', '%b %e %Y %H:%M:%S')).toBe('2024-01-05T01:02:03.000Z');
    expect(parse('Jan  5   2024', '%b %e %Y')).toBe('2024-01-05T00:00:00.000Z');
    expect(parse('FEBRUARY 29 2024', '%B %d %Y')).toBe('2024-02-29T00:00:00.000Z');
    expect(parse('12:30 AM 2024-01-01', '%I:%M %p %F')).toBe('2024-01-01T00:30:00.000Z');
    expect(parse('12:30 pm 2024-01-01', '%I:%M %p %F')).toBe('2024-01-01T12:30:00.000Z');
  });

  it('reads %y in the POSIX window and %z as an offset to UTC', () => {
    expect(parse('69-01-01', '%y-%m-%d')).toBe('1969-01-01T00:00:00.000Z');
    expect(parse('68-01-01', '%y-%m-%d')).toBe('2068-01-01T00:00:00.000Z');
    expect(parse('2024-01-01 10:00+02:00', '%Y-%m-%d %H:%M%z')).toBe('2024-01-01T08:00:00.000Z');
    expect(parse('2024-01-01 10:00-0130', '%Y-%m-%d %H:%M%z')).toBe('2024-01-01T11:30:00.000Z');
    expect(parse('2024-01-01 10:00Z', '%Y-%m-%d %H:%M%z')).toBe('2024-01-01T10:00:00.000Z');
  });

  it('reads fractions: %.f optional, %.3f exact, %f as nanoseconds, cut to ms', () => {
    expect(parse('2024-01-01 10:00:00', '%F %T%.f')).toBe('2024-01-01T10:00:00.000Z');
    expect(parse('2024-01-01 10:00:00.1239', '%F %T%.f')).toBe('2024-01-01T10:00:00.123Z');
    expect(parse('2024-01-01 10:00:00.12', '%F %T%.3f')).toBeNull();
    expect(parse('2024-01-01 10:00:00.345000000', '%F %T.%f')).toBe('2024-01-01T10:00:00.345Z');
  });

  it('gives NaN for text that does not match or names no real date', () => {
    for (const [s, f] of [
      ['2023-02-29', '%Y-%m-%d'],
      ['2024-13-01', '%Y-%m-%d'],
      ['2024-01-01x', '%Y-%m-%d'],
      ['2024-01', '%Y-%m-%d'],
      ['', '%Y'],
      ['24:00', '%H:%M'],
      ['2024-01-01 13:00 PM', '%F %I:%M %p'],
      ['2023 366', '%Y %j'],
      ['é2024-01-01', '%Y-%m-%d'],
      ['Foo 1 2024', '%b %d %Y'],
    ] as const)
      expect(parse(s, f), `${s} ${f}`).toBeNull();
    expect(parse('2024 366', '%Y %j')).toBe('2024-12-31T00:00:00.000Z');
    expect(parse('-0044-03-15', '%Y-%m-%d')).toBe(new Date(Date.UTC(-44, 2, 15)).toISOString());
  });
});
