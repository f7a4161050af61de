/** str.contains: a regular expression by default, as in Polars; plain text with { literal: true }; invalid patterns refused when built. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, InvalidArgumentError, shutdownPool } from '../../src/index.js';
import { validateExprNode as validateExpr } from '../../src/expr/validate.js';
import { asPlainStrings } from '../differential/plain.js';

afterAll(async () => {
  await shutdownPool();
});

const NAMES = ['foo', 'fao', 'f.o', 'xfoo', 'FOO', '😀x', 'a|b', null];

async function matches(df: DataFrame, e: ReturnType<typeof col>, threads: number): Promise<(boolean | null)[]> {
  return (await df.lazy().select(e.alias('m')).collect({ threads, morselSize: 3 })).getColumn('m').toArray() as (boolean | null)[];
}

describe('str.contains', () => {
  it('matches a regular expression by default and plain text with literal', async () => {
    const base = DataFrame.fromColumns({ s: NAMES }, { dtypes: { s: 'Utf8' }, chunkSize: 3 });
    for (const df of [base, asPlainStrings(base)]) {
      for (const threads of [1, 2]) {
        expect(await matches(df, col('s').str.contains('^f.o'), threads)).toEqual([true, true, true, false, false, false, false, null]);
        expect(await matches(df, col('s').str.contains('f.o', { literal: true }), threads)).toEqual([
          false,
          false,
          true,
          false,
          false,
          false,
          false,
          null,
        ]);
        expect(await matches(df, col('s').str.contains('a|b'), threads)).toEqual([false, true, false, false, false, false, true, null]);
        expect(await matches(df, col('s').str.contains('a|b', { literal: true }), threads)).toEqual([
          false,
          false,
          false,
          false,
          false,
          false,
          true,
          null,
        ]);
        // Unicode mode: the emoji is one character
        expect(await matches(df, col('s').str.contains('^.x$'), threads)).toEqual([false, false, false, false, false, true, false, null]);
      }
    }
  });

  it('refuses an invalid pattern when the expression is built, and when it is read from data', () => {
    expect(() => col('s').str.contains('(')).toThrow(InvalidArgumentError);
    expect(() => col('s').str.contains('(')).toThrow(/invalid regular expression "\("/);
    expect(() => col('s').str.contains('(', { literal: true })).not.toThrow();
    const node = { kind: 'strMatch', op: 'contains', arg: { kind: 'col', name: 's' }, pattern: '[' };
    expect(() => validateExpr(node)).toThrow(InvalidArgumentError);
    expect(() => validateExpr({ ...node, literal: true })).not.toThrow();
    expect(() => validateExpr({ ...node, literal: 'yes' })).toThrow(/literal/);
  });

  it('prints the literal option', () => {
    expect(String(col('s').str.contains('a.b'))).toBe('col("s").str.contains("a.b")');
    expect(String(col('s').str.contains('a.b', { literal: true }))).toBe('col("s").str.contains("a.b", { literal: true })');
  });
});
