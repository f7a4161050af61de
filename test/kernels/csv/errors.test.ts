/** Parse errors carry the record offset, the column and the raw text; countNewlines turns offsets into lines. */
import { describe, expect, it } from 'vitest';
import { attemptParse, CsvParseError, type CsvErrorInfo } from '../../../kernels/csv/errors.js';
import { countNewlines } from '../../../kernels/csv/lines.js';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import type { CsvColumnKind } from '../../../kernels/csv/spec.js';
import { simpleSpec, utf8 } from './helpers.js';

function errorOf(text: string, kinds: CsvColumnKind[]): CsvErrorInfo {
  const bytes = utf8(text);
  try {
    parseCsvRange(bytes, 0, bytes.length, simpleSpec(kinds));
  } catch (e) {
    expect(e).toBeInstanceOf(CsvParseError);
    return (e as CsvParseError).info;
  }
  throw new Error('expected a parse error');
}

function lineOf(text: string, info: CsvErrorInfo): number {
  return 1 + countNewlines(utf8(text), 0, info.offset);
}

describe('parse errors', () => {
  it('invalid values: record offset, column, raw text, line', () => {
    const text = '1,"a\nb",2.5\n2,c,3.5\n3,d,4.x5\n';
    const info = errorOf(text, ['int32', 'utf8', 'float64']);
    expect(info).toMatchObject({ kind: 'invalid-value', offset: 20, column: 2, raw: '4.x5' });
    expect(info.detail).toMatch(/float64/);
    expect(lineOf(text, info)).toBe(4);
  });

  it('values that do not fit their kind', () => {
    expect(errorOf('2147483648\n', ['int32'])).toMatchObject({ kind: 'invalid-value', offset: 0, column: 0, raw: '2147483648' });
    expect(errorOf('x,9223372036854775808\n', ['utf8', 'int64'])).toMatchObject({ column: 1, raw: '9223372036854775808' });
    expect(errorOf('a,yes\n', ['skip', 'boolean'])).toMatchObject({ column: 1, raw: 'yes' });
    expect(errorOf('2023-02-29\n', ['date'])).toMatchObject({ raw: '2023-02-29' });
    expect(errorOf('"12""3"\n', ['int32'])).toMatchObject({ raw: '12"3' });
    expect(errorOf('1,2\r\n3,x4\r\n', ['int32', 'int32'])).toMatchObject({ offset: 5, column: 1, raw: 'x4' });
  });

  it('wrong field counts name the first missing or extra column', () => {
    const few = errorOf('1,2,3\n4,5\n', ['int32', 'int32', 'int32']);
    expect(few).toMatchObject({ kind: 'field-count', offset: 6, column: 2, raw: '4,5' });
    expect(few.detail).toBe('expected 3 fields, found 2');
    expect(errorOf('1,2\r\n3,4,5\r\n', ['int32', 'int32'])).toMatchObject({ kind: 'field-count', offset: 5, column: 2, raw: '3,4,5' });
  });

  it('unterminated quotes', () => {
    const text = 'a,1\nb,2\n"c\nd,3\n';
    const info = errorOf(text, ['utf8', 'int32']);
    expect(info).toMatchObject({ kind: 'unterminated-quote', offset: 8, column: 0, raw: '"c\nd,3\n' });
    expect(lineOf(text, info)).toBe(3);
  });

  it('quotes inside unquoted fields and text after a closing quote', () => {
    expect(errorOf('a,1\nb"x,2\n', ['utf8', 'int32'])).toMatchObject({ kind: 'unexpected-quote', offset: 4, column: 0, raw: 'b"x,2' });
    expect(errorOf('a,"1"2\n', ['utf8', 'int32'])).toMatchObject({ kind: 'unexpected-quote', offset: 0, column: 1, raw: '"1"2' });
    expect(errorOf('a,"1" x\n', ['utf8', 'skip'])).toMatchObject({ kind: 'unexpected-quote', column: 1, at: 2 });
  });

  it('blanks between a closing quote and the delimiter or newline are dropped, not an error', () => {
    const bytes = utf8('"a" \t,"1"  \r\n"b",2\n');
    const r = parseCsvRange(bytes, 0, bytes.length, simpleSpec(['utf8', 'int32']));
    expect([r.rows, r.columns[0]!.dictionary, Array.from(r.columns[1]!.chunks[0]!.values as Int32Array)]).toEqual([2, ['a', 'b'], [1, 2]]);
  });

  it('cuts very long raw text', () => {
    const info = errorOf(`${'9'.repeat(1000)}\n`, ['int32']);
    expect(info.raw).toBe(`${'9'.repeat(200)}...`);
  });

  it('has a readable message', () => {
    const bytes = utf8('x\n');
    expect(() => parseCsvRange(bytes, 0, 2, simpleSpec(['int32']))).toThrow('invalid-value at byte 0, column 0: not a valid int32 ("x")');
  });
});

describe('countNewlines', () => {
  it('counts LF bytes in a range, inside quotes too', () => {
    const b = utf8('a\n"b\nc"\r\nd');
    expect(countNewlines(b, 0, b.length)).toBe(3);
    expect(countNewlines(b, 2, 5)).toBe(1);
    expect(countNewlines(b, 0, 1)).toBe(0);
    expect(countNewlines(b, 0, 2)).toBe(1);
  });
});

describe('attemptParse', () => {
  it('gives a parse error as a value and passes any other error on', () => {
    const bad = utf8('a\n"x\n');
    const r = attemptParse(() => parseCsvRange(bad, 0, bad.length, simpleSpec(['utf8'])));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('unterminated-quote');
    const good = utf8('a\nb\n');
    const ok = attemptParse(() => parseCsvRange(good, 0, good.length, simpleSpec(['utf8'])).rows);
    expect(ok).toEqual({ ok: true, value: 2 });
    expect(() =>
      attemptParse(() => {
        throw new RangeError('not a parse error');
      }),
    ).toThrow(RangeError);
  });
});
