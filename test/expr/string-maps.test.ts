/** Title case and whitespace stripping, per distinct string, in both string layouts and at 1 and 2 threads. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, shutdownPool } from '../../src/index.js';
import { asPlainStrings } from '../differential/plain.js';

afterAll(async () => {
  await shutdownPool();
});

const TEXTS = ['hello WORLD-wide', '  padded\t', '\u00a0\u3000unicode spaces\u2003', "o'neil 3rd éclair", '', null];

describe('str.toTitleCase and str.strip', () => {
  it('map every string as Polars does', async () => {
    const base = DataFrame.fromColumns({ s: TEXTS }, { dtypes: { s: 'Utf8' }, chunkSize: 2 });
    for (const df of [base, asPlainStrings(base)]) {
      for (const threads of [1, 2]) {
        const out = await df
          .lazy()
          .select(
            col('s').str.toTitleCase().alias('title'),
            col('s').str.strip().alias('strip'),
            col('s').str.stripStart().alias('start'),
            col('s').str.stripEnd().alias('end'),
          )
          .collect({ threads, morselSize: 2 });
        expect(out.getColumn('title').toArray()).toEqual([
          'Hello World-Wide',
          '  Padded\t',
          '\u00a0\u3000Unicode Spaces\u2003',
          "O'Neil 3rd Éclair",
          '',
          null,
        ]);
        expect(out.getColumn('strip').toArray()).toEqual(['hello WORLD-wide', 'padded', 'unicode spaces', "o'neil 3rd éclair", '', null]);
        expect(out.getColumn('start').toArray()).toEqual([
          'hello WORLD-wide',
          'padded\t',
          'unicode spaces\u2003',
          "o'neil 3rd éclair",
          '',
          null,
        ]);
        expect(out.getColumn('end').toArray()).toEqual([
          'hello WORLD-wide',
          '  padded',
          '\u00a0\u3000unicode spaces',
          "o'neil 3rd éclair",
          '',
          null,
        ]);
      }
    }
  });
});

describe('str.padStart, padEnd, zfill, replace and replaceAll', () => {
  it('pad by code points and replace by pattern or text', async () => {
    const base = DataFrame.fromColumns({ s: ['42', '-7', '😀', 'a.b.a', 'price $5', null] }, { dtypes: { s: 'Utf8' } });
    for (const df of [base, asPlainStrings(base)]) {
      for (const threads of [1, 2]) {
        const out = await df
          .lazy()
          .select(
            col('s').str.padStart(4, '0').alias('ps'),
            col('s').str.padEnd(3, '·').alias('pe'),
            col('s').str.zfill(4).alias('z'),
            col('s').str.replace('a', 'X').alias('r1'),
            col('s').str.replaceAll('.', '_', { literal: true }).alias('r2'),
            col('s').str.replaceAll('(\\w)\\.', '$1!').alias('r3'),
            col('s').str.replace('$5', '$$6', { literal: true }).alias('r4'),
          )
          .collect({ threads });
        expect(out.getColumn('ps').toArray()).toEqual(['0042', '00-7', '000😀', 'a.b.a', 'price $5', null]);
        expect(out.getColumn('pe').toArray()).toEqual(['42·', '-7·', '😀··', 'a.b.a', 'price $5', null]);
        expect(out.getColumn('z').toArray()).toEqual(['0042', '-007', '000😀', 'a.b.a', 'price $5', null]);
        expect(out.getColumn('r1').toArray()).toEqual(['42', '-7', '😀', 'X.b.a', 'price $5', null]);
        expect(out.getColumn('r2').toArray()).toEqual(['42', '-7', '😀', 'a_b_a', 'price $5', null]);
        expect(out.getColumn('r3').toArray()).toEqual(['42', '-7', '😀', 'a!b!a', 'price $5', null]);
        expect(out.getColumn('r4').toArray()).toEqual(['42', '-7', '😀', 'a.b.a', 'price $$6', null]);
      }
    }
  });

  it('refuses bad arguments when built and prints its arguments', () => {
    expect(() => col('s').str.padStart(3, 'ab')).toThrow(/fill must be one character/);
    expect(() => col('s').str.padEnd(-1)).toThrow(/width must be a whole number >= 0/);
    expect(() => col('s').str.replace('(', 'x')).toThrow(/invalid regular expression/);
    expect(() => col('s').str.replace('(', 'x', { literal: true })).not.toThrow();
    expect(String(col('s').str.padStart(5, '0'))).toBe('col("s").str.padStart(5, "0")');
    expect(String(col('s').str.zfill(3))).toBe('col("s").str.zfill(3)');
    expect(String(col('s').str.replaceAll('a', 'b', { literal: true }))).toBe('col("s").str.replaceAll("a", "b", { literal: true })');
  });
});

describe('str.strip, stripStart and stripEnd with characters', () => {
  const texts = ['xx日本xx', '😀a😀b😀', '👨‍👩‍👧x👨‍👩‍👧', 'e\u0301e\u0301', '--', '', null];

  it('strip the code points of chars from either end', async () => {
    const base = DataFrame.fromColumns({ s: texts }, { dtypes: { s: 'Utf8' }, chunkSize: 2 });
    for (const df of [base, asPlainStrings(base)]) {
      for (const threads of [1, 2]) {
        const out = await df
          .lazy()
          .select(
            col('s').str.strip('x😀-').alias('both'),
            col('s').str.stripStart('x😀').alias('start'),
            col('s').str.stripEnd('\u0301').alias('end'),
            // a ZWJ sequence is several code points: each of them is a character to strip
            col('s').str.strip('👨‍👩‍👧').alias('zwj'),
            col('s').str.strip('').alias('none'),
          )
          .collect({ threads, morselSize: 2 });
        expect(out.getColumn('both').toArray()).toEqual(['日本', 'a😀b', '👨‍👩‍👧x👨‍👩‍👧', 'e\u0301e\u0301', '', '', null]);
        expect(out.getColumn('start').toArray()).toEqual(['日本xx', 'a😀b😀', '👨‍👩‍👧x👨‍👩‍👧', 'e\u0301e\u0301', '--', '', null]);
        expect(out.getColumn('end').toArray()).toEqual(['xx日本xx', '😀a😀b😀', '👨‍👩‍👧x👨‍👩‍👧', 'e\u0301e', '--', '', null]);
        expect(out.getColumn('zwj').toArray()).toEqual(['xx日本xx', '😀a😀b😀', 'x', 'e\u0301e\u0301', '--', '', null]);
        expect(out.getColumn('none').toArray()).toEqual(texts);
      }
    }
  });

  it('keeps whitespace stripping without characters, refuses a non-string and prints the characters', () => {
    expect(col('s').str.strip().node).toEqual({ kind: 'unary', op: 'str.strip', arg: { kind: 'col', name: 's' } });
    expect(col('s').str.stripEnd(null).node).toEqual({ kind: 'unary', op: 'str.stripEnd', arg: { kind: 'col', name: 's' } });
    expect(() => col('s').str.strip(3 as unknown as string)).toThrow(/str\.strip\(\) takes a string of characters/);
    expect(String(col('s').str.stripStart('0'))).toBe('col("s").str.stripStart("0")');
    expect(() => col('n').str.strip('x').node).not.toThrow();
  });
});
