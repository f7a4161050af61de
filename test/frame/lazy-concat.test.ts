/** concat of LazyFrames: the same answers and errors as the eager concat, a union in the plan, identical for every thread count and morsel size. */
import { afterAll, describe, expect, it } from 'vitest';
import {
  col,
  ConcatError,
  concat,
  DataFrame,
  DuplicateColumnError,
  InvalidArgumentError,
  LazyFrame,
  len,
  shutdownPool,
} from '../../src/index.js';

afterAll(() => shutdownPool());

type How = 'vertical' | 'vertical_relaxed' | 'diagonal';

/** Strings (each frame its own dictionary), ints and floats with nulls, in small chunks, and an empty frame. */
function vertical(): DataFrame[] {
  const a = new DataFrame(
    { k: ['x', 'y', null, 'x', 'z'], i: [1, null, 3, 4, 5], f: [0.5, 1.5, null, -0, 2] },
    { chunkSize: 2, dtypes: { i: 'Int32', f: 'Float64' } },
  );
  const b = new DataFrame(
    { k: ['w', 'x', null], i: [6, 7, null], f: [null, 3.5, 4.5] },
    { chunkSize: 3, dtypes: { i: 'Int32', f: 'Float64' } },
  );
  const empty = new DataFrame({ k: [], i: [], f: [] }, { dtypes: { k: 'Utf8', i: 'Int32', f: 'Float64' } });
  const c = new DataFrame(
    { k: ['q', 'y', 'y', 'w'], i: [8, 9, 10, null], f: [5, null, 6, 7] },
    { chunkSize: 3, dtypes: { i: 'Int32', f: 'Float64' } },
  );
  return [a, b, empty, c];
}

/** The same names in other orders, with Int32, Int64 and Float64 for one column. */
function relaxed(): DataFrame[] {
  const a = new DataFrame({ k: ['x', null, 'y'], i: [1, 2, null] }, { dtypes: { i: 'Int32' } });
  const b = new DataFrame({ i: [3n, null], k: ['z', 'x'] });
  const empty = new DataFrame({ i: [], k: [] }, { dtypes: { i: 'Int32', k: 'Utf8' } });
  const c = new DataFrame({ k: ['y', 'w'], i: [4.5, 5] });
  return [a, b, empty, c];
}

/** Columns missing from some frames, a Date column only one frame has, wider types. */
function diagonal(): DataFrame[] {
  const a = new DataFrame({ k: ['x', null, 'y'], i: [1, 2, null] }, { dtypes: { i: 'Int32' } });
  const b = new DataFrame({ i: [3n, null], k: ['z', 'x'], d: [new Date('2024-01-02T00:00:00Z'), null] }, { dtypes: { d: 'Date' } });
  const c = new DataFrame({ f: [0.25, null], i: [4.5, 5] });
  const empty = new DataFrame({ k: [] }, { dtypes: { k: 'Utf8' } });
  return [a, b, c, empty];
}

const CASES: Record<How, () => DataFrame[]> = { vertical, vertical_relaxed: relaxed, diagonal };

