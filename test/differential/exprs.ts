/** Well-typed random row expressions built through the public API, each carrying the code that builds it (failures print as pasteable repros). */
import fc from 'fast-check';
import { col, concatStr, lit, when, type Expr } from '../../src/index.js';
import type { DataType } from '../../src/types/dtype.js';
import { WORDS } from './data.js';

/** A generated expression and the source text that builds it. */
export interface Gen {
  readonly e: Expr;
  readonly code: string;
}

export function gen(e: Expr, code: string): Gen {
  return { e, code, [fc.toStringMethod]: () => code } as Gen;
}

/** Column names available per type: what expressions may read at this point of a query. */
export type ColumnsByType = Readonly<Partial<Record<DataType, readonly string[]>>>;

export function columnsByType(schema: ReadonlyMap<string, DataType> | Readonly<Record<string, DataType>>): ColumnsByType {
  const out: Partial<Record<DataType, string[]>> = {};
  const entries = schema instanceof Map ? [...schema.entries()] : Object.entries(schema);
  for (const [name, t] of entries as [string, DataType][]) (out[t] ??= []).push(name);
  return out;
}

const q = (s: string): string => JSON.stringify(s);

/**
 * `count` names `prefix0`, `prefix1`, ... skipping any in `taken`, so that aliases never collide
 * with columns an earlier verb created.
 *
 * @example
 * freshNames('a', new Set(['a0']), 2); // ['a1', 'a2']
 */
export function freshNames(prefix: string, taken: Iterable<string>, count: number): string[] {
  const used = new Set(taken);
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const name = `${prefix}${i}`;
    if (!used.has(name)) out.push(name);
  }
  return out;
}

function colOf(cols: ColumnsByType, t: DataType): fc.Arbitrary<Gen> | null {
  const names = cols[t];
  if (names === undefined || names.length === 0) return null;
  return fc.constantFrom(...names).map((n) => gen(col(n), `col(${q(n)})`));
}

/** A method call on a generated receiver, recorded as code. */
function call(
  recv: Gen,
  method: string,
  ...args: (
    | Gen
    | number
    | string
    | null
    | readonly unknown[]
    | { readonly literal: boolean }
    | { readonly maxParts: number }
    | { readonly strict: boolean }
  )[]
): Gen {
  const code = args.map((a) => (a !== null && typeof a === 'object' && 'code' in a ? (a as Gen).code : JSON.stringify(a))).join(', ');
  const values = args.map((a) => (a !== null && typeof a === 'object' && 'code' in a ? (a as Gen).e : a));
  const path = method.split('.');
  let target: unknown = recv.e;
  for (const p of path.slice(0, -1)) target = (target as Record<string, unknown>)[p];
  const fn = (target as Record<string, (...xs: unknown[]) => Expr>)[path[path.length - 1]!]!;
  return gen(fn.apply(target, values), `${recv.code}.${method}(${code})`);
}

const litInt32 = fc.integer({ min: -5, max: 5 }).map((v) => gen(lit(v), `lit(${v})`));
const litFloat = fc
  .oneof(
    fc.integer({ min: -300, max: 300 }).map((x) => x / 8),
    fc.constantFrom(NaN, -0, 1e-3),
  )
  .map((v) => gen(lit(v, 'Float64'), `lit(${Object.is(v, -0) ? '-0' : v}, "Float64")`));
const litInt64 = fc.bigInt({ min: -50n, max: 50n }).map((v) => gen(lit(v), `lit(${v}n)`));
const litBool = fc.boolean().map((v) => gen(lit(v), `lit(${v})`));
/** Text that parses as some type, or almost does: what casts from Utf8 meet. */
const TEXTS = [
  '12',
  ' -7 ',
  '+3',
  '1.5',
  '1e3',
  '-0',
  'nan',
  'inf',
  'TRUE',
  'false',
  '2020-02-29',
  '2021-02-29',
  '1969-12-31 23:59:59.5',
  '2020-01-02T03:04Z',
  '日本',
  '👍🏽',
];
const litUtf8 = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...TEXTS)).map((v) => gen(lit(v), `lit(${q(v)})`));
/** Casts that can lose a value give null for it instead of failing the query. */
const LOSSY = { strict: false } as const;
const litDate = fc.integer({ min: -1000, max: 19800 }).map((d) => gen(lit(d, 'Date'), `lit(${d}, "Date")`));
const litTimestamp = fc
  .integer({ min: -90_000_000, max: 1_800_000_000 })
  .map((s) => gen(lit(new Date(s * 1000)), `lit(new Date(${s * 1000}))`));

