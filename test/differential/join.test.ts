/** Joins: engine against the reference's nested loop, for every `how`, over random small frames with awkward keys. */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { col, DataFrame, shutdownPool, type JoinOptions, type LazyFrame } from '../../src/index.js';
import { joinsOnCallingThread } from '../../src/exec/join.js';
import { optimize } from '../../src/optimizer/optimize.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { DataType } from '../../src/types/dtype.js';
import { bitDifference, diffRows } from './compare.js';
import { checkProperty } from './property.js';
import { joinKnobs as knobs, setJoinKnobs } from './join-knobs.js';
import { type Answer, planAnswer } from './run.js';
import { asPlainStrings } from './plain.js';

afterAll(async () => {
  await shutdownPool();
});

/**
 * The join's size thresholds, lowered per run so these small frames take every path: the
 * calling thread (the real thresholds), probe tasks over a table built in one pass, probe
 * tasks over a table built in hash partitions by tasks, and probe tasks over a slot table (dense
 * distinct integer keys; repeated keys fall back to the partitioned build).
 */
vi.mock('../../kernels/tuning.js', async (load) => (await import('./join-knobs.js')).withJoinKnobs(await load()));

const PATHS = {
  'calling thread': {},
  'probe tasks': { small: 0, partition: 1 << 30 },
  'partitioned build': { small: 0, partition: 0, slots: 0 },
  'slot table': { small: 0, partition: 0, direct: 0 },
} as const;

const LEFT_TYPES: Record<string, DataType> = { k: 'Int32', s: 'Utf8', f: 'Float64', v: 'Int32' };
const RIGHT_TYPES: Record<string, DataType> = { k: 'Int32', k64: 'Int64', s: 'Utf8', f: 'Float64', v: 'Float64', w: 'Utf8' };

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: arb, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 });
// few distinct values, so keys repeat and both sides hold keys the other lacks
const smallInt = fc.integer({ min: 0, max: 5 });
const word = fc.constantFrom('a', 'b', 'c', 'Zürich', '');
const keyFloat = fc.constantFrom(-0, 0, NaN, 1, 2.5, 3);

const leftRow = fc.record({
  k: nullable(smallInt),
  s: nullable(word),
  f: nullable(keyFloat),
  v: nullable(fc.integer({ min: -9, max: 9 })),
});
const rightRow = fc.record({
  k: nullable(smallInt),
  k64: nullable(smallInt.map(BigInt)),
  s: nullable(word),
  f: nullable(keyFloat),
  v: nullable(fc.integer({ min: -40, max: 40 }).map((x) => x / 4)),
  w: nullable(word),
});

/** A frame of `rows` in chunks of `chunkSize`, so the dictionaries of its Utf8 columns follow its own first appearances; `plain` stores them plain. */
function frame(rows: readonly Record<string, Scalar>[], types: Record<string, DataType>, chunkSize: number, plain: boolean): DataFrame {
  const columns: Record<string, Scalar[]> = {};
  for (const name of Object.keys(types)) columns[name] = rows.map((r) => r[name] ?? null);
  const df = DataFrame.fromColumns(columns, { dtypes: { ...types }, chunkSize });
  return plain ? asPlainStrings(df) : df;
}

const KEYS: readonly JoinOptions[] = [
  { on: 'k' },
  { on: 's' },
  { on: 'f' },
  { on: ['k', 's'] },
  { leftOn: 'k', rightOn: 'k64' },
  { leftOn: 'v', rightOn: 'f' },
  { leftOn: ['s', 'k'], rightOn: ['w', 'k64'] },
  // expression keys: hidden key columns on each side, no coalescing
  { leftOn: col('k').add(1), rightOn: 'k' },
  { on: col('k').mul(2) },
  { leftOn: ['s', col('v').cast('Int64')], rightOn: [col('w'), 'k64'] },
];
const HOWS = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'] as const;

