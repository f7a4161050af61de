/**
 * Arrow IPC with a peer: files and streams Volley writes read in Polars as Volley's frame, and
 * those Polars writes (strings as Utf8View, times in µs) read in Volley as Polars' frame. DuckDB's
 * Arrow extension is not installed here (nothing may be downloaded), so Polars is the peer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFrame, readIpc, readIpcStream, shutdownPool } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-ipc-polars-'));
afterAll(async () => {
  await shutdownPool();
  rmSync(dir, { recursive: true, force: true });
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const LONG = 'a string longer than twelve bytes, Zürich 😀 e\u0301 東京';
const TEXT = ['a', '', null, LONG, 'Zürich', LONG, '東京'];

/** Every type Volley has with nulls; Int64 values stay within 2^53 so that Polars' records hold them exactly. */
function volleyFrame(): DataFrame {
  return DataFrame.fromColumns(
    {
      i: [1, null, -2147483648, 2147483647, 0, 7, null],
      big: [2n ** 52n, -(2n ** 53n) + 1n, null, 0n, 1n, null, -1n],
      f: [1.5, Number.NaN, null, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, 1e-300],
      b: [true, false, null, true, true, false, null],
      s: TEXT,
      d: [day('2024-02-29'), null, day('1969-12-31'), day('2000-01-01'), null, day('2024-02-29'), day('1970-01-01')],
      t: [new Date('2024-01-01T12:34:56.789Z'), null, new Date(0), new Date(-1), null, new Date('2038-01-19T03:14:08Z'), new Date(1)],
    },
    { dtypes: { i: 'Int32', big: 'Int64', f: 'Float64', b: 'Boolean', s: 'Utf8', d: 'Date', t: 'Timestamp' }, chunkSize: 3 },
  );
}

/** Records with NaN, -0 and dates made comparable by toEqual. */
function comparable(records: Record<string, unknown>[]): unknown[] {
  const tag = (v: unknown): unknown =>
    typeof v === 'number' && Object.is(v, -0) ? '-0' : typeof v === 'bigint' ? Number(v) : v instanceof Date ? `t:${v.getTime()}` : v;
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, tag(v)])));
}

describe('Arrow IPC with Polars', () => {
  it('Polars reads the file and the stream Volley writes as Volley has them', async () => {
    const df = volleyFrame();
    const file = join(dir, 'volley.arrow');
    const stream = join(dir, 'volley.arrows');
    await df.writeIpc(file);
    await df.writeIpcStream(stream);
    for (const p of [pl.readIPC(readFileSync(file)), pl.readIPCStream(readFileSync(stream))]) {
      expect(p.dtypes.map(String)).toEqual([
        'DataType(Int32)',
        'DataType(Int64)',
        'DataType(Float64)',
        'DataType(Bool)',
        // Volley writes its dictionary-encoded strings as Arrow dictionaries, which Polars reads as categorical
        'DataType(Categorical)',
        'DataType(Date)',
        'DataType(Datetime(ms,))',
      ]);
      expect(comparable(p.toRecords() as Record<string, unknown>[])).toEqual(comparable(df.toRecords()));
    }
  });

  it('Volley reads the file and the stream Polars writes, Utf8View strings and µs times included', async () => {
    const p = pl
      .DataFrame({ n: [1, null, -3, 2147483647, 0, 5, 6], s: TEXT, f: [0.5, null, -0, 1e300, 2, 3, 4] })
      .withColumns(
        pl.col('n').cast(pl.Int32).alias('i32'),
        pl.col('n').cast(pl.Int64).alias('i64'),
        pl.col('n').cast(pl.Int16).alias('i16'),
        pl.col('n').gt(0).alias('b'),
        pl.col('n').mul(86_400_000).cast(pl.Datetime('ms')).cast(pl.Date).alias('d'),
        pl.col('n').mul(1_000_123).cast(pl.Datetime('us')).alias('tus'),
      );
    const file = join(dir, 'polars.arrow');
    const stream = join(dir, 'polars.arrows');
    p.writeIPC(file);
    p.writeIPCStream(stream);
    for (const df of [await readIpc(file), await readIpcStream(stream)]) {
      expect(df.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual([
        'n:Float64',
        's:Utf8',
        'f:Float64',
        'i32:Int32',
        'i64:Int64',
        'i16:Int32',
        'b:Boolean',
        'd:Date',
        'tus:Timestamp',
      ]);
      const ns = [1, null, -3, 2147483647, 0, 5, 6];
      expect(df.getColumn('s').toArray()).toEqual(TEXT);
      expect(df.getColumn('i64').toArray({ int64: 'number' })).toEqual(ns);
      // Polars' cast gives null for a value out of Int16's range
      expect(df.getColumn('i16').toArray()).toEqual([1, null, -3, null, 0, 5, 6]);
      expect(df.getColumn('d').toArray()).toEqual(ns.map((x) => (x === null ? null : new Date(x * 86_400_000))));
      // µs are floored to ms, so a time before 1970 stays on its earlier millisecond
      expect(df.getColumn('tus').toArray()).toEqual(ns.map((x) => (x === null ? null : new Date(Math.floor((x * 1_000_123) / 1000)))));
      expect(comparable((await df.select('f', 'i32', 'b')).toRecords())).toEqual(
        comparable(p.select('f', 'i32', 'b').toRecords() as Record<string, unknown>[]),
      );
    }
  });
});
