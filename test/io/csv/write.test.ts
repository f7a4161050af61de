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
