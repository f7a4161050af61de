/** readCsv on the worker pool: the same frame (or error) as the string reader, for 1, 2 and 4 threads and several range sizes. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvString, shutdownPool, type CsvReadOptions } from '../../../../src/index.js';
import { countQuotes } from '../../../../kernels/csv/boundaries.js';
import { pick, rng } from '../../../kernels/csv/helpers.js';
import { outcome, randomFile, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

function stringRead(path: string, options: CsvReadOptions) {
  return readCsvString(readFileSync(path, 'utf8'), { ...options, sourceName: path });
}

describe('readCsv across threads', () => {
  it('agrees with the string reader on random files, for threads 1, 2 and 4 and several range sizes', async () => {
    const rnd = rng(777);
    for (let f = 0; f < 60; f++) {
      const { text, options } = randomFile(rnd, 400);
      const path = tmp.file(`t${f}.csv`, text);
      const expected = await outcome(() => stringRead(path, options));
      for (const threads of [1, 2, 4]) {
        const rangeSize = pick(rnd, [7, 64, 333, 4096]);
        const got = await outcome(() => readCsv(path, { ...options, threads, rangeSize }));
        expect(got, `file ${f}, threads ${threads}, range size ${rangeSize}`).toEqual(expected);
      }
    }
  });

  it('agrees where the first records, which seed the dictionaries of every thread, end inside a quoted field', async () => {
    // the seed is the records of the first 64 KiB: ranges of 100-200 KB put that cut inside the
    // first range, and most of these bytes lie inside quoted fields holding newlines, delimiters
    // and quotes
    const rnd = rng(31);
    let cutInQuotes = 0;
    for (let f = 0; f < 4; f++) {
      const rows = Array.from({ length: 12_000 }, (_, i) => {
        const key = `k${Math.floor(rnd() * 40)}`;
        const s = rnd() < 0.8 ? `"${key}\n,""${i % 7}""\n${'y'.repeat(Math.floor(rnd() * 60))}"` : key;
        return `${i},${s},${pick(rnd, ['a', 'b', 'c', 'é'])}${Math.floor(rnd() * 3000)}`;
      });
      const text = `n,s,t\n${rows.join('\n')}\n`;
      const bytes = Buffer.from(text);
      const header = bytes.indexOf(10) + 1;
      if (countQuotes(bytes, header, header + (64 << 10), 34) % 2 === 1) cutInQuotes++;
      const path = tmp.file(`seed${f}.csv`, text);
      const expected = await outcome(() => stringRead(path, {}));
      for (const threads of [1, 2, 4]) {
        const rangeSize = pick(rnd, [100_000, 150_000, 200_000]);
        expect(
          await outcome(() => readCsv(path, { threads, rangeSize })),
          `file ${f}, threads ${threads}, range size ${rangeSize}`,
        ).toEqual(expected);
      }
    }
    expect(cutInQuotes).toBeGreaterThan(0);
  });

  it('reports a bad value found by a worker with the string reader message and line', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},"x\n${i}"`);
    rows[2500] = '12.5,"late"';
    const path = tmp.file('bad.csv', `n,s\n${rows.join('\n')}\n`);
    const expected = await outcome(() => stringRead(path, {}));
    expect(expected).toMatchObject({ line: 5002 });
    for (const threads of [2, 4]) expect(await outcome(() => readCsv(path, { threads, rangeSize: 1000 }))).toEqual(expected);
  });
});
