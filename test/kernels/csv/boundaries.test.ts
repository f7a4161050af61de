/** Quote-aware record boundaries: exact for every offset of random well-formed CSVs. */
import { KernelInvariantError } from '../../../kernels/errors.js';
import { describe, expect, it } from 'vitest';
import { countQuotes, findRecordStart, recordRanges } from '../../../kernels/csv/boundaries.js';
import type { CsvDialect } from '../../../kernels/csv/spec.js';
import { randomCsv, rng, utf8 } from './helpers.js';

const dialect: CsvDialect = { delimiter: 44, quote: 34, comment: null };

/** True record starts, found by a plain state machine that knows quoted fields. */
function trueRecordStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 34) quoted = !quoted;
    else if (bytes[i] === 10 && !quoted && i + 1 < bytes.length) starts.push(i + 1);
  }
  return starts;
}

describe('countQuotes', () => {
  it('counts quote bytes in a range, doubled ones twice', () => {
    const b = utf8('a,"b""c",d\n"e"');
    expect(countQuotes(b, 0, b.length, 34)).toBe(6);
    expect(countQuotes(b, 3, 6, 34)).toBe(2);
    expect(countQuotes(b, 0, 0, 34)).toBe(0);
    expect(countQuotes(b, 0, b.length, null)).toBe(0);
  });
});

describe('findRecordStart', () => {
  const b = utf8('ab,"x\ny"\r\ncd\n"\n"\n');
  it('returns from itself at a record start', () => {
    expect(findRecordStart(b, 0, false, dialect)).toBe(0);
    expect(findRecordStart(b, 10, false, dialect)).toBe(10);
  });
  it('skips newlines inside quotes, with or without a known quoted state', () => {
    expect(findRecordStart(b, 1, false, dialect)).toBe(10);
    expect(findRecordStart(b, 5, true, dialect)).toBe(10);
    expect(findRecordStart(b, 6, true, dialect)).toBe(10);
    expect(findRecordStart(b, 14, true, dialect)).toBe(b.length);
    expect(findRecordStart(b, 11, false, dialect)).toBe(13);
  });
  it('returns the end when no record starts after from', () => {
    expect(findRecordStart(utf8('abc'), 1, false, dialect)).toBe(3);
    expect(findRecordStart(b, b.length, false, dialect)).toBe(b.length);
  });
  it('treats quotes as data when quoting is off', () => {
    expect(findRecordStart(utf8('a"\nb'), 1, false, { ...dialect, quote: null })).toBe(3);
  });
});

describe('recordRanges', () => {
  it('finds the first true record start at or after every offset of random CSVs', () => {
    const rnd = rng(23);
    for (let f = 0; f < 150; f++) {
      const csv = randomCsv(rnd, { maxRows: 8 });
      const bytes = utf8(csv.text.replaceAll(csv.delimiter, ','));
      const truth = trueRecordStarts(bytes);
      for (let s = 0; s <= bytes.length; s++) {
        const [first, second] = recordRanges(bytes, [0, s], dialect);
        const expected = truth.find((t) => t >= s) ?? bytes.length;
        expect(second!.start, `${JSON.stringify(csv.text)} at ${s}`).toBe(expected);
        expect(first).toEqual({ start: 0, end: expected });
      }
    }
  });

  it('tiles the input with several ranges', () => {
    const bytes = utf8('a,b\n"1\n2",3\n4,"5,""6"""\n7,8');
    const ranges = recordRanges(bytes, [0, 3, 6, 13, 14, 27], dialect);
    expect(ranges).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 12 },
      { start: 12, end: 24 },
      { start: 24, end: 24 },
      { start: 24, end: 27 },
      { start: 27, end: 27 },
    ]);
  });

  it('rejects starts that do not ascend', () => {
    expect(() => recordRanges(utf8('a\nb'), [2, 1], dialect)).toThrow(KernelInvariantError);
    expect(() => recordRanges(utf8('a\nb'), [0, 9], dialect)).toThrow(KernelInvariantError);
  });
});
