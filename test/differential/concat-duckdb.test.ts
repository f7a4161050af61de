/** concat in every mode and scanCsv of many files against DuckDB's UNION ALL, UNION ALL BY NAME and read_csv of a list or a glob. */
import { describe, expect, it } from 'vitest';
import { concat, DataFrame, type DataType, readCsv, scanCsv } from '../../src/index.js';
import type { Scalar } from '../../src/table/scalar.js';
import { type SqlRow, useDuckDB } from './duckdb-session.js';
import { mulberry32 } from './prng.js';

/** A seeded generator, so a failure reproduces. */
const random = mulberry32;

const SQL_TYPES: Record<string, string> = { Int32: 'INTEGER', Int64: 'BIGINT', Float64: 'DOUBLE', Utf8: 'VARCHAR', Boolean: 'BOOLEAN' };

/** Strings from a pool of its own per frame (so every frame has another dictionary), with nulls. */
function values(rnd: () => number, dtype: DataType, n: number, pool: readonly string[]): Scalar[] {
  return Array.from({ length: n }, (): Scalar => {
    if (rnd() < 0.2) return null;
    switch (dtype) {
      case 'Int32':
        return Math.floor(rnd() * 200) - 100;
      case 'Int64':
        return BigInt(Math.floor(rnd() * 1e6)) * 10_000_000n;
      case 'Float64':
        return Math.round(rnd() * 1000) / 8 - 50;
      case 'Boolean':
        return rnd() < 0.5;
      default:
        return pool[Math.floor(rnd() * pool.length)]!;
    }
  });
}

interface Spec {
  readonly types: Record<string, DataType>;
  readonly rows: number;
}

function frameOf(seed: number, spec: Spec): DataFrame {
  const rnd = random(seed);
  const pool = ['a', 'b', 'Zürich', '', `only-${seed}`, `x${seed % 3}`];
  const data = Object.fromEntries(Object.entries(spec.types).map(([n, t]) => [n, values(rnd, t, spec.rows, pool)]));
  return DataFrame.fromColumns(data, { dtypes: spec.types, chunkSize: 3 + (seed % 5) });
}

function sqlLiteral(v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return String(v);
}

/** A row with bigints and numbers compared by value, so Int64 and BIGINT, Int32 and INTEGER agree. */
function normal(rows: readonly SqlRow[], names: readonly string[]): unknown[][] {
  return rows.map((r) => names.map((n) => (typeof r[n] === 'bigint' ? `${r[n]}n` : (r[n] ?? null))));
}

const MODES: Record<'vertical' | 'vertical_relaxed' | 'diagonal', Spec[]> = {
  vertical: [
    { types: { k: 'Utf8', i: 'Int32', f: 'Float64', b: 'Boolean' }, rows: 23 },
    { types: { k: 'Utf8', i: 'Int32', f: 'Float64', b: 'Boolean' }, rows: 17 },
    { types: { k: 'Utf8', i: 'Int32', f: 'Float64', b: 'Boolean' }, rows: 0 },
    { types: { k: 'Utf8', i: 'Int32', f: 'Float64', b: 'Boolean' }, rows: 31 },
  ],
  vertical_relaxed: [
    { types: { k: 'Utf8', i: 'Int32', f: 'Float64', j: 'Int32' }, rows: 19 },
    { types: { i: 'Int64', k: 'Utf8', j: 'Int32', f: 'Int32' }, rows: 13 },
    { types: { j: 'Int32', f: 'Float64', k: 'Utf8', i: 'Int32' }, rows: 0 },
    { types: { f: 'Float64', j: 'Int64', i: 'Float64', k: 'Utf8' }, rows: 11 },
  ],
  diagonal: [
    { types: { k: 'Utf8', i: 'Int32' }, rows: 15 },
    { types: { b: 'Boolean', i: 'Int64' }, rows: 12 },
    { types: { f: 'Float64', k: 'Utf8' }, rows: 9 },
    { types: { k: 'Utf8' }, rows: 0 },
    { types: { i: 'Float64', b: 'Boolean', k: 'Utf8' }, rows: 10 },
  ],
};

