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
  it('makes room for a range of a mostly-new column, and for the rest of the file once the thread has a share of it', () => {
    const unique = filled(1_000);
    const bounded = filled(500);
    const dicts = [unique, null, bounded];
    // a seed of 1,000 rows over 40,000 bytes: 40 bytes a row
    noteParsed(dicts, 1_000, 40_000, true);
    const small = bounded.capacity;
    presizeDictionaries(dicts, 400_000, 0, 4_000_000);
    // the range's 10,000 rows each bring a new value; the bounded column is left as it was
    expect(unique.capacity).toBeGreaterThanOrEqual(11_000);
    expect(unique.capacity).toBeLessThan(4 * 11_000);
    expect(bounded.capacity).toBe(small);
    // a first range of a million rows gets room for 65,536 more at most: the seed's rate is a guess
    const guess = filled(1_000);
    const alone = [guess];
    noteParsed(alone, 1_000, 40_000, true);
    presizeDictionaries(alone, 40_000_000, 0, 80_000_000);
    expect(guess.capacity).toBeGreaterThanOrEqual(1_000 + (1 << 16));
    expect(guess.capacity).toBeLessThan(4 * (1_000 + (1 << 16)));
    // the thread parsed half of the file before the next range (at 800,000): the rest of the file
    // is 3,200,000 bytes, of which it should parse half, 40,000 rows
    filled(10_000, unique);
    noteParsed(dicts, 10_000, 400_000, false);
    presizeDictionaries(dicts, 400_000, 800_000, 4_000_000);
    expect(unique.capacity).toBeGreaterThanOrEqual(51_000);
    expect(unique.capacity).toBeLessThan(4 * 51_000);
  });

  it('does nothing before anything was parsed', () => {
    const d = filled(10);
    const before = d.capacity;
    presizeDictionaries([d], 1 << 20, 0, 1 << 24);
    expect(d.capacity).toBe(before);
  });
});
