/** DataFrame: its constructor, its synchronous accessors, and verbs that equal the LazyFrame round trip. */
import { Field, Int32, Schema as ArrowSchema, Table as ArrowTable, makeData, RecordBatch, Struct } from 'apache-arrow';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { VolleyError } from '../../src/errors.js';
import { col, len } from '../../src/expr/index.js';
import { DataFrame, LazyFrame } from '../../src/frame/frames.js';
import { GroupBy } from '../../src/frame/group-by.js';
import { readCsv } from '../../src/frame/read-csv.js';
import { shutdownPool } from '../../src/pool/pool.js';
import { Column } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { h2oFrame } from '../plan/fixtures.js';

afterAll(() => shutdownPool());

const frame = (): DataFrame => new DataFrame(h2oFrame());

/** The error `fn` throws, for checking its class and code. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function codeOf(fn: () => unknown): string {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(VolleyError);
  return (e as VolleyError).code;
}

/** Each verb as an eager call and as the LazyFrame chain it stands for. */
const VERBS: readonly { name: string; eager: (df: DataFrame) => Promise<DataFrame>; lazy: (lf: LazyFrame) => LazyFrame }[] = [
  {
    name: 'select',
    eager: (df) => df.select('id1', col('v1').mul(2).alias('x')),
    lazy: (lf) => lf.select('id1', col('v1').mul(2).alias('x')),
  },
  { name: 'select names', eager: (df) => df.select(['v2', 'id4']), lazy: (lf) => lf.select(['v2', 'id4']) },
  {
    name: 'withColumns',
    eager: (df) => df.withColumns(col('v2').add(1), col('v3').neg().alias('n')),
    lazy: (lf) => lf.withColumns(col('v2').add(1), col('v3').neg().alias('n')),
  },
  { name: 'withColumn', eager: (df) => df.withColumn(col('v1').alias('w')), lazy: (lf) => lf.withColumn(col('v1').alias('w')) },
  {
    name: 'filter',
    eager: (df) => df.filter(col('v1').gt(1), col('id4').isNotNull()),
    lazy: (lf) => lf.filter(col('v1').gt(1), col('id4').isNotNull()),
  },
  {
    name: 'groupBy.agg',
    eager: (df) => df.groupBy('id1').agg(col('v1').sum(), col('v3').mean()),
    lazy: (lf) => lf.groupBy('id1').agg(col('v1').sum(), col('v3').mean()),
  },
  { name: 'groupBy.head', eager: (df) => df.groupBy('id5').head(1), lazy: (lf) => lf.groupBy('id5').head(1) },
  {
    name: 'agg',
    eager: (df) => df.agg(len(), col('v1').sum(), col('v3').max()),
    lazy: (lf) => lf.agg(len(), col('v1').sum(), col('v3').max()),
  },
  {
    name: 'sort',
    eager: (df) => df.sort(['id1', 'v3'], { descending: [false, true] }),
    lazy: (lf) => lf.sort(['id1', 'v3'], { descending: [false, true] }),
  },
  { name: 'limit', eager: (df) => df.limit(4), lazy: (lf) => lf.limit(4) },
  { name: 'head', eager: (df) => df.head(2), lazy: (lf) => lf.head(2) },
  { name: 'slice', eager: (df) => df.slice(2, 3), lazy: (lf) => lf.slice(2, 3) },
  { name: 'unique', eager: (df) => df.unique({ subset: 'id2' }), lazy: (lf) => lf.unique({ subset: 'id2' }) },
  { name: 'rename', eager: (df) => df.rename({ v1: 'value', id1: 'key' }), lazy: (lf) => lf.rename({ v1: 'value', id1: 'key' }) },
  { name: 'drop', eager: (df) => df.drop('id2', ['v2']), lazy: (lf) => lf.drop('id2', ['v2']) },
];

