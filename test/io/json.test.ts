/** JSON out (array and lines) and NDJSON in: exact values, the types a reader can recover, clear errors. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFrame, InvalidArgumentError, JsonError, readNdjson, shutdownPool } from '../../src/index.js';
import { asPlainStrings } from '../differential/plain.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-json-'));
afterAll(async () => {
  await shutdownPool();
  rmSync(dir, { recursive: true, force: true });
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const BIG = 2n ** 62n + 7n;

function sample(): DataFrame {
  return DataFrame.fromColumns(
    {
      i: [1, null, -2147483648, 7],
      big: [BIG, -(2n ** 53n) - 1n, null, 0n],
      f: [1.5, Number.NaN, null, -0],
      b: [true, false, null, true],
      s: ['a "quoted"\nline', '', null, 'Zürich 😀 e\u0301'],
      d: [day('2024-02-29'), null, day('1969-12-31'), day('2000-01-01')],
      t: [new Date('2024-01-01T12:34:56.789Z'), null, new Date(0), new Date(-1)],
    },
    { dtypes: { i: 'Int32', big: 'Int64', f: 'Float64', b: 'Boolean', s: 'Utf8', d: 'Date', t: 'Timestamp' }, chunkSize: 3 },
  );
}

const EXPECTED_LINES = [
  '{"i":1,"big":4611686018427387911,"f":1.5,"b":true,"s":"a \\"quoted\\"\\nline","d":"2024-02-29","t":"2024-01-01T12:34:56.789Z"}',
  '{"i":null,"big":-9007199254740993,"f":null,"b":false,"s":"","d":null,"t":null}',
  '{"i":-2147483648,"big":null,"f":null,"b":null,"s":null,"d":"1969-12-31","t":"1970-01-01T00:00:00.000Z"}',
  '{"i":7,"big":0,"f":-0,"b":true,"s":"Zürich 😀 e\u0301","d":"2000-01-01","t":"1969-12-31T23:59:59.999Z"}',
];

describe('JSON out', () => {
  it('writes every value exactly, as an array of records and as lines, to a path or a stream', async () => {
    for (const df of [sample(), asPlainStrings(sample())]) {
      const lines = join(dir, 'rows.ndjson');
      await df.writeNdjson(lines);
      expect(readFileSync(lines, 'utf8')).toBe(`${EXPECTED_LINES.join('\n')}\n`);
      const array = join(dir, 'rows.json');
      await df.writeJson(array);
      expect(readFileSync(array, 'utf8')).toBe(`[${EXPECTED_LINES.join(',')}]`);
      const out = new PassThrough();
      const parts: string[] = [];
      out.on('data', (b: Buffer) => parts.push(b.toString()));
      await df.writeNdjson(out);
      expect(parts.join('')).toBe(`${EXPECTED_LINES.join('\n')}\n`);
    }
  });

  it('writes an empty frame as an empty array and no lines', async () => {
    const empty = await sample().head(0);
    await empty.writeJson(join(dir, 'empty.json'));
    expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('[]');
    await empty.writeNdjson(join(dir, 'empty.ndjson'));
    expect(readFileSync(join(dir, 'empty.ndjson'), 'utf8')).toBe('');
  });

  it('gives JSON.stringify the records, and refuses an Int64 it cannot write exactly', () => {
    const small = new DataFrame({ id: ['a'], n: [3], d: [day('2024-01-02')] });
    expect(JSON.stringify(small)).toBe('[{"id":"a","n":3,"d":"2024-01-02T00:00:00.000Z"}]');
    const dated = DataFrame.fromColumns({ d: [day('2024-01-02')] }, { dtypes: { d: 'Date' } });
    expect(JSON.stringify(dated)).toBe('[{"d":"2024-01-02"}]');
    expect(() => JSON.stringify(sample())).toThrow(InvalidArgumentError);
  });

  it('fails with a JsonError for a path that cannot be written', async () => {
    await expect(sample().writeJson(join(dir, 'no', 'such', 'rows.json'))).rejects.toBeInstanceOf(JsonError);
  });
});

describe('JSON out on the worker pool', () => {
  it('writes the same text on 1, 2 and 4 threads, escaped and dated as JSON.stringify and toISOString write', async () => {
    // 140,000 rows: three pieces; control characters, quotes, backslashes, U+2028 and years past 9999
    const n = 140_000;
    const texts = ['plain', 'tab\there', 'quote " and \\ back', '\u0001\u001f\b\f\r\n', 'line\u2028sep', 'Zürich 😀', '', '東京'];
    const df = DataFrame.fromColumns(
      {
        s: Array.from({ length: n }, (_, r) => (r % 13 === 0 ? null : `${texts[r % texts.length]}${r % 97}`)),
        f: Array.from({ length: n }, (_, r) => (r % 11 === 0 ? Number.NaN : (r - 70_000) / 8)),
        d: Array.from({ length: n }, (_, r) => new Date((r - 70_000) * 86_400_000 * 60)),
        t: Array.from({ length: n }, (_, r) => new Date((r - 70_000) * 86_400_000 * 61 + r)),
      },
      { dtypes: { s: 'Utf8', f: 'Float64', d: 'Date', t: 'Timestamp' }, chunkSize: 50_001 },
    );
    const written: string[] = [];
    for (const threads of [1, 2, 4]) {
      const file = join(dir, `pool-${threads}.ndjson`);
      await df.writeNdjson(file, { threads });
      written.push(readFileSync(file, 'utf8'));
    }
    expect(written[1]).toBe(written[0]);
    expect(written[2]).toBe(written[0]);
    const want = df.toRecords().map((r) => {
      const t = r.t as Date;
      const d = (r.d as Date).toISOString();
      return `{"s":${JSON.stringify(r.s)},"f":${Number.isNaN(r.f) ? 'null' : String(r.f)},"d":"${d.slice(0, d.indexOf('T'))}","t":"${t.toISOString()}"}`;
    });
    expect(written[0]).toBe(`${want.join('\n')}\n`);
    await df.writeJson(join(dir, 'pool.json'), { threads: 2 });
    expect(readFileSync(join(dir, 'pool.json'), 'utf8')).toBe(`[${want.join(',')}]`);
  });
});

describe('NDJSON in', () => {
  it('reads back what writeNdjson wrote, every type given its dtype, Int64 beyond 2^53 exact', async () => {
    const file = join(dir, 'back.ndjson');
    await sample().writeNdjson(file);
    const back = await readNdjson(file, { dtypes: { i: 'Int32', f: 'Float64', d: 'Date', t: 'Timestamp' } });
    expect(back.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual([
      'i:Int32',
      'big:Int64',
      'f:Float64',
      'b:Boolean',
      's:Utf8',
      'd:Date',
      't:Timestamp',
    ]);
    const want = sample().toRecords();
    // NaN was written as null: JSON has no NaN
    want[1]!.f = null;
    expect(back.toRecords()).toEqual(want);
    expect(Object.is(back.getColumn('f').get(3), -0)).toBe(true);
  });

  it('infers types from values, in key order of first appearance, from bytes and streams', async () => {
    const text = '{"a":1,"b":"x"}\n\n{"b":"y","c":2.5,"a":3000000000}\r\n{"c":1}\n';
    for (const input of [Buffer.from(text), Readable.from([text.slice(0, 7), text.slice(7)])]) {
      const df = await readNdjson(input);
      expect(df.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual(['a:Int64', 'b:Utf8', 'c:Float64']);
      expect(df.toRecords()).toEqual([
        { a: 1n, b: 'x', c: null },
        { a: 3000000000n, b: 'y', c: 2.5 },
        { a: null, b: null, c: 1 },
      ]);
    }
  });

  it('names the line of a record it cannot read', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"a":1}\n{"a":\n');
    await expect(readNdjson(bad)).rejects.toMatchObject({ name: 'JsonError', line: 2 });
    writeFileSync(bad, '{"a":1}\n[1,2]\n');
    await expect(readNdjson(bad)).rejects.toThrow(/line 2: a line must hold one JSON object/);
    writeFileSync(bad, '{"a":12345678901234567890,"b":{"nested":1}}\n');
    await expect(readNdjson(bad)).rejects.toThrow(/line 1: not JSON: .*nested/);
    await expect(readNdjson(join(dir, 'missing.ndjson'))).rejects.toBeInstanceOf(JsonError);
  });
});
