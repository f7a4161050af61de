/**
 * Execution end to end: every group-by path (dense slots, packed hash, generic hash, partitioned
 * merges) and the parallel sort agree with the reference and are bit-identical across thread
 * counts; failures inside workers, aborts and plan-time errors surface as they should.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { KernelInvariantError } from '../../kernels/errors.js';
import { InternalError } from '../../src/errors.js';
import { col, DataFrame, len, type LazyFrame } from '../../src/index.js';
import { execute } from '../../src/exec/execute.js';
import { shutdownPool } from '../../src/pool/pool.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { Column } from '../../src/table/column.js';
import { Table, type Row } from '../../src/table/table.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { runPlan } from '../reference/plan.js';
import { closeFloats } from '../differential/compare.js';
import { mulberry32 as rng } from '../differential/prng.js';

afterAll(async () => {
  await shutdownPool();
});

function frame(rows: number, seed = 7): DataFrame {
  const r = rng(seed);
  const pick = <T>(f: () => T, nulls = 0.03): (T | null)[] => Array.from({ length: rows }, () => (r() < nulls ? null : f()));
  return DataFrame.fromColumns(
    {
      small: pick(() => Math.floor(r() * 12)),
      big: pick(() => Math.floor(r() * 3_000_000) - 1_000_000),
      str: pick(() => `s${Math.floor(r() * 3000)}`),
      flt: pick(() => (r() < 0.01 ? NaN : r() < 0.01 ? -0 : Math.floor(r() * 50) / 4)),
      v: pick(() => r() * 1000 - 300, 0.1),
      n: pick(() => Math.floor(r() * 100), 0.1),
    },
    { dtypes: { small: 'Int32', big: 'Int32', n: 'Int32', v: 'Float64', flt: 'Float64' } },
  );
}

/** Float64 values compared by their bits, so "identical" means identical. */
function bits(rows: readonly Row[]): string {
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  return JSON.stringify(rows, (_k, v: unknown) => {
    if (typeof v === 'number') {
      f[0] = v;
      return `f${u[0]}:${u[1]}`;
    }
    return typeof v === 'bigint' ? `${v}n` : v;
  });
}

function sameAsReference(got: readonly Row[], want: readonly Row[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = want[i]![k];
      if (typeof v === 'number' && typeof w === 'number') expect(closeFloats(v, w), `${k} row ${i}: ${v} vs ${w}`).toBe(true);
      else expect(v, `${k} row ${i}`).toEqual(w);
    }
  });
}

async function checkEverywhere(lf: LazyFrame, morsels: readonly number[] = [4096, 65_536]): Promise<void> {
  const want = runPlan(lf.plan);
  for (const morselSize of morsels) {
    let first: string | null = null;
    for (const threads of [1, 2, 4]) {
      const got = (await lf.collect({ threads, morselSize })).toRecords();
      sameAsReference(got, want);
      const b = bits(got);
      if (first === null) first = b;
      else expect(b, `threads ${threads} differ from threads 1 at morsel size ${morselSize}`).toBe(first);
    }
  }
}

const df = frame(20_000);
const AGGS = [
  col('v').sum().alias('sum'),
  col('v').mean().alias('mean'),
  col('v').std().alias('std'),
  col('v').min().alias('min'),
  col('n').max().alias('max'),
  col('n').count().alias('count'),
  len().alias('len'),
  col('n').nUnique().alias('distinct'),
  col('v').median().alias('median'),
  col('v').first().alias('first'),
];

describe('group-by paths agree with the reference and across thread counts', () => {
  it('dense slots: a small Int32 key with nulls', async () => {
    await checkEverywhere(
      df
        .lazy()
        .groupBy('small')
        .agg(...AGGS),
    );
  });

  it('dense slots: a string key and an Int32 key packed together', async () => {
    await checkEverywhere(
      df.lazy().groupBy('str', 'small').agg(col('v').sum().alias('sum'), col('v').var().alias('var'), len().alias('len')),
    );
  });

  it('packed hash: a wide Int32 range beyond direct indexing', async () => {
    await checkEverywhere(df.lazy().groupBy('big').agg(col('v').sum().alias('sum'), col('n').min().alias('min'), len().alias('len')));
  });

  it('generic hash: Float64 keys (NaN and -0 group with their equals) and computed keys', async () => {
    await checkEverywhere(df.lazy().groupBy('flt').agg(col('v').mean().alias('mean'), len().alias('len')));
    await checkEverywhere(df.lazy().groupBy(col('n').mul(3).alias('k')).agg(col('v').sum().alias('sum')));
  });

  it('no keys: one row, also over no rows', async () => {
    await checkEverywhere(df.lazy().select(col('v').sum().alias('s'), len().alias('n')), [4096]);
    await checkEverywhere(
      df.lazy().filter(col('n').gt(1000)).select(col('v').sum().alias('s'), col('v').mean().alias('m'), len().alias('n')),
      [4096],
    );
  });

  it('distinct, group heads and per-group top n', async () => {
    await checkEverywhere(df.lazy().unique({ subset: ['small', 'str'] }), [4096]);
    await checkEverywhere(df.lazy().groupBy('str').head(2), [4096]);
    await checkEverywhere(df.lazy().sort('v', { descending: true }).groupBy('small').head(3), [4096]);
  });
});

