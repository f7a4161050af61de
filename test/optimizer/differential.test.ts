/** The optimizer never changes a result: random verb chains agree with the optimizer on and off. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, len, lit } from '../../src/expr/index.js';
import type { Expr } from '../../src/expr/expr.js';
import type { LazyFrame } from '../../src/frame/frames.js';
import { DataFrame } from '../../src/frame/frames.js';
import type { JoinHow, JoinOptions, JoinValidate } from '../../src/plan/join.js';
import type { DataType } from '../../src/types/dtype.js';

/** A deterministic stream of choices drawn from fast-check integers. */
class Choices {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}
  next(n: number): number {
    const v = this.values[this.i++ % this.values.length] ?? 0;
    return n <= 0 ? 0 : v % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)]!;
  }
  coin(): boolean {
    return this.next(2) === 1;
  }
}

const frameArb = fc
  .array(
    fc.record({
      a: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
      // halves, and the values equality merges or orders specially: -0 with 0, NaN, infinities
      b: fc.option(
        fc.oneof(
          fc.integer({ min: -8, max: 8 }).map((x) => x / 2),
          fc.constantFrom(-0, 0, NaN, Infinity, -Infinity),
        ),
        { nil: null },
      ),
      s: fc.option(fc.constantFrom('x', 'y', 'zz'), { nil: null }),
      k: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      f: fc.option(fc.boolean(), { nil: null }),
    }),
    { minLength: 0, maxLength: 40 },
  )
  .map((rows) =>
    DataFrame.fromColumns(
      { a: rows.map((r) => r.a), b: rows.map((r) => r.b), s: rows.map((r) => r.s), k: rows.map((r) => r.k), f: rows.map((r) => r.f) },
      { chunkSize: 8, dtypes: { a: 'Int32', b: 'Float64', s: 'Utf8', k: 'Int32', f: 'Boolean' } },
    ),
  );

const isNum = (t: DataType) => t === 'Int32' || t === 'Float64' || t === 'Int64';

function columnsOf(lf: LazyFrame, ok: (t: DataType) => boolean): string[] {
  return lf.schema.fields.filter((f) => ok(f.dtype)).map((f) => f.name);
}

function predicate(lf: LazyFrame, c: Choices): Expr {
  const nums = columnsOf(lf, isNum);
  const strs = columnsOf(lf, (t) => t === 'Utf8');
  const bools = columnsOf(lf, (t) => t === 'Boolean');
  const parts: Expr[] = [];
  if (nums.length > 0) {
    const n = col(c.pick(nums));
    parts.push(c.pick([n.gt(c.next(5) - 2), n.lte(lit(1).add(1)), n.isNull(), n.isIn([0, 1, 2]), n.neq(0)]));
    // predicates that tell -0 from 0 (1/-0 is -Infinity), or read NaN and infinities
    const f = col(c.pick(nums));
    parts.push(c.pick([lit(1).div(f).gt(0), f.div(2).add(1).gte(1), f.eq(Infinity), f.gt(1e300), f.mul(0).eq(0), f.abs().lt(Infinity)]));
  }
  if (strs.length > 0) parts.push(c.coin() ? col(c.pick(strs)).eq('x') : col(c.pick(strs)).isNotNull());
  if (bools.length > 0) parts.push(col(c.pick(bools)));
  parts.push(c.pick([lit(true), lit(null, 'Boolean'), lit(2).gt(1), lit(null)]));
  let p = c.pick(parts);
  if (c.coin()) p = c.coin() ? p.and(c.pick(parts)) : p.or(c.pick(parts)).not();
  // an untyped null conjunct or disjunct (SQL: WHERE p AND NULL is never true)
  if (c.next(4) === 0) p = c.coin() ? p.and(null) : p.or(null);
  return p;
}

function computed(lf: LazyFrame, c: Choices, name: string): Expr {
  const nums = columnsOf(lf, isNum);
  if (nums.length === 0) return lit(c.next(3)).add(lit(1)).alias(name);
  const x = col(c.pick(nums));
  return c
    .pick([x.add(1), x.mul(col(c.pick(nums))), x.mul(lit(2).add(1)), x.abs(), x.cast('Float64'), x.mul(-1), x.div(col(c.pick(nums)))])
    .alias(name);
}

