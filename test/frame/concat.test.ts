/** concat, vstack and hstack: every mode against a reference built from toRecords, zero-copy chunks, errors by code. */
import { afterAll, describe, expect, it } from 'vitest';
import { VolleyError } from '../../src/errors.js';
import { col } from '../../src/expr/index.js';
import { concat } from '../../src/frame/concat.js';
import { DataFrame } from '../../src/frame/frames.js';
import { shutdownPool } from '../../src/pool/pool.js';
import type { Row } from '../../src/table/table.js';
import { ConcatError } from '../../src/table/concat-error.js';
import type { Scalar } from '../../src/table/scalar.js';

afterAll(() => shutdownPool());

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** Five types with nulls, in chunks of 2 rows so frames have several chunks. */
function frameA(): DataFrame {
  return new DataFrame(
    {
      i: [1, null, 3],
      f: [0.5, 1.5, null],
      s: ['x', 'y', null],
      b: [true, null, false],
      d: [day('2024-01-01'), null, day('2024-03-01')],
    },
    { chunkSize: 2, dtypes: { i: 'Int32', d: 'Date' } },
  );
}

function frameB(): DataFrame {
  return new DataFrame(
    {
      i: [4, 5, null, 7],
      f: [null, 2.5, 3.5, 4.5],
      s: ['z', 'x', 'w', null],
      b: [false, false, true, null],
      d: [null, day('2024-05-01'), day('2024-06-01'), day('2024-07-01')],
    },
    { chunkSize: 3, dtypes: { i: 'Int32', d: 'Date' } },
  );
}

/** The rejection of `p`, for checking its class and code. */
async function rejection(p: Promise<unknown>): Promise<VolleyError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VolleyError);
    return e as VolleyError;
  }
  throw new Error('expected a rejection');
}

/** The reference vertical/diagonal result: the rows of each frame in turn, with `names` filled with null. */
function stackedRows(
  frames: readonly DataFrame[],
  names: readonly string[],
  convert: (name: string, v: Scalar) => Scalar = (_, v) => v,
): Row[] {
  return frames.flatMap((f) =>
    f.toRecords().map((r) => Object.fromEntries(names.map((n) => [n, n in r ? convert(n, r[n] ?? null) : null]))),
  );
}

