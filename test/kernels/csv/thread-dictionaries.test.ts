/** A thread's dictionaries for a scan: sized ahead for columns whose values are mostly new, left to grow for the others. */
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../kernels/csv/dictionary.js';
import { noteParsed, presizeDictionaries } from '../../../kernels/csv/thread-dictionaries.js';
import { utf8 } from './helpers.js';

/** A dictionary holding `n` distinct values (`n` more added to `d`). */
function filled(n: number, d = new ByteDictionary()): ByteDictionary {
  const end = d.size + n;
  for (let i = d.size; i < end; i++) {
    const b = utf8(`v${i}`);
    d.intern(b, 0, b.length);
  }
  return d;
}

describe('presizeDictionaries', () => {
  it('makes room for the rest of the file in a mostly-new column once the thread has parsed a range', () => {
    const unique = filled(1_000);
    const bounded = filled(500);
    const dicts = [unique, null, bounded];
    // a seed of 1,000 rows over 40,000 bytes (40 bytes a row): only a guess, nothing sized yet
    noteParsed(dicts, 1_000, 40_000, true);
    const [u0, b0] = [unique.capacity, bounded.capacity];
    presizeDictionaries(dicts, 400_000, 0, 4_000_000);
    expect([unique.capacity, bounded.capacity]).toEqual([u0, b0]);
    // a first range of 400,000 bytes: 10,000 rows, each with a new value in the unique column
    filled(10_000, unique);
    noteParsed(dicts, 10_000, 400_000, false);
    // the thread parsed half of the file before its next range (at 800,000): of the other
    // 3,200,000 bytes it should parse half, 40,000 rows
    presizeDictionaries(dicts, 400_000, 800_000, 4_000_000);
    expect(unique.capacity).toBeGreaterThanOrEqual(51_000);
    expect(unique.capacity).toBeLessThan(4 * 51_000);
    // the bounded column (500 values in 11,000 rows) is left to grow as it fills
    expect(bounded.capacity).toBe(b0);
  });

  it('does nothing before anything was parsed', () => {
    const d = filled(10);
    const before = d.capacity;
    presizeDictionaries([d], 1 << 20, 0, 1 << 24);
    expect(d.capacity).toBe(before);
  });
});
