/** Every CsvReadOptions field, each checked against the values that come back. */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readCsvInput as readCsv, readCsvText as readCsvString } from '../../../src/io/csv/index.js';
import type { CsvReadOptions } from '../../../src/io/csv/options.js';
import { csvError, dtypes, fixture, optionError, utc } from './helpers.js';

describe('delimiter', () => {
  test('is detected among , ; tab and |', async () => {
    for (const d of [',', ';', '\t', '|']) {
      const df = await readCsvString(`${['a', 'b', 'c'].join(d)}\n${['1', 'x', '2.5'].join(d)}\n`);
      expect(df.toRecords(), JSON.stringify(d)).toEqual([{ a: 1, b: 'x', c: 2.5 }]);
    }
  });

  test('detection ignores delimiters inside quotes', async () => {
    const df = await readCsvString('a;b\n"1,5";"x,y,z"\n"2,5";w\n');
    expect(df.toRecords()).toEqual([
      { a: '1,5', b: 'x,y,z' },
      { a: '2,5', b: 'w' },
    ]);
  });

  test('given explicitly, it wins over what detection would pick', async () => {
    const text = 'a,b|c\n1,2|3\n';
    expect((await readCsvString(text)).columns).toEqual(['a', 'b|c']);
    const df = await readCsvString(text, { delimiter: '|' });
    expect(df.toRecords()).toEqual([{ 'a,b': '1,2', c: 3 }]);
  });

  test('a text no candidate splits is one column', async () => {
    const df = await readCsvString('only\nx y\n');
    expect(df.toRecords()).toEqual([{ only: 'x y' }]);
  });
});

describe('hasHeader', () => {
  test('false names the columns column_1, column_2, ... and reads the first record as data', async () => {
    const df = await readCsvString('1,x\n2,y\n', { hasHeader: false });
    expect(dtypes(df)).toEqual({ column_1: 'Int32', column_2: 'Utf8' });
    expect(df.toRecords()).toEqual([
      { column_1: 1, column_2: 'x' },
      { column_1: 2, column_2: 'y' },
    ]);
  });

  test('true (the default) takes names from the first record; blanks and repeats are renamed', async () => {
    const df = await readCsvString('a,,a\n1,2,3\n');
    expect(df.toRecords()).toEqual([{ a: 1, column_2: 2, a_duplicated_0: 3 }]);
  });
});

describe('columns', () => {
  test('reads only the named columns, in file order', async () => {
    const df = await readCsvString('a,b,c\n1,x,2.5\n2,y,3.5\n', { columns: ['c', 'a'] });
    expect(df.columns).toEqual(['a', 'c']);
    expect(df.toRecords()).toEqual([
      { a: 1, c: 2.5 },
      { a: 2, c: 3.5 },
    ]);
  });

  test('never parses the columns left out, so bad values there do no harm', async () => {
    const df = await readCsvString('a,b\n1,x\n2,y\n', { columns: ['a'], dtypes: { b: 'Int32' } });
    expect(df.toRecords()).toEqual([{ a: 1 }, { a: 2 }]);
  });

  test('works with generated names when there is no header', async () => {
    const df = await readCsvString('1,x\n2,y\n', { hasHeader: false, columns: ['column_2'] });
    expect(df.toRecords()).toEqual([{ column_2: 'x' }, { column_2: 'y' }]);
  });

  test('an unknown name fails listing the known columns', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n', { columns: ['a', 'zz'] }));
    expect(e.column).toBe('zz');
    expect(e.line).toBeNull();
    expect(e.message).toBe('<string>, column "zz": columns names unknown column "zz"; known columns: "a", "b"');
  });
});

describe('dtypes', () => {
  test('force types over inference', async () => {
    const df = await readCsvString('id,n,f,big\n007,1,2,3\n010,2,3,4\n', {
      dtypes: { id: 'Int32', n: 'Utf8', f: 'Float64', big: 'Int64' },
    });
    expect(dtypes(df)).toEqual({ id: 'Int32', n: 'Utf8', f: 'Float64', big: 'Int64' });
    expect(df.toRecords()).toEqual([
      { id: 7, n: '1', f: 2, big: 3n },
      { id: 10, n: '2', f: 3, big: 4n },
    ]);
  });

  test('force Boolean, Date and Timestamp without tryParseDates', async () => {
    const df = await readCsvString('b,d,t\nTrue,2024-01-02,2024-01-02T03:04:05Z\nfalse,,2024-01-02\n', {
      dtypes: { b: 'Boolean', d: 'Date', t: 'Timestamp' },
    });
    expect(df.toRecords()).toEqual([
      { b: true, d: utc('2024-01-02'), t: utc('2024-01-02T03:04:05') },
      { b: false, d: null, t: utc('2024-01-02T00:00:00') },
    ]);
  });

  test('a column not in the file fails, naming it and the known columns', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n', { dtypes: { c: 'Int32' } }));
    expect(e.column).toBe('c');
    expect([e.expected, e.found]).toEqual(['a column of the file', 'c']);
    expect(e.message).toBe('<string>, column "c": dtypes names unknown column "c"; known columns: "a", "b"');
  });

  test('an unknown type name fails', async () => {
    const e = await optionError(readCsvString('a\n1\n', { dtypes: { a: 'Int8' as never } }));
    expect([e.option, e.value]).toEqual(['dtypes', 'Int8']);
    expect(e.message).toBe('readCsv option dtypes: column "a" has an unknown data type, got "Int8"');
  });
});

