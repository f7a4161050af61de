/** Parts of strings (extract; split, find, count and reverse below): non-ASCII text, empty strings and nulls, both string layouts, 1 and 2 threads. */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, type Expr, lit, shutdownPool } from '../../src/index.js';
import { reverseGraphemes } from '../../src/expr/str-maps.js';
import { validateExprNode } from '../../src/expr/validate.js';
import { refReverse } from '../reference/strings.js';
import { asPlainStrings } from '../differential/plain.js';

afterAll(async () => {
  await shutdownPool();
});

const TEXTS = ['Zürich 8001', '日本語 123-456', '👨‍👩‍👧 family', 'café\u0301 e\u0301', 'a,b,,c', '', null];

/** Each expression's column on both string layouts, at 1 and 2 threads and two morsel sizes: one answer. */
async function columns(exprs: Record<string, Expr>, texts: readonly (string | null)[] = TEXTS): Promise<Record<string, unknown[]>> {
  const base = DataFrame.fromColumns({ s: [...texts] }, { dtypes: { s: 'Utf8' }, chunkSize: 3 });
  let first: Record<string, unknown[]> | null = null;
  for (const df of [base, asPlainStrings(base)]) {
    for (const [threads, morselSize] of [
      [1, 2],
      [2, 2],
      [2, 5],
    ] as const) {
      const out = await df
        .lazy()
        .select(...Object.entries(exprs).map(([name, e]) => e.alias(name)))
        .collect({ threads, morselSize });
      const got = Object.fromEntries(Object.keys(exprs).map((name) => [name, out.getColumn(name).toArray()]));
      if (first === null) first = got;
      else expect(got).toEqual(first);
    }
  }
  return first!;
}

describe('str.extract', () => {
  it('gives a capture group of the first match, null without a match', async () => {
    const out = await columns({
      digits: col('s').str.extract('(\\d+)'),
      second: col('s').str.extract('(\\d+)-(\\d+)', 2),
      whole: col('s').str.extract('\\p{L}+', 0),
      han: col('s').str.extract('(\\p{Script=Han}+)'),
      accent: col('s').str.extract('(\\p{L}\\p{M}+)'),
      emoji: col('s').str.extract('^(\\p{Extended_Pictographic})'),
      unmatchedGroup: col('s').str.extract('(\\d)|(b)', 2),
      named: col('s').str.extract('(?<word>\\p{Ll}+)$'),
    });
    expect(out.digits).toEqual(['8001', '123', null, null, null, null, null]);
    expect(out.second).toEqual([null, '456', null, null, null, null, null]);
    expect(out.whole).toEqual(['Zürich', '日本語', 'family', 'café', 'a', null, null]);
    expect(out.han).toEqual([null, '日本語', null, null, null, null, null]);
    expect(out.accent).toEqual([null, null, null, 'é\u0301', null, null, null]);
    expect(out.emoji).toEqual([null, null, '👨', null, null, null, null]);
    // the first match is a digit: its group 2 took no part, so null (as Polars), not the later "b"
    expect(out.unmatchedGroup).toEqual([null, null, null, null, 'b', null, null]);
    expect(out.named).toEqual([null, null, 'family', null, 'c', null, null]);
  });

  it('extracts from a constant and composes with other string functions', async () => {
    const out = await columns({
      k: lit('key=42').str.extract('=(\\d+)'),
      none: lit('key').str.extract('=(\\d+)'),
      upper: col('s').str.extract('(\\p{L}+)').str.toUpperCase(),
      filled: col('s').str.extract('(\\d+)').fillNull('-'),
    });
    expect(out.k).toEqual(Array(7).fill('42'));
    expect(out.none).toEqual(Array(7).fill(null));
    expect(out.upper).toEqual(['ZÜRICH', '日本語', 'FAMILY', 'CAFÉ', 'A', null, null]);
    expect(out.filled).toEqual(['8001', '123', '-', '-', '-', '-', '-']);
  });

  it('refuses a group beyond the pattern, when built and when read from data', () => {
    expect(() => col('s').str.extract('(a)(b)', 3)).toThrow(/str\.extract\(\): group 3 is beyond the 2 capture groups of "\(a\)\(b\)"/);
    expect(() => col('s').str.extract('a')).toThrow(/group 1 is beyond the 0 capture groups/);
    expect(() => col('s').str.extract('(?:a)(?<n>b)', 1)).not.toThrow();
    expect(() => col('s').str.extract('(a', 1)).toThrow(/invalid regular expression/);
    expect(() => col('s').str.extract('(a)', -1)).toThrow(/group must be a whole number >= 0/);
    const node = { kind: 'strExtract', arg: { kind: 'col', name: 's' }, pattern: '(a)', group: 2 };
    expect(() => validateExprNode(node)).toThrow(/group 2 is beyond the 1 capture group of/);
    expect(validateExprNode({ ...node, group: 1 })).toEqual({ ...node, group: 1 });
    expect(String(col('s').str.extract('(\\d+)'))).toBe('col("s").str.extract("(\\\\d+)", 1)');
    expect(() => col('n').str.extract('(a)').node).not.toThrow();
  });

  it('names the expression when the input is not a string, as the plan is built', () => {
    const df = DataFrame.fromColumns({ n: [1, 2] });
    expect(() => df.lazy().select(col('n').str.extract('(1)'))).toThrow(
      'cannot apply str.extract() to column "n" of type Int32 in col("n").str.extract("(1)", 1)',
    );
  });
});

