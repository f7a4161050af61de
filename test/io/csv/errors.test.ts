/** Every CsvError: its exact message, physical line and column. */
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { readCsv as readCsvOnPool, shutdownPool } from '../../../src/index.js';
import { CsvError, readCsvInput as readCsv, readCsvText as readCsvString } from '../../../src/io/csv/index.js';
import { csvError, fixture } from './helpers.js';

// line:   1      2       3      4   5  6
const TOO_MANY = 'id,v\n# note\n1,"a\nb"\n\n2,x,extra\n';

describe('field counts', () => {
  test('too many fields: the record start line, counting comments, quoted newlines and blank lines', async () => {
    const e = await csvError(readCsvString(TOO_MANY, { commentPrefix: '#' }));
    expect(e).toBeInstanceOf(CsvError);
    expect(e.name).toBe('CsvError');
    expect([e.file, e.line, e.column]).toEqual(['<string>', 6, null]);
    expect(e.message).toBe(
      '<string>, line 6: expected 2 fields but found 3 (set truncateRaggedLines to pad short records with nulls and drop extra fields)',
    );
  });

  test('the same line with CRLF line ends', async () => {
    const e = await csvError(readCsvString(TOO_MANY.replaceAll('\n', '\r\n'), { commentPrefix: '#' }));
    expect(e.line).toBe(6);
  });

  test('too few fields', async () => {
    const e = await csvError(readCsvString('a,b,c\n1,2,3\n4,5\n'));
    expect(e.line).toBe(3);
    expect(e.reason).toBe('expected 3 fields but found 2 (set truncateRaggedLines to pad short records with nulls and drop extra fields)');
  });

  test('a ragged record beyond the inference sample', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n3,4\n5\n', { inferSchemaLength: 1 }));
    expect(e.line).toBe(4);
  });

  test('counts against the first record without a header', async () => {
    const e = await csvError(readCsvString('1,2\n3,4,5\n', { hasHeader: false }));
    expect([e.line, e.reason.slice(0, 30)]).toEqual([2, 'expected 2 fields but found 3 ']);
  });

  test('lines skipped by skipRows still count', async () => {
    const e = await csvError(readCsvString('junk\nmore junk\na,b\n1,2\n3\n', { skipRows: 2, delimiter: ',' }));
    expect(e.line).toBe(5);
  });
});

describe('quotes', () => {
  test('an unterminated quote names the line where it opened', async () => {
    const e = await csvError(readCsvString('a,b\n1,x\n2,"open\n3,y\n4,z\n'));
    expect([e.line, e.column]).toEqual([3, null]);
    expect(e.message).toBe('<string>, line 3: unterminated quote: the quoted field opened on this line is never closed');
  });

  test('after a multi-line quoted field and a comment', async () => {
    const e = await csvError(readCsvString('a,b\n1,"x\ny"\n#c\n2,"open\n3,y\n', { commentPrefix: '#' }));
    expect(e.line).toBe(5);
  });

  test('beyond the inference sample, found by the second pass', async () => {
    const e = await csvError(readCsvString('a,b\n1,x\n2,y\n3,"open\n', { inferSchemaLength: 1 }));
    expect(e.line).toBe(4);
  });

  test('in the header', async () => {
    const e = await csvError(readCsvString('"a,b\n1,2\n'));
    expect(e.line).toBe(1);
  });

  test('text after a closing quote is malformed', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n"x"y,3\n'));
    expect(e.line).toBe(3);
    expect(e.reason).toBe('malformed quoted field opened on this line: text follows its closing quote before the next delimiter');
  });

  test('a quote inside an unquoted field is plain text, not an error', async () => {
    const df = await readCsvString('a,b\n5" pipe,1\n');
    expect(df.toRecords()).toEqual([{ a: '5" pipe', b: 1 }]);
  });
});

