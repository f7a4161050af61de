/** Random tables for differential tests: every column type, with nulls, NaN, ±Infinity, -0, extremes and repeated keys. */
import { asPlainStrings } from './plain.js';
import fc from 'fast-check';
import { DataFrame } from '../../src/frame/frames.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';

/** The generated table's columns, in order. `g` is a Float64 column without NaN or infinities. */
export const MIXED_TYPES: Readonly<Record<string, DataType>> = {
  i: 'Int32',
  k: 'Int32',
  big: 'Int64',
  f: 'Float64',
  g: 'Float64',
  b: 'Boolean',
  s: 'Utf8',
  d: 'Date',
  t: 'Timestamp',
};

/**
 * Strings with upper and lower case, a prefix chain, an empty string, a space, non-ASCII letters,
 * a combining mark, CJK, emoji (astral, a ZWJ sequence), and ISO and day-first dates; no comma, as
 * the CSV tests write fields unquoted.
 */
export const WORDS = [
  '',
  'a',
  'ab',
  'abc',
  'B',
  'ba',
  'x y',
  'Zürich',
  'straße',
  'ÉTÉ',
  'e\u0301',
  '日本',
  'a😀 b',
  '👨‍👩‍👧',
  '2024-02-29',
  '1969-12-31T23:59:59.5Z',
  '31/01/1999',
] as const;

const MS_PER_DAY = 86_400_000;

const nullable = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: arb, weight: 6 }, { arbitrary: fc.constant(null), weight });

const int32 = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 20 }), weight: 10 },
  { arbitrary: fc.constantFrom(2147483647, -2147483648, 46341, -65536), weight: 1 },
);

/**
 * Extremes are all positive: two of them overflow an Int64 sum (which must wrap), yet no group can
 * hold huge values of both signs, whose cancellation would make any floating-point mean depend on
 * the summation order far beyond the 1e-9 tolerance (as it would in Polars, which sums in f64 too).
 */
const int64 = fc.oneof(
  { arbitrary: fc.bigInt({ min: -1000n, max: 1000n }), weight: 10 },
  { arbitrary: fc.constantFrom(2n ** 63n - 1n, 2n ** 62n, 2n ** 53n + 1n), weight: 1 },
);

/** Two decimals, both signs; plus the values floats get wrong most often (the one huge value is positive, see int64). */
const float = fc.oneof(
  { arbitrary: fc.integer({ min: -10000, max: 10000 }).map((x) => x / 100), weight: 12 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 0.1, 1e15), weight: 1 },
);

/** Quarter steps in [-100, 100]: exact in binary, so sums are exact whatever the grouping. */
const cleanFloat = fc.integer({ min: -400, max: 400 }).map((x) => x / 4);

/** Days from 1967 to 2024, both sides of the epoch. */
const date = fc.integer({ min: -1000, max: 19800 }).map((d) => new Date(d * MS_PER_DAY));

/** Instants with sub-day parts, before and after the epoch. */
const timestamp = fc.integer({ min: -90_000_000, max: 1_800_000_000 }).map((s) => new Date(s * 1000 + 123));

/** One generated row; every column may be null. */
export const rowArb: fc.Arbitrary<Record<string, Scalar>> = fc.record({
  i: nullable(int32),
  k: nullable(fc.integer({ min: 0, max: 3 })),
  big: nullable(int64),
  f: nullable(float),
  g: nullable(cleanFloat),
  b: nullable(fc.boolean()),
  s: nullable(fc.constantFrom(...WORDS)),
  d: nullable(date),
  t: nullable(timestamp),
});

/**
 * A generated table: its rows, the chunk size the frame is stored with (not the morsel size), and
 * whether its Utf8 column is stored plain (as readCsv stores a near-unique column).
 */
export interface Table {
  readonly rows: readonly Record<string, Scalar>[];
  readonly chunkSize: number;
  readonly plain?: boolean;
}

/**
 * Tables of 0 to `maxRows` rows in chunks of 3, 16 or 1000 rows, so that morsel sizes of 7 and
 * 1000 both cut across and inside chunks.
 */
export function tableArb(maxRows = 120): fc.Arbitrary<Table> {
  return fc.record({ rows: fc.array(rowArb, { maxLength: maxRows }), chunkSize: fc.constantFrom(3, 16, 1000), plain: fc.boolean() });
}

/** The frame for a generated table, every column typed as in {@link MIXED_TYPES}. */
export function toFrame(table: Table): DataFrame {
  const columns: Record<string, Scalar[]> = {};
  for (const name of Object.keys(MIXED_TYPES)) columns[name] = table.rows.map((r) => r[name] ?? null);
  const df = DataFrame.fromColumns(columns, { dtypes: { ...MIXED_TYPES }, chunkSize: table.chunkSize });
  return table.plain === true ? asPlainStrings(df) : df;
}

/** A compact printout of a table for failure reports (bigints with `n`, dates as ISO text). */
export function describeTable(table: Table): string {
  const cell = (v: Scalar): string =>
    v === null
      ? 'null'
      : typeof v === 'bigint'
        ? `${v}n`
        : v instanceof Date
          ? `new Date(${JSON.stringify(v.toISOString())})`
          : typeof v === 'string'
            ? JSON.stringify(v)
            : Object.is(v, -0)
              ? '-0'
              : String(v);
  const rows = table.rows.map(
    (r) =>
      `{ ${Object.entries(r)
        .map(([k, v]) => `${k}: ${cell(v)}`)
        .join(', ')} }`,
  );
  return `chunkSize ${table.chunkSize}${table.plain === true ? ', plain strings' : ''}, ${table.rows.length} rows:\n  ${rows.join(',\n  ')}`;
}
