/** The `volley query` expression language: tokens, precedence, literals, functions, and errors that point at the column. */
import { describe, expect, it } from 'vitest';
import { QueryParseError } from '../../cli/query/error.js';
import { tokenize } from '../../cli/query/lexer.js';
import { parseExpression, parseList, parseSortKeys } from '../../cli/query/parse.js';
import { col, corr, DataFrame, len, lit, type Expr } from '../../src/index.js';

const same = (text: string, want: Expr, aggregates = false): void => {
  expect(parseExpression(text, { aggregates }).node, text).toEqual(want.node);
};

/** The QueryParseError `text` throws. */
function failure(text: string, parse: (t: string) => unknown = parseExpression): QueryParseError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof QueryParseError) return err;
    throw err;
  }
  throw new Error(`"${text}" parsed without an error`);
}

describe('tokenize', () => {
  it('splits numbers, strings, bare and quoted names and operators, with their offsets', () => {
    const tokens = tokenize(`v1>=3.5e1 and "Cost Total $" <> 'it''s'`);
    expect(tokens.map((t) => [t.kind, t.start, t.end])).toEqual([
      ['name', 0, 2],
      ['op', 2, 4],
      ['number', 4, 9],
      ['name', 10, 13],
      ['name', 14, 28],
      ['op', 29, 31],
      ['string', 32, 39],
      ['end', 39, 39],
    ]);
    expect(tokens[4]).toMatchObject({ value: 'Cost Total $', quoted: true });
    expect(tokens[6]).toMatchObject({ value: "it's" });
  });

  it('reads escapes in strings and doubled quotes in names', () => {
    const [s] = tokenize(String.raw`'a\'b\\c\n''d'`);
    expect(s).toMatchObject({ kind: 'string', value: "a'b\\c\n'd" });
    const [n] = tokenize('"say ""hi"""');
    expect(n).toMatchObject({ kind: 'name', value: 'say "hi"', quoted: true });
  });

  it('reads names in any script', () => {
    expect(tokenize('größe_2 + 東京')[0]).toMatchObject({ kind: 'name', value: 'größe_2' });
  });
});

describe('precedence', () => {
  it('binds not tighter than and, and tighter than or', () => {
    same('a or b and not c', col('a').or(col('b').and(col('c').not())));
    same('not a == 1 and b', col('a').eq(1).not().and(col('b')));
    same('(a or b) and c', col('a').or(col('b')).and(col('c')));
  });

  it('binds comparisons looser than arithmetic, * / % tighter than + -, and unary minus tightest', () => {
    same(
      'v1 + 2 * v3 > 10 - v2 % 4',
      col('v1')
        .add(lit(2).mul(col('v3')))
        .gt(lit(10).sub(col('v2').mod(4))),
    );
    same('-(a + b) * c', col('a').add(col('b')).neg().mul(col('c')));
    same('-a * b', col('a').neg().mul(col('b')));
  });

  it('associates arithmetic, and and or to the left', () => {
    same('a - b - c', col('a').sub(col('b')).sub(col('c')));
    same('a / b * c', col('a').div(col('b')).mul(col('c')));
    same('a and b and c', col('a').and(col('b')).and(col('c')));
  });

  it('reads the example of the issue', () => {
    same("v1 > 3 and id1 == 'id016'", col('v1').gt(3).and(col('id1').eq('id016')));
  });

  it('accepts SQL spellings of equality and inequality', () => {
    same('a = 1 or b <> 2', col('a').eq(1).or(col('b').neq(2)));
  });
});