describe('lazy concat', () => {
  it('returns a LazyFrame whose plan is a union, for LazyFrames and for a mix with DataFrames', () => {
    const [a, b] = vertical();
    const lf = concat([a!.lazy(), b!]);
    expect(lf).toBeInstanceOf(LazyFrame);
    expect(lf.plan.kind).toBe('union');
    expect(lf.columns).toEqual(['k', 'i', 'f']);
  });

  it.each(['vertical', 'vertical_relaxed', 'diagonal'] as const)('%s: the same schema and rows as the eager concat', async (how) => {
    const items = CASES[how]();
    const eager = await concat(items, { how });
    const lazy = await concat(
      items.map((f) => f.lazy()),
      { how },
    ).collect();
    expect(lazy.schema.equals(eager.schema)).toBe(true);
    expect(lazy.toRecords()).toEqual(eager.toRecords());
    // and unoptimized, exactly as built
    const raw = await concat(
      items.map((f) => f.lazy()),
      { how },
    ).collect({ optimize: false });
    expect(raw.toRecords()).toEqual(eager.toRecords());
  });

  it('relaxed and diagonal inputs get a projection to the output schema: casts and typed null columns', () => {
    const lf = concat(
      diagonal().map((f) => f.lazy()),
      { how: 'diagonal' },
    );
    expect(lf.explain({ optimize: false, threads: 2 })).toMatchInlineSnapshot(`
      "== logical plan (not optimized) ==
      UNION 4 INPUTS (rows in input order)
        WITH COLUMNS [col("i").cast("Float64").alias("i"), lit(null, "Date").alias("d"), lit(null, "Float64").alias("f")]
          SCAN frame [2 cols]
        SELECT [col("k"), col("i").cast("Float64").alias("i"), col("d"), lit(null, "Float64").alias("f")]
          SCAN frame [3 cols]
        SELECT [lit(null, "Utf8").alias("k"), col("i"), lit(null, "Date").alias("d"), col("f")]
          SCAN frame [2 cols]
        WITH COLUMNS [lit(null, "Float64").alias("i"), lit(null, "Date").alias("d"), lit(null, "Float64").alias("f")]
          SCAN frame [1 cols]

      == physical plan ==
      PHYSICAL PLAN (threads: 2, morsels: source chunks)
      UNION 4 INPUTS (each run in turn; chunks stacked in input order)
        COLLECT
          PIPELINE per morsel
            PROJECT [col("k"), col("i").cast("Float64").alias("i"), lit(null, "Date").alias("d"), lit(null, "Float64").alias("f")]
            SCAN frame [2 cols] READ 2/2 COLUMNS: ["k","i"]
        COLLECT
          PIPELINE per morsel
            PROJECT [col("k"), col("i").cast("Float64").alias("i"), col("d"), lit(null, "Float64").alias("f")]
            SCAN frame [3 cols] READ 3/3 COLUMNS: ["i","k","d"]
        COLLECT
          PIPELINE per morsel
            PROJECT [lit(null, "Utf8").alias("k"), col("i"), lit(null, "Date").alias("d"), col("f")]
            SCAN frame [2 cols] READ 2/2 COLUMNS: ["f","i"]
        COLLECT
          PIPELINE per morsel
            PROJECT [col("k"), lit(null, "Float64").alias("i"), lit(null, "Date").alias("d"), lit(null, "Float64").alias("f")]
            SCAN frame [1 cols] READ 1/1 COLUMNS: ["k"]"
    `);
  });

  it("one Utf8 dictionary for the result: the first input's, extended with the others' strings", async () => {
    const [a, b, , c] = vertical();
    const out = await concat([a!.lazy(), b!.lazy(), c!.lazy()]).collect();
    const dict = out.getColumn('k').dictionary!;
    expect(dict.values.slice(0, a!.getColumn('k').dictionary!.size)).toEqual(a!.getColumn('k').dictionary!.values);
    expect([...dict.values].sort()).toEqual(['q', 'w', 'x', 'y', 'z']);
  });

  it('a query over the concat is identical for threads 1, 2, 4 and morsel sizes 1, 7 and the default', async () => {
    const items = vertical().map((f) => f.lazy());
    const query = concat(items).filter(col('i').gt(1)).withColumns(col('f').fillNull(0).alias('f0'));
    const grouped = concat(items).groupBy('k').agg(col('i').sum().alias('si'), col('f').mean().alias('mf'), len().alias('n'));
    const runs: unknown[][] = [];
    for (const threads of [1, 2, 4])
      for (const morselSize of [1, 7, undefined]) {
        const o = morselSize === undefined ? { threads } : { threads, morselSize };
        runs.push([(await query.collect(o)).toRecords(), (await grouped.collect(o)).toRecords()]);
      }
    const eager = await concat(vertical());
    expect(runs[0]![0]).toEqual(
      eager
        .toRecords()
        .filter((r) => r.i !== null && (r.i as number) > 1)
        .map((r) => ({ ...r, f0: r.f ?? 0 })),
    );
    expect(runs[0]![1]).toEqual(
      (await eager.groupBy('k').agg(col('i').sum().alias('si'), col('f').mean().alias('mf'), len().alias('n'))).toRecords(),
    );
    for (const r of runs) expect(r).toEqual(runs[0]);
  });

  it('a concat inside a larger plan: a concat of concats, and of a filtered and a projected input', async () => {
    const [a, b, , c] = vertical();
    const inner = concat([a!.lazy().filter(col('k').isNotNull()), b!.lazy()]);
    const out = await concat([inner, c!.lazy().select('k', 'i', 'f').sort('i')]).collect({ threads: 2 });
    const expected = [
      ...a!.toRecords().filter((r) => r.k !== null),
      ...b!.toRecords(),
      ...c!.toRecords().sort((x, y) => (x.i === null ? 1 : y.i === null ? -1 : (x.i as number) - (y.i as number))),
    ];
    expect(out.toRecords()).toEqual(expected);
  });
});