describe('DataFrame verbs', () => {
  for (const v of VERBS) {
    it(`${v.name} equals the LazyFrame result on 1 and 2 threads`, async () => {
      const df = frame();
      const got = await v.eager(df);
      expect(got).toBeInstanceOf(DataFrame);
      for (const threads of [1, 2]) {
        const want = await v.lazy(df.lazy()).collect({ threads });
        expect(got.schema.toString(), `threads ${threads}`).toBe(want.schema.toString());
        expect(got.toRecords(), `threads ${threads}`).toEqual(want.toRecords());
      }
    });
  }

  it('select by names stays zero-copy, and expressions compute', async () => {
    const df = frame();
    const byName = await df.select('id1', 'v1');
    expect(byName).toBeInstanceOf(DataFrame);
    expect(byName.getColumn('v1')).toBe(df.getColumn('v1'));
    expect((await df.select(['v2'])).columns).toEqual(['v2']);
    const computed = df.select('id1', col('v1').mul(2).alias('x'));
    expect(computed).toBeInstanceOf(Promise);
    expect((await computed).getColumn('x').toArray()).toEqual([2, 4, 6, 8, null, 10]);
  });

  it('filter, withColumns, sort, unique, groupBy and agg give the expected values', async () => {
    const df = frame();
    expect((await df.filter(col('v1').gt(3))).getColumn('v1').toArray()).toEqual([4, 5]);
    expect((await df.withColumns(col('v2').add(1))).getColumn('v2').toArray()).toEqual([6, 5, 4, 3, 2, null]);
    expect((await df.withColumn(col('v2').neg().alias('n'))).columns.at(-1)).toBe('n');
    expect((await df.sort('v2')).getColumn('v2').toArray()).toEqual([1, 2, 3, 4, 5, null]);
    expect((await df.unique({ subset: 'id4' })).getColumn('id4').toArray()).toEqual([1, 2, 3, null]);
    const g = await df.groupBy('id5').agg(col('v1').max().alias('mx'));
    expect(g.toRecords()).toEqual([
      { id5: 10, mx: 4 },
      { id5: 20, mx: 2 },
      { id5: 30, mx: 5 },
    ]);
    expect((await df.groupBy('id5').head(1)).getColumn('v3').toArray()).toEqual([1.5, 2.5, null]);
    expect((await df.agg(len(), col('v1').sum())).toRecords()).toEqual([{ len: 6, v1: 15n }]);
    expect((await df.rename({ v1: 'value' })).columns).toContain('value');
    expect((await df.drop('id1', ['id2', 'id3'])).columns).toEqual(['id4', 'id5', 'id6', 'v1', 'v2', 'v3']);
    expect((await df.limit(2)).getColumn('v1').toArray()).toEqual([1, 2]);
  });

  it('tail and negative slices count from the end', async () => {
    const df = frame();
    expect((await df.tail(2)).getColumn('v2').toArray()).toEqual([1, null]);
    expect((await df.tail(99)).height).toBe(6);
    expect((await df.tail(0)).height).toBe(0);
    expect((await df.slice(-3, 2)).getColumn('v2').toArray()).toEqual([2, 1]);
    expect((await df.slice(4)).getColumn('v2').toArray()).toEqual([1, null]);
    expect((await df.head()).height).toBe(5);
  });

  it('explain() shows the plan of a scan of the frame', () => {
    const df = frame();
    expect(df.explain()).toBe(df.lazy().explain());
    expect(df.explain()).toContain('SCAN frame [9 cols]');
  });

  it('comes back from collect(), stream() and the CSV readers', async () => {
    const df = frame();
    expect(await df.lazy().collect({ threads: 1 })).toBeInstanceOf(DataFrame);
    let batches = 0;
    for await (const batch of df.lazy().filter(col('v1').gt(1)).stream({ threads: 1 })) {
      expect(batch).toBeInstanceOf(DataFrame);
      batches++;
    }
    expect(batches).toBeGreaterThan(0);
    const read = await readCsv(Buffer.from('a,b\n1,x\n'));
    expect(read).toBeInstanceOf(DataFrame);
    expect(read.columns).toEqual(['a', 'b']);
  });

  it('lazy() starts a plan at a scan of the frame, without copying it', () => {
    const df = frame();
    const lf = df.lazy();
    expect(lf).toBeInstanceOf(LazyFrame);
    expect(lf.plan).toMatchObject({ kind: 'scan', source: { type: 'frame', frame: df.table } });
  });
});

