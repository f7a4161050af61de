/** Physical line numbers of records: comments, blank lines, quoted newlines, CRLF, slicing. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Dialect } from '../../../src/io/csv/dialect.js';
import { forEachRecord } from '../../../src/io/csv/records.js';

const LF: Dialect = { delimiter: ',', newline: '\n', quoteChar: '"', commentPrefix: '#' };

/** Every record as [line, fields]. */
function records(text: string, d: Dialect = LF, sliceChars?: number): [number, string[]][] {
  const out: [number, string[]][] = [];
  forEachRecord(text, d, '<string>', (fields, line) => (out.push([line, fields]), true), sliceChars);
  return out;
}

// line:  1     2           3       4     5  6       7        8  9           10
const TEXT = 'a,b\n# comment\n1,"x\ny"\n\n2,z\n"multi\n\nline",3\n4,w\n';

describe('record lines', () => {
  test('count the header, comments, blank lines and newlines inside quotes', () => {
    expect(records(TEXT)).toEqual([
      [1, ['a', 'b']],
      [3, ['1', 'x\ny']],
      [6, ['2', 'z']],
      [7, ['multi\n\nline', '3']],
      [10, ['4', 'w']],
    ]);
  });

  test('are the same with CRLF line ends', () => {
    const crlf = TEXT.replaceAll('\n', '\r\n');
    expect(records(crlf, { ...LF, newline: '\r\n' }).map(([line]) => line)).toEqual([1, 3, 6, 7, 10]);
    expect(records(crlf, { ...LF, newline: '\r\n' })[3]).toEqual([7, ['multi\r\n\r\nline', '3']]);
  });

  test('are the same with old Mac CR line ends', () => {
    const cr = TEXT.replaceAll('\n', '\r');
    expect(records(cr, { ...LF, newline: '\r' }).map(([line]) => line)).toEqual([1, 3, 6, 7, 10]);
  });

  test('step over several comment lines in a row and a last record without newline', () => {
    expect(records('# one\n# two\n\n# three\nx,y\n#\n1,2')).toEqual([
      [5, ['x', 'y']],
      [7, ['1', '2']],
    ]);
  });

  test('count a CR inside a quoted field of an LF file as no line break', () => {
    expect(records('a\n"x\ry"\nb\n').map(([line]) => line)).toEqual([1, 2, 3]);
  });

  test('keep a quoted empty field alone on a line as a record, unlike a blank line', () => {
    expect(records('a\n""\n\n"" \nb\n')).toEqual([
      [1, ['a']],
      [2, ['']],
      [5, ['b']],
    ]);
  });

  test('skip the empty tail after a last comment line, even one ending in quotes', () => {
    expect(records('a\n#say ""\n')).toEqual([[1, ['a']]]);
    expect(records('a\n#say ""')).toEqual([[1, ['a']]]);
  });

  test('do not depend on where papaparse slices cut the text', () => {
    const whole = records(TEXT);
    for (let slice = 1; slice <= TEXT.length + 1; slice++) expect(records(TEXT, LF, slice)).toEqual(whole);
    const crlf = TEXT.replaceAll('\n', '\r\n');
    const d: Dialect = { ...LF, newline: '\r\n' };
    const wholeCrlf = records(crlf, d);
    for (let slice = 1; slice <= crlf.length + 1; slice++) expect(records(crlf, d, slice)).toEqual(wholeCrlf);
  });

  test('stop when the visitor returns false', () => {
    const seen: number[] = [];
    forEachRecord(TEXT, LF, '<string>', (_f, line) => (seen.push(line), seen.length < 2), 4);
    expect(seen).toEqual([1, 3]);
  });

  test('match a writer that quotes fields, for random tables and slice sizes', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀'), maxLength: 6 });
    const table = fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 40 }), fc.constantFrom<Dialect['newline']>('\n', '\r\n'), (rows, slice, nl) => {
        const quote = (s: string): string => (/[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s);
        const text = rows.map((r) => r.map(quote).join(',')).join(nl) + nl;
        const expected: [number, string[]][] = [];
        let line = 1;
        for (const r of rows) {
          expected.push([line, r]);
          line += 1 + r.join('').split(nl === '\r\n' ? '\n' : nl).length - 1;
        }
        expect(records(text, { ...LF, commentPrefix: null, newline: nl }, slice)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
