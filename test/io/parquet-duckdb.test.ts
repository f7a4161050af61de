/** Parquet between Volley and DuckDB: each reads what the other writes, with the same values. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFrame, ParquetError, col, lit, readParquet, scanParquet } from '../../src/index.js';
import { useDuckDB, type SqlRow } from '../differential/duckdb-session.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-parquet-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** DuckDB rows of every Volley type: nulls in every column, non-ASCII text, few distinct strings (dictionary pages), -0, NaN and infinities. */
const ROWS_SQL = `
  SELECT
    i::INTEGER AS i32,
    CASE WHEN i % 7 = 0 THEN NULL ELSE i::BIGINT * 768614336404564 - 5 END AS i64,
    CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'NaN'::DOUBLE WHEN i % 17 = 0 THEN -0.0
         WHEN i % 19 = 0 THEN 'inf'::DOUBLE ELSE i / 7.0 - 100 END AS f64,
    CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
    CASE WHEN i % 9 = 0 THEN NULL
         ELSE ['', 'plain', 'e' || chr(769), 'Zürich', '😀👍🏽', '東京', 'a,"b"'][1 + i % 7] END AS s,
    CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '1950-03-01' + (i * 3)::INTEGER END AS d,
    CASE WHEN i % 6 = 0 THEN NULL ELSE make_timestamp(((i::BIGINT - 3000) * 86400123457)::BIGINT) END AS ts
  FROM range(12000) t(i)`;

function same(volley: Record<string, unknown>[], duck: SqlRow[], columns: readonly string[]): void {
  expect(volley.length).toBe(duck.length);
  for (let r = 0; r < duck.length; r++) {
    for (const c of columns) {
      const v = volley[r]![c];
      let d = duck[r]![c];
      if (d instanceof Date) d = d.getTime();
      const got = v instanceof Date ? v.getTime() : v;
      if (typeof got === 'bigint' && typeof d !== 'bigint' && d !== null) d = BigInt(d as number);
      expect(Object.is(got, d) || got === d, `row ${r} column ${c}: ${String(got)} vs ${String(d)}`).toBe(true);
    }
  }
}

