/** Newline and delimiter detection. */
import { describe, expect, test } from 'vitest';
import { detectDelimiter, detectDialect, detectNewline } from '../../../src/io/csv/dialect.js';
import { resolveOptions } from '../../../src/io/csv/resolve.js';

const opts = (o = {}) => resolveOptions(o, '<string>');

describe('detectNewline', () => {
  test('takes the first line end outside quotes', () => {
    expect(detectNewline('a,b\r\n1,2\r\n', '"')).toBe('\r\n');
    expect(detectNewline('a,b\n1,2\n', '"')).toBe('\n');
    expect(detectNewline('a,b\r1,2\r', '"')).toBe('\r');
    expect(detectNewline('"x\ny",b\r\n1,2\r\n', '"')).toBe('\r\n');
  });

  test('defaults to LF for a single line', () => {
    expect(detectNewline('a,b', '"')).toBe('\n');
    expect(detectNewline('', '"')).toBe('\n');
  });
});

describe('detectDelimiter', () => {
  test('prefers the candidate giving a steady field count', () => {
    // ',' splits rows into 2, 3 and 2 fields; ';' splits every row into 2
    expect(detectDelimiter('a;b\n1,5;2\n3;4\n', '\n', opts())).toBe(';');
  });

  test('breaks ties by the number of fields, then by the order , ; tab |', () => {
    expect(detectDelimiter('a|b|c,d\n1|2|3,4\n', '\n', opts())).toBe('|');
    expect(detectDelimiter('a,b;c\n1,2;3\n', '\n', opts())).toBe(',');
  });

  test('judges the records after skipRows and outside comments', () => {
    expect(detectDelimiter('x,y,z\na\tb\n1\t2\n', '\n', opts({ skipRows: 1 }))).toBe('\t');
    expect(detectDelimiter('# a,b,c\na|b\n1|2\n', '\n', opts({ commentPrefix: '#' }))).toBe('|');
  });

  test('falls back to , when nothing splits the text', () => {
    expect(detectDelimiter('a\n1\n', '\n', opts())).toBe(',');
  });

  test('copes with a sample cut inside a record', () => {
    const big = 'a;b\n' + '1;2\n'.repeat(40_000) + '"x;y';
    expect(detectDelimiter(big, '\n', opts())).toBe(';');
  });
});

describe('detectDialect', () => {
  test('keeps a given delimiter and carries quote and comment settings', () => {
    expect(detectDialect('a;b\r\n', opts({ delimiter: '|', quoteChar: "'", commentPrefix: '#' }))).toEqual({
      delimiter: '|',
      newline: '\r\n',
      quoteChar: "'",
      commentPrefix: '#',
    });
  });
});
