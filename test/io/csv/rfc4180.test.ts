/** RFC 4180 quoting and line ends, also across papaparse's 1 MiB slices. */
import { describe, expect, test } from 'vitest';
import { readCsvInput as readCsv, readCsvText as readCsvString } from '../../../src/io/csv/index.js';
import { csvError, fixture } from './helpers.js';

describe('quoted fields', () => {
  test('hold delimiters, doubled quotes and newlines', async () => {
    const df = await readCsv(fixture('quoted.csv'));
    expect(df.toRecords()).toEqual([
      { id: 1, comment: 'said "hi"' },
      { id: 2, comment: 'line one\nline two' },
      { id: 3, comment: 'a,b' },
      { id: 4, comment: null },
    ]);
  });

  test('keep CRLF inside quotes as written', async () => {
    const df = await readCsvString('a,b\r\n"x\r\ny",1\r\n');
    expect(df.toRecords()).toEqual([{ a: 'x\r\ny', b: 1 }]);
  });

  test('may quote the header and numbers, which still infer as numbers', async () => {
    const df = await readCsvString('"a","b c"\n"1","2.5"\n');
    expect(df.toRecords()).toEqual([{ a: 1, 'b c': 2.5 }]);
  });

  test('keep spaces inside fields', async () => {
    const df = await readCsvString('a,b\n x ,"y "\n');
    expect(df.toRecords()).toEqual([{ a: ' x ', b: 'y ' }]);
  });

  test('open only at the start of a field: after a space the quote is text', async () => {
    const df = await readCsvString('a,b\n1, "y"\n');
    expect(df.toRecords()).toEqual([{ a: 1, b: ' "y"' }]);
  });

  test('"" alone on a line is a null record; a blank line is skipped', async () => {
    const df = await readCsvString('a\n1\n""\n\n3\n');
    expect(df.toRecords()).toEqual([{ a: 1 }, { a: null }, { a: 3 }]);
  });
});

describe('line ends', () => {
  test('LF, CRLF and CR read alike', async () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const df = await readCsvString(['a,b', '1,x', '2,y'].join(nl) + nl);
      expect(df.toRecords(), JSON.stringify(nl)).toEqual([
        { a: 1, b: 'x' },
        { a: 2, b: 'y' },
      ]);
    }
  });

  test('the last record may lack a line end, even when quoted', async () => {
    const df = await readCsvString('a,b\n1,"x\ny"');
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x\ny' }]);
  });
});

describe('texts longer than one papaparse slice', () => {
  const ROWS = 150_000;
  // 'a,b\n' then "i,"row i"\n": about 2 MB, so records straddle the 1 MiB slice boundaries
  const body = Array.from({ length: ROWS }, (_, i) => `${i},"row ${i}"`).join('\n');

  test('read every record once, in order', async () => {
    const df = await readCsvString(`a,b\n${body}\n`);
    expect(df.height).toBe(ROWS);
    const a = df.getColumn('a').toArray();
    expect(a.every((v, i) => v === i)).toBe(true);
    expect(df.getColumn('b').get(ROWS - 1)).toBe(`row ${ROWS - 1}`);
  });

  test('report exact lines far into the text', async () => {
    const bad = await csvError(readCsvString(`a,b\n${body}\nx,1\n`, { inferSchemaLength: 10 }));
    expect([bad.line, bad.column]).toEqual([ROWS + 2, 'a']);
    const open = await csvError(readCsvString(`a,b\n"multi\nline",1\n${body}\n7,"open\n8,y\n`, { dtypes: { a: 'Utf8' } }));
    expect(open.line).toBe(ROWS + 4);
  });
});
