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
