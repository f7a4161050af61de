/** CSV out: every type read back equal by Volley and by DuckDB, every option's exact text, a streaming sink, clear errors. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, InvalidArgumentError, readCsv, scanCsv, type Scalar } from '../../../src/index.js';
import { useDuckDB } from '../../differential/duckdb-session.js';
import { asPlainStrings } from '../../differential/plain.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-csv-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sql = useDuckDB();

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const DTYPES = { i: 'Int32', big: 'Int64', f: 'Float64', b: 'Boolean', s: 'Utf8', d: 'Date', t: 'Timestamp' } as const;

/** Every type, with nulls, NaN, ±Infinity, -0, Int64 beyond 2^53, text with delimiters, quotes, newlines and non-ASCII. */
function sample(): DataFrame {
  return DataFrame.fromColumns(
    {
      i: [1, null, -2147483648, 2147483647, 0],
      big: [2n ** 62n + 7n, -(2n ** 53n) - 1n, null, 0n, 5n],
      f: [1.5, Number.NaN, null, Number.POSITIVE_INFINITY, -0],
      b: [true, false, null, true, false],
      s: ['plain', 'a,b', null, 'say "hi"\nnext line', 'Zürich 😀'],
      d: [day('2024-02-29'), null, day('1969-12-31'), day('2000-01-01'), day('1970-01-01')],
      t: [new Date('2024-01-01T12:34:56.789Z'), null, new Date(0), new Date(-1), new Date('2038-01-19T03:14:08Z')],
    },
    { dtypes: { ...DTYPES }, chunkSize: 2 },
  );
}

function tagged(records: Record<string, Scalar>[]): unknown[] {
  const tag = (v: unknown): unknown =>
    typeof v === 'number' && Object.is(v, -0) ? '-0' : v instanceof Date ? `t:${v.getTime()}` : typeof v === 'bigint' ? `n:${v}` : v;
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, tag(v)])));
}

