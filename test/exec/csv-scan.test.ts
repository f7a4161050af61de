/** The CSV scan operator: pushdown proven by explain() and by what the scan materializes, limits that stop parsing, progress, cancellation. */
import { afterAll, describe, expect, it } from 'vitest';
import { h2oCsv } from '../../datasets/h2o.js';
import { col, readCsv, scanCsv, shutdownPool, type ScanProgress } from '../../src/index.js';
import { planRanges } from '../../src/io/csv/parallel/ranges.js';
import { tempDir } from '../io/csv/parallel/helpers.js';

const tmp = tempDir();
const text = h2oCsv({ rows: 20_000, k: 10, nas: 5, seed: 3 });
const path = tmp.file('g1.csv', text);
const size = Buffer.byteLength(text);
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

/** The physical plan's scan line, with the temp path taken out. */
function scanLine(explained: string): string {
  return explained
    .split('\n')
    .filter((l) => l.includes('SCAN csv'))
    .at(-1)!
    .trim()
    .replace(JSON.stringify(path), '<path>');
}

describe('pushdown into the scan', () => {
  it('explain() shows the columns read, the predicate applied while parsing and the filter left for strings', () => {
    const lf = scanCsv(path)
      .filter(col('v1').gt(2).and(col('id1').eq('id001')))
      .select('id1', 'v3');
    const text = lf.explain({ threads: 2 });
    expect(scanLine(text)).toBe(
      'SCAN csv <path> [9 cols] READ 3/9 COLUMNS: ["id1","v1","v3"] FILTER WHILE PARSING: (col("v1") > 2) (byte ranges parsed in parallel)',
    );
    // a Utf8 comparison needs the file's dictionary, so it runs after the parse, in the pipeline
    expect(text).toContain('FILTER (col("id1") == "id001")');
  });

  it('a limit with nothing left to filter later goes into the scan', () => {
    expect(scanLine(scanCsv(path).filter(col('v3').lt(10)).head(7).explain())).toBe(
      'SCAN csv <path> [9 cols] READ 9/9 COLUMNS: ["id1","id2","id3","id4","id5","id6","v1","v2","v3"] FILTER WHILE PARSING: (col("v3") < 10) LIMIT 7 (stops parsing) (byte ranges parsed in parallel)',
    );
  });

  it('the scan materializes only the columns the plan needs, and returns what a full read and filter return', async () => {
    const seen: ScanProgress[] = [];
    const lf = scanCsv(path, { rangeSize: 64 * 1024 })
      .filter(col('v1').gt(2))
      .groupBy('id2')
      .agg(col('v3').sum().alias('s'));
    const got = await lf.collect({ threads: 2, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen.map((p) => p.columns.join(',')))).toEqual(new Set(['id2,v1,v3']));
    const full = await readCsv(path, { threads: 1 });
    const want = await full.lazy().filter(col('v1').gt(2)).groupBy('id2').agg(col('v3').sum().alias('s')).collect({ threads: 1 });
    expect(got.toRecords()).toEqual(want.toRecords());
  });

  it('a limit stops parsing once enough rows passed the predicate', async () => {
    const seen: ScanProgress[] = [];
    const out = await scanCsv(path, { rangeSize: 16 * 1024 })
      .filter(col('v2').gt(3))
      .head(25)
      .collect({ threads: 2, onProgress: (p) => seen.push(p) });
    expect(out.height).toBe(25);
    expect(
      out
        .getColumn('v2')
        .toArray()
        .every((v) => v !== null && (v as number) > 3),
    ).toBe(true);
    expect(seen.at(-1)!.bytes).toBeLessThan(size / 10);
    const full = await readCsv(path, { threads: 1 });
    const want = await full.lazy().filter(col('v2').gt(3)).head(25).collect({ threads: 1 });
    expect(out.toRecords()).toEqual(want.toRecords());
  });
});

describe('progress', () => {
  it('reports bytes and records in file order, ending at the whole file', async () => {
    const seen: ScanProgress[] = [];
    await scanCsv(path, { rangeSize: 100_000 })
      .select('id1')
      .collect({ threads: 2, onProgress: (p) => seen.push(p) });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThan(seen[i - 1]!.bytes);
    expect(seen.at(-1)).toMatchObject({ bytes: size, totalBytes: size, rows: 20_000, columns: ['id1'] });
  });

  it('readCsv reports progress too', async () => {
    const seen: ScanProgress[] = [];
    const df = await readCsv(path, { threads: 2, rangeSize: 200_000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(planRanges(text.indexOf('\n') + 1, size, 200_000).length);
    expect(seen.at(-1)!.rows).toBe(df.height);
  });
});

describe('cancellation', () => {
  it('an abort stops the scan with an AbortError, and the pool runs the next query', async () => {
    const controller = new AbortController();
    let ranges = 0;
    const pending = scanCsv(path, { rangeSize: 8 * 1024 })
      .groupBy('id1')
      .agg(col('v1').sum())
      .collect({
        threads: 2,
        signal: controller.signal,
        onProgress: () => {
          if (++ranges === 2) controller.abort();
        },
      });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(ranges).toBe(2);
    const after = await scanCsv(path).groupBy('id1').agg(col('v1').sum()).collect({ threads: 2 });
    expect(after.height).toBe(11);
  });

  it('readCsv stops when its signal fires', async () => {
    const controller = new AbortController();
    const pending = readCsv(path, {
      threads: 2,
      rangeSize: 8 * 1024,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('enough')),
    });
    await expect(pending).rejects.toThrow('enough');
  });
});