/** One random verb that type-checks against the current schema. */
function step(lf: LazyFrame, c: Choices, i: number): LazyFrame {
  const names = lf.columns;
  // Float64 keys too: grouping merges -0 with 0 and every NaN into one key
  const groupable = names;
  switch (c.next(10)) {
    case 0:
      return lf.filter(predicate(lf, c));
    case 1: {
      const kept = names.filter(() => c.coin());
      return lf.select(...(kept.length > 0 ? kept : [names[0]!]), computed(lf, c, `c${i}`));
    }
    case 2:
      return lf.withColumns(computed(lf, c, c.coin() ? `w${i}` : c.pick(names)));
    case 3: {
      const by = [c.pick(names), c.pick(names)].filter((n, j, all) => all.indexOf(n) === j);
      return lf.sort(by, { descending: by.map(() => c.coin()), nullsLast: by.map(() => c.next(4) > 0) });
    }
    case 4:
      return c.coin() ? lf.limit(c.next(12)) : lf.slice(c.next(6), c.next(10));
    case 5:
      return lf.unique(c.coin() ? {} : { subset: [c.pick(names)] });
    case 6: {
      if (groupable.length === 0) return lf;
      const key = c.pick(groupable);
      const nums = columnsOf(lf, isNum).filter((n) => n !== key);
      const aggs: Expr[] = [len().alias(`n${i}`)];
      if (nums.length > 0) {
        const v = c.pick(nums);
        aggs.push(c.pick([col(v).sum(), col(v).min(), col(v).max(), col(v).count()]).alias(`g${i}`));
      }
      return lf.groupBy(key).agg(...aggs);
    }
    case 7:
      return groupable.length === 0 ? lf : lf.groupBy(c.pick(groupable)).head(1 + c.next(2));
    case 8:
      return lf.rename({ [c.pick(names)]: `r${i}` });
    default:
      return names.length > 1 ? lf.drop(c.pick(names)) : lf;
  }
}

function randomQuery(df: DataFrame, choices: readonly number[]): LazyFrame {
  const c = new Choices(choices);
  let lf = df.lazy();
  const steps = 1 + c.next(6);
  for (let i = 0; i < steps; i++) lf = step(lf, c, i);
  return lf;
}

/**
 * The right side of a join: names that clash with the left's (`a`, `b`, `s`, `k`: suffixed unless
 * coalesced away), duplicate and null keys, -0/0/NaN floats, an Int64 key that joins Int32 ones
 * after a cast.
 */
const rightArb = fc
  .array(
    fc.record({
      k: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      b: fc.option(fc.constantFrom(-0, 0, NaN, 0.5, 1, -1, Infinity), { nil: null }),
      s: fc.option(fc.constantFrom('x', 'zz', 'w'), { nil: null }),
      a: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
      i: fc.option(fc.integer({ min: -2, max: 4 }).map(BigInt), { nil: null }),
    }),
    { minLength: 0, maxLength: 16 },
  )
  .map((rows) =>
    DataFrame.fromColumns(
      { k: rows.map((r) => r.k), b: rows.map((r) => r.b), s: rows.map((r) => r.s), a: rows.map((r) => r.a), i: rows.map((r) => r.i) },
      { chunkSize: 5, dtypes: { k: 'Int32', b: 'Float64', s: 'Utf8', a: 'Int32', i: 'Int64' } },
    ),
  );

const HOWS: readonly JoinHow[] = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'];

/** Whether two columns of these types may be join keys (numbers with numbers, else one type). */
function joinable(l: DataType, r: DataType): boolean {
  return l === r || (isNum(l) && isNum(r));
}

/** Random join options over the two sides' current columns: one or two key pairs, or expression keys, or none for a cross join. */
function joinOptions(left: LazyFrame, right: LazyFrame, c: Choices): JoinOptions | null {
  const how = c.pick(HOWS);
  const validate: JoinValidate = c.next(8) === 0 ? c.pick(['1:1', '1:m', 'm:1'] as const) : 'm:m';
  if (how === 'cross') return { how };
  const pairs: [string, string][] = [];
  for (const l of left.schema.fields)
    for (const r of right.schema.fields) if (joinable(l.dtype, r.dtype) && l.dtype !== 'Boolean') pairs.push([l.name, r.name]);
  if (pairs.length === 0) return null;
  const coalesce = c.pick([undefined, true, false]);
  const first = c.pick(pairs);
  if (c.next(6) === 0 && isNum(left.schema.get(first[0]).dtype) && isNum(right.schema.get(first[1]).dtype))
    return { how, coalesce, validate, leftOn: col(first[0]).add(1), rightOn: col(first[1]).cast('Float64') };
  const keys = [first];
  const second = c.pick(pairs);
  if (c.coin() && second[0] !== first[0] && second[1] !== first[1]) keys.push(second);
  if (keys.every(([l, r]) => l === r) && c.coin()) return { how, coalesce, validate, on: keys.map(([l]) => l) };
  return { how, coalesce, validate, leftOn: keys.map(([l]) => l), rightOn: keys.map(([, r]) => r) };
}

