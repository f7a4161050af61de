/** join(): output columns, suffixes, coalescing, row order, validation and build-time errors, as the README documents them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  col,
  ColumnNotFoundError,
  DataFrame,
  ExprTypeError,
  JoinValidationError,
  PlanError,
  scanCsv,
  shutdownPool,
} from '../../src/index.js';

const dir = mkdtempSync(joinPath(tmpdir(), 'volley-join-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownPool();
});

const people = () => new DataFrame({ id: [1, 2, 2, null, 4], name: ['ann', 'bob', 'bea', 'nul', 'dan'] });
const orders = () =>
  DataFrame.fromColumns(
    { id: [2, 1, 2, 7, null], name: ['x', 'y', 'z', 'w', 'v'], amount: [10, 20, 30, 40, 50] },
    { dtypes: { id: 'Int64', name: 'Utf8', amount: 'Float64' } },
  );

describe('join output', () => {
  it('inner: left columns, then the right non-key columns (clashes suffixed); left order, then right order within a key', async () => {
    const out = await people().join(orders(), { on: 'id' });
    expect(out.columns).toEqual(['id', 'name', 'name_right', 'amount']);
    expect(out.toRecords()).toEqual([
      { id: 1, name: 'ann', name_right: 'y', amount: 20 },
      { id: 2, name: 'bob', name_right: 'x', amount: 10 },
      { id: 2, name: 'bob', name_right: 'z', amount: 30 },
      { id: 2, name: 'bea', name_right: 'x', amount: 10 },
      { id: 2, name: 'bea', name_right: 'z', amount: 30 },
    ]);
  });

  it('left keeps unmatched and null-key left rows in place; a custom suffix names the clash', async () => {
    const out = await people().join(orders().lazy(), { on: 'id', how: 'left', suffix: '_o' });
    expect(out.columns).toEqual(['id', 'name', 'name_o', 'amount']);
    expect(out.toRecords().map((r) => [r.name, r.name_o])).toEqual([
      ['ann', 'y'],
      ['bob', 'x'],
      ['bob', 'z'],
      ['bea', 'x'],
      ['bea', 'z'],
      ['nul', null],
      ['dan', null],
    ]);
  });

  it('right: left non-key columns, then the right columns; right order, then left order within a key', async () => {
    const out = await people().join(orders(), { on: 'id', how: 'right' });
    expect(out.columns).toEqual(['name', 'id', 'name_right', 'amount']);
    expect(out.getColumn('id').dtype).toBe('Int64');
    expect(out.toRecords().map((r) => [r.name, r.id, r.name_right])).toEqual([
      ['bob', 2n, 'x'],
      ['bea', 2n, 'x'],
      ['ann', 1n, 'y'],
      ['bob', 2n, 'z'],
      ['bea', 2n, 'z'],
      [null, 7n, 'w'],
      [null, null, 'v'],
    ]);
  });

  it('full without coalesce keeps both keys (right suffixed); unmatched right rows come last, in right order', async () => {
    const out = await people().join(orders(), { on: 'id', how: 'full' });
    expect(out.columns).toEqual(['id', 'name', 'id_right', 'name_right', 'amount']);
    expect(out.toRecords().map((r) => [r.id, r.name, r.id_right, r.name_right])).toEqual([
      [1, 'ann', 1n, 'y'],
      [2, 'bob', 2n, 'x'],
      [2, 'bob', 2n, 'z'],
      [2, 'bea', 2n, 'x'],
      [2, 'bea', 2n, 'z'],
      [null, 'nul', null, null],
      [4, 'dan', null, null],
      [null, null, 7n, 'w'],
      [null, null, null, 'v'],
    ]);
  });

  it('full with coalesce: one key column of the common type, filled from the right for right-only rows', async () => {
    const out = await people().join(orders(), { on: 'id', how: 'full', coalesce: true });
    expect(out.columns).toEqual(['id', 'name', 'name_right', 'amount']);
    expect(out.getColumn('id').dtype).toBe('Int64');
    expect(out.getColumn('id').toArray()).toEqual([1n, 2n, 2n, 2n, 2n, null, 4n, 7n, null]);
  });

  it('coalesced Utf8 keys from two dictionaries keep every value', async () => {
    const a = new DataFrame({ k: ['p', 'q'], v: [1, 2] });
    const b = new DataFrame({ k: ['r', 'q', 'p'], w: [3, 4, 5] });
    const out = await a.join(b, { on: 'k', how: 'full', coalesce: true });
    expect(out.toRecords()).toEqual([
      { k: 'p', v: 1, w: 5 },
      { k: 'q', v: 2, w: 4 },
      { k: 'r', v: null, w: 3 },
    ]);
  });

  it('semi and anti keep left columns; a null key matches nothing, so anti keeps it', async () => {
    expect((await people().join(orders(), { on: 'id', how: 'semi' })).toColumns()).toEqual({ id: [1, 2, 2], name: ['ann', 'bob', 'bea'] });
    expect((await people().join(orders(), { on: 'id', how: 'anti' })).toColumns()).toEqual({ id: [null, 4], name: ['nul', 'dan'] });
  });

  it('cross: every left row with every right row, left-major, clashes suffixed', async () => {
    const a = new DataFrame({ x: [1, 2] });
    const b = new DataFrame({ x: ['a', 'b', 'c'] });
    const out = await a.join(b, { how: 'cross' });
    expect(out.columns).toEqual(['x', 'x_right']);
    expect(out.toRecords().map((r) => `${r.x}${r.x_right}`)).toEqual(['1a', '1b', '1c', '2a', '2b', '2c']);
  });

  it('leftOn/rightOn with different names, and coalesce: false keeping the right key', async () => {
    const a = new DataFrame({ k: [1, 2], v: [10, 20] });
    const b = new DataFrame({ key: [2, 3], w: [5, 6] });
    expect((await a.join(b, { leftOn: 'k', rightOn: 'key' })).toRecords()).toEqual([{ k: 2, v: 20, w: 5 }]);
    expect((await a.join(b, { leftOn: 'k', rightOn: 'key', coalesce: false })).toRecords()).toEqual([{ k: 2, v: 20, key: 2, w: 5 }]);
  });

  it('Float64 keys match by value (-0 = 0, NaN = NaN); an integer key joins a float key as Float64', async () => {
    const a = new DataFrame({ f: [-0, Number.NaN, 1] });
    const b = new DataFrame({ f: [0, Number.NaN], tag: ['zero', 'nan'] });
    expect((await a.join(b, { on: 'f' })).getColumn('tag').toArray()).toEqual(['zero', 'nan']);
    const ints = new DataFrame({ i: [1, 2] });
    const floats = new DataFrame({ g: [1, 1.5] });
    expect((await ints.join(floats, { leftOn: 'i', rightOn: 'g', how: 'semi' })).getColumn('i').toArray()).toEqual([1]);
  });

  it('Date keys join Date keys', async () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    const a = new DataFrame({ day: [d('2024-01-01'), d('2024-01-02')] });
    const b = new DataFrame({ day: [d('2024-01-02')], n: [1] });
    expect((await a.join(b, { on: 'day' })).toRecords()).toEqual([{ day: d('2024-01-02'), n: 1 }]);
  });
});

describe('join validation and errors', () => {
  it("validate '1:1', '1:m' and 'm:1' reject duplicate keys with code JOIN_VALIDATION naming the key", async () => {
    const err = await people()
      .join(orders(), { on: 'id', validate: 'm:1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JoinValidationError);
    expect(err).toMatchObject({ code: 'JOIN_VALIDATION', side: 'right', key: 'id=2' });
    await expect(people().join(orders(), { on: 'id', validate: '1:m' })).rejects.toMatchObject({ side: 'left', key: 'id=2' });
    await expect(people().join(orders(), { on: 'id', validate: '1:1' })).rejects.toMatchObject({ code: 'JOIN_VALIDATION' });
    const unique = new DataFrame({ id: [1, 2, null, null] });
    expect((await unique.join(unique, { on: 'id', validate: '1:1' })).height).toBe(2);
  });

  it('incompatible key types are a TYPE_ERROR naming both columns, at the verb', () => {
    const call = () => people().lazy().join(orders(), { leftOn: 'name', rightOn: 'amount' });
    expect(call).toThrow(ExprTypeError);
    expect(call).toThrow(/left key "name" \(Utf8\) with right key "amount" \(Float64\)/);
  });

  it('unknown keys are a ColumnNotFoundError; bad options are PlanErrors', () => {
    const lf = people().lazy();
    expect(() => lf.join(orders(), { on: 'nope' })).toThrow(ColumnNotFoundError);
    expect(() => lf.join(orders(), { leftOn: 'id', rightOn: 'nope' })).toThrow(ColumnNotFoundError);
    expect(() => lf.join(orders(), { leftOn: ['id', 'name'], rightOn: ['id'] })).toThrow(PlanError);
    expect(() => lf.join(orders(), {})).toThrow(/needs keys/);
    expect(() => lf.join(orders(), { on: 'id', how: 'outer' as never })).toThrow(PlanError);
    expect(() => lf.join(orders(), { on: 'id', how: 'cross' })).toThrow(/takes no keys/);
    expect(() => lf.join({} as never, { on: 'id' })).toThrow(PlanError);
  });

  it('a cross join too large to index is refused with INVALID_ARGUMENT', async () => {
    const big = DataFrame.fromColumns({ x: new Int32Array(50_000) });
    await expect(big.join(big, { how: 'cross' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'how' });
  });

  it('a suffix that recreates an existing name is a DUPLICATE_COLUMN error', () => {
    const a = new DataFrame({ id: [1], v: [1], v_right: [2] });
    const b = new DataFrame({ id: [1], v: [3] });
    expect(() => a.lazy().join(b, { on: 'id' })).toThrow(expect.objectContaining({ code: 'DUPLICATE_COLUMN' }));
  });
});

describe('join plans', () => {
  it('explain() shows both sides; a filter that drops null-padded rows makes a left join inner and goes into its right side', async () => {
    const lf = people()
      .lazy()
      .filter(col('id').gt(0))
      .join(orders().lazy().select('id', 'amount'), { on: 'id', how: 'left' })
      .filter(col('amount').gt(15));
    expect(lf.explain({ threads: 2 })).toMatchInlineSnapshot(`
      "== optimized logical plan ==
      INNER JOIN ON ["id"] = ["id"]
        SCAN frame [2 cols] SELECTION: (col("id") > 0)
        SCAN frame [3 cols] PROJECT 2/3 COLUMNS: ["id","amount"] SELECTION: (col("amount") > 15)

      == physical plan ==
      PHYSICAL PLAN (threads: 2, morsels: source chunks)
      HASH JOIN INNER ON ["id"] = ["id"] (build right, probe left; on the calling thread when both sides hold <= 65536 rows together, else probe morsels in parallel tasks; a build side of > 262144 rows is stored in rows by key when its keys are distinct integers or codes filling at least 1/2 of their range, else built in 16 hash partitions when its keys need hashing)
        COLLECT
          PIPELINE per morsel
            FILTER (col("id") > 0)
            SCAN frame [2 cols] READ 2/2 COLUMNS: ["id","name"]
        COLLECT
          PIPELINE per morsel
            FILTER (col("amount") > 15)
            SCAN frame [3 cols] READ 2/3 COLUMNS: ["id","amount"]"
    `);
    expect((await lf.collect()).toRecords()).toEqual([
      { id: 1, name: 'ann', amount: 20 },
      { id: 2, name: 'bob', amount: 30 },
      { id: 2, name: 'bea', amount: 30 },
    ]);
  });
});

describe('join key kinds', () => {
  it('Boolean and Timestamp keys join their own kind', async () => {
    const a = new DataFrame({ b: [true, false, null], t: [new Date(1000), new Date(2000), new Date(3000)] }).lazy();
    const b = DataFrame.fromColumns(
      { b: [false, true], t: [new Date(2000), new Date(5000)], n: [1, 2] },
      { dtypes: { b: 'Boolean', t: 'Timestamp', n: 'Int32' } },
    );
    expect((await a.join(b, { on: 'b' }).collect()).getColumn('n').toArray()).toEqual([2, 1]);
    expect((await a.join(b, { on: 't', how: 'semi' }).collect()).getColumn('t').toArray()).toEqual([new Date(2000)]);
  });

  it('Int64 keys beyond 2^53 join exactly with Int32 and Int64 keys', async () => {
    const big = DataFrame.fromColumns({ k: [2n ** 60n, 2n ** 60n + 1n, 7n] }, { dtypes: { k: 'Int64' } });
    const other = DataFrame.fromColumns({ k: [2n ** 60n + 1n], tag: ['x'] }, { dtypes: { k: 'Int64', tag: 'Utf8' } });
    expect((await big.join(other, { on: 'k' })).getColumn('k').toArray()).toEqual([2n ** 60n + 1n]);
    const small = new DataFrame({ k: [7, 8] });
    expect((await small.join(big, { on: 'k', how: 'semi' })).getColumn('k').toArray()).toEqual([7]);
  });
});

describe('join sources', () => {
  it('joins two CSV scans on string keys from their own dictionaries, and a frame with itself', async () => {
    const a = joinPath(dir, 'a.csv');
    const b = joinPath(dir, 'b.csv');
    writeFileSync(a, 'city,n\nOslo,1\nLima,2\nRome,3\nLima,4\n');
    writeFileSync(b, 'city,country\nRome,IT\nLima,PE\nKyiv,UA\n');
    for (const threads of [1, 2]) {
      const out = await scanCsv(a).join(scanCsv(b), { on: 'city', how: 'full', coalesce: true }).collect({ threads });
      expect(out.toRecords()).toEqual([
        { city: 'Oslo', n: 1, country: null },
        { city: 'Lima', n: 2, country: 'PE' },
        { city: 'Rome', n: 3, country: 'IT' },
        { city: 'Lima', n: 4, country: 'PE' },
        { city: 'Kyiv', n: null, country: 'UA' },
      ]);
    }
    const lf = scanCsv(a);
    const self = await lf.join(lf, { on: 'city' }).collect();
    expect(self.columns).toEqual(['city', 'n', 'n_right']);
    expect(self.toRecords().map((r) => `${r.n}${r.n_right}`)).toEqual(['11', '22', '24', '33', '42', '44']);
  });
});

describe('join on expressions', () => {
  it('keys may be expressions: joined as computed, not output, and both sides keep all their columns', async () => {
    const a = new DataFrame({ a: [1, 2, 3], v: ['x', 'y', 'z'] });
    const b = new DataFrame({ b: [2, 4, 7], a: [0, 0, 0] });
    const out = await a.join(b, { leftOn: col('a').mul(2), rightOn: 'b' });
    expect(out.columns).toEqual(['a', 'v', 'b', 'a_right']);
    expect(out.toRecords().map((r) => [r.a, r.b])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect((await a.join(b, { leftOn: col('a').mul(2), rightOn: 'b', how: 'anti' })).toColumns()).toEqual({ a: [3], v: ['z'] });
    expect(
      a
        .lazy()
        .join(b, { leftOn: col('a').mul(2), rightOn: 'b' })
        .explain({ optimize: false }),
    ).toContain('INNER JOIN ON ["__join_left_key0"] = ["__join_right_key0"] NO COALESCE');
  });

  it('a plain col() key is a column name; a key of the wrong kind is a PlanError', async () => {
    const a = new DataFrame({ id: [1, 2] });
    expect((await a.join(a, { on: col('id') })).columns).toEqual(['id']);
    expect(() => a.lazy().join(a, { on: 3 as never })).toThrow(PlanError);
  });
});
