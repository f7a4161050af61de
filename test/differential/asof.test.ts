/** joinAsof: engine against the reference's scan of every right row, for every strategy, over random sorted frames with ties, nulls and awkward keys. */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { type AsofOptions, col, DataFrame, type LazyFrame, shutdownPool } from '../../src/index.js';
import { optimize } from '../../src/optimizer/optimize.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { DataType } from '../../src/types/dtype.js';
import { compareValues } from '../reference/values.js';
import { bitDifference, diffRows } from './compare.js';
import { checkProperty } from './property.js';
import { type Answer, planAnswer } from './run.js';

afterAll(async () => {
  await shutdownPool();
});

/** The two sides' key types: equal ones, and the pairs `join` widens. */
const KEY_TYPES: readonly (readonly [DataType, DataType])[] = [
  ['Int32', 'Int32'],
  ['Int64', 'Int64'],
  ['Float64', 'Float64'],
  ['Date', 'Date'],
  ['Timestamp', 'Timestamp'],
  ['Int32', 'Int64'],
  ['Int32', 'Float64'],
];

/** A small key value in the column's type; Float64 adds -0, NaN and the infinities, which sort by Polars' total order. */
function keyValue(t: DataType, raw: number): Scalar {
  switch (t) {
    case 'Int64':
      return BigInt(raw);
    case 'Date':
      return new Date(raw * 86_400_000);
    case 'Timestamp':
      return new Date(raw);
    default:
      return raw;
  }
}

const rawKey = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 8 }), weight: 8 },
  { arbitrary: fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2.5), weight: 1 },
);
const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: arb, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 });
const group = nullable(fc.integer({ min: 0, max: 2 }));
const word = nullable(fc.constantFrom('x', 'y', 'Zürich'));

const sideArb = fc.array(fc.record({ key: rawKey, nullKey: fc.boolean(), g: group, s: word, v: fc.integer({ min: -9, max: 9 }) }), {
  maxLength: 16,
});

const caseArb = fc.record({
  left: sideArb,
  right: sideArb,
  keyTypes: fc.constantFrom(...KEY_TYPES),
  strategy: fc.constantFrom('backward', 'forward', 'nearest'),
  by: fc.constantFrom<readonly string[]>([], ['g'], ['s'], ['g', 's']),
  tolerance: fc.constantFrom<number | undefined>(undefined, undefined, 0, 1, 3),
  allowExactMatches: fc.boolean(),
  leftChunk: fc.constantFrom(2, 5, 1000),
  rightChunk: fc.constantFrom(3, 1000),
  // a filter on the left side, one on the right, one above: barriers the optimizer must keep
  sides: fc.boolean(),
  filterAbove: fc.boolean(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Non-float keys are whole numbers: NaN and the infinities become plain values, fractions are floored. */
function rawFor(t: DataType, raw: number): number {
  if (t === 'Float64') return raw;
  return Number.isFinite(raw) ? Math.floor(raw) : Number.isNaN(raw) ? 4 : raw > 0 ? 8 : 0;
}

/** A side sorted by its key (Polars' total order), with some keys then nulled: nulls may sit anywhere. */
function frame(rows: Case['left'], keyType: DataType, keyName: string, chunkSize: number, payload: 'v' | 'q'): DataFrame {
  const sorted = rows
    .map((r) => ({ ...r, key: rawFor(keyType, r.key) }))
    .sort((a, b) => compareValues(a.key, b.key))
    .map((r) => ({ ...r, key: r.nullKey ? null : keyValue(keyType, r.key) }));
  const columns: Record<string, Scalar[]> = {
    [keyName]: sorted.map((r) => r.key),
    g: sorted.map((r) => r.g),
    s: sorted.map((r) => r.s),
    [payload]: sorted.map((r) => (payload === 'q' ? r.v / 4 : r.v)),
  };
  return DataFrame.fromColumns(columns, {
    dtypes: { [keyName]: keyType, g: 'Int32', s: 'Utf8', [payload]: payload === 'q' ? 'Float64' : 'Int32' },
    chunkSize,
  });
}

async function check(c: Case): Promise<void> {
  const [lt, rt] = c.keyTypes;
  const sameName = lt === rt;
  const left = frame(c.left, lt, 't', c.leftChunk, 'v');
  const right = frame(c.right, rt, sameName ? 't' : 'rt', c.rightChunk, 'q');
  const floatKey = lt === 'Float64' || rt === 'Float64';
  const options: AsofOptions = {
    ...(sameName ? { on: 't' } : { leftOn: 't', rightOn: 'rt' }),
    ...(c.by.length > 0 ? { by: [...c.by] } : {}),
    strategy: c.strategy,
    allowExactMatches: c.allowExactMatches,
    ...(c.tolerance === undefined ? {} : { tolerance: floatKey ? c.tolerance / 2 : c.tolerance }),
  };
  let l: LazyFrame = left.lazy();
  let r: LazyFrame = right.lazy();
  if (c.sides) {
    l = l.filter(col('v').gt(-7));
    r = r.filter(col('q').lt(2));
  }
  let lf = l.joinAsof(r, options);
  if (c.filterAbove) lf = lf.filter(col('q').isNotNull());
  const want = planAnswer(lf.plan);
  const optimized = diffRows(planAnswer(optimize(lf.plan).plan), want);
  if (optimized !== null) throw new Error(`the optimizer changes the as-of join's answer: ${optimized}`);
  for (const optimizeOn of [true, false]) {
    for (const morselSize of [1, 3, undefined]) {
      let first: Answer | null = null;
      for (const threads of [1, 2, 4]) {
        const df = await lf.collect({ optimize: optimizeOn, threads, ...(morselSize === undefined ? {} : { morselSize }) });
        const got = { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
        const config = `optimize ${optimizeOn}, threads ${threads}, morselSize ${morselSize}, ${lt}/${rt}, ${JSON.stringify(options)}`;
        const diff = diffRows(got, want);
        if (diff !== null) throw new Error(`${config}: ${diff}`);
        if (first !== null) {
          const bits = bitDifference(got, first);
          if (bits !== null) throw new Error(`${config} differs from threads 1: ${bits}`);
        }
        first = got;
      }
    }
  }
}

const base: Case = {
  left: [],
  right: [],
  keyTypes: ['Int32', 'Int32'],
  strategy: 'backward',
  by: [],
  tolerance: undefined,
  allowExactMatches: true,
  leftChunk: 2,
  rightChunk: 3,
  sides: false,
  filterAbove: false,
};
const row = (key: number, g: number | null = 0, nullKey = false) => ({ key, nullKey, g, s: 'x' as const, v: key });

describe('joinAsof: engine vs reference', () => {
  it('agrees for every strategy, key type, by, tolerance and configuration', async () => {
    await checkProperty(caseArb, check, 120);
  });

  it('covers empty sides, for every strategy', async () => {
    for (const strategy of ['backward', 'forward', 'nearest'] as const) {
      await check({ ...base, strategy, right: [row(1), row(2)] });
      await check({ ...base, strategy, left: [row(1), row(2)] });
      await check({ ...base, strategy, left: [row(1)], right: [row(1, null)], by: ['g'] });
    }
  });

  it('covers ties on the right and null keys on both sides', async () => {
    const right = [row(1), row(3), row(3), row(3), row(5), row(5), row(7, 0, true)];
    const left = [row(0), row(3), row(4), row(4, 0, true), row(5), row(6), row(9)];
    for (const strategy of ['backward', 'forward', 'nearest'] as const)
      for (const allowExactMatches of [true, false]) await check({ ...base, strategy, allowExactMatches, left, right, tolerance: 1 });
  });
});