/** A random join of two frames, each side first shaped by a verb or two, then filters, projections and other verbs above the join. */
function randomJoinQuery(left: DataFrame, right: DataFrame, choices: readonly number[]): LazyFrame | null {
  const c = new Choices(choices);
  let l = left.lazy();
  let r = right.lazy();
  for (let i = c.next(3); i > 0; i--) l = step(l, c, 10 + i);
  for (let i = c.next(3); i > 0; i--) r = step(r, c, 20 + i);
  const options = joinOptions(l, r, c);
  if (options === null) return null;
  let lf: LazyFrame;
  try {
    lf = l.join(r, options);
  } catch {
    return null; // a clash the suffix cannot settle (a column already called x_right)
  }
  // a filter, often, then any verbs: the join's output names (suffixes, coalesced keys) are what they read
  if (c.next(3) > 0) lf = lf.filter(predicate(lf, c), predicate(lf, c));
  // sometimes a second join on top, so parts travel through one join into another
  const again = c.next(4) === 0 ? joinOptions(lf, r, c) : null;
  if (again !== null) {
    try {
      lf = lf.join(r, { ...again, suffix: '_2' });
      if (c.coin()) lf = lf.filter(predicate(lf, c));
    } catch {
      // the second join's names clash beyond what its suffix settles: keep the first
    }
  }
  for (let i = c.next(4); i > 0; i--) lf = step(lf, c, 30 + i);
  return lf;
}

/** The rows, or the error code when the query fails (a validated join may). */
async function outcome(lf: LazyFrame, options: { optimize?: boolean; morselSize?: number }): Promise<unknown> {
  try {
    return (await lf.collect({ threads: 1, ...options })).toRecords();
  } catch (e) {
    return { error: (e as { code?: string }).code ?? String(e) };
  }
}

/** Float64 values that equality merges (-0 with 0, NaN with NaN) or that overflow arithmetic. */
const edgeFloat = fc.oneof(
  { arbitrary: fc.constantFrom(-0, 0), weight: 3 },
  fc.constantFrom(NaN, Infinity, -Infinity, 1, -1, 0.5),
  fc.integer({ min: -4, max: 4 }),
);

/** A random Float64 expression of `x`: arithmetic in both operand orders, and one-argument functions. */
function floatExpr(c: Choices, depth: number): Expr {
  const x = col('x');
  if (depth === 0) return c.coin() ? x : lit(c.pick([1, -1, 2, 0, 0.5, Infinity]));
  const a = floatExpr(c, depth - 1);
  const b = floatExpr(c, depth - 1);
  return c.pick([
    a.add(b),
    a.sub(b),
    a.mul(b),
    a.div(b),
    b.div(a),
    a.neg(),
    a.abs(),
    a.sqrt(),
    a.floor(),
    a.fillNull(b),
    a.pow(b),
    a.mod(b),
    a.round(1),
    a.log(),
    a.exp(),
    a.ceil(),
    // not strict: a NaN or a value out of the Int32 range becomes null, as the filters under test expect
    a.cast('Int32', { strict: false }).cast('Float64'),
  ]);
}

/** A random predicate over `x`: a comparison of two float expressions, with null checks, isIn and null conjuncts. */
function keyPredicate(c: Choices): Expr {
  const e = floatExpr(c, c.next(3));
  const f = floatExpr(c, c.next(2));
  let p = c.pick([e.gt(f), e.lt(0), e.eq(f), e.neq(0), e.gte(Infinity), e.isNull(), e.isIn([0, 1, -1]), e.between(-1, 1), e.eq(NaN)]);
  if (c.next(4) === 0) p = c.coin() ? p.and(null) : p.or(null);
  if (c.next(4) === 0) p = p.not();
  return p;
}