describe('what is synchronous', () => {
  it('accessors, conversions, lazy() and printing answer at once', () => {
    const df = frame();
    const sync: unknown[] = [
      df.columns,
      df.schema,
      df.dtypes,
      df.height,
      df.width,
      df.shape,
      df.getColumn('v1'),
      df.getColumns(),
      df.toRecords(),
      df.toColumns(),
      df.toArrow(),
      df.lazy(),
      df.explain(),
      df.toString(),
    ];
    for (const [i, value] of sync.entries()) expect(value, `accessor ${i}`).not.toBeInstanceOf(Promise);
    expect(df.groupBy('id1')).toBeInstanceOf(GroupBy);
  });

  it('every verb that gives a frame returns a Promise, and its errors arrive as rejections', async () => {
    const df = frame();
    // every query started here is awaited, so none is still running when the pool shuts down
    const running: Promise<DataFrame>[] = [];
    for (const v of VERBS) running.push(v.eager(df));
    running.push(df.tail(1));
    for (const [i, p] of running.entries()) expect(p, VERBS[i]?.name ?? 'tail').toBeInstanceOf(Promise);
    for (const f of await Promise.all(running)) expect(f).toBeInstanceOf(DataFrame);
    const bad = df.filter(col('nope').gt(1));
    expect(bad).toBeInstanceOf(Promise);
    await expect(bad).rejects.toBeInstanceOf(ColumnNotFoundError);
    await expect(df.select('nope')).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    await expect(df.sort([])).rejects.toMatchObject({ code: 'PLAN_ERROR' });
  });

  it('types: verbs are Promises of frames, accessors plain values', async () => {
    const df = frame();
    const selected = df.select('id1', ['v1']);
    const aggregated = df.groupBy('id1').agg(col('v1').sum());
    expectTypeOf(selected).toEqualTypeOf<Promise<DataFrame>>();
    expectTypeOf(df.filter).returns.toEqualTypeOf<Promise<DataFrame>>();
    expectTypeOf(aggregated).toEqualTypeOf<Promise<DataFrame>>();
    await Promise.all([selected, aggregated]);
    expectTypeOf(df.columns).toEqualTypeOf<string[]>();
    expectTypeOf(df.getColumns()).toEqualTypeOf<readonly Column[]>();
  });
});

