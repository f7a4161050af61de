/** String lengths in code points and in UTF-8 bytes, over emoji, combining marks, CJK and lone surrogates, at 1 and 2 threads. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, shutdownPool } from '../../src/index.js';
import { asPlainStrings } from '../differential/plain.js';

afterAll(async () => {
  await shutdownPool();
});

const TEXTS = ['', 'abc', 'é', 'e\u0301', '😀', '👍🏽', '中文字', 'Zürich 😀', '\ud800', null];
// code points and UTF-8 bytes of each (a lone surrogate is one code point, written as U+FFFD: 3 bytes)
const CHARS = [0, 3, 1, 2, 1, 2, 3, 8, 1, null];
const BYTES = [0, 3, 2, 3, 4, 8, 9, 12, 3, null];

describe('str.length, lenChars and lenBytes', () => {
  it('count code points and UTF-8 bytes, not UTF-16 units', async () => {
    const base = DataFrame.fromColumns({ s: TEXTS }, { dtypes: { s: 'Utf8' }, chunkSize: 3 });
    for (const df of [base, asPlainStrings(base)]) {
      for (const threads of [1, 2]) {
        const out = await df
          .lazy()
          .select(col('s').str.length().alias('n'), col('s').str.lenChars().alias('chars'), col('s').str.lenBytes().alias('bytes'))
          .collect({ threads, morselSize: 2 });
        expect(out.getColumn('n').toArray()).toEqual(CHARS);
        expect(out.getColumn('chars').toArray()).toEqual(CHARS);
        expect(out.getColumn('bytes').toArray()).toEqual(BYTES);
      }
    }
  });

  it('slice by code points, never cutting an emoji in half', async () => {
    const base = DataFrame.fromColumns({ s: ['a😀b', '中文字', 'e\u0301x', 'plain', null] }, { dtypes: { s: 'Utf8' } });
    for (const df of [base, asPlainStrings(base)]) {
      const out = await df
        .lazy()
        .select(col('s').str.slice(1, 1).alias('mid'), col('s').str.slice(-2).alias('tail'))
        .collect({ threads: 2 });
      expect(out.getColumn('mid').toArray()).toEqual(['😀', '文', '\u0301', 'l', null]);
      expect(out.getColumn('tail').toArray()).toEqual(['😀b', '文字', '\u0301x', 'in', null]);
    }
  });

  it('type-check and print as their own functions', () => {
    const df = new DataFrame({ s: ['a'], d: [new Date(0)] });
    expect(
      df
        .lazy()
        .select(col('s').str.lenBytes())
        .schema.fields.map((f) => f.dtype),
    ).toEqual(['Int32']);
    expect(() => df.lazy().select(col('d').str.lenBytes())).toThrow(/str.lenBytes/);
    expect(String(col('s').str.lenBytes())).toBe('col("s").str.lenBytes()');
  });
});
