/** The join as tasks: the same rows as the calling-thread join at real sizes, its strategy in explain(), and failing workers. */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { col, DataFrame, shutdownPool, type JoinOptions } from '../../src/index.js';
import { lastJoinPhases } from '../../src/exec/join-parallel.js';
import { useWorkerFile } from '../../src/pool/pool.js';
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import { bitDifference } from '../differential/compare.js';
import { joinKnobs as knobs } from '../differential/join-knobs.js';

/** Lowered join thresholds for single tests (-1: the real value). */
vi.mock('../../kernels/tuning.js', async (load) => (await import('../differential/join-knobs.js')).withJoinKnobs(await load()));

const FAILING_WORKER = fileURLToPath(new URL('./fixtures/join-failing-worker.mjs', import.meta.url));

afterAll(async () => {
  await useWorkerFile(null);
  await shutdownPool();
});

/** Seeded keys with duplicates, nulls and keys on one side only. */
function side(rows: number, seed: number, keyRange: number): DataFrame {
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return (s >>> 8) % keyRange;
  };
  const k: (number | null)[] = [];
  const f: (number | null)[] = [];
  const v: number[] = [];
  const name: string[] = [];
  for (let i = 0; i < rows; i++) {
    const x = next();
    k.push(x % 97 === 0 ? null : x);
    f.push(x % 89 === 0 ? null : x / 4);
    v.push(i);
    name.push(`n${x % 20_000}`);
  }
  return DataFrame.fromColumns({ k, f, v, name }, { dtypes: { k: 'Int32', f: 'Float64', v: 'Int32', name: 'Utf8' }, chunkSize: 10_000 });
}

const answer = (df: DataFrame): { names: string[]; dtypes: DataType[]; rows: Row[] } => ({
  names: df.schema.names,
  dtypes: df.schema.fields.map((x) => x.dtype),
  rows: df.toRecords(),
});