describe('Parquet with DuckDB', () => {
  const sql = useDuckDB();
  const columns = ['i32', 'i64', 'f64', 'b', 's', 'd', 'ts'];

  for (const codec of ['snappy', 'zstd', 'uncompressed', 'gzip']) {
    it(`readParquet reads DuckDB's file as DuckDB does (${codec}, row groups of 2,048)`, async () => {
      const file = join(dir, `duck-${codec}.parquet`);
      await sql(`COPY (${ROWS_SQL}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION ${codec})`);
      const groups = await sql(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${file}')`);
      expect(Number(groups[0]!.n)).toBeGreaterThan(3);
      const encodings = await sql(`SELECT encodings FROM parquet_metadata('${file}') WHERE path_in_schema = 's' LIMIT 1`);
      expect(String(encodings[0]!.encodings)).toMatch(/DICTIONARY/);
      const df = await readParquet(file);
      expect(df.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual([
        'i32:Int32',
        'i64:Int64',
        'f64:Float64',
        'b:Boolean',
        's:Utf8',
        'd:Date',
        'ts:Timestamp',
      ]);
      // DuckDB's TIMESTAMP is µs: compared as the ms Volley floors it to (epoch_ms truncates toward 0)
      const duck = (await sql(`SELECT * EXCLUDE (ts), epoch_us(ts) AS ts FROM read_parquet('${file}')`)).map((r) => ({
        ...r,
        ts: r.ts === null ? null : Number(floorDiv(BigInt(r.ts as bigint), 1_000n)),
      }));
      const volley = df.toRecords().map((r) => ({ ...r, ts: r.ts === null ? null : (r.ts as Date).getTime() }));
      same(volley, duck, columns);
    });
  }

  it('read_parquet reads what writeParquet writes, types and values', async () => {
    const src = join(dir, 'src.parquet');
    await sql(`COPY (${ROWS_SQL}) TO '${src}' (FORMAT parquet)`);
    const df = await readParquet(src);
    for (const compression of ['zstd', 'snappy', 'uncompressed'] as const) {
      const file = join(dir, `volley-${compression}.parquet`);
      await df.writeParquet(file, { compression, rowGroupSize: 5_000 });
      const types = await sql(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
      expect(types.map((t) => `${t.column_name}:${t.column_type}`)).toEqual([
        'i32:INTEGER',
        'i64:BIGINT',
        'f64:DOUBLE',
        'b:BOOLEAN',
        's:VARCHAR',
        'd:DATE',
        'ts:TIMESTAMP',
      ]);
      const groups = await sql(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${file}')`);
      expect(Number(groups[0]!.n)).toBe(3);
      const duck = await sql(`SELECT * FROM read_parquet('${file}')`);
      same(df.toRecords(), duck, columns);
    }
  });

  it('DuckDB and a Volley scan agree on filtered rows, with row groups skipped', async () => {
    const file = join(dir, 'filter.parquet');
    await sql(`COPY (${ROWS_SQL}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    const lf = scanParquet(file).filter(
      col('i32')
        .gte(lit(9_000))
        .and(col('s').eq(lit('東京'))),
    );
    expect(lf.explain()).toMatch(/ROW GROUPS: 2\/\d+ read, \d+ skipped/);
    for (const threads of [1, 2]) {
      const got = await lf.select('i32', 'i64', 's').collect({ threads });
      const duck = await sql(`SELECT i32, i64, s FROM read_parquet('${file}') WHERE i32 >= 9000 AND s = '東京'`);
      same(got.toRecords(), duck, ['i32', 'i64', 's']);
    }
  });

  it('narrow, unsigned, single-precision and finer-time columns widen', async () => {
    const file = join(dir, 'widen.parquet');
    await sql(`COPY (SELECT i::TINYINT AS i8, (i * 300)::SMALLINT AS i16, i::UTINYINT AS u8, (i * 600)::USMALLINT AS u16,
        (i * 40000000)::UINTEGER AS u32, (i / 3)::FLOAT AS f32,
        make_timestamp_ns(i * 1000000000000 - 1) AS ns, make_timestamp(i * 1000000 - 1) AS us,
        epoch_ms(i * 1000)::TIMESTAMP_MS AS ms, to_timestamp(i)::TIMESTAMPTZ AS tz
      FROM range(-0, 100) t(i)) TO '${file}' (FORMAT parquet)`);
    const df = await readParquet(file);
    expect(df.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual([
      'i8:Int32',
      'i16:Int32',
      'u8:Int32',
      'u16:Int32',
      'u32:Float64',
      'f32:Float64',
      'ns:Timestamp',
      'us:Timestamp',
      'ms:Timestamp',
      'tz:Timestamp',
    ]);
    const duck = await sql(`SELECT i8, i16, u8, u16, u32, f32::DOUBLE AS f32, epoch_ns(ns) AS ns, epoch_us(us) AS us,
        epoch_ms(ms) AS ms, epoch_ms(tz) AS tz FROM read_parquet('${file}')`);
    const rows = df.toRecords();
    for (let r = 0; r < duck.length; r++) {
      const v = rows[r]!;
      const d = duck[r]!;
      for (const c of ['i8', 'i16', 'u8', 'u16', 'u32', 'f32']) expect(v[c]).toBe(Number(d[c]));
      // finer units are floored to ms: -1 ns and -1 µs before a whole ms land on the ms before
      expect(BigInt((v.ns as Date).getTime())).toBe(floorDiv(BigInt(d.ns as bigint), 1_000_000n));
      expect(BigInt((v.us as Date).getTime())).toBe(floorDiv(BigInt(d.us as bigint), 1_000n));
      expect((v.ms as Date).getTime()).toBe(Number(d.ms));
      expect((v.tz as Date).getTime()).toBe(Number(d.tz));
    }
  });

  it('DECIMAL, nested and unsigned 64-bit columns are clear errors naming the column; columns leaves them out', async () => {
    const file = join(dir, 'unsupported.parquet');
    await sql(`COPY (SELECT i AS id, (i / 7)::DECIMAL(10, 2) AS price, [i, i] AS pair, {'a': i} AS rec, i::UBIGINT AS u64
      FROM range(10) t(i)) TO '${file}' (FORMAT parquet)`);
    await expect(readParquet(file)).rejects.toThrow(ParquetError);
    await expect(readParquet(file)).rejects.toThrow(/column "price" .* DECIMAL\(10, 2\)/);
    await expect(readParquet(file, { columns: ['id', 'pair'] })).rejects.toThrow(/column "pair" .*nested/);
    await expect(readParquet(file, { columns: ['rec'] })).rejects.toThrow(/column "rec" .*nested/);
    await expect(readParquet(file, { columns: ['u64'] })).rejects.toThrow(/column "u64" .*UINT64/);
    expect(() => scanParquet(file)).toThrow(/column "price"/);
    const ids = await readParquet(file, { columns: ['id'] });
    expect(ids.getColumn('id').toArray()).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    const scanned = await scanParquet(file, { columns: ['id'] })
      .filter(col('id').gt(lit(7)))
      .collect();
    expect(scanned.height).toBe(2);
  });

  it('a frame built in Volley survives Volley → DuckDB → Volley', async () => {
    const df = DataFrame.fromColumns(
      { s: ['😀', null, '', 'e\u0301'], t: [new Date(-1), null, new Date(0), new Date(1_700_000_000_123)] },
      { dtypes: { s: 'Utf8', t: 'Timestamp' } },
    );
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    await df.writeParquet(a);
    await sql(`COPY (SELECT * FROM read_parquet('${a}')) TO '${b}' (FORMAT parquet)`);
    const back = await readParquet(b);
    expect(back.toRecords()).toEqual(df.toRecords());
  });
});

function floorDiv(v: bigint, d: bigint): bigint {
  const q = v / d;
  return v < 0n && q * d !== v ? q - 1n : q;
}