describe('nullValues', () => {
  test('one string applies to every column', async () => {
    const df = await readCsvString('a,b\nNA,x\n1,NA\n', { nullValues: 'NA' });
    expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Utf8' });
    expect(df.toRecords()).toEqual([
      { a: null, b: 'x' },
      { a: 1, b: null },
    ]);
  });

  test('a list applies to every column', async () => {
    const df = await readCsvString('a,b\nNA,-\n-,y\n2,NA\n', { nullValues: ['NA', '-'] });
    expect(df.toRecords()).toEqual([
      { a: null, b: null },
      { a: null, b: 'y' },
      { a: 2, b: null },
    ]);
  });

  test('a record applies per column; other columns keep the text', async () => {
    const df = await readCsvString('a,b\nNA,NA\n1,?\n', { nullValues: { a: 'NA', b: ['?'] } });
    expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Utf8' });
    expect(df.toRecords()).toEqual([
      { a: null, b: 'NA' },
      { a: 1, b: null },
    ]);
  });

  test('a null marker that looks like a number is still null', async () => {
    const df = await readCsvString('a\n-999\n5\n', { nullValues: '-999' });
    expect(df.toRecords()).toEqual([{ a: null }, { a: 5 }]);
    const forced = await readCsvString('a\n-999\n5\n', { nullValues: { a: '-999' }, dtypes: { a: 'Float64' } });
    expect(forced.toRecords()).toEqual([{ a: null }, { a: 5 }]);
  });

  test('the empty field is null without being listed, also in text columns', async () => {
    const df = await readCsvString('a,b\n,x\ny,\n');
    expect(df.toRecords()).toEqual([
      { a: null, b: 'x' },
      { a: 'y', b: null },
    ]);
  });

  test('a record naming a column not in the file fails', async () => {
    const e = await csvError(readCsvString('a\n1\n', { nullValues: { b: 'NA' } }));
    expect(e.column).toBe('b');
    expect(e.message).toContain('nullValues names unknown column "b"; known columns: "a"');
  });
});

describe('quoteChar', () => {
  test("' quotes fields and doubles to escape itself", async () => {
    const df = await readCsvString("a,b\n'x,y',1\n'it''s',2\n", { quoteChar: "'" });
    expect(df.toRecords()).toEqual([
      { a: 'x,y', b: 1 },
      { a: "it's", b: 2 },
    ]);
  });

  test('with another quote character, double quotes are plain text', async () => {
    const df = await readCsvString('a,b\n"q",1\n', { quoteChar: "'" });
    expect(df.toRecords()).toEqual([{ a: '"q"', b: 1 }]);
  });
});