describe('values', () => {
  test('a value that does not fit an overridden dtype names column, line and value', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n2,x\n', { dtypes: { b: 'Int32' } }));
    expect([e.line, e.column]).toEqual([3, 'b']);
    expect(e.message).toBe('<string>, line 3, column "b": cannot read "x" as Int32, as dtypes asks');
  });

  test('each forced type rejects what it cannot read', async () => {
    const cases: [string, string][] = [
      ['Int64', '1.5'],
      ['Float64', '1,5'],
      ['Boolean', 'yes'],
      ['Date', '2024-02-30'],
      ['Timestamp', 'noon'],
      ['Int32', '2147483648'],
    ];
    for (const [dtype, value] of cases) {
      const e = await csvError(readCsvString(`v\n"${value}"\n`, { dtypes: { v: dtype as never } }));
      expect([e.line, e.column, e.reason], dtype).toEqual([2, 'v', `cannot read ${JSON.stringify(value)} as ${dtype}, as dtypes asks`]);
    }
  });

  test('a value beyond the sample that does not fit the inferred type fails (no silent widening)', async () => {
    const e = await csvError(readCsvString('n,s\n1,a\n2,b\nabc,c\n', { inferSchemaLength: 2 }));
    expect([e.line, e.column]).toEqual([4, 'n']);
    expect(e.message).toBe(
      `<string>, line 4, column "n": cannot read "abc" as Int32, as inferred from the first 2 records (raise inferSchemaLength or set dtypes: { "n": 'Utf8' })`,
    );
  });

  test('an integer beyond the sample that overflows Int32 fails too', async () => {
    const e = await csvError(readCsvString('a\n1\n3000000000\n', { inferSchemaLength: 1 }));
    expect([e.line, e.column, e.reason.slice(0, 36)]).toEqual([3, 'a', 'cannot read "3000000000" as Int32, a']);
  });

  test('lines count comments and quoted newlines before the bad value', async () => {
    const e = await csvError(readCsvString('a,b\n1,"x\ny"\n# c\nzz,w\n', { inferSchemaLength: 1, commentPrefix: '#' }));
    expect([e.line, e.column]).toEqual([5, 'a']);
  });

  test('a file names its path', async () => {
    const path = fixture('bad-value.csv');
    const e = await csvError(readCsv(path, { inferSchemaLength: 1, commentPrefix: '#' }));
    expect([e.file, e.line, e.column]).toEqual([path, 5, 'v']);
    expect(e.message.startsWith(`${path}, line 5, column "v": cannot read "oops" as Int32`)).toBe(true);
  });

  test('long values are cut short in the message', async () => {
    const long = 'x'.repeat(100);
    const e = await csvError(readCsvString(`a\n1\n${long}\n`, { inferSchemaLength: 1 }));
    expect(e.reason).toContain(`"${'x'.repeat(57)}..."`);
  });
});

describe('fields: file, line, column, expected and found, with no need to read the message', () => {
  afterAll(() => shutdownPool());

  const fields = (e: CsvError) => ({ code: e.code, file: e.file, line: e.line, column: e.column, expected: e.expected, found: e.found });

  test('a bad value: the column type and the value', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n2,x\n', { dtypes: { b: 'Int32' } }));
    expect(fields(e)).toEqual({ code: 'CSV_PARSE', file: '<string>', line: 3, column: 'b', expected: 'Int32', found: 'x' });
  });

  test('a ragged record: the field counts', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n3,4,5\n'));
    expect(fields(e)).toEqual({ code: 'CSV_PARSE', file: '<string>', line: 3, column: null, expected: '2 fields', found: '3 fields' });
  });

  test('an unclosed quote: a closing quote, and the end of the input', async () => {
    const e = await csvError(readCsvString('a,b\n1,"x\n2,y\n'));
    expect(fields(e)).toEqual({
      code: 'CSV_PARSE',
      file: '<string>',
      line: 2,
      column: null,
      expected: 'a closing quote',
      found: 'the end of the input',
    });
  });

  test('text after a closing quote: what follows the field', async () => {
    const e = await csvError(readCsvString('a,b\n1,2\n"x"y,3\n'));
    expect(fields(e)).toMatchObject({ line: 3, expected: 'a delimiter or a newline after the closing quote', found: '"x"y,3' });
  });

  test('the same fields from a file, bytes and a stream, at one thread and two', async () => {
    const text = `a,b\n${Array.from({ length: 500 }, (_, i) => `${i},"v\n${i}"`).join('\n')}\n1.5,x\n`;
    const want = await csvError(readCsvString(text, { sourceName: 'data.csv', rangeSize: 256, inferSchemaLength: 10 }));
    expect(fields(want)).toEqual({ code: 'CSV_PARSE', file: 'data.csv', line: 1002, column: 'a', expected: 'Int32', found: '1.5' });
    for (const threads of [1, 2]) {
      const o = { sourceName: 'data.csv', rangeSize: 256, inferSchemaLength: 10, threads };
      expect(fields(await csvError(readCsvOnPool(Buffer.from(text), o)))).toEqual(fields(want));
      expect(fields(await csvError(readCsvOnPool(Readable.from([Buffer.from(text)]), o)))).toEqual(fields(want));
    }
  });
});