describe('morsels of uneven size', () => {
  it('groups every row when chunks end in short tails (as a parallel CSV read leaves them)', async () => {
    // chunks of 65,536 rows with 5-row tails here and there: morsels of very different sizes
    const sizes = [65_536, 65_536, 65_536, 65_536, 5, 65_536, 5];
    const parts = sizes.map((rows, seed) => {
      const r = rng(seed + 1);
      return DataFrame.fromColumns(
        {
          a: Int32Array.from({ length: rows }, () => Math.floor(r() * 3_000_000)),
          b: Int32Array.from({ length: rows }, () => Math.floor(r() * 50)),
        },
        { dtypes: { a: 'Int32', b: 'Int32' } },
      );
    });
    const stitched = new DataFrame(
      new Table(
        parts[0]!.getColumns().map(
          (c, i) =>
            new Column(
              c.name,
              c.dtype,
              parts.flatMap((p) => p.getColumns()[i]!.chunks),
            ),
        ),
      ),
    );
    expect(stitched.getColumn('a').chunks.map((c) => c.length)).toEqual(sizes);
    for (const key of ['a', 'b']) {
      const distinct = new Set(stitched.getColumn(key).toArray()).size;
      for (const threads of [1, 2]) {
        // hashed keys (a: one morsel per task) and dense keys (b: several morsels per task)
        const out = await stitched.lazy().groupBy(key).agg(len().alias('n')).collect({ threads });
        expect(out.height).toBe(distinct);
        expect((out.getColumn('n').toArray() as number[]).reduce((x, y) => x + y, 0)).toBe(stitched.height);
      }
    }
  });
});

describe('sorting', () => {
  it('merges large sorts in parallel slices with the same row order as one thread', async () => {
    // above the size merged on the calling thread, so two or more threads cut the runs at splitters
    const r = rng(11);
    const rows = 140_000;
    const big = DataFrame.fromColumns(
      {
        id: Array.from({ length: rows }, (_, i) => i),
        k: Array.from({ length: rows }, () => (r() < 0.02 ? null : Math.floor(r() * 40))),
        v: Array.from({ length: rows }, () => (r() < 0.02 ? null : r() < 0.01 ? NaN : Math.floor(r() * 1000) / 8)),
      },
      { dtypes: { id: 'Int32', k: 'Int32', v: 'Float64' } },
    );
    const lf = big.lazy().sort(['k', 'v'], { descending: [false, true] });
    const want = runPlan(lf.plan).map((row) => row.id);
    for (const threads of [1, 2, 4]) {
      const got = (await lf.collect({ threads, morselSize: 8192 })).getColumn('id').toArray();
      expect(got).toEqual(want);
    }
  });

  it('keeps only the top k rows per morsel under a limit', async () => {
    await checkEverywhere(df.lazy().sort('str').limit(25), [4096]);
  });
});

describe('failures', () => {
  it('rejects collect with the error a worker threw: a kernel invariant as an InternalError', async () => {
    // a Float64 column whose chunk holds Int32 values: reading it fails inside the task
    const chunk = { length: 3, nullCount: 0, values: new Int32Array(new SharedArrayBuffer(12)), validity: null };
    const bad = new DataFrame(new Table([new Column('x', 'Float64', [chunk])]));
    for (const threads of [1, 2]) {
      const err = await bad
        .lazy()
        .select(col('x').sum())
        .collect({ threads })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InternalError);
      expect((err as InternalError).code).toBe('INTERNAL');
      expect((err as Error).message).toMatch(/Int32Array cannot hold f64 values/);
      expect((err as Error).cause).toBeInstanceOf(KernelInvariantError);
    }
  });

  it('aborts a running query promptly, and the next query works', async () => {
    // long enough that one thread yields to the timer several times before it could finish
    const r = rng(3);
    const rows = 1_500_000;
    const big = DataFrame.fromColumns(
      { k: Int32Array.from({ length: rows }, () => Math.floor(r() * 2_000_000)), v: Float64Array.from({ length: rows }, () => r()) },
      { dtypes: { k: 'Int32', v: 'Float64' } },
    );
    const lf = big.lazy().groupBy(col('k').add(1)).agg(col('v').sum().alias('s'));
    for (const threads of [1, 2]) {
      const controller = new AbortController();
      const pending = lf.collect({ threads, morselSize: 2048, signal: controller.signal });
      setTimeout(() => controller.abort(), 5);
      const err = await pending.catch((e: unknown) => e);
      expect((err as Error).name).toBe('AbortError');
    }
    const out = await df.lazy().groupBy('small').agg(len()).collect({ threads: 2 });
    expect(out.height).toBe(13);
  });

  it('fails at plan time on an unknown column, listing the known ones', async () => {
    const plan: LogicalPlan = {
      kind: 'filter',
      input: {
        kind: 'scan',
        source: { type: 'frame', frame: df.table },
        schema: df.schema,
        projection: null,
        predicate: null,
        limit: null,
      },
      predicate: { kind: 'binary', op: 'gt', left: { kind: 'col', name: 'nope' }, right: { kind: 'lit', value: 1, dtype: 'Int32' } },
    };
    const err = await execute(plan, { threads: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ColumnNotFoundError);
    expect((err as Error).message).toMatch(/known columns: "small", "big"/);
  });

  it('fails at plan time on a type error', async () => {
    const plan: LogicalPlan = {
      kind: 'aggregate',
      input: {
        kind: 'scan',
        source: { type: 'frame', frame: df.table },
        schema: df.schema,
        projection: null,
        predicate: null,
        limit: null,
      },
      keys: [],
      aggs: [{ kind: 'agg', fn: 'sum', arg: { kind: 'col', name: 'str' } }],
    };
    const err = await execute(plan, { threads: 2 }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ExprTypeError');
    expect((err as Error).message).toMatch(/cannot sum column "str" of type Utf8/);
  });
});
