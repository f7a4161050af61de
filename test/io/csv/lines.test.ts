/** Physical line numbers of records, as the tokenizer's record reader and newline count give them: comments, blank lines, quoted newlines, CRLF, CR. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countNewlines } from '../../../kernels/csv/lines.js';
import { readRecord } from '../../../kernels/csv/record.js';
import type { CsvDialect } from '../../../kernels/csv/spec.js';

type Newline = '\n' | '\r\n' | '\r';
interface Dialect {
  readonly newline: Newline;
  readonly commentPrefix: string | null;
}
const LF: Dialect = { newline: '\n', commentPrefix: '#' };

/** Every record as [line, fields]; `from` starts the reading at that record (a cut of the input). */
function records(text: string, d: Dialect = LF, from = 0): [number, string[]][] {
  const bytes = new TextEncoder().encode(text);
  const newline = d.newline === '\r' ? 13 : 10;
  const dialect: CsvDialect = {
    delimiter: 44,
    quote: 34,
    comment: d.commentPrefix === null ? null : new TextEncoder().encode(d.commentPrefix),
    newline,
    strayQuotes: true,
  };
  const out: [number, string[]][] = [];
  for (let pos = 0, k = 0; ; k++) {
    const r = readRecord(bytes, pos, dialect);
    if (r.fields === null) return out;
    if (k >= from) out.push([1 + countNewlines(bytes, 0, r.start, newline), r.fields]);
    pos = r.end;
  }
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
    // blanks after a closing quote are dropped: `"" ` is a quoted empty field too
    expect(records('a\n""\n\n"" \nb\n')).toEqual([
      [1, ['a']],
      [2, ['']],
      [4, ['']],
      [5, ['b']],
    ]);
  });

  test('skip the empty tail after a last comment line, even one ending in quotes', () => {
    expect(records('a\n#say ""\n')).toEqual([[1, ['a']]]);
    expect(records('a\n#say ""')).toEqual([[1, ['a']]]);
  });

  test('do not depend on where the reading starts', () => {
    const whole = records(TEXT);
    for (let from = 0; from <= whole.length; from++) expect(records(TEXT, LF, from)).toEqual(whole.slice(from));
  });

  test('match a writer that quotes fields, for random tables and slice sizes', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀'), maxLength: 6 });
    const table = fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.constantFrom<Newline>('\n', '\r\n'), (rows, nl) => {
        const quote = (s: string): string => (/[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s);
        const text = rows.map((r) => r.map(quote).join(',')).join(nl) + nl;
        const expected: [number, string[]][] = [];
        let line = 1;
        for (const r of rows) {
          expected.push([line, r]);
          line += 1 + r.join('').split(nl === '\r\n' ? '\n' : nl).length - 1;
        }
        expect(records(text, { ...LF, commentPrefix: null, newline: nl })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