const caseArb = fc.record({
  left: fc.array(leftRow, { maxLength: 14 }),
  right: fc.array(rightRow, { maxLength: 14 }),
  leftChunk: fc.constantFrom(2, 5, 1000),
  rightChunk: fc.constantFrom(3, 1000),
  // Utf8 columns stored plain on either side, as readCsv stores near-unique ones
  leftPlain: fc.boolean(),
  rightPlain: fc.boolean(),
  keys: fc.constantFrom(...KEYS),
  how: fc.constantFrom(...HOWS),
  coalesce: fc.constantFrom(undefined, true, false),
  // a filter above the join: a barrier the optimizer must not push through wrongly
  filterAbove: fc.boolean(),
  // verbs on each side and after the join, so every rule meets the join and the plans below it
  sides: fc.boolean(),
  after: fc.constantFrom('none', 'limit', 'sort', 'unique'),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

async function check(c: Case): Promise<void> {
  const left = frame(c.left, LEFT_TYPES, c.leftChunk, c.leftPlain);
  const right = frame(c.right, RIGHT_TYPES, c.rightChunk, c.rightPlain);
  const options: JoinOptions = c.how === 'cross' ? { how: 'cross' } : { ...c.keys, how: c.how, coalesce: c.coalesce };
  let l: LazyFrame = left.lazy();
  let r: LazyFrame = right.lazy();
  if (c.sides) {
    l = l.filter(col('v').gt(-5)).withColumn(col('v').mul(2).alias('v')).limit(9);
    r = r.filter(col('v').lt(8)).filter(col('w').neq('a')).select('k', 'k64', 's', 'f', 'v', 'w');
  }
  let lf: LazyFrame = l.join(r, options);
  if (c.filterAbove) lf = lf.filter(col('v').isNotNull());
  if (c.after === 'limit') lf = lf.slice(1, 4);
  if (c.after === 'sort') lf = lf.sort('v', { descending: true });
  if (c.after === 'unique') lf = lf.unique();
  const want = planAnswer(lf.plan);
  const optimized = diffRows(planAnswer(optimize(lf.plan).plan), want);
  if (optimized !== null) throw new Error(`the optimizer changes the join's answer: ${optimized}`);
  // every path, thread count and morsel size gives the reference's rows, bit for bit the same
  let first: Answer | null = null;
  for (const [path, k] of Object.entries(PATHS)) {
    setJoinKnobs(k);
    for (const optimizeOn of path === 'calling thread' ? [true, false] : [true]) {
      for (const morselSize of [1, 7, undefined]) {
        for (const threads of [1, 2, 4]) {
          const df = await lf.collect({ optimize: optimizeOn, threads, ...(morselSize === undefined ? {} : { morselSize }) });
          const got = { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
          const config = `${path}, optimize ${optimizeOn}, threads ${threads}, morselSize ${morselSize}, ${JSON.stringify(options)}`;
          const diff = diffRows(got, want);
          if (diff !== null) throw new Error(`${config}: ${diff}`);
          if (first !== null) {
            const bits = bitDifference(got, first);
            if (bits !== null) throw new Error(`${config} differs from the first run: ${bits}`);
          }
          first = got;
        }
      }
    }
  }
  setJoinKnobs({});
}

describe('join: engine vs reference', () => {
  it('agrees for every how, key shape and configuration', async () => {
    await checkProperty(caseArb, check, 150);
  });

  it('reaches the task paths through the lowered thresholds', () => {
    knobs.small = 0;
    expect(joinsOnCallingThread({ how: 'inner', validate: 'm:m' }, 3, 3)).toBe(false);
    knobs.small = -1;
    expect(joinsOnCallingThread({ how: 'inner', validate: 'm:m' }, 3, 3)).toBe(true);
    expect(joinsOnCallingThread({ how: 'cross', validate: 'm:m' }, 1e6, 1e6)).toBe(true);
  });

  it('covers empty sides', async () => {
    for (const how of HOWS) {
      await check({
        left: [],
        right: [{ k: 1, k64: 1n, s: 'a', f: 0, v: 1, w: 'a' }],
        leftChunk: 2,
        rightChunk: 3,
        leftPlain: false,
        rightPlain: true,
        keys: KEYS[0]!,
        how,
        coalesce: undefined,
        filterAbove: false,
        sides: false,
        after: 'none',
      });
      await check({
        left: [{ k: 1, s: 'a', f: -0, v: 2 }],
        right: [],
        leftChunk: 2,
        rightChunk: 3,
        leftPlain: true,
        rightPlain: false,
        keys: KEYS[2]!,
        how,
        coalesce: true,
        filterAbove: false,
        sides: true,
        after: 'unique',
      });
    }
  });
});
