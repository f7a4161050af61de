/** NDJSON between Volley and DuckDB: each reads what the other writes, with the same values. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFrame, readNdjson } from '../../src/index.js';
import { useDuckDB } from '../differential/duckdb-session.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-json-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sql = useDuckDB();

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('NDJSON with DuckDB', () => {
  it('DuckDB reads what writeNdjson writes', async () => {
    const df = DataFrame.fromColumns(
      {
        i: [1, null, -5],
        big: [2n ** 62n + 7n, null, -1n],
        f: [1.5, -0.25, null],
        b: [true, null, false],
        s: ['a "q"', 'Zürich 😀', null],
        d: [day('2024-02-29'), null, day('1969-12-31')],
        t: [new Date('2024-01-01T12:34:56.789Z'), new Date(0), null],
      },
      { dtypes: { i: 'Int32', big: 'Int64', f: 'Float64', b: 'Boolean', s: 'Utf8', d: 'Date', t: 'Timestamp' } },
    );
    const file = join(dir, 'volley.ndjson');
    await df.writeNdjson(file);
    const rows = await sql(
      `SELECT i, big, f, b, s, d, t FROM read_ndjson('${file}', columns = {i: 'INTEGER', big: 'BIGINT', f: 'DOUBLE', b: 'BOOLEAN', s: 'VARCHAR', d: 'DATE', t: 'TIMESTAMP'})`,
    );
    expect(rows).toHaveLength(3);
    const want = df.toRecords();
    rows.forEach((row, r) => {
      const w = want[r]!;
      expect(row.i).toBe(w.i);
      expect(row.big === null ? null : BigInt(row.big as bigint)).toBe(w.big);
      expect(row.f).toBe(w.f);
      expect(row.b).toBe(w.b);
      expect(row.s).toBe(w.s);
      expect(row.d === null ? null : (row.d as Date).getTime()).toBe(w.d === null ? null : (w.d as Date).getTime());
      expect(row.t === null ? null : (row.t as Date).getTime()).toBe(w.t === null ? null : (w.t as Date).getTime());
    });
  });

  it('readNdjson reads what DuckDB writes', async () => {
    const file = join(dir, 'duckdb.ndjson');
    await sql(
      `COPY (SELECT * FROM (VALUES (1, 9007199254740993::BIGINT, 0.5, true, 'x', DATE '2024-02-29'), (2, NULL, NULL, NULL, 'é😀', NULL)) v(i, big, f, b, s, d)) TO '${file}' (FORMAT json)`,
    );
    const df = await readNdjson(file, { dtypes: { d: 'Date' } });
    expect(df.schema.fields.map((f) => `${f.name}:${f.dtype}`)).toEqual([
      'i:Int32',
      'big:Int64',
      'f:Float64',
      'b:Boolean',
      's:Utf8',
      'd:Date',
    ]);
    expect(df.toRecords()).toEqual([
      { i: 1, big: 9007199254740993n, f: 0.5, b: true, s: 'x', d: day('2024-02-29') },
      { i: 2, big: null, f: null, b: null, s: 'é😀', d: null },
    ]);
  });
});