describe('the join as tasks', () => {
  const left = side(50_000, 7, 60_000);
  const right = side(30_000, 11, 60_000);

  const cases: [string, JoinOptions][] = [
    ['inner on an int key (direct table)', { on: 'k' }],
    ['left on a float key (hash table)', { on: 'f', how: 'left' }],
    ['full on a string key', { on: 'name', how: 'full' }],
    ['right on two keys', { on: ['k', 'name'], how: 'right' }],
    ['anti on an int key', { on: 'k', how: 'anti' }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: the calling thread's rows at real thresholds, on 1 and 2 threads, partitioned or not`, async () => {
      const lf = left.lazy().join(right, options);
      knobs.small = 1 << 30;
      const want = answer(await lf.collect({ threads: 1 }));
      knobs.small = -1;
      // 80K rows in all: past JOIN_SMALL_ROWS, so these run as tasks
      for (const partition of [-1, 1000]) {
        knobs.partition = partition;
        for (const threads of [1, 2]) {
          const got = answer(await lf.collect({ threads }));
          expect(bitDifference(got, want), `threads ${threads}, partition ${partition}`).toBeNull();
        }
      }
      knobs.partition = -1;
    });
  }

  it('a partitioned build run again refills the segments the last join left and gives the same rows', async () => {
    const lf = left.lazy().join(right, { on: 'f', how: 'left' });
    knobs.small = 1 << 30;
    const want = answer(await lf.collect({ threads: 1 }));
    knobs.small = -1;
    knobs.partition = 1000;
    // the same sizes each time, so every build segment of one run fits the next; a run on another
    // thread count in between hands its tasks' segments to other partitions
    for (const threads of [2, 2, 1, 2, 1, 1])
      expect(bitDifference(answer(await lf.collect({ threads })), want), `threads ${threads}`).toBeNull();
    knobs.partition = -1;
  });

  it('stores a build side of distinct dense int keys by key, falls back to hash partitions on a repeated key, and gives the same rows', async () => {
    // right: 20,000 distinct keys (a few null) out of 0..29,999, with more output columns than a
    // packed row holds in one case; left: keys with repeats and misses
    const rows = 20_000;
    const keys = Array.from({ length: 30_000 }, (_, i) => i);
    let s = 3;
    for (let i = keys.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const j = (s >>> 8) % (i + 1);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    const k = keys.slice(0, rows).map((x, i) => (i % 101 === 5 ? null : x));
    const wide: Record<string, number[]> = {};
    for (let c = 0; c < 33; c++) wide[`c${c}`] = Array.from({ length: rows }, (_, i) => i * c);
    const distinct = DataFrame.fromColumns(
      { k, w: k.map((x) => (x === null ? null : x / 8)), t: k.map((x) => `t${(x ?? 0) % 300}`) },
      { dtypes: { k: 'Int32', w: 'Float64', t: 'Utf8' }, chunkSize: 7_000 },
    );
    const wideRight = DataFrame.fromColumns({ k, ...wide }, { chunkSize: 7_000 });
    const repeated = DataFrame.fromColumns({ k: k.map((x, i) => (i === 15_000 ? k[2]! : x)), w: k }, { chunkSize: 7_000 });
    const probe = await side(50_000, 7, 36_000).select('k', 'v');
    const cases: [string, DataFrame, JoinOptions, string][] = [
      ['inner', distinct, { on: 'k' }, 'slots'],
      ['left', distinct, { on: 'k', how: 'left' }, 'slots'],
      ['semi', distinct, { on: 'k', how: 'semi' }, 'slots'],
      ['anti', distinct, { on: 'k', how: 'anti' }, 'slots'],
      ['left, 33 output columns', wideRight, { on: 'k', how: 'left' }, 'slots'],
      ['full (gathers unmatched build rows by row)', distinct, { on: 'k', how: 'full' }, 'partitioned'],
      ['inner, one repeated key', repeated, { on: 'k' }, 'partitioned'],
    ];
    for (const [name, right, options, table] of cases) {
      const lf = probe.lazy().join(right, options);
      knobs.small = 1 << 30;
      const want = answer(await lf.collect({ threads: 1 }));
      knobs.small = -1;
      knobs.partition = 1000;
      knobs.direct = 0;
      for (const threads of [1, 2, 3]) {
        const got = answer(await lf.collect({ threads }));
        expect(lastJoinPhases()?.table, `${name}, threads ${threads}`).toBe(table);
        expect(bitDifference(got, want), `${name}, threads ${threads}`).toBeNull();
      }
      // a right join builds on the left: the same table from the other side
      if (options.how === undefined) {
        const flipped = right.lazy().join(probe, { ...options, how: 'right' });
        knobs.small = 1 << 30;
        const wantRight = answer(await flipped.collect({ threads: 1 }));
        knobs.small = -1;
        const got = answer(await flipped.collect({ threads: 2 }));
        expect(lastJoinPhases()?.table, `${name}, as a right join`).toBe(table);
        expect(bitDifference(got, wantRight), `${name}, as a right join`).toBeNull();
      }
      knobs.partition = -1;
      knobs.direct = -1;
    }
  });

  it('shows the build side and the rule that picks the strategy in explain()', () => {
    const text = left.lazy().join(right, { on: 'k', how: 'right' }).explain();
    expect(text).toContain(
      'HASH JOIN RIGHT ON ["k"] = ["k"] (build left, probe right; on the calling thread when both sides hold <= 65536 rows together, else probe morsels in parallel tasks; a build side of > 262144 rows is stored in rows by key when its keys are distinct integers or codes filling at least 1/2 of their range, else built in 16 hash partitions when its keys need hashing)',
    );
    expect(left.lazy().join(right, { on: 'k', validate: 'm:1' }).explain()).toContain(
      'HASH JOIN INNER ON ["k"] = ["k"] (build right, probe left; on the calling thread, validating keys)',
    );
  });
});

describe('a failing worker during a join', () => {
  const left = side(3_000, 3, 2_000);
  const right = side(2_000, 5, 2_000);

  it('rejects the query and leaves the pool usable; one thread never starts a worker', async () => {
    knobs.small = 0;
    const inner = left.lazy().join(right, { on: 'k' });
    const full = left.lazy().join(right, { on: 'f', how: 'full' });
    const want = answer(await inner.collect({ threads: 1 }));
    await useWorkerFile(FAILING_WORKER);
    try {
      // a probe task throws: the query rejects with its error and cause
      const err = await inner.collect({ threads: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe('probe drill failed');
      expect(((err as Error).cause as Error).message).toBe('probe drill (cause)');
      const groups = left.lazy().groupBy('name').agg(col('v').sum().alias('s')).sort('name');
      const sums = async (): Promise<unknown> => answer(await groups.collect({ threads: 2 }));
      const groupsWant = answer(await groups.collect({ threads: 1 }));
      expect(await sums()).toEqual(groupsWant);
      // a tail task exits its thread: rejected too, and the pool replaces the thread
      await expect(full.collect({ threads: 2 })).rejects.toThrow();
      expect(await sums()).toEqual(groupsWant);
      // threads: 1 runs every join task on the calling thread, so the failing worker never sees one
      expect(bitDifference(answer(await inner.collect({ threads: 1 })), want)).toBeNull();
    } finally {
      await useWorkerFile(null);
      knobs.small = -1;
    }
    knobs.small = 0;
    expect(bitDifference(answer(await inner.collect({ threads: 2 })), want)).toBeNull();
    knobs.small = -1;
  });
});