describe('commentPrefix', () => {
  test('skips lines starting with it, anywhere in the file', async () => {
    const df = await readCsvString('# top\na,b\n1,x\n# middle\n2,y\n#end', { commentPrefix: '#' });
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  test('may be longer than one character, and is not a comment mid-line', async () => {
    const df = await readCsvString('a,b\n// skip me\n1,x//y\n', { commentPrefix: '//' });
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x//y' }]);
  });

  test('without it, such a line is data', async () => {
    const df = await readCsvString('a\n#x\n');
    expect(df.toRecords()).toEqual([{ a: '#x' }]);
  });
});

describe('skipRows', () => {
  test('skips records before the header', async () => {
    const df = await readCsvString('exported by tool\nversion;2\na,b\n1,x\n', { skipRows: 2, delimiter: ',' });
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x' }]);
  });

  test('the delimiter is sniffed after the skipped records', async () => {
    const df = await readCsvString('title line\na|b\n1|x\n', { skipRows: 1 });
    expect(df.toRecords()).toEqual([{ a: 1, b: 'x' }]);
  });

  test('skips data records when there is no header', async () => {
    const df = await readCsvString('x,1\ny,2\nz,3\n', { skipRows: 2, hasHeader: false });
    expect(df.toRecords()).toEqual([{ column_1: 'z', column_2: 3 }]);
  });

  test('counts a multi-line quoted record once and comment lines not at all', async () => {
    const df = await readCsvString('"junk\nspanning"\n# note\na\n1\n', { skipRows: 1, commentPrefix: '#' });
    expect(df.toRecords()).toEqual([{ a: 1 }]);
  });

  test('more than the file holds leaves nothing', async () => {
    expect((await readCsvString('a\n1\n', { skipRows: 5 })).shape).toEqual([0, 0]);
  });
});

describe('nRows', () => {
  test('reads at most this many data records', async () => {
    const df = await readCsvString('a\n1\n2\n3\n', { nRows: 2 });
    expect(df.toRecords()).toEqual([{ a: 1 }, { a: 2 }]);
    expect((await readCsvString('a\n1\n2\n3\n', { nRows: 10 })).height).toBe(3);
  });

  test('never looks at the records after them', async () => {
    const df = await readCsvString('a,b\n1,2\n2,3\n"broken\n', { nRows: 2 });
    expect(df.toRecords()).toEqual([
      { a: 1, b: 2 },
      { a: 2, b: 3 },
    ]);
  });

  test('0 gives the columns, typed Utf8, and no rows', async () => {
    const df = await readCsvString('a,b\n1,2\n', { nRows: 0 });
    expect(df.shape).toEqual([0, 2]);
    expect(dtypes(df)).toEqual({ a: 'Utf8', b: 'Utf8' });
  });
});

describe('inferSchemaLength', () => {
  test('limits inference to the first records; a later misfit fails', async () => {
    const e = await csvError(readCsvString('a\n1\n2\nx\n', { inferSchemaLength: 2 }));
    expect([e.line, e.column]).toEqual([4, 'a']);
  });

  test('a sample that reaches the misfit infers text', async () => {
    const df = await readCsvString('a\n1\n2\nx\n', { inferSchemaLength: 3 });
    expect(df.toRecords()).toEqual([{ a: '1' }, { a: '2' }, { a: 'x' }]);
  });

  test('0 and Infinity sample the whole file', async () => {
    for (const inferSchemaLength of [0, Infinity]) {
      const df = await readCsvString('a\n1\n2\n2.5\n', { inferSchemaLength });
      expect(df.toRecords()).toEqual([{ a: 1 }, { a: 2 }, { a: 2.5 }]);
    }
  });

  test('defaults to 1000 records', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => String(i));
    const text = ['a', ...rows, '0.5'].join('\n');
    const e = await csvError(readCsvString(text));
    expect(e.line).toBe(1002);
    expect(e.message).toContain('inferred from the first 1000 records');
    expect((await readCsvString(text, { inferSchemaLength: 1001 })).schema.get('a').dtype).toBe('Float64');
  });
});

describe('tryParseDates', () => {
  test('infers Date and Timestamp columns', async () => {
    const df = await readCsvString('d,t,s\n2024-01-02,2024-01-02T03:04:05Z,x\n2024-03-04,2024-03-04 05:06:07.890,y\n', {
      tryParseDates: true,
    });
    expect(dtypes(df)).toEqual({ d: 'Date', t: 'Timestamp', s: 'Utf8' });
    expect(df.toRecords()).toEqual([
      { d: utc('2024-01-02'), t: utc('2024-01-02T03:04:05'), s: 'x' },
      { d: utc('2024-03-04'), t: utc('2024-03-04T05:06:07.890'), s: 'y' },
    ]);
  });

  test('is off by default', async () => {
    const df = await readCsvString('d\n2024-01-02\n');
    expect(df.toRecords()).toEqual([{ d: '2024-01-02' }]);
  });
});

describe('truncateRaggedLines', () => {
  test('pads short records with nulls and drops extra fields', async () => {
    const df = await readCsvString('a,b,c\n1,2\n3,4,5,6\n7\n', { truncateRaggedLines: true });
    expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Int32', c: 'Int32' });
    expect(df.toRecords()).toEqual([
      { a: 1, b: 2, c: null },
      { a: 3, b: 4, c: 5 },
      { a: 7, b: null, c: null },
    ]);
  });

  test('off by default: a short record fails', async () => {
    const e = await csvError(readCsvString('a,b,c\n1,2\n'));
    expect(e.line).toBe(2);
  });
});