/** ISO 8601 text a date compares with: days, instants at and past midnight, before 1970. */
const ISO_TEXTS = ['2000-01-01', '1969-12-31', '1970-01-01T00:00:00Z', '1969-12-31T12:00:00.5Z', '2024-02-29T23:00:00+01:00', '1999-06-15'];
const isoText = fc.constantFrom(...ISO_TEXTS).map((s) => gen(lit(s), `lit(${q(s)})`));

const LITERALS: Readonly<Record<DataType, fc.Arbitrary<Gen>>> = {
  Int32: litInt32,
  Int64: litInt64,
  Float64: litFloat,
  Boolean: litBool,
  Utf8: litUtf8,
  Date: litDate,
  Timestamp: litTimestamp,
};

/** A leaf of type `t`: a column when one exists (mostly), else a literal. */
function leaf(cols: ColumnsByType, t: DataType): fc.Arbitrary<Gen> {
  const c = colOf(cols, t);
  return c === null ? LITERALS[t] : fc.oneof({ arbitrary: c, weight: 4 }, { arbitrary: LITERALS[t], weight: 1 });
}

type Arbs = Record<DataType, fc.Arbitrary<Gen>>;

const NUMERIC: readonly DataType[] = ['Int32', 'Int64', 'Float64'];

/** Truncation windows of every kind: sub-daily, days, weeks, months, quarters, years. */
const TRUNCATIONS = ['1ms', '250ms', '1s', '15m', '1h', '1h30m', '1d', '3d', '1w', '2w', '1mo', '5mo', '1q', '1y', '2y', '0d'];

/**
 * Expression arbitraries per result type over the given columns, at most `maxDepth` operators
 * deep. Every expression is well typed by the contract's rules; untyped `lit(null)` appears only
 * where a sibling fixes its type.
 *
 * @example
 * fc.sample(exprArbs(columnsByType(MIXED_TYPES)).Boolean, 3);
 */
