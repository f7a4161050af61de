/** The join plan node: display, equality, walks over both sides, schemas and build-time checks. */
import { describe, expect, it } from 'vitest';
import { DataFrame } from '../../src/frame/frames.js';
import { joinPlan } from '../../src/plan/builder.js';
import { planToString } from '../../src/plan/display.js';
import { planEquals } from '../../src/plan/equals.js';
import { joinColumns, joinKeyType } from '../../src/plan/join.js';
import { schemaOf } from '../../src/plan/schema.js';
import { inputsOf, transformPlanDown, transformPlanUp } from '../../src/plan/visit.js';

const left = () => new DataFrame({ id: [1], v: [1.5], s: ['a'] }).lazy().plan;
const right = () => DataFrame.fromColumns({ id: [1n], v: [2], t: ['b'] }, { dtypes: { id: 'Int64', v: 'Int32', t: 'Utf8' } }).lazy().plan;

describe('join plan node', () => {
  it('prints both sides one level deeper, left first, with the options that differ from the defaults', () => {
    expect(planToString(joinPlan(left(), right(), { on: 'id', how: 'full', coalesce: true }))).toContain(
      'FULL JOIN ON ["id"] = ["id"] COALESCE',
    );
    expect(planToString(joinPlan(left(), right(), { on: 'id', coalesce: false }))).toContain('INNER JOIN ON ["id"] = ["id"] NO COALESCE');
    const plan = joinPlan(left(), right(), { on: 'id', how: 'full', suffix: '_r', validate: '1:m' });
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "FULL JOIN ON ["id"] = ["id"] SUFFIX "_r" VALIDATE 1:m
        SCAN frame [3 cols]
        SCAN frame [3 cols]"
    `);
    expect(schemaOf(plan).toString()).toBe('{id: Int32, v: Float64, s: Utf8, id_r: Int64, v_r: Int32, t: Utf8}');
  });

  it('is equal only to a join of equal sides and options', () => {
    const l = left();
    const r = right();
    const a = joinPlan(l, r, { on: 'id' });
    expect(planEquals(a, joinPlan(l, r, { on: 'id' }))).toBe(true);
    expect(planEquals(a, joinPlan(l, r, { on: 'id', how: 'left' }))).toBe(false);
    expect(planEquals(a, joinPlan(l, r, { on: 'id', suffix: '_x' }))).toBe(false);
    expect(planEquals(a, joinPlan(l, left(), { on: 'id' }))).toBe(false);
  });

  it('walks reach the right side too', () => {
    const plan = joinPlan(left(), right(), { on: 'id' });
    expect(inputsOf(plan)).toHaveLength(2);
    const seen: string[] = [];
    transformPlanUp(plan, (p) => {
      seen.push(p.kind === 'scan' ? `scan${p.schema.length}${p.schema.names[2]}` : p.kind);
      return p;
    });
    expect(seen).toEqual(['scan3s', 'scan3t', 'join']);
    const limited = transformPlanDown(plan, (p) => (p.kind === 'scan' ? { ...p, limit: 1 } : p));
    expect(limited.kind === 'join' && limited.input.kind === 'scan' && limited.right.kind === 'scan' && limited.right.limit).toBe(1);
  });

  it('key types: integer widths widen, integers with floats are Float64, other pairs are type errors', () => {
    expect(joinKeyType('Int32', 'Int64', 'a', 'b')).toBe('Int64');
    expect(joinKeyType('Int64', 'Float64', 'a', 'b')).toBe('Float64');
    expect(joinKeyType('Date', 'Date', 'a', 'b')).toBe('Date');
    expect(() => joinKeyType('Date', 'Int32', 'd', 'i')).toThrow(expect.objectContaining({ code: 'TYPE_ERROR' }));
    expect(() => joinKeyType('Utf8', 'Int32', 's', 'i')).toThrow(/"s" \(Utf8\).*"i" \(Int32\)/);
  });

  it('right joins drop the left keys when coalescing, so the right key keeps its name', () => {
    const cols = joinColumns(schemaOf(left()), schemaOf(right()), {
      how: 'right',
      leftOn: ['id'],
      rightOn: ['id'],
      suffix: '_right',
      coalesce: true,
    });
    expect(cols.map((c) => `${c.name}<-${c.side}.${c.source}`)).toEqual([
      'v<-left.v',
      's<-left.s',
      'id<-right.id',
      'v_right<-right.v',
      't<-right.t',
    ]);
  });
});