describe('optimizer differential', () => {
  it('keeps filters above a Float64 key merge that tell -0 from 0, and pushes those that cannot', async () => {
    const frames = fc
      .array(fc.record({ x: fc.option(edgeFloat, { nil: null }), y: fc.integer({ min: 0, max: 9 }) }), { maxLength: 24 })
      .map((rows) =>
        DataFrame.fromColumns({ x: rows.map((r) => r.x), y: rows.map((r) => r.y) }, { chunkSize: 4, dtypes: { x: 'Float64', y: 'Int32' } }),
      );
    await fc.assert(
      fc.asyncProperty(frames, fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 30 }), async (df, choices) => {
        const c = new Choices(choices);
        const base = df.lazy();
        const merged = c.pick([
          () => base.groupBy('x').agg(col('y').sum().alias('s'), len().alias('n')),
          () => base.unique({ subset: 'x' }),
          () => base.unique(),
          () => base.groupBy('x').head(1 + c.next(2)),
          () => base.sort('y').groupBy('x').agg(col('y').first().alias('f')),
        ])();
        const lf = merged.filter(keyPredicate(c));
        const reference = (await lf.collect({ threads: 1, optimize: false })).toRecords();
        for (const morselSize of [3, 16]) {
          const optimized = await lf.collect({ threads: 1, morselSize });
          expect(optimized.toRecords(), `${lf.explain({ verbose: true })}`).toEqual(reference);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same rows with the optimizer on and off, at two morsel sizes', async () => {
    await fc.assert(
      fc.asyncProperty(frameArb, fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 40 }), async (df, choices) => {
        const lf = randomQuery(df, choices);
        const reference = (await lf.collect({ threads: 1, optimize: false })).toRecords();
        for (const morselSize of [3, 16]) {
          const optimized = await lf.collect({ threads: 1, morselSize });
          expect(optimized.toRecords(), `${lf.explain({ verbose: true })}`).toEqual(reference);
        }
      }),
      { numRuns: 2500 },
    );
  });

  it('gives the same rows with the optimizer on and off through joins of every how, with filters and projections above', async () => {
    await fc.assert(
      fc.asyncProperty(
        frameArb,
        rightArb,
        fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 50 }),
        async (left, right, choices) => {
          const lf = randomJoinQuery(left, right, choices);
          if (lf === null) return;
          const reference = await outcome(lf, { optimize: false });
          for (const morselSize of [3, 16]) {
            expect(await outcome(lf, { morselSize }), `${lf.explain({ verbose: true })}`).toEqual(reference);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('copies a filter on a join key to the other side only where it means the same there (-0/0, NaN, cast keys)', async () => {
    const intOrFloat = (dtype: DataType) =>
      fc
        .array(
          fc.record({
            x: fc.option(dtype === 'Float64' ? edgeFloat : fc.integer({ min: -2, max: 2 }), { nil: null }),
            y: fc.integer({ min: 0, max: 9 }),
          }),
          {
            maxLength: 12,
          },
        )
        .map((rows) =>
          DataFrame.fromColumns(
            { x: rows.map((r) => (dtype === 'Int64' && r.x !== null ? BigInt(r.x) : r.x)), y: rows.map((r) => r.y) },
            { chunkSize: 4, dtypes: { x: dtype, y: 'Int32' } },
          ),
        );
    const sides = fc
      .tuple(fc.constantFrom<DataType>('Float64', 'Float64', 'Int32'), fc.constantFrom<DataType>('Float64', 'Float64', 'Int32', 'Int64'))
      .chain(([l, r]) => fc.tuple(intOrFloat(l), intOrFloat(r)));
    await fc.assert(
      fc.asyncProperty(sides, fc.array(fc.nat({ max: 1000 }), { minLength: 8, maxLength: 30 }), async ([left, right], choices) => {
        const c = new Choices(choices);
        const how = c.pick(['inner', 'left', 'right', 'full', 'semi', 'anti'] as const);
        // half of them tell -0 from 0 outright (1/-0 is -Infinity): those must not be copied across a Float64 key match
        const telling = [lit(1).div(col('x')).gt(0), lit(-1).div(col('x').mul(2)).lt(0), col('x').pow(-1).gt(0)];
        const predicate = c.coin() ? keyPredicate(c) : c.pick(telling);
        const lf = left.lazy().join(right, { on: 'x', how }).filter(predicate);
        const reference = await outcome(lf, { optimize: false });
        expect(await outcome(lf, { morselSize: 3 }), `${lf.explain({ verbose: true })}`).toEqual(reference);
      }),
      { numRuns: 1500 },
    );
  });
});
