/** joinAsof(): strategies, ties, tolerance, by groups, output columns, explain, and the errors the README documents. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AsofSortError,
  col,
  ColumnNotFoundError,
  DataFrame,
  ExprTypeError,
  PlanError,
  scanCsv,
  shutdownPool,
  type VolleyError,
  type AsofOptions,
} from '../../src/index.js';

const dir = mkdtempSync(joinPath(tmpdir(), 'volley-asof-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownPool();
});

const left = () => new DataFrame({ t: [1, 5, 7, 10, null, 12], id: ['a', 'a', 'b', 'a', 'a', 'c'] });
// ties: two rows at 5 and two at 7
const right = () => new DataFrame({ t: [2, 5, 5, 7, 7, 11], id: ['a', 'a', 'a', 'b', 'b', 'a'], q: [20, 50, 51, 70, 71, 110] });

async function qs(options: AsofOptions, l = left(), r = right()): Promise<(number | null)[]> {
  const out = await l.joinAsof(r, options);
  return out.getColumn('q').toArray() as (number | null)[];
}

describe('joinAsof strategies', () => {
  it('backward: the last right row at or before the left key (the last of tied rows); null keys match nothing', async () => {
    expect(await qs({ on: 't' })).toEqual([null, 51, 71, 71, null, 110]);
  });

  it('forward: the first right row at or after the left key (the first of tied rows)', async () => {
    expect(await qs({ on: 't', strategy: 'forward' })).toEqual([20, 50, 70, 110, null, null]);
  });

  it('nearest: the closest key; a tie in distance goes to the larger key, and among tied rows to the last', async () => {
    // 1: 2 is nearest; 5: exact (last of the two 5s); 7: exact (last 7); 10: 11 is nearer than 7; 12: 11
    expect(await qs({ on: 't', strategy: 'nearest' })).toEqual([20, 51, 71, 110, null, 110]);
    const l = new DataFrame({ t: [6] });
    // 6 is 1 from both 5 and 7: the larger key (7), its last row
    expect(await qs({ on: 't', strategy: 'nearest' }, l)).toEqual([71]);
  });

  it('allowExactMatches: false skips equal keys', async () => {
    expect(await qs({ on: 't', allowExactMatches: false })).toEqual([null, 20, 51, 71, null, 110]);
    expect(await qs({ on: 't', strategy: 'forward', allowExactMatches: false })).toEqual([20, 70, 110, 110, null, null]);
    expect(await qs({ on: 't', strategy: 'nearest', allowExactMatches: false })).toEqual([20, 71, 51, 110, null, 110]);
  });

  it('tolerance drops a pick farther than it from the left key', async () => {
    expect(await qs({ on: 't', tolerance: 1 })).toEqual([null, 51, 71, null, null, 110]);
    expect(await qs({ on: 't', strategy: 'forward', tolerance: 1 })).toEqual([20, 50, 70, 110, null, null]);
    expect(await qs({ on: 't', strategy: 'nearest', tolerance: 0 })).toEqual([null, 51, 71, null, null, null]);
  });

  it('by: the match is searched within the group of equal by values only', async () => {
    expect(await qs({ on: 't', by: 'id' })).toEqual([null, 51, 71, 51, null, null]);
    expect(await qs({ on: 't', by: 'id', strategy: 'forward' })).toEqual([20, 50, 70, 110, null, null]);
  });

  it('Utf8 by columns match across two dictionaries, and null by values match nothing', async () => {
    const l = DataFrame.fromColumns({ t: [3, 3, 3], g: ['y', null, 'x'] }, { dtypes: { t: 'Int32', g: 'Utf8' } });
    const r = DataFrame.fromColumns({ t: [1, 2, 2], g: ['x', null, 'y'], q: [1, 2, 3] }, { dtypes: { t: 'Int32', g: 'Utf8', q: 'Int32' } });
    expect(await qs({ on: 't', by: 'g' }, l, r)).toEqual([3, null, 1]);
  });

  it('Float64 by columns match by value (-0 with 0, NaN with NaN), Boolean ones as join matches them', async () => {
    const l = new DataFrame({ t: [5, 5, 5], f: [-0, Number.NaN, 1.5], b: [true, false, true] });
    const r = new DataFrame({ t: [1, 2, 3], f: [0, Number.NaN, 2.5], b: [false, true, true], q: [10, 20, 30] });
    expect(await qs({ on: 't', by: 'f' }, l, r)).toEqual([10, 20, null]);
    expect(await qs({ on: 't', by: 'b' }, l, r)).toEqual([30, 10, 30]);
  });

  it('Int32 against Int64 keys and Date keys with a tolerance in days', async () => {
    const l = DataFrame.fromColumns({ t: [5, 9] }, { dtypes: { t: 'Int32' } });
    const r = DataFrame.fromColumns({ ts: [4n, 8n], q: [1, 2] }, { dtypes: { ts: 'Int64', q: 'Int32' } });
    expect(await qs({ leftOn: 't', rightOn: 'ts' }, l, r)).toEqual([1, 2]);
    const day = (s: string) => new Date(`${s}T00:00:00Z`);
    const ld = DataFrame.fromColumns({ d: [day('2024-01-03'), day('2024-01-10')] }, { dtypes: { d: 'Date' } });
    const rd = DataFrame.fromColumns({ d: [day('2024-01-01'), day('2024-01-08')], q: [1, 2] }, { dtypes: { d: 'Date', q: 'Int32' } });
    expect(await qs({ on: 'd', tolerance: 2 }, ld, rd)).toEqual([1, 2]);
    expect(await qs({ on: 'd', tolerance: 1 }, ld, rd)).toEqual([null, null]);
  });
});

describe('joinAsof output', () => {
  it('left columns, then the right ones without the by columns and the same-named key; clashes suffixed', async () => {
    const r = new DataFrame({ t: [1], id: ['a'], q: [1], v: [2] });
    const l = new DataFrame({ t: [1], id: ['a'], v: [3] });
    expect((await l.joinAsof(r, { on: 't', by: 'id' })).columns).toEqual(['t', 'id', 'v', 'q', 'v_right']);
    expect((await l.joinAsof(r, { on: 't', suffix: '_r' })).columns).toEqual(['t', 'id', 'v', 'id_r', 'q', 'v_r']);
    // a right key of another name stays, as in Polars: it tells which right key matched
    const r2 = new DataFrame({ ts: [0], q: [1] });
    expect((await l.joinAsof(r2, { leftOn: 't', rightOn: 'ts' })).toRecords()).toEqual([{ t: 1, id: 'a', v: 3, ts: 0, q: 1 }]);
  });

  it('Timestamp keys take a tolerance in milliseconds; CSV scans on both sides join as frames do', async () => {
    const at = (ms: number) => new Date(Date.UTC(2024, 0, 1) + ms);
    const l = DataFrame.fromColumns(
      { ts: [at(0), at(1500), at(4000)], sym: ['a', 'b', 'a'] },
      { dtypes: { ts: 'Timestamp', sym: 'Utf8' } },
    );
    const r = DataFrame.fromColumns(
      { ts: [at(-10), at(1000), at(3000)], sym: ['a', 'b', 'a'], px: [1, 2, 3] },
      { dtypes: { ts: 'Timestamp', sym: 'Utf8', px: 'Int32' } },
    );
    expect((await l.joinAsof(r, { on: 'ts', by: 'sym', tolerance: 1000 })).getColumn('px').toArray()).toEqual([1, 2, 3]);
    expect((await l.joinAsof(r, { on: 'ts', by: 'sym', tolerance: 500 })).getColumn('px').toArray()).toEqual([1, 2, null]);
    const lp = joinPath(dir, 'left.csv');
    const rp = joinPath(dir, 'right.csv');
    writeFileSync(lp, 't,id\n1,a\n5,a\n7,b\n10,a\n,a\n12,c\n');
    writeFileSync(rp, 't,id,q\n2,a,20\n5,a,50\n5,a,51\n7,b,70\n7,b,71\n11,a,110\n');
    const fromCsv = await scanCsv(lp).joinAsof(scanCsv(rp), { on: 't', by: 'id' }).collect({ threads: 2 });
    expect(fromCsv.getColumn('q').toArray()).toEqual(await qs({ on: 't', by: 'id' }));
  });

  it('the lazy form gives the same rows, and explain shows the node', async () => {
    const lf = left().lazy().joinAsof(right(), { on: 't', by: 'id', strategy: 'nearest', tolerance: 3 });
    expect((await lf.collect()).toRecords()).toEqual(
      (await left().joinAsof(right(), { on: 't', by: 'id', strategy: 'nearest', tolerance: 3 })).toRecords(),
    );
    expect(lf.explain()).toContain('ASOF JOIN NEAREST ON "t" = "t" BY ["id"] = ["id"] TOLERANCE 3');
  });

  it('a filter above stays above: the right side is not filtered before matching', async () => {
    const lf = left()
      .lazy()
      .joinAsof(right().lazy().filter(col('q').lt(60)), { on: 't' })
      .filter(col('q').gt(50));
    // right rows 2, 5, 5 remain: 5, 7, 10 and 12 all match the second 5 (q 51)
    expect((await lf.collect()).getColumn('t').toArray()).toEqual([5, 7, 10, 12]);
  });
});

describe('joinAsof errors', () => {
  it('an unsorted side is a NOT_SORTED AsofSortError naming the side, column and first out-of-order row', async () => {
    const unsorted = new DataFrame({ t: [1, 4, 3, 2], q: [1, 2, 3, 4] });
    const err = await left()
      .joinAsof(unsorted, { on: 't' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AsofSortError);
    expect(err).toMatchObject({ code: 'NOT_SORTED', side: 'right', column: 't', row: 2 });
    expect((err as Error).message).toContain('row 2 (3) comes after row 1 (4)');
    const l = new DataFrame({ t: [3, null, 1] });
    await expect(l.joinAsof(right(), { on: 't' })).rejects.toMatchObject({ code: 'NOT_SORTED', side: 'left', row: 2 });
  });

  it('by groups need only be sorted within themselves; checkSorted: false skips the check', async () => {
    const l = new DataFrame({ t: [5, 1], g: ['x', 'y'] });
    const r = new DataFrame({ t: [4, 0], g: ['x', 'y'], q: [1, 2] });
    expect(await qs({ on: 't', by: 'g' }, l, r)).toEqual([1, 2]);
    await expect(l.joinAsof(r, { on: 't' })).rejects.toBeInstanceOf(AsofSortError);
    expect((await l.joinAsof(r, { on: 't', checkSorted: false })).height).toBe(2);
  });

  it('keys that are not numeric or temporal, or do not compare, are a TYPE_ERROR naming both columns', () => {
    const l = DataFrame.fromColumns({ t: [1], s: ['a'], d: [new Date(0)] }, { dtypes: { t: 'Int32', s: 'Utf8', d: 'Date' } }).lazy();
    const r = new DataFrame({ t: [1.5], s: ['a'], f: [true] }).lazy();
    expect(() => l.joinAsof(r, { on: 's' })).toThrow(ExprTypeError);
    expect(() => l.joinAsof(r, { on: 's' })).toThrow(/left key "s" is Utf8 and right key "s" is Utf8/);
    expect(() => l.joinAsof(r, { leftOn: 'd', rightOn: 't' })).toThrow(
      /cannot compare left key "d" \(Date\) with right key "t" \(Float64\)/,
    );
    expect(() => l.joinAsof(r, { on: 't', by: 's', byLeft: 's' } as AsofOptions)).toThrow(PlanError);
    expect(() => l.joinAsof(r, { on: 't', byLeft: 't', byRight: 'f' })).toThrow(
      /by column "t" \(Int32\) with right by column "f" \(Boolean\)/,
    );
  });

  it('a tolerance of the wrong kind is a TYPE_ERROR; a negative one a PLAN_ERROR', () => {
    const dates = () => DataFrame.fromColumns({ t: [1], d: [new Date(0)] }, { dtypes: { t: 'Int32', d: 'Date' } }).lazy();
    const l = dates();
    const r = dates();
    const typeError = (o: AsofOptions) => {
      try {
        l.joinAsof(r, o);
      } catch (e) {
        return (e as VolleyError).code;
      }
      return 'none';
    };
    expect(typeError({ on: 't', tolerance: 1.5 })).toBe('TYPE_ERROR');
    expect(typeError({ on: 'd', tolerance: '1d' as unknown as number })).toBe('TYPE_ERROR');
    expect(typeError({ on: 't', tolerance: -1 })).toBe('PLAN_ERROR');
    expect(typeError({ on: 't', tolerance: 2 })).toBe('none');
    expect(() => l.joinAsof(r, { on: 'd', tolerance: 0.5 })).toThrow(/whole number of days for Date key "d"/);
  });

  it('unknown columns, missing keys and bad options fail when the join is built', () => {
    const l = left().lazy();
    expect(() => l.joinAsof(right(), { on: 'nope' })).toThrow(ColumnNotFoundError);
    expect(() => l.joinAsof(right(), { on: 't', by: 'nope' })).toThrow(ColumnNotFoundError);
    expect(() => l.joinAsof(right(), {})).toThrow(PlanError);
    expect(() => l.joinAsof(right(), { on: 't', strategy: 'closest' as never })).toThrow(
      /strategy must be one of backward, forward, nearest/,
    );
    expect(() => l.joinAsof(right(), { on: 't', byLeft: 'id' })).toThrow(/byLeft and byRight together/);
    expect(() => l.joinAsof({} as never, { on: 't' })).toThrow(/joinAsof\(\) takes a LazyFrame or a DataFrame/);
  });
});