describe('lazy concat errors', () => {
  it("throws the eager concat's ConcatError at once, with the same code and fields", async () => {
    const a = new DataFrame({ k: ['a'], v: [1] }, { dtypes: { v: 'Int32' } });
    const bad = [
      new DataFrame({ k: ['b'], v: ['x'] }),
      new DataFrame({ k: ['b'] }),
      new DataFrame({ k: ['b'], v: [2], w: [3] }, { dtypes: { v: 'Int32' } }),
      new DataFrame({ v: [2], k: ['b'] }, { dtypes: { v: 'Int32' } }),
      new DataFrame({ k: ['b'], v: [2n] }),
    ];
    for (const b of bad) {
      let eager: unknown;
      await concat([a, b]).catch((e: unknown) => (eager = e));
      let lazy: unknown;
      try {
        concat([a.lazy(), b.lazy()]);
      } catch (e) {
        lazy = e;
      }
      expect(eager).toBeInstanceOf(ConcatError);
      expect(lazy).toBeInstanceOf(ConcatError);
      const pick = (e: unknown) => {
        const c = e as ConcatError;
        return { code: c.code, frame: c.frame, column: c.column, expected: c.expected, found: c.found, message: c.message };
      };
      expect(pick(lazy)).toEqual(pick(eager));
    }
    expect(() => concat([a.lazy(), new DataFrame({ k: ['b'], v: ['x'] }).lazy()], { how: 'diagonal' })).toThrow(ConcatError);
  });

  it('refuses rechunk and an unknown mode (INVALID_ARGUMENT), and a non-frame item', () => {
    const a = new DataFrame({ k: ['a'] }).lazy();
    expect(() => concat([a, a], { rechunk: true })).toThrow(InvalidArgumentError);
    expect(() => concat([a, a], { how: 'sideways' as 'vertical' })).toThrow(InvalidArgumentError);
    expect(() => concat([a, 3 as unknown as DataFrame])).toThrow(InvalidArgumentError);
  });
});

describe('lazy horizontal concat', () => {
  const left = () => new DataFrame({ a: [1, 2, 3], s: ['x', null, 'y'] }, { chunkSize: 2, dtypes: { a: 'Int32' } });
  const right = () => new DataFrame({ b: [0.5, null, 2.5, 3.5, 4.5], t: ['p', 'q', 'p', null, 'r'] }, { chunkSize: 3 });

  it('puts the columns side by side as the eager concat does, shorter inputs padded with nulls, for every thread count and morsel size', async () => {
    const eager = await concat([left(), right()], { how: 'horizontal' });
    const lf = concat([left().lazy().filter(col('a').gt(0)), right()], { how: 'horizontal' });
    expect(lf.plan.kind).toBe('hconcat');
    for (const threads of [1, 2, 4])
      for (const morselSize of [1, 7, undefined]) {
        const got = await lf.collect(morselSize === undefined ? { threads } : { threads, morselSize });
        expect(got.schema.equals(eager.schema)).toBe(true);
        expect(got.toRecords()).toEqual(eager.toRecords());
      }
    expect(eager.toRecords()[4]).toEqual({ a: null, s: null, b: 4.5, t: 'r' });
  });

  it('reads only the needed columns of each input and keeps filters above it', async () => {
    const lf = concat([left().lazy(), right().lazy()], { how: 'horizontal' }).filter(col('b').gt(1)).select('a', 'b');
    expect(lf.explain({ threads: 2 })).toMatchInlineSnapshot(`
      "== optimized logical plan ==
      FILTER (col("b") > 1)
        HCONCAT 2 INPUTS (side by side; shorter inputs padded with nulls)
          SCAN frame [2 cols] PROJECT 1/2 COLUMNS: ["a"]
          SCAN frame [2 cols] PROJECT 1/2 COLUMNS: ["b"]

      == physical plan ==
      PHYSICAL PLAN (threads: 2, morsels: source chunks)
      COLLECT
        PIPELINE per morsel
          FILTER (col("b") > 1)
          SOURCE (materialized)
            HCONCAT 2 INPUTS (each run in turn; columns side by side, shorter inputs padded with nulls)
              COLLECT
                PIPELINE per morsel
                  SCAN frame [2 cols] READ 1/2 COLUMNS: ["a"]
              COLLECT
                PIPELINE per morsel
                  SCAN frame [2 cols] READ 1/2 COLUMNS: ["b"]"
    `);
    expect((await lf.collect()).toRecords()).toEqual([
      { a: 3, b: 2.5 },
      { a: null, b: 3.5 },
      { a: null, b: 4.5 },
    ]);
  });

  it('a name in two inputs fails at once; strict with unequal heights rejects with LENGTH_MISMATCH when collected', async () => {
    expect(() => concat([left().lazy(), left().lazy()], { how: 'horizontal' })).toThrow(DuplicateColumnError);
    const strict = concat([left().lazy(), right().lazy()], { how: 'horizontal', strict: true });
    await expect(strict.collect()).rejects.toMatchObject({ code: 'LENGTH_MISMATCH' });
    const even = concat([left().lazy(), right().lazy().head(3)], { how: 'horizontal', strict: true });
    expect((await even.collect()).height).toBe(3);
  });
});
