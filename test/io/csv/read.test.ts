/** readCsv and readCsvString: sources (path, Buffer, bytes, text) and the shapes of what comes back. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCsvInput as readCsv, readCsvText as readCsvString } from '../../../src/io/csv/index.js';
import { chunkLengths, csvError, dtypes, fixture, utc } from './helpers.js';

const BASIC_RECORDS = [
  { id: 1, name: 'Ana', score: 9.5, active: true, joined: '2024-01-02' },
  { id: 2, name: 'Bo', score: null, active: false, joined: '2024-02-03' },
  { id: 3, name: 'Chen, Li', score: 7, active: true, joined: null },
];
const BASIC_TYPES = { id: 'Int32', name: 'Utf8', score: 'Float64', active: 'Boolean', joined: 'Utf8' };

describe('sources', () => {
  test('a string is a file path', async () => {
    const df = await readCsv(fixture('basic.csv'));
    expect(dtypes(df)).toEqual(BASIC_TYPES);
    expect(df.toRecords()).toEqual(BASIC_RECORDS);
  });

  test('a Buffer reads like the file', async () => {
    const df = await readCsv(readFileSync(fixture('basic.csv')));
    expect(dtypes(df)).toEqual(BASIC_TYPES);
    expect(df.toRecords()).toEqual(BASIC_RECORDS);
  });

  test('a plain Uint8Array, even a view into a larger buffer, reads like the file', async () => {
    const bytes = readFileSync(fixture('basic.csv'));
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    const df = await readCsv(padded.subarray(4, 4 + bytes.length));
    expect(df.toRecords()).toEqual(BASIC_RECORDS);
  });

  test('readCsvString reads CSV text', async () => {
    const df = await readCsvString(readFileSync(fixture('basic.csv'), 'utf8'));
    expect(dtypes(df)).toEqual(BASIC_TYPES);
    expect(df.toRecords()).toEqual(BASIC_RECORDS);
  });

  test('CRLF line ends read exactly like LF', async () => {
    const df = await readCsv(fixture('basic-crlf.csv'));
    expect(dtypes(df)).toEqual(BASIC_TYPES);
    expect(df.toRecords()).toEqual(BASIC_RECORDS);
  });

  test('dates in the file become Date columns with tryParseDates', async () => {
    const df = await readCsv(fixture('basic.csv'), { tryParseDates: true });
    expect(df.schema.get('joined').dtype).toBe('Date');
    expect(df.getColumn('joined').toArray()).toEqual([utc('2024-01-02'), utc('2024-02-03'), null]);
  });
});

describe('byte order mark', () => {
  test('is dropped from a file, so the first column keeps its name', async () => {
    const df = await readCsv(fixture('bom.csv'));
    expect(df.columns).toEqual(['a', 'b']);
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x' }]);
  });

  test('is dropped from a Buffer and from text', async () => {
    expect((await readCsv(Buffer.from('\uFEFFa\n1\n'))).toRecords()).toEqual([{ a: 1 }]);
    expect((await readCsvString('\uFEFFa\n1\n')).toRecords()).toEqual([{ a: 1 }]);
  });

  test('only at the very start: elsewhere it is data', async () => {
    const df = await readCsvString('a\n\uFEFFx\n');
    expect(df.toRecords()).toEqual([{ a: '\uFEFFx' }]);
  });
});

describe('multi-byte UTF-8', () => {
  test('accents, CJK and emoji survive, in names and values, with quoted newlines', async () => {
    const df = await readCsv(fixture('utf8-semicolon.csv'));
    expect(df.columns).toEqual(['city', 'name', 'note']);
    expect(df.toRecords()).toEqual([
      { city: 'Zürich', name: 'Ünal', note: 'Grüße; ok' },
      { city: '東京', name: 'たなか', note: '改行\nあり' },
      { city: 'Lisboa', name: '😀', note: '€5' },
    ]);
  });

  test('a header in another script names the columns', async () => {
    const df = await readCsvString('名前,値\nα,1\n');
    expect(df.toRecords()).toEqual([{ 名前: 'α', 値: 1 }]);
  });
});

describe('shapes', () => {
  test('an empty source is 0 rows by 0 columns', async () => {
    for (const df of [
      await readCsvString(''),
      await readCsv(Buffer.alloc(0)),
      await readCsvString('\uFEFF'),
      await readCsvString('\n\n'),
    ]) {
      expect(df.shape).toEqual([0, 0]);
      expect(df.toRecords()).toEqual([]);
    }
    expect((await readCsvString('', { hasHeader: false })).shape).toEqual([0, 0]);
  });

  test('a header-only file has 0 rows and Utf8 columns', async () => {
    for (const text of ['a,b\n', 'a,b']) {
      const df = await readCsvString(text);
      expect(df.shape).toEqual([0, 2]);
      expect(dtypes(df)).toEqual({ a: 'Utf8', b: 'Utf8' });
    }
  });

  test('a header-only file keeps the types dtypes forces', async () => {
    const df = await readCsvString('a,b\n', { dtypes: { a: 'Int64' } });
    expect(dtypes(df)).toEqual({ a: 'Int64', b: 'Utf8' });
  });

  test('a one-row file, with and without a final newline', async () => {
    for (const text of ['a,b\n1,x\n', 'a,b\n1,x']) {
      const df = await readCsvString(text);
      expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Utf8' });
      expect(df.toRecords()).toEqual([{ a: 1, b: 'x' }]);
    }
  });

  test('a one-column file', async () => {
    const df = await readCsvString('v\n1.5\n2\n');
    expect(df.toRecords()).toEqual([{ v: 1.5 }, { v: 2 }]);
  });
});

describe('chunks', () => {
  test('chunkSize 2 over 5 rows gives chunks of 2, 2 and 1 in every column', async () => {
    const df = await readCsvString('n,s\n1,a\n2,b\n3,a\n4,c\n5,b\n', { chunkSize: 2 });
    expect(chunkLengths(df, 'n')).toEqual([2, 2, 1]);
    expect(chunkLengths(df, 's')).toEqual([2, 2, 1]);
    expect(df.getColumn('n').toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(df.getColumn('s').toArray()).toEqual(['a', 'b', 'a', 'c', 'b']);
  });

  test('one Utf8 dictionary serves all chunks of a column', async () => {
    const df = await readCsvString('s\na\nb\na\nc\nb\n', { chunkSize: 2 });
    const s = df.getColumn('s');
    expect(s.dictionary?.values).toEqual(['a', 'b', 'c']);
    expect(s.chunks.map((c) => Array.from(c.values as Int32Array))).toEqual([[0, 1], [0, 2], [1]]);
  });

  test('values live in shared memory', async () => {
    const df = await readCsvString('n\n1\n2\n');
    expect(df.getColumn('n').chunks[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  test('the default chunk holds a small file in one chunk', async () => {
    const df = await readCsvString('n\n1\n2\n3\n');
    expect(chunkLengths(df, 'n')).toEqual([3]);
  });

  test('nulls are tracked per chunk', async () => {
    const df = await readCsvString('n,m\n1,a\n,b\n2,c\n3,d\n,e\n', { chunkSize: 2 });
    const n = df.getColumn('n');
    expect(n.chunks.map((c) => c.nullCount)).toEqual([1, 0, 1]);
    expect(n.chunks[1]!.validity).toBeNull();
    expect(n.toArray()).toEqual([1, null, 2, 3, null]);
  });
});

describe('missing files', () => {
  test('a missing path names the path', async () => {
    const path = fixture('does-not-exist.csv');
    const e = await csvError(readCsv(path));
    expect(e.file).toBe(path);
    expect(e.line).toBeNull();
    expect(e.message).toBe(`${path}: cannot read file: file not found`);
    expect(e.code).toBe('IO_ERROR');
    expect(e.cause).toMatchObject({ code: 'ENOENT' });
  });

  test('CSV text given as a path gets a hint', async () => {
    const e = await csvError(readCsv('a,b\n1,2\n'));
    expect(e.message).toContain('use readCsvString for CSV text');
  });

  test('a directory is a CsvError too', async () => {
    const e = await csvError(readCsv(fixture('')));
    expect(e.message).toContain('EISDIR');
  });
});
