/** The H2O groupby generator: reproducible bytes, the benchmark's formats and ranges, exact null shares, sorting, names. */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED,
  H2O_COLUMNS,
  ensureH2O,
  generateH2O,
  h2oBlocks,
  h2oCsv,
  h2oName,
  h2oPath,
  parseCount,
  type H2OOptions,
} from '../../datasets/h2o.js';
import { parseGenerateArgs } from '../../datasets/generate.js';

/** Rows split into fields; the generator never quotes, so a plain split is exact. */
function parse(csv: string): { header: string[]; rows: string[][] } {
  expect(csv.endsWith('\n')).toBe(true);
  expect(csv).not.toContain('\r');
  const lines = csv.slice(0, -1).split('\n');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function column(rows: string[][], name: string): string[] {
  const j = H2O_COLUMNS.indexOf(name as (typeof H2O_COLUMNS)[number]);
  return rows.map((r) => r[j]!);
}

const tmp = mkdtempSync(join(tmpdir(), 'volley-h2o-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('determinism', () => {
  it('gives identical bytes for the same seed and different bytes for another', () => {
    const a = h2oCsv({ rows: 5000, k: 10, seed: 1 });
    expect(h2oCsv({ rows: 5000, k: 10, seed: 1 })).toBe(a);
    expect(h2oCsv({ rows: 5000, k: 10, seed: 2 })).not.toBe(a);
    expect(h2oCsv({ rows: 5000, k: 10 })).toBe(h2oCsv({ rows: 5000, k: 10, seed: DEFAULT_SEED }));
  });

  it('does not depend on the block size', () => {
    const options: H2OOptions = { rows: 3000, k: 7, nas: 3, seed: 5 };
    const whole = h2oCsv(options);
    const blocks = [...h2oBlocks(options, 1000)];
    expect(blocks.length).toBeGreaterThan(10);
    expect(Buffer.concat(blocks).toString('latin1')).toBe(whole);
    expect(Buffer.concat([...h2oBlocks(options, 1)]).toString('latin1')).toBe(whole);
  });

  it('writes a file with exactly the bytes of h2oCsv, across many blocks and chunks', async () => {
    // 70 000 rows crosses the 65 536-row generation chunk, 64 KiB blocks force many writes.
    const options: H2OOptions = { rows: 70_000, k: 100, nas: 2, seed: 9 };
    const out = join(tmp, 'g.csv');
    expect(await generateH2O({ ...options, out, blockSize: 1 << 16 })).toBe(out);
    expect(readFileSync(out, 'latin1')).toBe(h2oCsv(options));
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  it('blanks fields of the nas = 0 data rather than drawing new values', () => {
    const clean = parse(h2oCsv({ rows: 2000, k: 10, seed: 3 })).rows;
    const holey = parse(h2oCsv({ rows: 2000, k: 10, seed: 3, nas: 10 })).rows;
    const changed = holey.flatMap((row, i) => row.filter((v, j) => v !== '' && v !== clean[i]![j]));
    expect(changed).toEqual([]);
  });
});

describe('formats and ranges', () => {
  const rows = 20_000;
  const k = 10;
  const { header, rows: data } = parse(h2oCsv({ rows, k, seed: 11 }));

  it('has the header and nine fields per row', () => {
    expect(header).toEqual([...H2O_COLUMNS]);
    expect(data).toHaveLength(rows);
    expect(data.filter((r) => r.length !== 9)).toEqual([]);
  });

  it('formats string ids like sprintf("id%03d") and sprintf("id%010d")', () => {
    for (const c of ['id1', 'id2'])
      expect(
        column(data, c).filter((v) => !/^id\d{3}$/.test(v)),
        c,
      ).toEqual([]);
    expect(column(data, 'id3').filter((v) => !/^id\d{10}$/.test(v))).toEqual([]);
  });

  it('keeps every column in its range with at most K or rows/K distinct values', () => {
    const ranges: Record<string, [number, number, number]> = {
      // [min, max, distinct values expected]
      id1: [1, k, k],
      id2: [1, k, k],
      id3: [1, rows / k, rows / k],
      id4: [1, k, k],
      id5: [1, k, k],
      id6: [1, rows / k, rows / k],
      v1: [1, 5, 5],
      v2: [1, 15, 15],
    };
    for (const [name, [min, max, distinct]] of Object.entries(ranges)) {
      const values = column(data, name).map((v) => (v.startsWith('id') ? Number(v.slice(2)) : Number(v)));
      expect(
        values.filter((v) => !Number.isInteger(v) || v < min || v > max),
        name,
      ).toEqual([]);
      const seen = new Set(values).size;
      expect(seen).toBeLessThanOrEqual(distinct);
      // 20 000 draws from at most 2 000 values: every value shows up with overwhelming probability.
      expect(seen).toBeGreaterThan(distinct * 0.99);
    }
  });

  it('prints v3 in [0, 100) with at most 6 decimals and no trailing zeros', () => {
    const v3 = column(data, 'v3');
    // One or two integer digits already bound the value to [0, 100).
    expect(v3.filter((v) => !/^\d{1,2}(\.\d{0,5}[1-9])?$/.test(v))).toEqual([]);
    const mean = v3.reduce((s, v) => s + Number(v), 0) / v3.length;
    expect(mean).toBeGreaterThan(48);
    expect(mean).toBeLessThan(52);
    // Most values need all six places, as in the original files (e.g. 7.743712).
    expect(v3.filter((v) => /\.\d{6}$/.test(v)).length).toBeGreaterThan(v3.length * 0.8);
  });

  it('keeps ids wider than the padding whole, like sprintf', () => {
    const ids = column(parse(h2oCsv({ rows: 5000, k: 2000, seed: 1 })).rows, 'id1');
    expect(ids.some((v) => /^id\d{4}$/.test(v))).toBe(true);
    expect(ids.every((v) => /^id\d{3,4}$/.test(v) && Number(v.slice(2)) <= 2000)).toBe(true);
  });

  it('uses rows / K rounded down, and at least one value, for id3 and id6', () => {
    const small = parse(h2oCsv({ rows: 50, k: 100, seed: 1 })).rows;
    expect(new Set(column(small, 'id3'))).toEqual(new Set(['id0000000001']));
    expect(new Set(column(small, 'id6'))).toEqual(new Set(['1']));
  });
});

describe('nulls', () => {
  it('empties exactly nas percent of the values in every column', () => {
    const rows = 10_000;
    const data = parse(h2oCsv({ rows, k: 10, nas: 5, seed: 4 })).rows;
    const empty = H2O_COLUMNS.map((name) => column(data, name).filter((v) => v === '').length);
    expect(empty).toEqual(H2O_COLUMNS.map(() => 500));
  });

  it('spreads nulls over the whole file and differently per column', () => {
    const data = parse(h2oCsv({ rows: 10_000, k: 10, nas: 10, seed: 4 })).rows;
    const firstHalf = data.slice(0, 5000).filter((r) => r[0] === '').length;
    expect(firstHalf).toBeGreaterThan(400);
    expect(firstHalf).toBeLessThan(600);
    expect(column(data, 'id1').map((v) => v === '')).not.toEqual(column(data, 'id2').map((v) => v === ''));
  });

  it('has no empty fields when nas is 0 and only empty ones when nas is 100', () => {
    expect(h2oCsv({ rows: 1000, k: 10 })).not.toMatch(/(^|,),|,\n/m);
    const all = parse(h2oCsv({ rows: 100, k: 10, nas: 100 })).rows;
    expect(all.every((r) => r.every((v) => v === ''))).toBe(true);
  });
});

describe('sorted', () => {
  /** Sort keys as numbers, nulls (empty) first, as R's setkey orders NA. */
  const key = (v: string): number => (v === '' ? 0 : v.startsWith('id') ? Number(v.slice(2)) : Number(v));

  it('orders rows by id1..id6 with nulls first', () => {
    const data = parse(h2oCsv({ rows: 20_000, k: 10, nas: 2, sorted: true, seed: 6 })).rows;
    const outOfOrder: number[] = [];
    for (let i = 1; i < data.length; i++) {
      const a = data[i - 1]!;
      const b = data[i]!;
      let cmp = 0;
      for (let j = 0; j < 6 && cmp === 0; j++) cmp = key(a[j]!) - key(b[j]!);
      if (cmp > 0) outOfOrder.push(i);
    }
    expect(outOfOrder).toEqual([]);
    expect(data[0]![0]).toBe('');
  });

  it('holds the same rows as the unsorted data with the same seed', () => {
    const options: H2OOptions = { rows: 70_000, k: 100, nas: 1, seed: 8 };
    const sorted = parse(h2oCsv({ ...options, sorted: 1 }));
    const unsorted = parse(h2oCsv(options));
    const lines = (d: { rows: string[][] }): string[] => d.rows.map((r) => r.join(',')).sort();
    expect(sorted.header).toEqual(unsorted.header);
    expect(lines(sorted)).toEqual(lines(unsorted));
  });
});

describe('names and arguments', () => {
  it('names data sets like the benchmark', () => {
    expect(h2oName({ rows: 1e6, k: 100 })).toBe('G1_1e6_1e2_0_0');
    expect(h2oName({ rows: 1e7, k: 10, nas: 5, sorted: true })).toBe('G1_1e7_1e1_5_1');
    expect(h2oName({ rows: 1e9, k: 2, nas: 0, sorted: 1 })).toBe('G1_1e9_2e0_0_1');
    expect(h2oName({ rows: 1e6, k: 100, seed: 3 })).toBe('G1_1e6_1e2_0_0');
  });

  it('puts the seed in the default file name only when it is not the default', () => {
    expect(h2oPath({ rows: 1e5 }, tmp)).toBe(join(tmp, 'G1_1e5_1e2_0_0.csv'));
    expect(h2oPath({ rows: 1e5, seed: 7 }, tmp)).toBe(join(tmp, 'G1_1e5_1e2_0_0_seed7.csv'));
    expect(h2oPath({ rows: 1e5 })).toMatch(/datasets[/\\]out[/\\]G1_1e5_1e2_0_0\.csv$/);
  });

  it('parses counts written as 1e6, 1000000 or 1_000_000', () => {
    expect(parseCount('1e6')).toBe(1_000_000);
    expect(parseCount('1e7')).toBe(10_000_000);
    expect(parseCount('1000000')).toBe(1_000_000);
    expect(parseCount('1_000_000')).toBe(1_000_000);
    expect(parseCount('2e0')).toBe(2);
    for (const bad of ['0', '-5', '1.5', 'abc', '', '1e']) expect(() => parseCount(bad), bad).toThrow(RangeError);
  });

  it('rejects impossible options', () => {
    expect(() => h2oCsv({ rows: 0 })).toThrow(RangeError);
    expect(() => h2oCsv({ rows: 10, k: 0 })).toThrow(RangeError);
    expect(() => h2oCsv({ rows: 10, nas: 101 })).toThrow(RangeError);
    expect(() => h2oCsv({ rows: 10, seed: 1.5 })).toThrow(RangeError);
  });

  it('reads the command line of npm run gen', () => {
    expect(parseGenerateArgs(['1e6'])).toEqual({ rows: 1e6, k: 100, nas: 0, sorted: false, seed: DEFAULT_SEED });
    expect(parseGenerateArgs(['1e7', '--k', '1e1', '--nas', '5', '--sorted', '1', '--seed', '3', '--out', 'x.csv'])).toEqual({
      rows: 1e7,
      k: 10,
      nas: 5,
      sorted: true,
      seed: 3,
      out: 'x.csv',
    });
    expect(() => parseGenerateArgs([])).toThrow(/usage/);
    expect(() => parseGenerateArgs(['1e6', '--sorted', 'yes'])).toThrow(/--sorted/);
  });

  it('generates a missing file once and then reuses it', async () => {
    const options = { rows: 1000, k: 10, dir: tmp };
    const first = await ensureH2O(options);
    expect(first.generated).toBe(true);
    const second = await ensureH2O(options);
    expect(second).toEqual({ ...first, generated: false });
    expect(readFileSync(first.path, 'latin1')).toBe(h2oCsv(options));
  });
});
