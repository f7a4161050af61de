/** Splitting a file into byte ranges at every offset must give exactly the whole-file parse, errors included. */
import { describe, expect, it } from 'vitest';
import { recordRanges } from '../../../kernels/csv/boundaries.js';
import { CsvParseError } from '../../../kernels/csv/errors.js';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import type { CsvParseSpec } from '../../../kernels/csv/spec.js';
import { concatColumns, decode, int, randomCsv, rng, utf8, type Cell } from './helpers.js';

/**
 * Parses each record range from a window holding only its own bytes, as a worker would get them,
 * and shifts error offsets back to file offsets.
 */
function parseSplit(bytes: Uint8Array, starts: number[], spec: CsvParseSpec): { cols: Cell[][]; rows: number } {
  const parts: Cell[][][] = [];
  let rows = 0;
  for (const r of recordRanges(bytes, starts, spec.dialect)) {
    const window = bytes.slice(r.start, r.end);
    try {
      const result = parseCsvRange(window, 0, window.length, spec);
      expect(result.end).toBe(window.length);
      parts.push(decode(result));
      rows += result.rows;
    } catch (e) {
      if (e instanceof CsvParseError)
        throw new CsvParseError({
          ...e.info,
          offset: e.info.offset + r.start,
          ...(e.info.at === undefined ? {} : { at: e.info.at + r.start }),
        });
      throw e;
    }
  }
  return { cols: concatColumns(parts, spec.columns.filter((c) => c.kind !== 'skip').length), rows };
}

function outcome(fn: () => { cols: Cell[][]; rows: number }): unknown {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CsvParseError) return e.info;
    throw e;
  }
}

describe('range splits', () => {
  it('two ranges split at every byte offset equal the whole file', () => {
    const rnd = rng(31);
    for (let f = 0; f < 200; f++) {
      const csv = randomCsv(rnd, { maxRows: 8, maxColumns: 5 });
      const bytes = utf8(csv.text);
      const whole = decode(parseCsvRange(bytes, 0, bytes.length, csv.spec));
      for (let s = 0; s <= bytes.length; s++) {
        expect(parseSplit(bytes, [0, s], csv.spec).cols, `${JSON.stringify(csv.text)} split at ${s}`).toEqual(whole);
      }
    }
  });

  it('many ranges at random offsets equal the whole file', () => {
    const rnd = rng(37);
    for (let f = 0; f < 300; f++) {
      const csv = randomCsv(rnd, { maxRows: 30 });
      const bytes = utf8(csv.text);
      const whole = decode(parseCsvRange(bytes, 0, bytes.length, csv.spec));
      const starts = [0, ...Array.from({ length: int(rnd, 1, 8) }, () => int(rnd, 0, bytes.length))].sort((a, b) => a - b);
      expect(parseSplit(bytes, starts, csv.spec).cols).toEqual(whole);
    }
  });

  it('splits inside quoted fields with embedded newlines and CRLF', () => {
    const text = '"a\r\nb",1\r\n"c\n""d""\ne",2\r\n"",3\r\n"\n",4';
    const spec: CsvParseSpec = {
      dialect: { delimiter: 44, quote: 34, comment: null },
      columns: [{ kind: 'utf8' }, { kind: 'int32' }],
      chunkSize: 2,
    };
    const bytes = utf8(text);
    const whole = decode(parseCsvRange(bytes, 0, bytes.length, spec));
    expect(whole).toEqual([
      ['a\r\nb', 'c\n"d"\ne', null, '\n'],
      [1, 2, 3, 4],
    ]);
    for (let s = 0; s <= bytes.length; s++) {
      for (let t = s; t <= bytes.length; t += 3) expect(parseSplit(bytes, [0, s, t], spec).cols).toEqual(whole);
    }
  });

  it('the first error in range order is the whole-file error, at every split', () => {
    const rnd = rng(41);
    const corruptions = [
      (t: string, at: number) => `${t.slice(0, at)}"${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}x${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)},${t.slice(at)}`,
      (t: string, at: number) => `${t.slice(0, at)}\n${t.slice(at)}`,
      (t: string, at: number) => t.slice(0, at) + t.slice(at + 1),
    ];
    let errors = 0;
    for (let f = 0; f < 400; f++) {
      const csv = randomCsv(rnd, { maxRows: 6, maxColumns: 4 });
      if (csv.text.length === 0) continue;
      const text = corruptions[f % corruptions.length]!(csv.text, int(rnd, 0, csv.text.length - 1));
      const bytes = utf8(text);
      const whole = outcome(() => {
        const r = parseCsvRange(bytes, 0, bytes.length, csv.spec);
        return { cols: decode(r), rows: r.rows };
      });
      if (!('cols' in (whole as object))) errors++;
      for (let s = 0; s <= bytes.length; s++) {
        expect(
          outcome(() => parseSplit(bytes, [0, s], csv.spec)),
          `${JSON.stringify(text)} split at ${s}`,
        ).toEqual(whole);
      }
    }
    expect(errors).toBeGreaterThan(100);
  });
});
