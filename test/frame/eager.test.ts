/** Eager conveniences on DataFrame: the same planner behind Promise-returning methods, and their types. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { col, len } from '../../src/expr/index.js';
import '../../src/frame/eager.js';
import { LazyFrame } from '../../src/frame/lazy-frame.js';
import { DataFrame } from '../../src/table/dataframe.js';
import { h2oFrame } from '../plan/fixtures.js';

describe('eager DataFrame methods', () => {
  it('lazy() starts a plan at a scan of the frame', () => {
    const df = h2oFrame();
    const lf = df.lazy();
    expect(lf).toBeInstanceOf(LazyFrame);
    expect(lf.plan).toMatchObject({ kind: 'scan', source: { type: 'frame', frame: df } });
  });

  it('select stays synchronous and zero-copy for names, and plans expressions', async () => {
    const df = h2oFrame();
    const byName = df.select('id1', 'v1');
    expect(byName).toBeInstanceOf(DataFrame);
    expect(byName.getColumn('v1')).toBe(df.getColumn('v1'));
    expect(df.select(['v2']).columnNames).toEqual(['v2']);
    const computed = df.select('id1', col('v1').mul(2).alias('x'));
    expect(computed).toBeInstanceOf(Promise);
    expect((await computed).getColumn('x').toArray()).toEqual([2, 4, 6, 8, null, 10]);
  });

  it('filter, withColumns, sort and unique return Promises of frames', async () => {
    const df = h2oFrame();
    expect((await df.filter(col('v1').gt(3))).getColumn('v1').toArray()).toEqual([4, 5]);
    expect((await df.withColumns(col('v2').add(1))).getColumn('v2').toArray()).toEqual([6, 5, 4, 3, 2, null]);
    expect((await df.withColumn(col('v2').neg().alias('n'))).columnNames.at(-1)).toBe('n');
    expect((await df.sort('v2')).getColumn('v2').toArray()).toEqual([1, 2, 3, 4, 5, null]);
    expect((await df.unique({ subset: 'id4' })).getColumn('id4').toArray()).toEqual([1, 2, 3, null]);
  });

  it('groupBy(...).agg and agg run through the planner', async () => {
    const df = h2oFrame();
    const g = await df.groupBy('id5').agg(col('v1').max().alias('mx'));
    expect(g.toRecords()).toEqual([
      { id5: 10, mx: 4 },
      { id5: 20, mx: 2 },
      { id5: 30, mx: 5 },
    ]);
    const top = await df.groupBy('id5').head(1);
    expect(top.getColumn('v3').toArray()).toEqual([1.5, 2.5, null]);
    expect((await df.agg(len(), col('v1').sum())).toRecords()).toEqual([{ len: 6, v1: 15n }]);
  });

  it('types select by its arguments: names give a frame, expressions a Promise', async () => {
    const df = h2oFrame();
    const names = df.select('id1', ['v1']);
    const exprs = df.select('id1', col('v1').add(1));
    expectTypeOf(names).toEqualTypeOf<DataFrame>();
    expectTypeOf(exprs).toEqualTypeOf<Promise<DataFrame>>();
    expectTypeOf(df.filter).returns.toEqualTypeOf<Promise<DataFrame>>();
    expect(names.columnNames).toEqual(['id1', 'v1']);
    expect((await exprs).columnNames).toEqual(['id1', 'v1']);
  });
});
