/** High-cardinality string columns across many ranges: the same frame and dictionaries for threads 1, 2 and 4 and any range size. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvString, shutdownPool } from '../../../../src/index.js';
import { int, rng } from '../../../kernels/csv/helpers.js';
import { outcome, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

/**
 * `rows` rows whose `u` is new on most rows (and now and then repeats a value from far back,
 * which another thread first saw), whose `k` has 1,000 values, and whose `w` is new on every row
 * with a non-ASCII value now and then, so both the append and the search paths of unification run.
 */
function highCardinality(seed: number, rows: number): string {
  const rnd = rng(seed);
  const lines = ['n,u,k,w'];
  for (let i = 0; i < rows; i++) {
    const u = rnd() < 0.1 && i > 0 ? `id${int(rnd, 0, i - 1)}` : `id${i}`;
    const w = rnd() < 0.01 ? `é${i}` : `value-long-enough-to-spill-out-of-a-slot-${i}`;
    lines.push(`${i},${u},k${int(rnd, 0, 999)},${rnd() < 0.02 ? '' : w}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('readCsv of high-cardinality string columns', () => {
  it('gives one frame and one dictionary per column whatever the threads and ranges', async () => {
    for (const [f, rows] of [
      [1, 30_000],
      [2, 6_000],
    ] as const) {
      const path = tmp.file(`hc${f}.csv`, highCardinality(f, rows));
      const expected = await outcome(() => readCsvString(readFileSync(path, 'utf8'), { sourceName: path }));
      const dicts = (expected as { dictionaries: (string[] | null)[] }).dictionaries;
      // codes numbered by first appearance: the unique column's dictionary starts id0, id1, ...
      expect(dicts[1]!.slice(0, 3)).toEqual(['id0', 'id1', 'id2']);
      expect(dicts[3]!.length).toBeGreaterThan(rows * 0.9);
      for (const threads of [1, 2, 4]) {
        // ranges of 20-50 KB make dozens of them; 1 MiB makes one or two
        for (const rangeSize of [20_000, 50_000, 1 << 20]) {
          expect(
            await outcome(() => readCsv(path, { threads, rangeSize })),
            `file ${f}, threads ${threads}, range size ${rangeSize}`,
          ).toEqual(expected);
        }
      }
    }
  });

  it('keeps the values of a column that another thread met first under their first code', async () => {
    // the second half of the file repeats the first half's values in reverse: every thread but the
    // first meets them as new to itself and must find them in the column
    const half = Array.from({ length: 8_000 }, (_, i) => `s${i}`);
    const text = `a\n${[...half, ...half.reverse()].join('\n')}\n`;
    const path = tmp.file('repeat.csv', text);
    for (const threads of [1, 2, 4]) {
      const df = await readCsv(path, { threads, rangeSize: 10_000 });
      const col = df.getColumns()[0]!;
      expect(col.dictionary!.values.length, `threads ${threads}`).toBe(8_000);
      expect(col.dictionary!.values[7_999]).toBe('s7999');
      expect(col.toArray().slice(7_998, 8_002)).toEqual(['s7998', 's7999', 's7999', 's7998']);
    }
  });
});