describe('chunkSize', () => {
  test('sets rows per chunk', async () => {
    const df = await readCsvString('a\n1\n2\n3\n4\n5\n6\n7\n', { chunkSize: 3 });
    expect(df.getColumn('a').chunks.map((c) => c.length)).toEqual([3, 3, 1]);
  });

  test('must be a positive integer', async () => {
    const e = await optionError(readCsvString('a\n1\n', { chunkSize: 0 }));
    expect([e.option, e.value]).toEqual(['chunkSize', 0]);
    expect(e.message).toBe('readCsv option chunkSize: must be a positive integer, got 0');
  });
});

describe('sourceName', () => {
  test('names text and bytes in errors', async () => {
    expect((await csvError(readCsvString('a\n"x', { sourceName: 'upload.csv' }))).message).toMatch(/^upload\.csv, line 2: /);
    expect((await csvError(readCsv(Buffer.from('a\n"x'), { sourceName: 'blob' }))).file).toBe('blob');
  });

  test('defaults to <string> and <buffer>', async () => {
    expect((await csvError(readCsvString('a\n"x'))).file).toBe('<string>');
    expect((await csvError(readCsv(new Uint8Array(Buffer.from('a\n"x'))))).file).toBe('<buffer>');
  });

  test('a file is always named by its path', async () => {
    const path = fixture('bad-value.csv');
    expect((await csvError(readCsv(path, { inferSchemaLength: 1, commentPrefix: '#', sourceName: 'other' }))).file).toBe(path);
  });
});

describe('option checks', () => {
  test('refuse every value the tokenizer would otherwise misread, naming the option and the value', async () => {
    const cases: [CsvReadOptions, string, unknown, string][] = [
      [{ delimiter: '' }, 'delimiter', '', 'must be one ASCII character'],
      [{ delimiter: ';;' }, 'delimiter', ';;', 'must be one ASCII character'],
      [{ delimiter: '::' }, 'delimiter', '::', 'must be one ASCII character'],
      [{ delimiter: '\n' }, 'delimiter', '\n', 'must be one ASCII character other than a newline'],
      [{ delimiter: '\r' }, 'delimiter', '\r', 'must be one ASCII character other than a newline'],
      [{ delimiter: '5' }, 'delimiter', '5', 'must be one ASCII character other than a newline or a digit'],
      [{ delimiter: '§' }, 'delimiter', '§', 'must be one ASCII character'],
      [{ delimiter: '"' }, 'delimiter', '"', 'must differ from quoteChar'],
      [{ delimiter: "'", quoteChar: "'" }, 'delimiter', "'", 'must differ from quoteChar'],
      [{ quoteChar: '' }, 'quoteChar', '', 'must be one ASCII character'],
      [{ quoteChar: "''" }, 'quoteChar', "''", 'must be one ASCII character'],
      [{ quoteChar: '«' }, 'quoteChar', '«', 'must be one ASCII character'],
      [{ quoteChar: '\n' }, 'quoteChar', '\n', 'must be one ASCII character other than a newline'],
      [{ commentPrefix: '' }, 'commentPrefix', '', 'must be non-empty'],
      [{ commentPrefix: '#\n' }, 'commentPrefix', '#\n', 'must be non-empty, hold no newline'],
      [{ commentPrefix: ',', delimiter: ',' }, 'commentPrefix', ',', 'must be non-empty, hold no newline and differ from the delimiter'],
      [{ skipRows: -1 }, 'skipRows', -1, 'must be a non-negative integer'],
      [{ nRows: 1.5 }, 'nRows', 1.5, 'must be a non-negative integer'],
      [{ inferSchemaLength: -2 }, 'inferSchemaLength', -2, 'must be a non-negative integer'],
      [{ chunkSize: 2.5 }, 'chunkSize', 2.5, 'must be a positive integer'],
      [{ rangeSize: 0 }, 'rangeSize', 0, 'must be a positive integer'],
    ];
    for (const [options, option, value, rule] of cases) {
      const e = await optionError(readCsvString('a\n1\n', options));
      expect([e.option, e.value], JSON.stringify(options)).toEqual([option, value]);
      expect(e.message).toContain(`readCsv option ${option}: ${rule}`);
    }
  });

  test('are checked before anything is read: a missing file with a bad option reports the option', async () => {
    const e = await optionError(readCsv('/no/such/file.csv', { delimiter: ';;' }));
    expect(e.option).toBe('delimiter');
  });

  test('are the same for every input kind', async () => {
    for (const read of [
      () => readCsv(Buffer.from('a\n1\n'), { delimiter: ';;' }),
      () => readCsv(Readable.from([Buffer.from('a\n1\n')]), { delimiter: ';;' }),
      () => readCsvString('a\n1\n', { delimiter: ';;' }),
    ]) {
      const e = await optionError(read());
      expect([e.option, e.value]).toEqual(['delimiter', ';;']);
    }
  });
});