describe('concat vertical', () => {
  it('stacks rows of every type with nulls, matching the reference', async () => {
    const a = frameA();
    const b = frameB();
    const out = await concat([a, b]);
    expect(out.columns).toEqual(['i', 'f', 's', 'b', 'd']);
    expect(out.dtypes).toEqual(a.dtypes);
    expect(out.toRecords()).toEqual(stackedRows([a, b], a.columns));
    expect(out.getColumn('s').nullCount).toBe(2);
  });

  it('shares the chunks of every column whose type needs no conversion', async () => {
    const a = frameA();
    const b = frameB();
    const out = await concat([a, b]);
    for (const name of ['i', 'f', 'b', 'd']) {
      const chunks = out.getColumn(name).chunks;
      const inputs = [...a.getColumn(name).chunks, ...b.getColumn(name).chunks];
      expect(chunks.length).toBe(inputs.length);
      inputs.forEach((c, k) => expect(chunks[k], `${name} chunk ${k}`).toBe(c));
    }
  });

  it('unifies different dictionaries: the first frame keeps its chunks, the others are recoded', async () => {
    const a = frameA();
    const b = frameB();
    const out = await concat([a, b]);
    const s = out.getColumn('s');
    expect(s.dictionary!.values).toEqual(['x', 'y', 'z', 'w']);
    expect(s.chunks[0]).toBe(a.getColumn('s').chunks[0]);
    expect(s.chunks[1]).toBe(a.getColumn('s').chunks[1]);
    expect(s.chunks[2]).not.toBe(b.getColumn('s').chunks[0]);
    expect(s.chunks[2]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    // the inputs' dictionaries are left as they were
    expect(a.getColumn('s').dictionary!.values).toEqual(['x', 'y']);
    expect(b.getColumn('s').dictionary!.values).toEqual(['z', 'x', 'w']);
  });

  it('keeps one dictionary and every chunk when the frames share it', async () => {
    const a = frameB();
    const out = await concat([a, a, a]);
    const s = out.getColumn('s');
    expect(s.dictionary).toBe(a.getColumn('s').dictionary);
    const input = a.getColumn('s').chunks;
    expect(s.chunks).toEqual([...input, ...input, ...input]);
    s.chunks.forEach((c, k) => expect(c).toBe(input[k % input.length]));
  });

  it('shares chunks of a frame whose dictionary is a prefix of the first one', async () => {
    const a = new DataFrame({ s: ['p', 'q', 'r'] });
    const b = new DataFrame({ s: ['q', 'p'] });
    const c = new DataFrame({ s: ['p', 'q', 'p'] });
    const out = await concat([a, b, c]);
    expect(out.getColumn('s').toArray()).toEqual(['p', 'q', 'r', 'q', 'p', 'p', 'q', 'p']);
    expect(out.getColumn('s').chunks[2]).toBe(c.getColumn('s').chunks[0]);
    expect(out.getColumn('s').dictionary).toBe(a.getColumn('s').dictionary);
  });

  it('takes empty frames and a single frame', async () => {
    const a = frameA();
    const empty = await a.head(0);
    const out = await concat([empty, a, empty]);
    expect(out.toRecords()).toEqual(a.toRecords());
    expect(out.dtypes).toEqual(a.dtypes);
    const one = await concat([a]);
    expect(one.toRecords()).toEqual(a.toRecords());
    a.getColumns().forEach((c) => expect(one.getColumn(c.name).chunks).toEqual(c.chunks));
    const none = await concat([empty, empty]);
    expect(none.shape).toEqual([0, 5]);
    expect(none.dtypes).toEqual(a.dtypes);
    const counted = await none.lazy().agg(col('i').count().alias('n')).collect({ threads: 2 });
    expect(counted.toRecords()).toEqual([{ n: 0 }]);
  });

  it('rejects a type clash with TYPE_ERROR naming the frame, the column and both types', async () => {
    const a = new DataFrame({ k: ['a'], v: [1] }, { dtypes: { v: 'Int32' } });
    const b = new DataFrame({ k: ['b'], v: ['x'] });
    const e = await rejection(concat([a, a, b]));
    expect(e).toBeInstanceOf(ConcatError);
    expect(e.code).toBe('TYPE_ERROR');
    expect(e).toMatchObject({ frame: 2, column: 'v', expected: 'Int32', found: 'Utf8' });
    expect(e.message).toContain('frame 2');
    const f = new DataFrame({ k: ['b'], v: [1.5] });
    expect((await rejection(concat([a, f]))).code).toBe('TYPE_ERROR');
  });

  it('rejects missing, extra and reordered columns', async () => {
    const a = new DataFrame({ k: ['a'], v: [1] });
    const missing = await rejection(concat([a, new DataFrame({ k: ['b'] })]));
    expect(missing.code).toBe('COLUMN_NOT_FOUND');
    expect(missing).toMatchObject({ frame: 1, column: 'v' });
    const extra = await rejection(concat([a, new DataFrame({ k: ['b'], v: [2], w: [3] })]));
    expect(extra.code).toBe('PLAN_ERROR');
    expect(extra).toMatchObject({ frame: 1, column: 'w' });
    const reordered = await rejection(concat([a, new DataFrame({ v: [2], k: ['b'] })]));
    expect(reordered.code).toBe('PLAN_ERROR');
  });

  it('rejects zero frames, a non-frame item and an unknown mode with INVALID_ARGUMENT', async () => {
    expect((await rejection(concat([]))).code).toBe('INVALID_ARGUMENT');
    const a = frameA();
    expect((await rejection(concat([a, a.toRecords() as unknown as DataFrame]))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(concat([a], { how: 'sideways' as 'vertical' }))).code).toBe('INVALID_ARGUMENT');
  });

  it('vstack is the vertical concat of two', async () => {
    const a = frameA();
    const b = frameB();
    const out = await a.vstack(b);
    expect(out.toRecords()).toEqual((await concat([a, b])).toRecords());
    expect(out.getColumn('f').chunks[0]).toBe(a.getColumn('f').chunks[0]);
    const e = await rejection(a.vstack(new DataFrame({ i: [1] })));
    expect(e.code).toBe('COLUMN_NOT_FOUND');
  });
});

describe('concat vertical_relaxed', () => {
  it('matches columns by name and upcasts Int32 to Int64 to Float64', async () => {
    const a = new DataFrame({ x: [1, null], y: [1, 2], z: ['a', 'b'] }, { dtypes: { x: 'Int32', y: 'Int32' } });
    const b = new DataFrame({ z: ['c'], y: [3n], x: [2.5] });
    const c = new DataFrame({ y: [4], x: [5], z: [null] }, { dtypes: { x: 'Int32', y: 'Int32', z: 'Utf8' } });
    const out = await concat([a, b, c], { how: 'vertical_relaxed' });
    expect(out.columns).toEqual(['x', 'y', 'z']);
    expect(out.dtypes).toEqual(['Float64', 'Int64', 'Utf8']);
    const convert = (n: string, v: Scalar): Scalar => (v === null ? null : n === 'x' ? Number(v) : n === 'y' ? BigInt(v as number) : v);
    expect(out.toRecords()).toEqual(stackedRows([a, b, c], ['x', 'y', 'z'], convert));
    // Int64 chunks of b are shared; the upcast Int32 chunks are new shared memory
    expect(out.getColumn('y').chunks[1]).toBe(b.getColumn('y').chunks[0]);
    expect(out.getColumn('y').chunks[0]!.values).toBeInstanceOf(BigInt64Array);
    expect(out.getColumn('y').chunks[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.getColumn('x').chunks[1]).toBe(b.getColumn('x').chunks[0]);
  });

  it('upcasts Int32 straight to Float64 and Int64 to Float64', async () => {
    const a = new DataFrame({ v: [1, 2] }, { dtypes: { v: 'Int32' } });
    const b = new DataFrame({ v: [10n] });
    const f = new DataFrame({ v: [0.25] });
    expect((await concat([a, f], { how: 'vertical_relaxed' })).getColumn('v').toArray()).toEqual([1, 2, 0.25]);
    expect((await concat([b, f], { how: 'vertical_relaxed' })).getColumn('v').toArray()).toEqual([10, 0.25]);
  });

  it('rejects a non-numeric clash and a missing column', async () => {
    const a = new DataFrame({ v: [1], w: [true] });
    const e = await rejection(
      concat([a, new DataFrame({ w: [true], v: [day('2024-01-01')] }, { dtypes: { v: 'Date' } })], { how: 'vertical_relaxed' }),
    );
    expect(e.code).toBe('TYPE_ERROR');
    expect(e).toMatchObject({ frame: 1, column: 'v', found: 'Date' });
    const m = await rejection(concat([a, new DataFrame({ w: [false] })], { how: 'vertical_relaxed' }));
    expect(m.code).toBe('COLUMN_NOT_FOUND');
  });
});

describe('concat diagonal', () => {
  it('takes the union of names and fills missing columns with nulls of their type', async () => {
    const a = new DataFrame({ k: ['a', 'b', 'c'], v: [1, 2, 3] }, { chunkSize: 2, dtypes: { v: 'Int32' } });
    const b = new DataFrame({ w: [true, false], k: ['d', 'a'] });
    const c = new DataFrame({ v: [0.5], d: [day('2024-02-02')] }, { dtypes: { d: 'Date' } });
    const out = await concat([a, b, c], { how: 'diagonal' });
    expect(out.columns).toEqual(['k', 'v', 'w', 'd']);
    expect(out.dtypes).toEqual(['Utf8', 'Float64', 'Boolean', 'Date']);
    const convert = (n: string, v: Scalar): Scalar => (n === 'v' && v !== null ? Number(v) : v);
    expect(out.toRecords()).toEqual(stackedRows([a, b, c], out.columns, convert));
    // the fill follows each frame's chunk layout, so every column shares one layout
    const layout = (n: string): number[] => out.getColumn(n).chunks.map((ch) => ch.length);
    for (const n of out.columns) expect(layout(n), n).toEqual([2, 1, 2, 1]);
    expect(out.getColumn('w').nullCount).toBe(4);
    expect(out.getColumn('k').chunks[0]).toBe(a.getColumn('k').chunks[0]);
    expect(out.getColumn('w').chunks[2]).toBe(b.getColumn('w').chunks[0]);
  });

  it('rejects a clash it cannot upcast', async () => {
    const e = await rejection(concat([new DataFrame({ v: [1] }), new DataFrame({ v: ['x'] })], { how: 'diagonal' }));
    expect(e.code).toBe('TYPE_ERROR');
    expect(e).toMatchObject({ frame: 1, column: 'v' });
  });
});

describe('concat horizontal and hstack', () => {
  it('puts columns side by side, sharing chunks of equal layouts', async () => {
    const a = new DataFrame({ k: ['a', 'b', 'c'], v: [1, 2, 3] }, { chunkSize: 2 });
    const b = new DataFrame({ w: [true, null, false], d: [day('2024-01-01'), null, null] }, { chunkSize: 2, dtypes: { d: 'Date' } });
    const out = await concat([a, b], { how: 'horizontal' });
    expect(out.columns).toEqual(['k', 'v', 'w', 'd']);
    const ra = a.toRecords();
    const rb = b.toRecords();
    expect(out.toRecords()).toEqual(ra.map((r, i) => ({ ...r, ...rb[i] })));
    for (const f of [a, b]) for (const c of f.getColumns()) out.getColumn(c.name).chunks.forEach((ch, k) => expect(ch).toBe(c.chunks[k]));
  });

  it("pads shorter frames with nulls, as Polars does, cut to the tallest frame's layout", async () => {
    const a = new DataFrame({ v: [1, 2] }, { dtypes: { v: 'Int32' } });
    const b = new DataFrame({ s: ['x', 'y', 'z', 'w', 'u'], t: [true, false, true, true, false] }, { chunkSize: 2 });
    const out = await concat([a, b], { how: 'horizontal' });
    expect(out.shape).toEqual([5, 3]);
    expect(out.getColumn('v').toArray()).toEqual([1, 2, null, null, null]);
    expect(out.getColumn('v').dtype).toBe('Int32');
    for (const n of out.columns)
      expect(
        out.getColumn(n).chunks.map((c) => c.length),
        n,
      ).toEqual([2, 2, 1]);
    expect(out.getColumn('s').chunks[1]).toBe(b.getColumn('s').chunks[1]);
    expect(out.getColumn('v').chunks[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const strict = await rejection(concat([a, b], { how: 'horizontal', strict: true }));
    expect(strict.code).toBe('LENGTH_MISMATCH');
  });

  it('recuts columns whose chunk layouts differ, copying only straddling chunks', async () => {
    const a = new DataFrame({ v: [1, 2, 3, 4, 5] }, { chunkSize: 2 });
    const b = new DataFrame({ w: [true, false, null, true, false], s: ['a', 'b', 'c', 'd', null] }, { chunkSize: 3 });
    const out = await concat([a, b], { how: 'horizontal' });
    expect(out.toRecords()).toEqual(a.toRecords().map((r, i) => ({ ...r, ...b.toRecords()[i] })));
    for (const n of out.columns)
      expect(
        out.getColumn(n).chunks.map((c) => c.length),
        n,
      ).toEqual([2, 2, 1]);
    expect(out.getColumn('s').dictionary).toBe(b.getColumn('s').dictionary);
  });

  it('rejects a name in two frames with DUPLICATE_COLUMN', async () => {
    const a = new DataFrame({ v: [1] });
    expect((await rejection(concat([a, new DataFrame({ v: [2] })], { how: 'horizontal' }))).code).toBe('DUPLICATE_COLUMN');
    expect((await rejection(a.hstack(new DataFrame({ v: [2] })))).code).toBe('DUPLICATE_COLUMN');
  });

  it('hstack takes a frame or columns and requires equal heights', async () => {
    const a = frameA();
    const other = new DataFrame({ w: [7, 8, 9] }, { chunkSize: 2 });
    const out = await a.hstack(other);
    expect(out.columns).toEqual([...a.columns, 'w']);
    expect(out.getColumn('w').toArray()).toEqual([7, 8, 9]);
    const viaColumns = await a.hstack([other.getColumn('w').rename('w2')]);
    expect(viaColumns.getColumn('w2').toArray()).toEqual([7, 8, 9]);
    expect(viaColumns.getColumn('w2').chunks[0]).toBe(other.getColumn('w').chunks[0]);
    const e = await rejection(a.hstack(new DataFrame({ w: [1] })));
    expect(e.code).toBe('LENGTH_MISMATCH');
  });
});

describe('concat results in queries', () => {
  it('rechunk copies into standard chunks with the same rows', async () => {
    const a = frameA();
    const b = frameB();
    const out = await concat([a, b], { rechunk: true });
    expect(out.toRecords()).toEqual(stackedRows([a, b], a.columns));
    for (const n of out.columns) expect(out.getColumn(n).chunks.length, n).toBe(1);
  });

  it('a concat result grouped and aggregated gives the reference answer on 1 and 2 threads', async () => {
    const parts = [0, 1, 2].map(
      (p) =>
        new DataFrame(
          {
            k: Array.from({ length: 50 + p * 7 }, (_, i) => `g${(i * (p + 3)) % (4 + p)}`),
            v: Array.from({ length: 50 + p * 7 }, (_, i) => (i % 11 === 0 ? null : i + p)),
          },
          { chunkSize: 16 + p * 5, dtypes: { v: 'Int32' } },
        ),
    );
    const rows = parts.flatMap((f) => f.toRecords());
    const want = new Map<string, { sum: number; n: number }>();
    for (const r of rows) {
      const acc = want.get(r.k as string) ?? { sum: 0, n: 0 };
      if (r.v !== null) acc.sum += r.v as number;
      acc.n++;
      want.set(r.k as string, acc);
    }
    const expected = [...want].map(([k, a]) => ({ k, sum: a.sum, n: a.n })).sort((x, y) => (x.k < y.k ? -1 : 1));
    const combined = await concat(parts);
    for (const threads of [1, 2]) {
      const got = await combined
        .lazy()
        .groupBy('k')
        .agg(col('v').sum().alias('sum'), col('v').count().alias('n0'), col('k').count().alias('n'))
        .sort('k')
        .collect({ threads });
      const recs = got.toRecords().map((r) => ({ k: r.k, sum: Number(r.sum), n: Number(r.n) }));
      expect(recs, `threads ${threads}`).toEqual(expected);
    }
  });
});
