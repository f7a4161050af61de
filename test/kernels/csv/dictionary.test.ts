/** The byte-hashing dictionary: codes in first-seen order, byte equality, each value decoded once. */
import { describe, expect, it } from 'vitest';
import { ByteDictionary, hashBytes } from '../../../kernels/csv/dictionary.js';
import { int, pick, rng, utf8 } from './helpers.js';

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

describe('ByteDictionary', () => {
  it('gives codes in first-seen order and decodes UTF-8', () => {
    const bytes = utf8('b|a|b|日本|😀|a||é');
    const dict = new ByteDictionary();
    const codes: number[] = [];
    let s = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x7c) {
        codes.push(dict.intern(bytes, s, i));
        s = i + 1;
      }
    }
    expect(dict.values).toEqual(['b', 'a', '日本', '😀', '', 'é']);
    expect(codes).toEqual([0, 1, 0, 2, 3, 1, 4, 5]);
  });

  it('matches a Map over many random strings from several buffers, through rehashes', () => {
    const rnd = rng(17);
    const dict = new ByteDictionary();
    const expected = new Map<string, number>();
    const alphabet = ['a', 'b', 'c', '0', '1', 'é', '日', '\u0000', '"', 'id000'];
    for (let k = 0; k < 60_000; k++) {
      const text = Array.from({ length: int(rnd, 0, 9) }, () => pick(rnd, alphabet)).join('');
      const pad = int(rnd, 0, 5);
      // A fresh buffer now and then: interning must not depend on which buffer holds the bytes.
      const bytes = utf8(`${'x'.repeat(pad)}${text}yy`);
      const code = dict.intern(bytes, pad, bytes.length - 2);
      if (!expected.has(text)) expected.set(text, expected.size);
      expect(code).toBe(expected.get(text));
    }
    expect(dict.values).toEqual([...expected.keys()]);
    expect(dict.size).toBe(expected.size);
  });

  it('keeps every code and value across a reserve, before, between and after interning', () => {
    const dict = new ByteDictionary();
    dict.reserve(10); // smaller than the table: nothing to do
    const words = Array.from({ length: 5000 }, (_, i) => utf8(`v${(i * 7919) % 5000}`));
    const codes = words.slice(0, 100).map((w) => dict.intern(w, 0, w.length));
    dict.reserve(5000);
    codes.push(...words.slice(100).map((w) => dict.intern(w, 0, w.length)));
    dict.reserve(20_000);
    // every value found again under its first code
    expect(words.map((w) => dict.intern(w, 0, w.length))).toEqual(codes);
    expect(dict.size).toBe(5000);
    expect(dict.values.slice(0, 3)).toEqual(['v0', `v${7919 % 5000}`, `v${(2 * 7919) % 5000}`]);
  });

  it('keeps values apart whose hashes collide, short ones (kept in the slot) and long ones (in the arena)', () => {
    for (const prefix of ['', 'a long shared prefix, over 20 bytes: ']) {
      // Brute-force two different strings with equal hashes.
      const seen = new Map<number, string>();
      let pair: [string, string] | null = null;
      for (let i = 0; pair === null && i < 2_000_000; i++) {
        const s = prefix + i.toString(36);
        const b = utf8(s);
        const h = hashBytes(b, view(b), 0, b.length);
        const other = seen.get(h);
        if (other !== undefined) pair = [other, s];
        else seen.set(h, s);
      }
      expect(pair).not.toBeNull();
      const [x, y] = pair!;
      const dict = new ByteDictionary();
      const bx = utf8(`,${x},`);
      const by = utf8(y);
      expect(dict.intern(bx, 1, bx.length - 1)).toBe(0);
      expect(dict.intern(by, 0, by.length)).toBe(1);
      expect(dict.intern(bx, 1, bx.length - 1)).toBe(0);
      expect(dict.intern(by, 0, by.length)).toBe(1);
      expect(dict.values).toEqual([x, y]);
    }
  });

  it('decodes values added after an earlier read, ASCII or not', () => {
    const dict = new ByteDictionary();
    const add = (s: string) => {
      const b = utf8(s);
      return dict.intern(b, 0, b.length);
    };
    add('a');
    expect(dict.values).toEqual(['a']);
    add('日本');
    add('b');
    add('a');
    expect(dict.values).toEqual(['a', '日本', 'b']);
    add('c');
    expect(dict.values).toEqual(['a', '日本', 'b', 'c']);
    const invalid = new Uint8Array([0x61, 0xff, 0x62]);
    expect(dict.intern(invalid, 0, 3)).toBe(4);
    expect(dict.values[4]).toBe('a\ufffdb');
  });

  it('hashes equal bytes equally wherever they sit', () => {
    const a = utf8('..hello world, long enough to use several words');
    const b = utf8('hello world, long enough to use several words!!!!');
    const n = a.length - 2;
    expect(hashBytes(a, view(a), 2, 2 + n)).toBe(hashBytes(b, view(b), 0, n));
    expect(hashBytes(a, view(a), 2, 2 + n)).not.toBe(hashBytes(b, view(b), 0, n - 1));
  });
});

describe('ByteDictionary.encoded', () => {
  it('gives every value as UTF-8 bytes in shared memory, in code order', () => {
    const dict = new ByteDictionary();
    const bytes = new TextEncoder().encode('id1,日本,id1,a-much-longer-value-than-a-slot,');
    const fields: [number, number][] = [];
    for (let s = 0, i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 44) continue;
      fields.push([s, i]);
      s = i + 1;
    }
    for (const [s, e] of fields) dict.intern(bytes, s, e);
    const { bytes: data, offsets } = dict.encoded();
    expect(data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    const decoded = Array.from({ length: offsets.length - 1 }, (_, c) =>
      new TextDecoder().decode(data.subarray(offsets[c]!, offsets[c + 1]!)),
    );
    expect(decoded).toEqual(dict.values);
    expect(decoded).toEqual(['id1', '日本', 'a-much-longer-value-than-a-slot']);
  });

  it('carries each entry hash in its encoding', () => {
    const rnd = rng(23);
    const source = new ByteDictionary();
    const words = Array.from({ length: 3_000 }, (_, i) => `${i % 7 === 0 ? 'é' : ''}w${i}${'x'.repeat(int(rnd, 0, 30))}`);
    for (const w of words) {
      const b = utf8(w);
      source.intern(b, 0, b.length);
    }
    const e = source.encoded(1_000);
    expect(e.hashes.length).toBe(2_000);
    for (let c = 0; c < 2_000; c++) expect(e.hashes[c]).toBe(hashBytes(e.bytes, view(e.bytes), e.offsets[c]!, e.offsets[c + 1]!));
  });

  it('finds values of a reserved table as of a grown one', () => {
    const dict = new ByteDictionary();
    dict.reserve(100_000);
    const b = utf8('a,bb,a,ccc,bb');
    expect([dict.intern(b, 0, 1), dict.intern(b, 2, 4), dict.intern(b, 5, 6), dict.intern(b, 7, 10), dict.intern(b, 11, 13)]).toEqual([
      0, 1, 0, 2, 1,
    ]);
  });
});
