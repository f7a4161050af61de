/** The H2O join generator: table sizes, the 90/10/10 key split between the sides, determinism, schema, files and names. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJoinArgs } from '../../datasets/generate.js';
import { generateH2OJoin, h2oJoinCsv, h2oJoinNames, h2oJoinTables, JOIN_COLUMNS, JOIN_TABLES } from '../../datasets/h2o-join.js';

const N = 20_000;
const tables = h2oJoinTables({ rows: N });

function distinct(a: Uint32Array): Set<number> {
  return new Set(a);
}

function shared(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const k of a) if (b.has(k)) n++;
  return n;
}

describe('h2o join tables', () => {
  it('has N rows on the left and N/1e6 (at least 1), N/1e3 and N rows on the right', () => {
    expect(tables.x.rows).toBe(N);
    expect(tables.small.rows).toBe(1);
    expect(tables.medium.rows).toBe(20);
    expect(tables.big.rows).toBe(N);
    for (const t of JOIN_TABLES) {
      expect(tables[t].micros.length).toBe(tables[t].rows);
      for (const k of Object.values(tables[t].keys)) expect(k.length).toBe(tables[t].rows);
    }
  });

  it('puts every key of a level in the tables of its side, 90% of them on both sides', () => {
    // id3 at N keys per side and id2 at N/1e3: the split is exact by construction
    const l3 = distinct(tables.x.keys.id3!);
    const r3 = distinct(tables.big.keys.id3!);
    expect(l3.size).toBe(N);
    expect(r3.size).toBe(N);
    expect(shared(l3, r3)).toBe(0.9 * N);
    const l2 = distinct(tables.x.keys.id2!);
    const r2 = distinct(tables.medium.keys.id2!);
    expect(l2.size).toBe(20);
    expect(r2.size).toBe(20);
    expect(shared(l2, r2)).toBe(18);
    expect(distinct(tables.big.keys.id2!)).toEqual(r2);
  });

  it('matches about 90% of the left rows on each key (the 10% left-only keys take about 10% of rows)', () => {
    const big = distinct(tables.big.keys.id3!);
    const medium = distinct(tables.medium.keys.id2!);
    let m3 = 0;
    let m2 = 0;
    for (let i = 0; i < N; i++) {
      if (big.has(tables.x.keys.id3![i]!)) m3++;
      if (medium.has(tables.x.keys.id2![i]!)) m2++;
    }
    expect(m3 / N).toBe(0.9);
    expect(Math.abs(m2 / N - 0.9)).toBeLessThan(0.03);
  });

  it('draws keys from 1..1.1 n and values in [0, 100)', () => {
    expect(Math.min(...tables.big.keys.id3!)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...tables.big.keys.id3!)).toBeLessThanOrEqual(1.1 * N);
    expect(Math.max(...tables.x.micros)).toBeLessThan(1e8);
    // values are spread, not constant
    expect(new Set(tables.x.micros).size).toBeGreaterThan(N * 0.9);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = h2oJoinTables({ rows: N });
    const other = h2oJoinTables({ rows: N, seed: 7 });
    for (const t of JOIN_TABLES) expect(h2oJoinCsv(again[t])).toBe(h2oJoinCsv(tables[t]));
    expect(h2oJoinCsv(other.big)).not.toBe(h2oJoinCsv(tables.big));
  });

  it('writes each table with its header, string key forms id<k>, and values with at most 6 decimals', () => {
    const csv = h2oJoinCsv(tables.medium);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('id1,id2,id4,id5,v2');
    expect(lines.length).toBe(21);
    for (const line of lines.slice(1)) {
      const [id1, id2, id4, id5, v2] = line.split(',');
      expect(id4).toBe(`id${id1}`);
      expect(id5).toBe(`id${id2}`);
      expect(v2).toMatch(/^\d{1,2}(\.\d{0,5}[1-9])?$/);
    }
    expect(JOIN_COLUMNS.x).toEqual(['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1']);
    expect(JOIN_COLUMNS.big).toEqual(['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v2']);
    expect(h2oJoinCsv(tables.small).split('\n')[0]).toBe('id1,id4,v2');
  });

  it('names the files as the benchmark does', () => {
    expect(h2oJoinNames(1e6)).toEqual({ x: 'J1_1e6_NA_0_0', small: 'J1_1e6_1e0_0_0', medium: 'J1_1e6_1e3_0_0', big: 'J1_1e6_1e6_0_0' });
    expect(h2oJoinNames(1e7).small).toBe('J1_1e7_1e1_0_0');
  });
});

describe('h2o join files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'volley-join-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the four CSV files, equal to the in-memory text', async () => {
    const paths = await generateH2OJoin({ rows: 1e4, dir });
    expect(basename(paths.x)).toBe('J1_1e4_NA_0_0.csv');
    expect(basename(paths.big)).toBe('J1_1e4_1e4_0_0.csv');
    const t = h2oJoinTables({ rows: 1e4 });
    for (const name of JOIN_TABLES) expect(readFileSync(paths[name], 'latin1')).toBe(h2oJoinCsv(t[name]));
  });

  it('parses the join command line', () => {
    expect(parseJoinArgs(['1e6'])).toEqual({ rows: 1e6, seed: 108 });
    expect(parseJoinArgs(['1e5', '--seed', '3', '--dir', 'x'])).toEqual({ rows: 1e5, seed: 3, dir: 'x' });
    expect(() => parseJoinArgs([])).toThrow(/row count/);
  });
});