describe('concat against DuckDB', () => {
  const query = useDuckDB();

  async function load(name: string, df: DataFrame): Promise<void> {
    const names = df.columns;
    await query(`CREATE OR REPLACE TABLE ${name} (${names.map((n) => `${n} ${SQL_TYPES[df.schema.get(n).dtype]}`).join(', ')})`);
    const rows = df.toRecords();
    if (rows.length === 0) return;
    await query(`INSERT INTO ${name} VALUES ${rows.map((r) => `(${names.map((n) => sqlLiteral(r[n] ?? null)).join(', ')})`).join(', ')}`);
  }

  for (const [how, specs] of Object.entries(MODES) as [keyof typeof MODES, Spec[]][]) {
    it(`${how}: eager and lazy equal DuckDB's UNION ALL${how === 'vertical' ? '' : ' BY NAME'}, threads 1/2/4 and morsel sizes 1/7/default`, async () => {
      const frames = specs.map((s, i) => frameOf(11 * (i + 1) + how.length, s));
      for (const [i, f] of frames.entries()) await load(`t${i}`, f);
      const union = how === 'vertical' ? 'UNION ALL' : 'UNION ALL BY NAME';
      const parts = frames.map((_, i) => `SELECT ${i} AS __t, rowid AS __r, * FROM t${i}`).join(` ${union} `);
      const eager = await concat(frames, { how });
      const names = eager.columns;
      const want = normal(await query(`SELECT ${names.join(', ')} FROM (${parts}) ORDER BY __t, __r`), names);
      expect(normal(eager.toRecords(), names)).toEqual(want);
      // the types DuckDB chose are the ones concat chose
      const described = await query(`DESCRIBE SELECT ${names.join(', ')} FROM (${parts})`);
      expect(described.map((d) => d.column_type)).toEqual(names.map((n) => SQL_TYPES[eager.schema.get(n).dtype]));
      const lazy = concat(
        frames.map((f) => f.lazy()),
        { how },
      );
      for (const threads of [1, 2, 4])
        for (const morselSize of [1, 7, undefined]) {
          const got = await lazy.collect(morselSize === undefined ? { threads } : { threads, morselSize });
          expect(got.schema.equals(eager.schema)).toBe(true);
          expect(normal(got.toRecords(), names), `${how} threads ${threads} morsels ${morselSize}`).toEqual(want);
        }
    }, 120_000);
  }

  it("horizontal: eager and lazy equal DuckDB's POSITIONAL JOIN (shorter inputs padded with nulls), threads 1/2/4 and morsel sizes 1/7/default", async () => {
    const specs: Spec[] = [
      { types: { k: 'Utf8', i: 'Int32' }, rows: 14 },
      { types: { f: 'Float64', s: 'Utf8' }, rows: 21 },
      { types: { j: 'Int64', b: 'Boolean' }, rows: 0 },
      { types: { t: 'Utf8' }, rows: 9 },
    ];
    const frames = specs.map((s, i) => frameOf(7 * (i + 1), s));
    for (const [i, f] of frames.entries()) await load(`h${i}`, f);
    const eager = await concat(frames, { how: 'horizontal' });
    const names = eager.columns;
    const sql = `SELECT ${names.join(', ')} FROM ${frames.map((_, i) => `h${i}`).join(' POSITIONAL JOIN ')}`;
    const want = normal(await query(sql), names);
    expect(want.length).toBe(21);
    expect(normal(eager.toRecords(), names)).toEqual(want);
    const lazy = concat(
      frames.map((f) => f.lazy()),
      { how: 'horizontal' },
    );
    for (const threads of [1, 2, 4])
      for (const morselSize of [1, 7, undefined]) {
        const got = await lazy.collect(morselSize === undefined ? { threads } : { threads, morselSize });
        expect(normal(got.toRecords(), names), `threads ${threads} morsels ${morselSize}`).toEqual(want);
      }
  }, 120_000);

  const PARTS = 'test/fixtures/csv/parts';
  const CSV_NAMES = ['id', 'name', 'v', 'big'];
  /** DuckDB reads the integer columns as BIGINT, Volley as Int32 or Int64 (unified across files): compare values. */
  const byValue = (rows: readonly SqlRow[]) =>
    rows.map((r) => CSV_NAMES.map((n) => (typeof r[n] === 'bigint' ? Number(r[n]) : (r[n] ?? null))));

  it("scanCsv and readCsv of a list equal DuckDB's read_csv of the list", async () => {
    const files = [`${PARTS}/part-1.csv`, `${PARTS}/part-2.csv`, `${PARTS}/part-3.csv`];
    const want = byValue(await query(`SELECT * FROM read_csv([${files.map((f) => `'${f}'`).join(', ')}])`));
    expect(want.length).toBe(6);
    expect(byValue((await scanCsv(files).collect({ threads: 2 })).toRecords())).toEqual(want);
    expect(byValue((await readCsv(files, { threads: 1 })).toRecords())).toEqual(want);
  });

  it("scanCsv of a glob equals DuckDB's read_csv of the same glob, files in path order", async () => {
    const glob = `${PARTS}/**/part-*.csv`;
    const want = byValue(await query(`SELECT * FROM read_csv('${glob}')`));
    const got = byValue((await scanCsv(glob).collect({ threads: 2 })).toRecords());
    expect(got).toEqual(want);
    expect(got.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
