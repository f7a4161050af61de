/** The as-of join plan node: display, equality, walks over both sides, schemas, the optimizer's barrier and the physical plan. */
import { describe, expect, it } from 'vitest';
import { col } from '../../src/expr/builders.js';
import { DataFrame } from '../../src/frame/frames.js';
import { optimize } from '../../src/optimizer/optimize.js';
import { physicalPlanToString } from '../../src/physical/display.js';
import { asofKeyType, normalizeAsofOptions } from '../../src/plan/asof.js';
import { asofPlan, filterPlan } from '../../src/plan/builder.js';
import { planToString } from '../../src/plan/display.js';
import { planEquals } from '../../src/plan/equals.js';
import { schemaOf } from '../../src/plan/schema.js';
import { inputsOf, transformPlanDown, transformPlanUp } from '../../src/plan/visit.js';

const left = () => new DataFrame({ t: [1], g: ['a'], v: [1.5] }).lazy().plan;
const right = () =>
  DataFrame.fromColumns({ t: [1n], g: ['b'], v: [2], w: [3] }, { dtypes: { t: 'Int64', g: 'Utf8', v: 'Int32', w: 'Int32' } }).lazy().plan;

describe('asof plan node', () => {
  it('prints its strategy, keys, groups and the options that differ from the defaults, both sides one level deeper', () => {
    expect(planToString(asofPlan(left(), right(), { on: 't' }))).toMatchInlineSnapshot(`
      "ASOF JOIN BACKWARD ON "t" = "t"
        SCAN frame [3 cols]
        SCAN frame [4 cols]"
    `);
    const plan = asofPlan(left(), right(), {
      on: 't',
      by: 'g',
      strategy: 'nearest',
      tolerance: 5,
      allowExactMatches: false,
      checkSorted: false,
      suffix: '_r',
    });
    expect(planToString(plan).split('\n')[0]).toBe(
      'ASOF JOIN NEAREST ON "t" = "t" BY ["g"] = ["g"] TOLERANCE 5 NO EXACT MATCHES UNCHECKED ORDER SUFFIX "_r"',
    );
    expect(schemaOf(plan).toString()).toBe('{t: Int32, g: Utf8, v: Float64, v_r: Int32, w: Int32}');
  });

  it('is equal only to an as-of join of equal sides and options', () => {
    const l = left();
    const r = right();
    const a = asofPlan(l, r, { on: 't' });
    expect(planEquals(a, asofPlan(l, r, { on: 't' }))).toBe(true);
    expect(planEquals(a, asofPlan(l, r, { on: 't', strategy: 'forward' }))).toBe(false);
    expect(planEquals(a, asofPlan(l, r, { on: 't', tolerance: 1 }))).toBe(false);
    expect(planEquals(a, asofPlan(l, r, { on: 't', by: 'g' }))).toBe(false);
    expect(planEquals(a, asofPlan(l, r, { on: 't', allowExactMatches: false }))).toBe(false);
    expect(planEquals(a, asofPlan(l, left(), { on: 't' }))).toBe(false);
  });

  it('walks reach the right side too', () => {
    const plan = asofPlan(left(), right(), { on: 't' });
    expect(inputsOf(plan)).toHaveLength(2);
    const seen: string[] = [];
    transformPlanUp(plan, (p) => {
      seen.push(p.kind === 'scan' ? `scan${p.schema.length}` : p.kind);
      return p;
    });
    expect(seen).toEqual(['scan3', 'scan4', 'asof']);
    const limited = transformPlanDown(plan, (p) => (p.kind === 'scan' ? { ...p, limit: 1 } : p));
    expect(limited.kind === 'asof' && limited.right.kind === 'scan' && limited.right.limit).toBe(1);
  });

  it('the key types: integers, Float64, Date and Timestamp, widened as join widens them', () => {
    expect(asofKeyType('Int32', 'Int64', 'a', 'b')).toBe('Int64');
    expect(asofKeyType('Int32', 'Float64', 'a', 'b')).toBe('Float64');
    expect(asofKeyType('Timestamp', 'Timestamp', 'a', 'b')).toBe('Timestamp');
    expect(() => asofKeyType('Utf8', 'Utf8', 's', 's')).toThrow(expect.objectContaining({ code: 'TYPE_ERROR' }));
    expect(() => asofKeyType('Date', 'Timestamp', 'd', 'ts')).toThrow(/"d" \(Date\).*"ts" \(Timestamp\)/);
    expect(normalizeAsofOptions({ leftOn: 'a', rightOn: 'b', byLeft: 'x', byRight: ['y'] })).toMatchObject({
      leftOn: 'a',
      rightOn: 'b',
      byLeft: ['x'],
      byRight: ['y'],
      strategy: 'backward',
      tolerance: null,
      allowExactMatches: true,
      checkSorted: true,
    });
  });
});

describe('asof under the optimizer', () => {
  it('is a barrier: a filter above stays above, each side is optimized on its own', () => {
    const l = filterPlan(new DataFrame({ t: [1, 2], v: [1, 2] }).lazy().plan, [col('v').gt(0)]);
    const r = new DataFrame({ t: [1], w: [1] }).lazy().plan;
    const plan = filterPlan(asofPlan(l, r, { on: 't' }), [col('w').gt(0), col('v').lt(5)]);
    const optimized = optimize(plan).plan;
    expect(planToString(optimized)).toMatchInlineSnapshot(`
      "FILTER ((col("w") > 0) & (col("v") < 5))
        ASOF JOIN BACKWARD ON "t" = "t"
          SCAN frame [2 cols] SELECTION: (col("v") > 0)
          SCAN frame [2 cols]"
    `);
  });

  it('plans both sides, then the merge', () => {
    const plan = asofPlan(left(), right(), { on: 't', by: 'g', tolerance: 2 });
    expect(physicalPlanToString(plan, { threads: 2 }).split('\n').slice(1, 2)).toEqual([
      'ASOF JOIN BACKWARD ON "t" = "t" BY ["g"] = ["g"] TOLERANCE 2 (merge of sorted keys per group)',
    ]);
  });
});