describe('str.splitPart', () => {
  it('gives the nth part, from either end, null past the last', async () => {
    const out = await columns({
      first: col('s').str.splitPart(' ', 0),
      second: col('s').str.splitPart(' ', 1),
      third: col('s').str.splitPart(' ', 2),
      last: col('s').str.splitPart(',', -1),
      empty: col('s').str.splitPart(',', 2),
      before: col('s').str.splitPart(',', -5),
      zwj: col('s').str.splitPart('\u200d', 1),
      han: col('s').str.splitPart('本', 1),
    });
    expect(out.first).toEqual(['Zürich', '日本語', '👨‍👩‍👧', 'café\u0301', 'a,b,,c', '', null]);
    expect(out.second).toEqual(['8001', '123-456', 'family', 'e\u0301', null, null, null]);
    expect(out.third).toEqual([null, null, null, null, null, null, null]);
    expect(out.last).toEqual(['Zürich 8001', '日本語 123-456', '👨‍👩‍👧 family', 'café\u0301 e\u0301', 'c', '', null]);
    expect(out.empty).toEqual([null, null, null, null, '', null, null]);
    expect(out.before).toEqual([null, null, null, null, null, null, null]);
    // a joined emoji splits at its joiners like any text
    expect(out.zwj).toEqual([null, null, '👩', null, null, null, null]);
    expect(out.han).toEqual([null, '語 123-456', null, null, null, null, null]);
  });

  it('keeps the rest in the last part with maxParts', async () => {
    const out = await columns({
      rest: col('s').str.splitPart(',', 1, { maxParts: 2 }),
      one: col('s').str.splitPart(',', 0, { maxParts: 1 }),
      past: col('s').str.splitPart(',', 2, { maxParts: 2 }),
      lastOfTwo: col('s').str.splitPart(',', -1, { maxParts: 3 }),
    });
    expect(out.rest).toEqual([null, null, null, null, 'b,,c', null, null]);
    expect(out.one).toEqual(['Zürich 8001', '日本語 123-456', '👨‍👩‍👧 family', 'café\u0301 e\u0301', 'a,b,,c', '', null]);
    expect(out.past).toEqual([null, null, null, null, null, null, null]);
    expect(out.lastOfTwo).toEqual(['Zürich 8001', '日本語 123-456', '👨‍👩‍👧 family', 'café\u0301 e\u0301', ',c', '', null]);
  });

  it('splits into code points with an empty separator', async () => {
    const out = await columns({
      second: col('s').str.splitPart('', 1),
      last: col('s').str.splitPart('', -1),
      rest: col('s').str.splitPart('', 1, { maxParts: 2 }),
    });
    expect(out.second).toEqual(['ü', '本', '\u200d', 'a', ',', null, null]);
    expect(out.last).toEqual(['1', '6', 'y', '\u0301', 'c', null, null]);
    expect(out.rest).toEqual(['ürich 8001', '本語 123-456', '\u200d👩‍👧 family', 'afé\u0301 e\u0301', ',b,,c', null, null]);
  });

  it('checks its arguments when built and when read from data, and prints them', () => {
    expect(() => col('s').str.splitPart(',', 1.5)).toThrow(/index must be a whole number/);
    expect(() => col('s').str.splitPart(',', 0, { maxParts: 0 })).toThrow(/maxParts must be a whole number >= 1/);
    expect(() => col('s').str.splitPart(1 as unknown as string, 0)).toThrow(/takes a string separator/);
    const node = { kind: 'strSplitPart', arg: { kind: 'col', name: 's' }, by: ',', index: -1, maxParts: null };
    expect(validateExprNode(node)).toEqual(node);
    expect(() => validateExprNode({ ...node, maxParts: 0 })).toThrow(/maxParts: expected a whole number >= 1/);
    expect(String(col('s').str.splitPart(',', -1))).toBe('col("s").str.splitPart(",", -1)');
    expect(String(col('s').str.splitPart('=', 1, { maxParts: 2 }))).toBe('col("s").str.splitPart("=", 1, { maxParts: 2 })');
  });
});

