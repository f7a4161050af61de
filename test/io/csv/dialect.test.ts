/** Newline and delimiter detection, on bytes, with the tokenizer's record reader. */
import { describe, expect, test } from 'vitest';
import { detectDelimiter, detectDialect, detectNewline } from '../../../src/io/csv/dialect.js';
import { resolveOptions } from '../../../src/io/csv/resolve.js';

const opts = (o = {}) => resolveOptions(o, '<string>');
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const LF = 10;
const CR = 13;
const base = { quote: 34, comment: null, newline: LF, strayQuotes: true };
const sniff = (s: string, o = {}): string => detectDelimiter(bytes(s), 0, false, base, opts(o));

describe('detectNewline', () => {
  test('takes the first line end outside quotes: LF for LF and CRLF, CR for a lone CR', () => {
    expect(detectNewline(bytes('a,b\r\n1,2\r\n'), 0, 34)).toBe(LF);
    expect(detectNewline(bytes('a,b\n1,2\n'), 0, 34)).toBe(LF);
    expect(detectNewline(bytes('a,b\r1,2\r'), 0, 34)).toBe(CR);
    expect(detectNewline(bytes('"x\ry",b\r\n1,2\r\n'), 0, 34)).toBe(LF);
  });

  test('defaults to LF for a single line', () => {
    expect(detectNewline(bytes('a,b'), 0, 34)).toBe(LF);
    expect(detectNewline(bytes(''), 0, 34)).toBe(LF);
  });
});

describe('detectDelimiter', () => {
  test('prefers the candidate giving a steady field count', () => {
    // ',' splits rows into 2, 3 and 2 fields; ';' splits every row into 2
    expect(sniff('a;b\n1,5;2\n3;4\n')).toBe(';');
  });

  test('breaks ties by the number of fields, then by the order , ; tab |', () => {
    expect(sniff('a|b|c,d\n1|2|3,4\n')).toBe('|');
    expect(sniff('a,b;c\n1,2;3\n')).toBe(',');
  });

  test('judges the records after skipRows and outside comments', () => {
    expect(sniff('x,y,z\na\tb\n1\t2\n', { skipRows: 1 })).toBe('\t');
    const comment = { ...base, comment: bytes('#') };
    expect(detectDelimiter(bytes('# a,b,c\na|b\n1|2\n'), 0, false, comment, opts({ commentPrefix: '#' }))).toBe('|');
  });

  test('falls back to , when nothing splits the text', () => {
    expect(sniff('a\n1\n')).toBe(',');
  });

  test('copes with a sample cut inside a record', () => {
    const big = `a;b\n${'1;2\n'.repeat(40_000)}"x;y`;
    expect(sniff(big)).toBe(';');
  });

  test('stray quotes are data while sniffing', () => {
    expect(sniff('a|b\n5" pipe|1\n2|3\n')).toBe('|');
  });
});

describe('detectDialect', () => {
  test('keeps a given delimiter and carries quote and comment settings', () => {
    expect(detectDialect(bytes('a;b\r\n'), 0, false, opts({ delimiter: '|', quoteChar: "'", commentPrefix: '#' }))).toEqual({
      delimiter: 124,
      newline: LF,
      quote: 39,
      comment: bytes('#'),
      strayQuotes: true,
    });
  });

  test('a lone CR ends records', () => {
    expect(detectDialect(bytes('a;b\r1;2\r'), 0, false, opts()).newline).toBe(CR);
  });
});