describe('columns', () => {
  it('are the names, as in Polars; the Column objects come from getColumns()', () => {
    const df = frame();
    expect(df.columns).toEqual(['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'v2', 'v3']);
    expect(df.getColumns().map((c) => c.name)).toEqual(df.columns);
    expect(df.getColumns()[6]).toBe(df.getColumn('v1'));
    expect(df.dtypes).toEqual(['Utf8', 'Utf8', 'Utf8', 'Int32', 'Int32', 'Int32', 'Int32', 'Int32', 'Float64']);
    expect(df.shape).toEqual([6, 9]);
    expect(df.width).toBe(9);
  });

  it('of a query result are its output names', async () => {
    const out = await frame().groupBy('id1').agg(col('v1').sum().alias('total'));
    expect(out.columns).toEqual(['id1', 'total']);
  });
});

describe('new DataFrame(data)', () => {
  it('takes a record of columns, as DataFrame.fromColumns does', () => {
    const df = new DataFrame({ a: [1, 2], b: ['x', 'y'] });
    expect(df.columns).toEqual(['a', 'b']);
    expect(df.dtypes).toEqual(['Int32', 'Utf8']);
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    expect(DataFrame.fromColumns({ a: [1, 2], b: ['x', 'y'] }).toRecords()).toEqual(df.toRecords());
  });

  it('takes typed arrays and forced types', () => {
    const df = new DataFrame({ i: new Int32Array([1, 2]), f: new Float64Array([0.5, 1]), n: [1, 2] }, { dtypes: { n: 'Float64' } });
    expect(df.dtypes).toEqual(['Int32', 'Float64', 'Float64']);
  });

  it('takes an array of row objects, a missing key reading null', () => {
    const df = new DataFrame([{ a: 1, b: 'x' }, { a: 2 }]);
    expect(df.columns).toEqual(['a', 'b']);
    expect(df.toRecords()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: null },
    ]);
    expect(DataFrame.fromRecords([{ a: 1, b: 'x' }, { a: 2 }]).toRecords()).toEqual(df.toRecords());
    const forced = new DataFrame([{ a: 1 }, { a: 2, b: 'x' }], { dtypes: { a: 'Float64' } });
    expect(forced.dtypes).toEqual(['Float64', 'Utf8']);
    expect(forced.toRecords()).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'x' },
    ]);
  });

  it('with nothing, or with no rows, is an empty frame', () => {
    expect(new DataFrame().shape).toEqual([0, 0]);
    expect(new DataFrame([]).shape).toEqual([0, 0]);
    expect(new DataFrame({ a: [] }).shape).toEqual([0, 1]);
  });

  it('round-trips through Arrow', () => {
    const df = new DataFrame({ a: [1, null], b: ['x', 'y'] });
    expect(DataFrame.fromArrow(df.toArrow()).toRecords()).toEqual(df.toRecords());
  });

  it('rejects columns of unequal lengths with LENGTH_MISMATCH', () => {
    expect(codeOf(() => new DataFrame({ a: [1, 2], b: ['x'] }))).toBe('LENGTH_MISMATCH');
    expect(() => new DataFrame({ a: [1, 2], b: ['x'] })).toThrow('column "b" has 1 values, but column "a" has 2');
    const t = h2oFrame();
    expect(codeOf(() => new Table([t.getColumn('v1'), t.getColumn('v2').slice(0, 2)]))).toBe('LENGTH_MISMATCH');
  });

  it('rejects duplicate column names with DUPLICATE_COLUMN', () => {
    const t = h2oFrame();
    expect(codeOf(() => new Table([t.getColumn('v1'), t.getColumn('v1')]))).toBe('DUPLICATE_COLUMN');
    // Arrow tables may repeat a field name; a DataFrame may not.
    const data = makeData({ type: new Int32(), length: 1, nullCount: 0, data: new Int32Array([1]) });
    const schema = new ArrowSchema([new Field('a', new Int32()), new Field('a', new Int32())]);
    const struct = makeData({ type: new Struct(schema.fields), length: 1, nullCount: 0, children: [data, data] });
    const arrow = new ArrowTable(schema, [new RecordBatch(schema, struct)]);
    const e = thrown(() => DataFrame.fromArrow(arrow));
    expect(e).toBeInstanceOf(VolleyError);
    expect(e).toMatchObject({ code: 'DUPLICATE_COLUMN', message: 'duplicate column name "a"' });
  });

  it('rejects data of any other shape with INVALID_ARGUMENT', () => {
    for (const data of [5, 'a,b', null, new Date(0), { a: 1 }, { a: 'xy' }, [1, 2], [{ a: 1 }, 'x'], [new Column('x', 'Int32', [])]]) {
      expect(
        codeOf(() => new DataFrame(data as never)),
        JSON.stringify(data),
      ).toBe('INVALID_ARGUMENT');
    }
    expect(() => new DataFrame({ a: 1 } as never)).toThrow('column "a" must be an array');
    expect(() => new DataFrame([{ a: 1 }, 'x'] as never)).toThrow('row 1 must be a plain object');
  });

  it('rejects values that do not fit their column with TYPE_ERROR, bad options with INVALID_ARGUMENT, and unknown dtypes columns with COLUMN_NOT_FOUND', () => {
    expect(codeOf(() => new DataFrame({ a: [1, 'x'] }))).toBe('TYPE_ERROR');
    expect(codeOf(() => new DataFrame({ a: [1.5] }, { dtypes: { a: 'Int32' } }))).toBe('TYPE_ERROR');
    expect(codeOf(() => new DataFrame({ a: [1] }, { dtypes: { a: 'Float32' as 'Float64' } }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => new DataFrame({ a: [1] }, { chunkSize: 0 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => new DataFrame([{ a: new Map() }]))).toBe('TYPE_ERROR');
    const e = thrown(() => new DataFrame({ a: [1] }, { dtypes: { b: 'Int32' } }));
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect(e).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });
});