export function exprArbs(cols: ColumnsByType, maxDepth = 3): Arbs {
  const depth = { depthIdentifier: 'expr', maxDepth, depthSize: 'small' as const, withCrossShrink: true };
  return fc.letrec<Record<DataType, Gen>>((tie) => {
    const t = (x: DataType): fc.Arbitrary<Gen> => tie(x);
    const numeric = fc.oneof(t('Int32'), t('Int64'), t('Float64'));
    const anyType = fc.oneof(t('Int32'), t('Float64'), t('Utf8'), t('Boolean'), t('Date'), t('Int64'));
    const arith = (x: DataType, y: fc.Arbitrary<Gen>) =>
      fc.tuple(t(x), fc.constantFrom('add', 'sub', 'mul', 'mod'), y).map(([a, op, b]) => call(a, op, b));
    const whenOf = (x: DataType) =>
      fc.oneof(
        fc
          .tuple(t('Boolean'), t(x), t(x))
          .map(([c, a, b]) => gen(when(c.e).then(a.e).otherwise(b.e), `when(${c.code}).then(${a.code}).otherwise(${b.code})`)),
        fc
          .tuple(t('Boolean'), t(x), t('Boolean'), t(x))
          .map(([c, a, c2, b]) =>
            gen(when(c.e).then(a.e).when(c2.e).then(b.e), `when(${c.code}).then(${a.code}).when(${c2.code}).then(${b.code})`),
          ),
      );
    const fill = (x: DataType) => fc.tuple(t(x), t(x)).map(([a, b]) => call(a, 'fillNull', b));
    return {
      Int32: fc.oneof(
        depth,
        leaf(cols, 'Int32'),
        arith('Int32', t('Int32')),
        t('Int32').chain((a) => fc.constantFrom('neg', 'abs', 'floor', 'ceil').map((op) => call(a, op))),
        fc.tuple(t('Int32'), fc.integer({ min: 0, max: 2 })).map(([a, d]) => call(a, 'round', d)),
        t('Float64').map((a) => call(a, 'cast', 'Int32', LOSSY)),
        t('Int64').map((a) => call(a, 'cast', 'Int32', LOSSY)),
        t('Date').map((a) => call(a, 'cast', 'Int32')),
        t('Utf8').map((a) => call(a, 'cast', 'Int32', LOSSY)),
        t('Boolean').map((a) => call(a, 'cast', 'Int32')),
        t('Utf8').chain((a) => fc.constantFrom('str.length', 'str.lenChars', 'str.lenBytes').map((op) => call(a, op))),
        // where a pattern first matches (null if never) and how many times, by pattern or text
        fc
          .tuple(
            t('Utf8'),
            fc.constantFrom('str.find', 'str.countMatches'),
            fc.constantFrom('a', 'b|é', '', '\\p{Lu}', 'x y', '.', 'aa', '\\p{Extended_Pictographic}', '😀', '\\p{M}'),
            fc.boolean(),
          )
          .map(([a, op, p, literal]) => call(a, op, p, ...(literal ? [{ literal: true }] : []))),
        fc
          .tuple(
            fc.oneof(t('Date'), t('Timestamp')),
            fc.constantFrom('year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'millisecond', 'ordinalDay', 'quarter', 'week'),
          )
          .map(([a, p]) => call(a, `dt.${p}`)),
        t('Int32').map((a) => call(a, 'add', null)),
        fc.oneof(t('Date'), t('Timestamp')).map((a) => call(a, 'dt.epoch', 'd')),
        fc.tuple(t('Date'), t('Date')).map(([a, b]) => call(a, 'sub', b)),
        whenOf('Int32'),
        fill('Int32'),
      ),
      Int64: fc.oneof(
        depth,
        leaf(cols, 'Int64'),
        arith('Int64', fc.oneof(t('Int64'), t('Int32'))),
        fc.tuple(t('Int32'), fc.constantFrom('add', 'mul', 'sub'), t('Int64')).map(([a, op, b]) => call(a, op, b)),
        t('Int32').map((a) => call(a, 'cast', 'Int64')),
        t('Float64').map((a) => call(a, 'cast', 'Int64', LOSSY)),
        t('Timestamp').map((a) => call(a, 'cast', 'Int64')),
        t('Utf8').map((a) => call(a, 'cast', 'Int64', LOSSY)),
        t('Int64').chain((a) => fc.constantFrom('neg', 'abs').map((op) => call(a, op))),
        fc.tuple(fc.oneof(t('Date'), t('Timestamp')), fc.constantFrom('s', 'ms')).map(([a, u]) => call(a, 'dt.epoch', u)),
        // a Timestamp on either side: ms
        fc
          .tuple(fc.oneof(t('Date'), t('Timestamp')), t('Timestamp'), fc.boolean())
          .map(([a, b, flip]) => (flip ? call(b, 'sub', a) : call(a, 'sub', b))),
        whenOf('Int64'),
        fill('Int64'),
      ),
      Float64: fc.oneof(
        depth,
        leaf(cols, 'Float64'),
        arith('Float64', numeric),
        fc.tuple(numeric, numeric).map(([a, b]) => call(a, 'div', b)),
        fc
          .tuple(fc.oneof(t('Int32'), t('Int64')), fc.constantFrom('add', 'sub', 'mul', 'mod'), t('Float64'))
          .map(([a, op, b]) => call(a, op, b)),
        t('Float64').chain((a) => fc.constantFrom('neg', 'abs', 'floor', 'ceil', 'sqrt', 'log', 'exp').map((op) => call(a, op))),
        fc.tuple(numeric, fc.constantFrom(0, 1, 2, 0.5, -1)).map(([a, e]) => call(a, 'pow', e)),
        fc.tuple(t('Float64'), fc.integer({ min: 0, max: 3 })).map(([a, d]) => call(a, 'round', d)),
        fc.tuple(fc.oneof(t('Int32'), t('Int64'), t('Boolean')), fc.constant('Float64')).map(([a, to]) => call(a, 'cast', to)),
        t('Utf8').map((a) => call(a, 'cast', 'Float64', LOSSY)),
        whenOf('Float64'),
        fill('Float64'),
      ),
      Boolean: fc.oneof(
        depth,
        leaf(cols, 'Boolean'),
        fc.tuple(numeric, fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'), numeric).map(([a, op, b]) => call(a, op, b)),
        fc
          .tuple(fc.constantFrom<DataType>('Utf8', 'Date', 'Timestamp', 'Boolean'), fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'))
          .chain(([ty, op]) => fc.tuple(t(ty), t(ty)).map(([a, b]) => call(a, op, b))),
        fc.tuple(t('Boolean'), fc.constantFrom('and', 'or'), t('Boolean')).map(([a, op, b]) => call(a, op, b)),
        // dates meet: a Date with a Timestamp (its midnight), ISO text, a JS Date
        fc
          .tuple(t('Date'), fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'), fc.oneof(t('Timestamp'), litTimestamp, isoText))
          .map(([a, op, b]) => call(a, op, b)),
        fc.tuple(t('Timestamp'), fc.constantFrom('eq', 'lt', 'gte'), fc.oneof(t('Date'), isoText)).map(([a, op, b]) => call(a, op, b)),
        fc.tuple(fc.oneof(t('Date'), t('Timestamp')), isoText, isoText).map(([a, lo, hi]) => call(a, 'between', lo, hi)),
        fc
          .tuple(fc.oneof(t('Date'), t('Timestamp')), fc.uniqueArray(fc.constantFrom(...ISO_TEXTS), { maxLength: 3 }))
          .map(([a, vs]) => call(a, 'isIn', vs)),
        t('Boolean').map((a) => call(a, 'not')),
        fc.tuple(anyType, fc.constantFrom('isNull', 'isNotNull')).map(([a, op]) => call(a, op)),
        fc.tuple(t('Int32'), fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { maxLength: 4 })).map(([a, vs]) => call(a, 'isIn', vs)),
        fc.tuple(t('Utf8'), fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 3 })).map(([a, vs]) => call(a, 'isIn', vs)),
        fc.tuple(numeric, numeric, numeric).map(([a, lo, hi]) => call(a, 'between', lo, hi)),
        fc
          .tuple(t('Utf8'), fc.constantFrom('contains', 'startsWith', 'endsWith'), fc.constantFrom('a', 'b', '', 'é', 'ß', 'x y'))
          .map(([a, op, p]) => call(a, `str.${op}`, p)),
        // regular expressions, and the same text read literally
        fc
          .tuple(t('Utf8'), fc.constantFrom('^a', 'b$', 'a|ß', '^.{3}$', '[A-Z]', '\\s', 'é|E'), fc.boolean())
          .map(([a, p, literal]) => call(a, 'str.contains', p, ...(literal ? [{ literal: true }] : []))),
        fc.tuple(fc.oneof(t('Int32'), t('Float64')), fc.constant('Boolean')).map(([a, to]) => call(a, 'cast', to)),
        t('Utf8').map((a) => call(a, 'cast', 'Boolean', LOSSY)),
        t('Int32').map((a) => call(a, 'eq', null)),
        whenOf('Boolean'),
      ),
      Utf8: fc.oneof(
        depth,
        leaf(cols, 'Utf8'),
        t('Utf8').chain((a) =>
          fc
            .constantFrom(
              'str.toUpperCase',
              'str.toLowerCase',
              'str.toTitleCase',
              'str.strip',
              'str.stripStart',
              'str.stripEnd',
              'str.reverse',
            )
            .map((op) => call(a, op)),
        ),
        // stripping given characters (an emoji is one; an empty set strips nothing)
        fc
          .tuple(
            t('Utf8'),
            fc.constantFrom('str.strip', 'str.stripStart', 'str.stripEnd'),
            fc.constantFrom('a', 'ab ', 'éZ', '', 'xß😀', 'e\u0301'),
          )
          .map(([a, op, chars]) => call(a, op, chars)),
        // a capture group of the first match, null without one
        fc
          .tuple(
            t('Utf8'),
            fc.constantFrom<[string, number]>(
              ['(a)', 1],
              ['(a)|(b)', 2],
              ['\\p{Lu}(\\p{Ll}*)', 1],
              ['(.)(.)$', 2],
              ['é|ß', 0],
              ['(\\P{ASCII}+)', 1],
              ['()', 1],
              ['(\\p{Script=Han})+', 1],
              ['\\p{Extended_Pictographic}', 0],
            ),
          )
          .map(([a, [p, g]]) => call(a, 'str.extract', p, g)),
        // a part of the split string, null past the last (empty by: code points)
        fc
          .tuple(
            t('Utf8'),
            fc.constantFrom(' ', 'a', '', 'ß', '😀', 'ab', '\u200d'),
            fc.integer({ min: -3, max: 3 }),
            fc.option(fc.integer({ min: 1, max: 3 })),
          )
          .map(([a, by, i, k]) => (k === null ? call(a, 'str.splitPart', by, i) : call(a, 'str.splitPart', by, i, { maxParts: k }))),
        // padding and replacing, per distinct string
        fc
          .tuple(t('Utf8'), fc.constantFrom('str.padStart', 'str.padEnd'), fc.integer({ min: 0, max: 7 }), fc.constantFrom(' ', '*', 'é'))
          .map(([a, op, w, f]) => call(a, op, w, f)),
        fc.tuple(t('Utf8'), fc.integer({ min: 0, max: 7 })).map(([a, w]) => call(a, 'str.zfill', w)),
        fc
          .tuple(
            t('Utf8'),
            fc.constantFrom('str.replace', 'str.replaceAll'),
            fc.constantFrom('a', 'b|z', '^.', 'é', '(a)(b)'),
            fc.constantFrom('', 'X', '$&$&', '$2$1'),
            fc.boolean(),
          )
          .map(([a, op, p, v, literal]) => call(a, op, p, v, ...(literal ? [{ literal: true }] : []))),
        fc
          .tuple(t('Utf8'), fc.integer({ min: -6, max: 6 }), fc.option(fc.integer({ min: 0, max: 4 })))
          .map(([a, o, n]) => (n === null ? call(a, 'str.slice', o) : call(a, 'str.slice', o, n))),
        // text made per row: casts to Utf8, dt.strftime, concatStr and "+" of Utf8 values
        fc.oneof(t('Int32'), t('Int64'), t('Float64'), t('Boolean'), t('Date'), t('Timestamp')).map((a) => call(a, 'cast', 'Utf8')),
        fc.tuple(t('Date'), fc.constantFrom('%Y-%m-%d', '%j %a %b %e', '%B %Y, %y %%')).map(([a, f]) => call(a, 'dt.strftime', f)),
        fc
          .tuple(t('Timestamp'), fc.constantFrom('%Y-%m-%d', '%d/%m/%y %H:%M:%S', '%B %Y, %I %p', '%F %T%.3f %%'))
          .map(([a, f]) => call(a, 'dt.strftime', f)),
        fc
          .tuple(anyType, anyType, fc.constantFrom('', '-', '·'))
          .map(([a, b, sep]) =>
            gen(concatStr([a.e, b.e], { separator: sep }), `concatStr([${a.code}, ${b.code}], { separator: ${q(sep)} })`),
          ),
        fc.tuple(t('Utf8'), t('Utf8')).map(([a, b]) => call(a, 'add', b)),
        whenOf('Utf8'),
        fill('Utf8'),
      ),
      Date: fc.oneof(
        depth,
        leaf(cols, 'Date'),
        t('Timestamp').map((a) => call(a, 'cast', 'Date')),
        fc.tuple(t('Date'), fc.constantFrom(...TRUNCATIONS)).map(([a, every]) => call(a, 'dt.truncate', every)),
        fc
          .tuple(t('Date'), fc.constantFrom('1d', '-3d', '2w', '1mo', '-1mo', '1q', '1y3mo', '-10y'))
          .map(([a, by]) => call(a, 'dt.offsetBy', by)),
        // parsing, never strict: most generated strings are not dates
        fc
          .tuple(t('Utf8'), fc.constantFrom(null, '%d/%m/%Y', '%Y-%m-%d', '%F'))
          .map(([a, f]) => call(a, 'str.toDate', f, { strict: false })),
        t('Int32').map((a) => call(a, 'cast', 'Date')),
        t('Utf8').map((a) => call(a, 'cast', 'Date', LOSSY)),
        whenOf('Date'),
        fill('Date'),
      ),
      Timestamp: fc.oneof(
        depth,
        leaf(cols, 'Timestamp'),
        t('Date').map((a) => call(a, 'cast', 'Timestamp')),
        fc.tuple(t('Timestamp'), fc.constantFrom(...TRUNCATIONS)).map(([a, every]) => call(a, 'dt.truncate', every)),
        fc
          .tuple(t('Timestamp'), fc.constantFrom('1d', '-2h', '90m', '1mo', '-1mo', '1y3mo', '1w1d1h1m1s1ms', '-500ms'))
          .map(([a, by]) => call(a, 'dt.offsetBy', by)),
        fc
          .tuple(t('Utf8'), fc.constantFrom(null, '%Y-%m-%dT%H:%M:%S%.fZ', '%d/%m/%Y', '%F'))
          .map(([a, f]) => call(a, 'str.strptime', 'Timestamp', f, { strict: false })),
        t('Utf8').map((a) => call(a, 'cast', 'Timestamp', LOSSY)),
        whenOf('Timestamp'),
      ),
    };
  });
}

/** Any numeric expression. */
export function numericArb(arbs: Arbs): fc.Arbitrary<Gen> {
  return fc.oneof(...NUMERIC.map((t) => arbs[t]));
}

/** An expression of any type, with the type. */
export function typedArb(arbs: Arbs): fc.Arbitrary<{ type: DataType; g: Gen }> {
  return fc
    .constantFrom<DataType>('Int32', 'Int64', 'Float64', 'Boolean', 'Utf8', 'Date', 'Timestamp')
    .chain((type) => arbs[type].map((g) => ({ type, g })));
}
