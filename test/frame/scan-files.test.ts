/** scanCsv and readCsv of a list of files or a glob: one table, files in order, one unified schema, pushdown into every file, clear errors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { col, concat, CsvError, InvalidArgumentError, len, readCsv, scanCsv, shutdownPool } from '../../src/index.js';
import { expandCsvPaths } from '../../src/io/csv/files.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-scan-files-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownPool();
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const PARTS = 'test/fixtures/csv/parts';
const P1 = `${PARTS}/part-1.csv`;
const P2 = `${PARTS}/part-2.csv`;
const P3 = `${PARTS}/part-3.csv`;
const P4 = `${PARTS}/sub/part-4.csv`;
const P5 = `${PARTS}/sub/part-5.csv`;

describe('expandCsvPaths', () => {
  it('keeps a list in order and sorts a glob by full path', () => {
    expect(expandCsvPaths([P2, P1])).toEqual([P2, P1]);
    expect(expandCsvPaths(`${PARTS}/part-*.csv`)).toEqual([P1, P2, P3]);
    expect(expandCsvPaths(`${PARTS}/part-?.csv`)).toEqual([P1, P2, P3]);
    expect(expandCsvPaths(`${PARTS}/part-[13].csv`)).toEqual([P1, P3]);
    expect(expandCsvPaths(`${PARTS}/part-[!13].csv`)).toEqual([P2]);
    expect(expandCsvPaths(`${PARTS}/part-[1-2].csv`)).toEqual([P1, P2]);
    expect(expandCsvPaths(`${PARTS}/**/part-*.csv`)).toEqual([P1, P2, P3, P4, P5]);
    expect(expandCsvPaths(`${PARTS}/*/part-*.csv`)).toEqual([P4, P5]);
    expect(expandCsvPaths([`${PARTS}/sub/*.csv`, P1])).toEqual([P4, P5, P1]);
  });

  it('sorts by the bytes of the path, skips hidden names and directories, and reads a file named like a glob as a path', () => {
    const names = ['b.csv', 'B.csv', 'a.csv', 'é.csv', 'z.csv', '.hidden.csv', 'x[1].csv'];
    for (const n of names) file(`sort/${n}`, 'a\n1\n');
    mkdirSync(join(dir, 'sort', 'd.csv'));
    expect(expandCsvPaths(join(dir, 'sort', '*.csv')).map((p) => p.slice(join(dir, 'sort').length + 1))).toEqual([
      'B.csv',
      'a.csv',
      'b.csv',
      'x[1].csv',
      'z.csv',
      'é.csv',
    ]);
    expect(expandCsvPaths(join(dir, 'sort', 'x[1].csv'))).toEqual([join(dir, 'sort', 'x[1].csv')]);
  });

  it('a glob matching nothing is a CsvError naming the pattern; an empty list is INVALID_ARGUMENT', () => {
    const pattern = `${PARTS}/nothing-*.csv`;
    let err: unknown;
    try {
      expandCsvPaths(pattern);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect(err).toMatchObject({ code: 'IO_ERROR', file: pattern });
    expect((err as Error).message).toContain(pattern);
    expect(() => scanCsv(pattern)).toThrow(CsvError);
    expect(() => scanCsv([])).toThrow(InvalidArgumentError);
  });
});

describe('scanCsv of many files', () => {
  it("unifies the types: Int32 and Int64 as Int64, Int32 and Float64 as Float64, a column empty in one file takes the others' type", () => {
    expect(scanCsv([P1, P2]).schema.toString()).toBe('{id: Int32, name: Utf8, v: Float64, big: Int64}');
    expect(scanCsv(P1).schema.toString()).toBe('{id: Int32, name: Utf8, v: Float64, big: Int32}');
    expect(scanCsv(P4).schema.toString()).toBe('{id: Int32, name: Utf8, v: Int32, big: Int32}');
    expect(scanCsv(P5).schema.toString()).toBe('{id: Int32, name: Utf8, v: Utf8, big: Int32}');
    // v is Int32 in part-4, empty in part-5 and part-3 (no rows): the files that hold values decide
    expect(scanCsv([P3, P5, P4]).schema.toString()).toBe('{id: Int32, name: Utf8, v: Int32, big: Int32}');
    expect(scanCsv(`${PARTS}/**/*.csv`).schema.toString()).toBe('{id: Int32, name: Utf8, v: Float64, big: Int64}');
  });

  it('equals the concat of the single reads, read with the unified types, for a list and for a glob', async () => {
    const all = `${PARTS}/**/*.csv`;
    const schema = scanCsv(all).schema;
    const dtypes = Object.fromEntries(schema.fields.map((f) => [f.name, f.dtype]));
    const singles = await Promise.all([P1, P2, P3, P4, P5].map((p) => readCsv(p, { dtypes })));
    const expected = (await concat(singles)).toRecords();
    expect((await scanCsv(all).collect()).toRecords()).toEqual(expected);
    expect((await readCsv(all)).toRecords()).toEqual(expected);
    expect((await readCsv([P1, P2, P3, P4, P5])).toRecords()).toEqual(expected);
    expect((await scanCsv([P1, P2, P3, P4, P5]).collect({ threads: 1 })).toRecords()).toEqual(expected);
    expect(expected.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('columns, dtypes and nullValues apply to every file; nRows counts the rows of the whole table', async () => {
    const lf = scanCsv(`${PARTS}/**/*.csv`, { columns: ['id', 'name'], nullValues: ['ann'], dtypes: { id: 'Float64' } });
    expect(lf.schema.toString()).toBe('{id: Float64, name: Utf8}');
    const rows = (await lf.collect()).toRecords();
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.filter((r) => r.name === null).map((r) => r.id)).toEqual([1, 3, 5, 7, 9]);
    const first = await readCsv(`${PARTS}/**/*.csv`, { nRows: 5 });
    expect(first.toRecords().map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect((await scanCsv([P4, P1], { nRows: 2 }).collect()).toRecords().map((r) => r.id)).toEqual([7, 8]);
  });

  it('gives the same answers for threads 1, 2, 4 and morsel sizes 1, 7 and the default', async () => {
    const q = () =>
      scanCsv(`${PARTS}/**/*.csv`)
        .filter(col('id').gt(1))
        .groupBy('name')
        .agg(col('v').sum().alias('v'), col('big').max().alias('big'), len().alias('n'));
    const runs: unknown[] = [];
    for (const threads of [1, 2, 4])
      for (const morselSize of [1, 7, undefined])
        runs.push((await q().collect(morselSize === undefined ? { threads } : { threads, morselSize })).toRecords());
    for (const r of runs) expect(r).toEqual(runs[0]);
    expect(runs[0]).toEqual([
      { name: 'bob', v: 0, big: 20n, n: 1 },
      { name: null, v: 4.5, big: 90n, n: 3 },
      { name: 'cid', v: 3, big: 4000000000n, n: 1 },
      { name: 'ann', v: -1, big: null, n: 1 },
      { name: 'dan', v: 0.25, big: 60n, n: 1 },
      { name: 'eve', v: 5, big: 80n, n: 1 },
    ]);
  });

  it('streams file after file, range by range, the frames together equal to collect', async () => {
    const lf = scanCsv(`${PARTS}/**/*.csv`).filter(col('id').gt(2));
    const frames = [];
    for await (const df of lf.stream({ threads: 2 })) frames.push(df);
    // one frame per file with rows left (part-3 has none)
    expect(frames.map((f) => f.height)).toEqual([1, 3, 2, 1]);
    expect(frames.flatMap((f) => f.toRecords())).toEqual((await lf.collect()).toRecords());
  });

  it("pushes filters and column choices into every file's scan", () => {
    const lf = scanCsv(`${PARTS}/part-*.csv`).filter(col('v').gt(1)).select('id', 'v');
    expect(lf.explain({ threads: 2 })).toMatchInlineSnapshot(`
      "== optimized logical plan ==
      UNION 3 INPUTS (rows in input order)
        SCAN csv "test/fixtures/csv/parts/part-1.csv" [4 cols] PROJECT 2/4 COLUMNS: ["id","v"] SELECTION: (col("v") > 1)
        SCAN csv "test/fixtures/csv/parts/part-2.csv" [4 cols] PROJECT 2/4 COLUMNS: ["id","v"] SELECTION: (col("v") > 1)
        SCAN csv "test/fixtures/csv/parts/part-3.csv" [4 cols] PROJECT 2/4 COLUMNS: ["id","v"] SELECTION: (col("v") > 1)

      == physical plan ==
      PHYSICAL PLAN (threads: 2, morsels: source chunks)
      UNION 3 INPUTS (each run in turn; chunks stacked in input order)
        COLLECT
          PIPELINE per morsel
            SCAN csv "test/fixtures/csv/parts/part-1.csv" [4 cols] READ 2/4 COLUMNS: ["id","v"] FILTER WHILE PARSING: (col("v") > 1) (byte ranges parsed in parallel)
        COLLECT
          PIPELINE per morsel
            SCAN csv "test/fixtures/csv/parts/part-2.csv" [4 cols] READ 2/4 COLUMNS: ["id","v"] FILTER WHILE PARSING: (col("v") > 1) (byte ranges parsed in parallel)
        COLLECT
          PIPELINE per morsel
            SCAN csv "test/fixtures/csv/parts/part-3.csv" [4 cols] READ 2/4 COLUMNS: ["id","v"] FILTER WHILE PARSING: (col("v") > 1) (byte ranges parsed in parallel)"
    `);
  });

  it('a header that differs is a CsvError naming both files and the first differing column', async () => {
    const a = file('h/a.csv', 'id,name,v\n1,x,2\n');
    const b = file('h/b.csv', 'id,label,v\n1,x,2\n');
    const c = file('h/c.csv', 'id,name\n1,x\n');
    let err: unknown;
    try {
      scanCsv([a, b]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect(err).toMatchObject({ code: 'CSV_PARSE', file: b, column: 'label', expected: 'name', found: 'label' });
    expect((err as Error).message).toContain(a);
    await expect(readCsv([a, c])).rejects.toMatchObject({ file: c, column: 'v', expected: 'v', found: null });
  });

  it('types that do not unify are a CsvError naming both files, the column and both types', async () => {
    const a = file('t/a.csv', 'id,v\n1,2\n');
    const b = file('t/b.csv', 'id,v\n1,x\n');
    let err: unknown;
    try {
      scanCsv(join(dir, 't', '*.csv'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect(err).toMatchObject({ file: b, column: 'v', expected: 'Int32', found: 'Utf8' });
    expect((err as Error).message).toContain(a);
    // forcing one type reads both
    expect((await readCsv([a, b], { dtypes: { v: 'Utf8' } })).toRecords()).toEqual([
      { id: 1, v: '2' },
      { id: 1, v: 'x' },
    ]);
  });
});