describe('literals', () => {
  it('makes int32 integers Int32, larger ones Int64, and decimals Float64 even when whole', () => {
    same('x + 2147483647', col('x').add(lit(2147483647)));
    same('x + 2147483648', col('x').add(lit(2147483648n)));
    same('x + -2147483648', col('x').add(lit(-2147483648)));
    same('x + 9007199254740993', col('x').add(lit(9007199254740993n)));
    same('x * 2.0', col('x').mul(lit(2, 'Float64')));
    same('x * 1e3', col('x').mul(lit(1000, 'Float64')));
    same('x * .5', col('x').mul(lit(0.5)));
  });

  it('reads strings with escaped quotes, booleans, null and dates', () => {
    same("name == 'O''Hare'", col('name').eq("O'Hare"));
    same(String.raw`name == 'O\'Hare'`, col('name').eq("O'Hare"));
    same("s == 'a, b'", col('s').eq('a, b'));
    same('flag == true or flag == FALSE', col('flag').eq(true).or(col('flag').eq(false)));
    same('x + null', col('x').add(lit(null)));
    same('"Flight Date" >= date \'2000-01-01\'', col('Flight Date').gte(lit('2000-01-01', 'Date')));
    same("t < timestamp '2000-01-01 12:00:00'", col('t').lt(lit('2000-01-01 12:00:00', 'Timestamp')));
  });

  it('takes a column called date when no string follows', () => {
    same('date > 3', col('date').gt(3));
  });

  it('reads == null and != null as null tests, as is [not] null', () => {
    same('state == null', col('state').isNull());
    same('null = state', col('state').isNull());
    same('state != null', col('state').isNotNull());
    same('state is null or city is not null', col('state').isNull().or(col('city').isNotNull()));
  });

  it('reads in-lists and between, negated or not', () => {
    same("state in ('TX', 'CA')", col('state').isIn(['TX', 'CA']));
    same('v not in (1, -2, 3.5)', col('v').isIn([1, -2, 3.5]).not());
    same('v between 1 and 2 and w', col('v').between(1, 2).and(col('w')));
    same('v not between 1 and 2', col('v').between(1, 2).not());
  });
});

describe('functions', () => {
  it('maps aggregate names onto Volley aggregates', () => {
    same('count()', len(), true);
    same('count(*)', len(), true);
    same('count(x)', col('x').count(), true);
    same('avg(x) - mean(x)', col('x').mean().sub(col('x').mean()), true);
    same('n_unique(x) + len()', col('x').nUnique().add(len()), true);
    same('quantile(v3, 0.9)', col('v3').quantile(0.9), true);
    same('corr(v1, v2) * 2', corr(col('v1'), col('v2')).mul(2), true);
    same('SUM(v1)', col('v1').sum(), true);
  });

  it('maps scalar functions onto Expr methods', () => {
    same(
      "contains(name, 'Intl') or starts_with(city, 'San')",
      col('name').str.contains('Intl', { literal: true }).or(col('city').str.startsWith('San')),
    );
    same('round(lat, 2) + round(lon)', col('lat').round(2).add(col('lon').round(0)));
    same('year("Flight Date") == 2001', col('Flight Date').dt.year().eq(2001));
    same('coalesce(v, 0) > upper(s)', col('v').fillNull(0).gt(col('s').str.toUpperCase()));
  });
});

describe('lists and sort keys', () => {
  it('names aggregate calls column_function unless aliased, and keeps the text of others', () => {
    const items = parseList('sum(v1), mean(v3) as m, count(), corr(a, b), sum(v1) / count(), quantile(x, 0.5)', { aggregates: true });
    expect(items.map((i) => [i.alias, i.label, i.text])).toEqual([
      [null, 'v1_sum', 'sum(v1)'],
      ['m', 'v3_mean', 'mean(v3)'],
      [null, 'count', 'count()'],
      [null, 'a_b_corr', 'corr(a, b)'],
      [null, null, 'sum(v1) / count()'],
      [null, 'x_quantile', 'quantile(x, 0.5)'],
    ]);
    expect(items[1]!.expr.node).toEqual(col('v3').mean().alias('m').node);
  });

  it('does not split at commas inside strings, calls or quoted names', () => {
    const items = parseList(`contains(name, 'a, b') as hit, "x, y", round(v, 2)`);
    expect(items.map((i) => i.expr.node)).toEqual([
      col('name').str.contains('a, b', { literal: true }).alias('hit').node,
      col('x, y').node,
      col('v').round(2).node,
    ]);
  });

  it('reads - before a key and asc/desc after it', () => {
    const keys = parseSortKeys('-v1_sum, id1 desc, "x y" asc, v2');
    expect(keys.map((k) => [k.expr.node, k.descending])).toEqual([
      [col('v1_sum').node, true],
      [col('id1').node, true],
      [col('x y').node, false],
      [col('v2').node, false],
    ]);
  });
});