describe('writeCsv', () => {
  it('writes what readCsv reads back equal, plain string columns too', async () => {
    for (const df of [sample(), asPlainStrings(sample())]) {
      const file = join(dir, 'every.csv');
      await df.writeCsv(file);
      expect(readFileSync(file, 'utf8')).toBe(df.toCsvString());
      for (const threads of [1, 2]) {
        const back = await readCsv(file, { dtypes: { ...DTYPES }, threads });
        expect(tagged(back.toRecords())).toEqual(tagged(df.toRecords()));
      }
    }
  });

  it('writes what DuckDB reads back equal, with the types it infers', async () => {
    const file = join(dir, 'duck.csv');
    await sample().writeCsv(file);
    const rows = await sql(`SELECT * FROM read_csv('${file}', header = true)`);
    const types = await sql(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_csv('${file}', header = true))`);
    expect(types.map((t) => `${t.column_name}:${t.column_type}`)).toEqual([
      'i:BIGINT',
      'big:BIGINT',
      'f:DOUBLE',
      'b:BOOLEAN',
      's:VARCHAR',
      'd:DATE',
      't:TIMESTAMP',
    ]);
    const want = sample().toRecords();
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, r) => {
      const w = want[r]!;
      expect(row.i === null ? null : Number(row.i)).toBe(w.i);
      expect(row.big === null ? null : BigInt(row.big as bigint)).toBe(w.big);
      expect(Object.is(row.f, w.f) || (Number.isNaN(row.f) && Number.isNaN(w.f))).toBe(true);
      expect(row.b).toBe(w.b);
      expect(row.s).toBe(w.s);
      expect(row.d === null ? null : (row.d as Date).getTime()).toBe(w.d === null ? null : (w.d as Date).getTime());
      expect(row.t === null ? null : (row.t as Date).getTime()).toBe(w.t === null ? null : (w.t as Date).getTime());
    });
  });

  it('writes each option as asked', () => {
    const df = DataFrame.fromColumns(
      { n: [1, null], x: [0.125, -2], s: ['a;b', ''], d: [day('2024-03-05'), null] },
      { dtypes: { n: 'Int32', x: 'Float64', s: 'Utf8', d: 'Date' } },
    );
    expect(df.toCsvString()).toBe('n,x,s,d\n1,0.125,a;b,2024-03-05\n,-2,"",\n');
    expect(df.toCsvString({ delimiter: ';', nullValue: 'NA', lineTerminator: '\r\n' })).toBe(
      'n;x;s;d\r\n1;0.125;"a;b";2024-03-05\r\nNA;-2;"";NA\r\n',
    );
    expect(df.toCsvString({ quoteStyle: 'always', header: false })).toBe('"1","0.125","a;b","2024-03-05"\n,"-2","",\n');
    expect(df.toCsvString({ quoteStyle: 'nonNumeric', floatPrecision: 2 })).toBe(
      '"n","x","s","d"\n1,0.13,"a;b","2024-03-05"\n,-2.00,"",\n',
    );
    expect(df.toCsvString({ quoteStyle: 'never', dateFormat: '%d/%m/%Y', delimiter: ';' })).toBe(
      'n;x;s;d\n1;0.125;a;b;05/03/2024\n;-2;;\n',
    );
    const t = DataFrame.fromColumns({ t: [new Date('2024-01-02T03:04:05.006Z')] }, { dtypes: { t: 'Timestamp' } });
    expect(t.toCsvString({ datetimeFormat: '%Y%m%dT%H%M%S' })).toBe('t\n20240102T030405\n');
  });

  it('refuses bad options and names an output it cannot write', async () => {
    const df = sample();
    expect(() => df.toCsvString({ delimiter: ';;' })).toThrow(InvalidArgumentError);
    expect(() => df.toCsvString({ delimiter: '"' })).toThrow(/writeCsv option delimiter/);
    expect(() => df.toCsvString({ quoteStyle: 'some' as 'always' })).toThrow(InvalidArgumentError);
    expect(() => df.toCsvString({ floatPrecision: -1 })).toThrow(InvalidArgumentError);
    await expect(df.writeCsv(join(dir, 'no', 'such', 'out.csv'))).rejects.toMatchObject({ name: 'CsvError', code: 'IO_ERROR' });
    await expect(df.writeCsv(join(dir, 'x.csv'), { delimiter: '' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('writeCsv on the worker pool', () => {
  /** 150,000 rows (three pieces) of every type with nulls, in chunks of an odd size. */
  function large(): DataFrame {
    const n = 150_000;
    const words = ['plain', 'a,b', 'say "hi"', 'line\nbreak', 'Zürich 😀', '', '東京', 'e\u0301'];
    const cols = {
      i: Array.from({ length: n }, (_, r) => (r % 17 === 0 ? null : ((r * 7919) % 200_001) - 100_000)),
      big: Array.from({ length: n }, (_, r) => (r % 19 === 0 ? null : BigInt(r) * 3_000_000_007n - 2n ** 60n)),
      f: Array.from({ length: n }, (_, r) => (r % 23 === 0 ? null : r % 5 === 0 ? r : (r - 75_000) / 7)),
      b: Array.from({ length: n }, (_, r) => (r % 29 === 0 ? null : r % 3 === 0)),
      s: Array.from({ length: n }, (_, r) => (r % 31 === 0 ? null : `${words[r % words.length]}${r % 1000}`)),
      d: Array.from({ length: n }, (_, r) => (r % 37 === 0 ? null : new Date((r - 70_000) * 86_400_000))),
      t: Array.from({ length: n }, (_, r) => (r % 41 === 0 ? null : new Date((r - 70_000) * 3_600_123))),
    };
    return DataFrame.fromColumns(cols, { dtypes: { ...DTYPES }, chunkSize: 40_001 });
  }

  it('writes the same file on 1, 2 and 4 threads, in row order, as the calling thread alone', async () => {
    const df = large();
    const texts: string[] = [];
    for (const threads of [1, 2, 4]) {
      const file = join(dir, `pool-${threads}.csv`);
      await df.writeCsv(file, { threads });
      texts.push(readFileSync(file, 'utf8'));
    }
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
    expect(df.toCsvString()).toBe(texts[0]);
    // the text of each row is checked against readCsv above; here rows 65,535-65,537 cross a piece
    const back = await readCsv(join(dir, 'pool-2.csv'), { dtypes: { ...DTYPES }, threads: 2 });
    expect(tagged((await back.slice(65_530, 10)).toRecords())).toEqual(tagged((await df.slice(65_530, 10)).toRecords()));
    expect(back.height).toBe(df.height);
    const plain = asPlainStrings(df);
    await plain.writeCsv(join(dir, 'pool-plain.csv'), { threads: 2 });
    expect(readFileSync(join(dir, 'pool-plain.csv'), 'utf8')).toBe(texts[0]);
  });

  it('quotes a field that holds a delimiter a number or a date can hold, and a delimiter of several bytes', () => {
    const df = DataFrame.fromColumns(
      { x: [1.5, 2, null], d: [day('2024-03-05'), null, day('1999-12-31')], s: ['a§b', 'x', 'q"'] },
      { dtypes: { x: 'Float64', d: 'Date', s: 'Utf8' } },
    );
    expect(df.toCsvString({ delimiter: '.', header: false })).toBe('"1.5".2024-03-05.a§b\n2..x\n.1999-12-31."q"""\n');
    expect(df.toCsvString({ delimiter: '-', header: false })).toBe('1.5-"2024-03-05"-a§b\n2--x\n-"1999-12-31"-"q"""\n');
    expect(df.toCsvString({ delimiter: '§', header: false })).toBe('1.5§2024-03-05§"a§b"\n2§§x\n§1999-12-31§"q"""\n');
    expect(df.toCsvString({ dateFormat: 'day %d, %% %Y', header: false, quoteStyle: 'always' })).toBe(
      '"1.5","day 05, % 2024","a§b"\n"2",,"x"\n,"day 31, % 1999","q"""\n',
    );
  });

  it('refuses a thread count that is not a whole number >= 1', async () => {
    await expect(sample().writeCsv(join(dir, 'x.csv'), { threads: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => sample().toCsvString({ threads: 1.5 })).toThrow(/writeCsv option threads/);
  });
});

describe('sinkCsv', () => {
  it('streams a query over a CSV file to a file, equal to writing its collected answer', async () => {
    const source = join(dir, 'source.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 7) % 13},name${i % 101}`);
    writeFileSync(source, `id,v,name\n${rows.join('\n')}\n`);
    const query = scanCsv(source, { rangeSize: 32_768 }).filter(col('v').gt(6)).select('id', 'name', col('v').mul(2).alias('v2'));
    const sunk = join(dir, 'sunk.csv');
    await query.sinkCsv(sunk, {}, { threads: 2 });
    const collected = await query.collect({ threads: 2 });
    expect(readFileSync(sunk, 'utf8')).toBe(collected.toCsvString());
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    await query.sinkCsv(out, { delimiter: '|' }, { threads: 1 });
    expect(Buffer.concat(parts).toString()).toBe(collected.toCsvString({ delimiter: '|' }));
    const none = join(dir, 'none.csv');
    await scanCsv(source).filter(col('v').gt(100)).sinkCsv(none);
    expect(readFileSync(none, 'utf8')).toBe('id,v,name\n');
  });
});
