/** A column's byte strings on the calling thread: entries taken over by the hashes their encoding carries, appended or looked up. */
import { describe, expect, it } from 'vitest';
import { ColumnBytes } from '../../../kernels/csv/column-bytes.js';
import { ByteDictionary } from '../../../kernels/csv/dictionary.js';
import { int, rng, utf8 } from './helpers.js';

/** The encoded dictionary of `words`, as a thread reports it. */
function encode(words: readonly string[]) {
  const d = new ByteDictionary();
  for (const w of words) {
    const b = utf8(w);
    d.intern(b, 0, b.length);
  }
  return d.encoded();
}

describe('ColumnBytes', () => {
  it("numbers appended entries in order and finds them, and another thread's, by hash", () => {
    const rnd = rng(5);
    const words = Array.from({ length: 5_000 }, (_, i) => `${i % 9 === 0 ? '日' : ''}w${i}${'x'.repeat(int(rnd, 0, 30))}`);
    const a = encode(words.slice(0, 2_500));
    // the other thread met half of the first thread's values, then values of its own
    const bWords = [...words.slice(1_000, 2_000), ...words.slice(2_500)];
    const b = encode(bWords);
    const col = new ColumnBytes();
    col.appendNew(a.bytes, a.offsets, a.hashes, 0, 2_500);
    expect(col.size).toBe(2_500);
    col.reserve(col.size + bWords.length);
    const codes = bWords.map((_, c) => col.intern(b.bytes, b.offsets, b.hashes, c));
    expect(codes.slice(0, 1_000)).toEqual(Array.from({ length: 1_000 }, (_, i) => 1_000 + i));
    expect(codes.slice(1_000)).toEqual(Array.from({ length: 2_500 }, (_, i) => 2_500 + i));
    expect(col.decode(0, col.size)).toEqual(words);
    expect(col.asciiFrom(0)).toBe(false);
    // appended after a lookup: found by the next one
    const late = encode(['late']);
    col.appendNew(late.bytes, late.offsets, late.hashes, 0, 1);
    expect(col.intern(late.bytes, late.offsets, late.hashes, 0)).toBe(5_000);
    expect(col.asciiFrom(5_000)).toBe(true);
  });

  it('tells apart values of one hash and length', () => {
    const col = new ColumnBytes();
    const e = encode(['ab', 'cd']);
    // a forged equal hash: the bytes decide
    const hashes = Int32Array.from([7, 7]);
    expect(col.intern(e.bytes, e.offsets, hashes, 0)).toBe(0);
    expect(col.intern(e.bytes, e.offsets, hashes, 1)).toBe(1);
    expect(col.intern(e.bytes, e.offsets, hashes, 0)).toBe(0);
  });

  it('decodes a run of values later from its own copy of their bytes', () => {
    const col = new ColumnBytes();
    const e = encode(['id1', 'é2', 'id3', '日本4', 'id5']);
    col.appendNew(e.bytes, e.offsets, e.hashes, 0, 5);
    const later = col.decodeLater(2, 5);
    // the arena moves as the column grows before the decode
    const more = encode(Array.from({ length: 2_000 }, (_, i) => `more${i}`));
    col.appendNew(more.bytes, more.offsets, more.hashes, 0, 2_000);
    expect(later()).toEqual(['id3', '日本4', 'id5']);
    expect(col.decodeLater(0, 0)()).toEqual([]);
  });
});