describe('errors point at the column', () => {
  it('shows the text with a caret under the mistake', () => {
    const err = failure("v1 > 3 and id1 == 'id016' and");
    expect(err.position).toBe(29);
    expect(err.format('--filter')).toBe(
      ['--filter: expected a value, found the end of the text (column 30)', "  v1 > 3 and id1 == 'id016' and", `  ${' '.repeat(29)}^`].join(
        '\n',
      ),
    );
  });

  it.each([
    ["state == 'TX", 9, /string is not closed/],
    ['x == "abc', 5, /column name is not closed/],
    ['a && b', 2, /unexpected character "&"; write `and`/],
    ['a < b < c', 6, /comparisons do not chain/],
    ['a b', 2, /expected an operator or the end of the text, found "b"/],
    ['(a + b', 6, /expected "\)" to close the "\(" at column 1/],
    ['x is 3', 5, /expected "null" after "is"/],
    ['x in (y)', 6, /constants only/],
    ['x in (null)', 6, /null cannot be in an "in" list/],
    ['x in ()', 6, /at least one value/],
    ['sum(v1) > 3', 0, /sum\(\) is an aggregate function; aggregates belong in --agg/],
    ['frobnicate(x)', 0, /unknown function "frobnicate"; known: sum, mean/],
    ['round(x, 1, 2)', 0, /round\(x, digits\) takes 1 to 2 arguments, got 3/],
    ["round(x, 'a')", 9, /digits must be a number/],
    ['contains(name, other)', 15, /the text to look for must be a 'quoted string'/],
    [String.raw`'a\q'`, 2, /unknown escape "\\q"/],
    ['3abc', 0, /a name cannot start with a digit/],
    ["date 'nope'", 5, /not a date: 'nope'/],
    ['x > and', 4, /found the keyword "and"/],
  ] as const)('%s', (text, position, message) => {
    const err = failure(text);
    expect(err.reason).toMatch(message);
    expect(err.position).toBe(position);
    expect(err.format().split('\n')[2]).toBe(`  ${' '.repeat(position)}^`);
  });

  it('rejects nested aggregates and a bad quantile in --agg', () => {
    const nested = failure('sum(mean(x))', (t) => parseList(t, { aggregates: true }));
    expect([nested.reason, nested.position]).toEqual(['an aggregate cannot be inside another aggregate', 4]);
    expect(failure('quantile(x, 2)', (t) => parseList(t, { aggregates: true })).reason).toMatch(/quantile\(\) needs q between 0 and 1/);
  });

  it('rejects "-" together with desc, and a keyword as an alias', () => {
    expect(failure('-a desc', parseSortKeys).position).toBe(3);
    expect(failure('a as and', parseList).reason).toMatch(/expected a name after "as", found "and"/);
  });
});

describe('parsed filters run in Volley', () => {
  const df = DataFrame.fromColumns({ id: [1, 2, 3, 4], s: ["O'Hare", null, 'a, b', 'x'], v: [1.5, null, -2, 10] });
  const ids = async (text: string): Promise<unknown[]> =>
    (await df.lazy().filter(parseExpression(text)).collect({ threads: 1 })).toRecords().map((r) => r.id);

  it('keeps the rows the text describes', async () => {
    expect(await ids("s == 'O''Hare' or v > 5")).toEqual([1, 4]);
    expect(await ids('s == null')).toEqual([2]);
    expect(await ids("s != null and not s in ('x')")).toEqual([1, 3]);
    expect(await ids('v between -2 and 1.5')).toEqual([1, 3]);
    // Row 2 has a null v: null or true is true, as in SQL.
    expect(await ids('-v * 2 >= 4 or id % 2 == 0')).toEqual([2, 3, 4]);
    expect(await ids('-v * 2 >= 4 and id % 2 == 1')).toEqual([3]);
  });
});
