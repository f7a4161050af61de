/** Engine against reference on a 150,000-row table with 100,000 keys, big enough for the partitioned merges and parallel sorts small tables never reach. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { col, DataFrame, len, shutdownPool } from '../../src/index.js';
import type { ExprNode } from '../../src/expr/ast.js';
import type { Scalar } from '../../src/table/scalar.js';
import { intIn, mulberry32 } from './prng.js';
import { checkQuery, type Configs } from './run.js';
import { verb, type Verb } from './verbs.js';

const ROWS = 150_000;
/** One reference run per query (plan-level checks are the small tests' job); six engine runs. */
const CONFIGS: Configs = { planChecks: false, optimize: [true], threads: [1, 2, 4], morselSizes: [4096, 65_536] };

/** id: 100k keys; s: 30k strings; g: 10 groups; v: floats with ties, nulls and a few NaN; n: small ints. */
function bigFrame(seed: number): DataFrame {
  const rand = mulberry32(seed);
  const id: (number | null)[] = [];
  const s: (string | null)[] = [];
  const g: number[] = [];
  const v: (number | null)[] = [];
  const n: (number | null)[] = [];
  for (let r = 0; r < ROWS; r++) {
    id.push(rand() < 0.01 ? null : intIn(rand, 0, 99_999));
    s.push(rand() < 0.01 ? null : `k${intIn(rand, 0, 29_999)}`);
    g.push(intIn(rand, 0, 9));
    const x = rand();
    v.push(x < 0.02 ? null : x < 0.021 ? NaN : intIn(rand, -100_000, 100_000) / 100);
    n.push(rand() < 0.02 ? null : intIn(rand, -50, 50));
  }
  const columns: Record<string, Scalar[]> = { id, s, g, v, n };
  return DataFrame.fromColumns(columns, { dtypes: { id: 'Int32', s: 'Utf8', g: 'Int32', v: 'Float64', n: 'Int32' }, chunkSize: 10_000 });
}

const keyed = (keys: string[], aggs: ReturnType<typeof col>[], code: string): Verb =>
  verb(
    code,
    (lf) => lf.groupBy(...keys).agg(...aggs),
    (plan) => ({
      kind: 'aggregate',
      input: plan,
      keys: keys.map((k): ExprNode => ({ kind: 'col', name: k })),
      aggs: aggs.map((a) => a.node),
    }),
  );

const sorted = (by: string[], descending: boolean[], nullsLast: boolean[]): Verb =>
  verb(
    `.sort(${JSON.stringify(by)}, { descending: ${JSON.stringify(descending)}, nullsLast: ${JSON.stringify(nullsLast)} })`,
    (lf) => lf.sort(by, { descending, nullsLast }),
    (plan) => ({ kind: 'sort', input: plan, by: by.map((b): ExprNode => ({ kind: 'col', name: b })), descending, nullsLast }),
  );

const limited = (n: number): Verb =>
  verb(
    `.limit(${n})`,
    (lf) => lf.limit(n),
    (plan) => ({ kind: 'limit', input: plan, n, offset: 0 }),
  );

const perGroupHead = (key: string, n: number): Verb =>
  verb(
    `.groupBy(${JSON.stringify(key)}).head(${n})`,
    (lf) => lf.groupBy(key).head(n),
    (plan) => ({ kind: 'groupHead', input: plan, keys: [{ kind: 'col', name: key }], n }),
  );

const positive = verb(
  '.filter(col("v").gt(0))',
  (lf) => lf.filter(col('v').gt(0)),
  (plan) => ({ kind: 'filter', input: plan, predicate: col('v').gt(0).node }),
);

const QUERIES: Record<string, Verb[]> = {
  'many groups, every kind of aggregation state': [
    keyed(
      ['id'],
      [
        col('v').sum().alias('sum_v'),
        col('n').min().alias('min_n'),
        len().alias('rows'),
        col('v').std().alias('sd_v'),
        col('v').median().alias('med_v'),
        col('s').nUnique().alias('u_s'),
        col('s').first().alias('first_s'),
      ],
      '.groupBy("id").agg(col("v").sum(), col("n").min(), len(), col("v").std(), col("v").median(), col("s").nUnique(), col("s").first())',
    ),
  ],
  'many groups on two keys': [
    keyed(
      ['s', 'g'],
      [col('v').sum().alias('sum_v'), col('n').count().alias('count_n')],
      '.groupBy("s", "g").agg(col("v").sum(), col("n").count())',
    ),
  ],
  'a large sort with ties, NaN and nulls': [sorted(['v'], [true], [true])],
  'a large sort on three keys': [sorted(['g', 'n', 'id'], [false, true, false], [false, true, true])],
  'a string sort cut by a limit (top-k)': [sorted(['s', 'id'], [false, true], [true, true]), limited(50)],
  'the top three per group after a sort': [positive, sorted(['v'], [true], [true]), perGroupHead('g', 3)],
  'the first row of each of many groups': [perGroupHead('id', 1)],
  'distinct over many keys': [
    verb(
      '.unique({ subset: ["id"] })',
      (lf) => lf.unique({ subset: ['id'] }),
      (plan) => ({ kind: 'distinct', input: plan, subset: ['id'] }),
    ),
  ],
};

let frame: DataFrame;

beforeAll(() => {
  frame = bigFrame(20240917);
});

afterAll(async () => {
  await shutdownPool();
});

describe('large inputs: engine vs reference', () => {
  it.each(Object.entries(QUERIES))('%s', async (_name, verbs) => {
    await checkQuery({ frame, verbs }, CONFIGS);
  });
});