describe('str.find and str.countMatches', () => {
  it('find the first match in code points, null without one', async () => {
    const out = await columns({
      digit: col('s').str.find('\\d'),
      space: col('s').str.find(' ', { literal: true }),
      dot: col('s').str.find('.', { literal: true }),
      anyChar: col('s').str.find('.'),
      accent: col('s').str.find('\\p{M}'),
      empty: col('s').str.find('', { literal: true }),
      family: col('s').str.find('👧', { literal: true }),
    });
    expect(out.digit).toEqual([7, 4, null, null, null, null, null]);
    expect(out.space).toEqual([6, 3, 5, 5, null, null, null]);
    expect(out.dot).toEqual([null, null, null, null, null, null, null]);
    expect(out.anyChar).toEqual([0, 0, 0, 0, 0, null, null]);
    expect(out.accent).toEqual([null, null, null, 4, null, null, null]);
    expect(out.empty).toEqual([0, 0, 0, 0, 0, 0, null]);
    // 👨 ZWJ 👩 ZWJ 👧: the girl is the fifth code point
    expect(out.family).toEqual([null, null, 4, null, null, null, null]);
  });

  it('count matches that do not overlap', async () => {
    const out = await columns({
      letters: col('s').str.countMatches('\\p{L}'),
      commas: col('s').str.countMatches(',', { literal: true }),
      pairs: col('s').str.countMatches(',,|\\d\\d'),
      emoji: col('s').str.countMatches('\\p{Extended_Pictographic}'),
      empty: col('s').str.countMatches(''),
      emptyText: col('s').str.countMatches('', { literal: true }),
    });
    expect(out.letters).toEqual([6, 3, 6, 5, 3, 0, null]);
    expect(out.commas).toEqual([0, 0, 0, 0, 3, 0, null]);
    expect(out.pairs).toEqual([2, 2, 0, 0, 1, 0, null]);
    expect(out.emoji).toEqual([0, 0, 3, 0, 0, 0, null]);
    // before each code point and at the end
    expect(out.empty).toEqual([12, 12, 13, 9, 7, 1, null]);
    expect(out.emptyText).toEqual(out.empty);
  });

  it('checks the pattern when built and when read from data, and prints it', () => {
    expect(() => col('s').str.find('(')).toThrow(/str\.find\(\): invalid regular expression/);
    expect(() => col('s').str.countMatches('[', { literal: true })).not.toThrow();
    const node = { kind: 'strFind', op: 'countMatches', arg: { kind: 'col', name: 's' }, pattern: '(', literal: false };
    expect(() => validateExprNode(node)).toThrow(/str\.countMatches\(\): invalid regular expression/);
    expect(validateExprNode({ ...node, literal: true })).toEqual({ ...node, literal: true });
    expect(String(col('s').str.find('a', { literal: true }))).toBe('col("s").str.find("a", { literal: true })');
    expect(String(col('s').str.countMatches('\\d'))).toBe('col("s").str.countMatches("\\\\d")');
  });
});

describe('str.reverse', () => {
  it('reverses user-perceived characters, keeping accents and joined emoji whole', async () => {
    const out = await columns({ r: col('s').str.reverse(), twice: col('s').str.reverse().str.reverse() }, [
      ...TEXTS,
      'a👍🏽b🇯🇵',
      'line\r\nnext',
      'x',
    ]);
    expect(out.r).toEqual([
      '1008 hcirüZ',
      '654-321 語本日',
      'ylimaf 👨‍👩‍👧',
      'e\u0301 é\u0301fac',
      'c,,b,a',
      '',
      null,
      '🇯🇵b👍🏽a',
      'txen\r\nenil',
      'x',
    ]);
    expect(out.twice).toEqual([...TEXTS, 'a👍🏽b🇯🇵', 'line\r\nnext', 'x']);
    expect(String(col('s').str.reverse())).toBe('col("s").str.reverse()');
  });
});

describe('reverseGraphemes', () => {
  it("agrees with reversing the segmenter's clusters on any text, the code-point shortcut included", () => {
    const tricky = fc.constantFrom(
      '\r',
      '\n',
      '\u200d',
      '\u0301',
      '\ufe0f',
      '🏽',
      '🇯',
      '🇵',
      '🇯🇵',
      '👨',
      '👍🏽',
      '\r\n',
      'ᄀ',
      '각',
      'ᆨ',
      'ก',
      'ำ',
      'ｶ',
      'ﾞ',
      '#',
      '©',
      'a',
      '日',
    );
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 3 }), tricky), { maxLength: 8 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme-composite' })), (s) => {
        expect(reverseGraphemes(s)).toBe(refReverse(s));
      }),
      { numRuns: 3000 },
    );
  });
});
