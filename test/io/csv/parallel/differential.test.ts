/** The range reader against the string reader on random files: the same frame (values, nulls, order, dictionaries) or the same error. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvText as readCsvString } from '../../../../src/io/csv/read.js';
import { readCsvRanges } from '../../../../src/io/csv/parallel/read.js';
import type { CsvReadOptions } from '../../../../src/io/csv/options.js';
import { pick, rng } from '../../../kernels/csv/helpers.js';
import { outcome, randomFile, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The string reader on the file's text, naming the file as a path read would. */
function stringRead(path: string, options: CsvReadOptions) {
  return readCsvString(readFileSync(path, 'utf8'), { ...options, sourceName: path });
}

const RANGE_SIZES = [1, 2, 3, 5, 8, 13, 64, 256, 4096];

describe('readCsvRanges vs the string reader', () => {
  it('agrees on 600 random files at several range sizes', async () => {
    const rnd = rng(4242);
    let errors = 0;
    for (let f = 0; f < 600; f++) {
      const { text, options } = randomFile(rnd);
      const path = tmp.file(`r${f}.csv`, text);
      const expected = await outcome(() => stringRead(path, options));
      if ((expected as { error?: string }).error !== undefined) errors++;
      for (const rangeSize of [pick(rnd, RANGE_SIZES), pick(rnd, RANGE_SIZES), 1 << 24]) {
        const got = await outcome(() => readCsvRanges(path, { ...options, rangeSize }));
        expect(got, `file ${f} at range size ${rangeSize}: ${JSON.stringify(text)} ${JSON.stringify(options)}`).toEqual(expected);
      }
    }
    // the generator must exercise the error paths as well as the happy one
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(400);
  });
});
