/** Group keys as words: packed bit fields, generic words, local group ids and the merge table. */
import { describe, expect, it } from 'vitest';
import { groupRows } from '../../../kernels/hash/groups.js';
import { hashWords } from '../../../kernels/hash/hash.js';
import { decodeKeys, encodeRows, makeKeyLayout, reachableSlots, slotCount } from '../../../kernels/hash/keys.js';
import { GroupTable } from '../../../kernels/hash/table.js';
import type { Vec } from '../../../kernels/vec.js';
import { at, rng, vec } from '../aggregate/helpers.js';

function column(v: Vec): unknown[] {
  return Array.from({ length: v.length }, (_, i) => at(v, i));
}

describe('key layouts', () => {
  it('packs bounded integer keys into bit fields and decodes them back', () => {
    const layout = makeKeyLayout(
      ['i32', 'bool', 'i32'],
      [true, false, false],
      [
        [0, 99],
        [0, 1],
        [-5, 1000],
      ],
    );
    expect(layout.fields).not.toBeNull();
    expect(layout.bits).toBe(7 + 1 + 10);
    const keys = [vec('i32', [5, null, 99]), vec('bool', [true, false, true]), vec('i32', [-5, 1000, 7])];
    const words = new Int32Array(3 * layout.width);
    encodeRows(keys, layout, 3, words);
    expect(decodeKeys(words, 3, layout, false).map(column)).toEqual([
      [5, null, 99],
      [true, false, true],
      [-5, 1000, 7],
    ]);
  });

  it('spills fields into a second word, and falls back to generic words past 62 bits or for floats', () => {
    expect(
      makeKeyLayout(
        ['i32', 'i32'],
        [false, false],
        [
          [0, 2 ** 20],
          [0, 2 ** 20],
        ],
      ).width,
    ).toBe(2);
    expect(
      makeKeyLayout(
        ['i32', 'i32', 'i32'],
        [false, false, false],
        [
          [0, 2 ** 30],
          [0, 2 ** 30],
          [0, 2 ** 30],
        ],
      ).fields,
    ).toBeNull();
    const generic = makeKeyLayout(['f64', 'i32'], [true, false], [null, [0, 3]]);
    expect(generic.fields).toBeNull();
    expect(generic.width).toBe(4);
  });

  it('refuses a packed key outside its planned range instead of corrupting other fields', () => {
    const layout = makeKeyLayout(
      ['i32', 'i32'],
      [false, false],
      [
        [0, 3],
        [0, 3],
      ],
    );
    expect(() => encodeRows([vec('i32', [1, 9]), vec('i32', [0, 0])], layout, 2, new Int32Array(2))).toThrow(/outside its planned range/);
  });

  it('counts the slots keys can reach: fewer than the slots when lo stays 0 below the minimum', () => {
    const one = makeKeyLayout(['i32'], [false], [[1, 100]]);
    expect(one.fields![0]!.lo).toBe(0);
    expect(slotCount(one)).toBe(101);
    expect(reachableSlots(one)).toBe(100);
    // a null is one more value; two fields multiply
    expect(reachableSlots(makeKeyLayout(['i32'], [true], [[1, 100]]))).toBe(101);
    const two = makeKeyLayout(
      ['i32', 'i32'],
      [false, true],
      [
        [0, 99],
        [5, 9],
      ],
    );
    expect(reachableSlots(two)).toBe(100 * 6);
    expect(reachableSlots(two)).toBeLessThanOrEqual(slotCount(two));
  });

  it('gives -0 and 0, and every NaN, the same generic words', () => {
    const layout = makeKeyLayout(['f64'], [false], [null]);
    const words = new Int32Array(8);
    encodeRows([vec('f64', [0, -0, NaN, -NaN])], layout, 4, words);
    expect([words[0], words[1]]).toEqual([words[2], words[3]]);
    expect([words[4], words[5]]).toEqual([words[6], words[7]]);
  });
});

describe('local group ids', () => {
  const r = rng(3);
  const raw = Array.from({ length: 5000 }, () => (r() < 0.05 ? null : Math.floor(r() * 300) - 100));
  const other = Array.from({ length: 5000 }, () => Math.floor(r() * 4));

  function expectFirstAppearance(keys: Vec[], layout: ReturnType<typeof makeKeyLayout>): void {
    const g = groupRows(keys, layout, 5000);
    const seen = new Map<string, number>();
    raw.forEach((x, i) => {
      const id = `${x}|${other[i]}`;
      if (!seen.has(id)) seen.set(id, seen.size);
      expect(g.gids[i]).toBe(seen.get(id));
    });
    expect(g.count).toBe(seen.size);
    // the first row of group g is where it first appears
    for (let k = 1; k < g.count; k++) expect(g.firstRow[k]!).toBeGreaterThan(g.firstRow[k - 1]!);
  }

  const keys = [vec('i32', raw), vec('i32', other)];
  it('numbers groups in order of first appearance: packed direct slots', () => {
    expectFirstAppearance(
      keys,
      makeKeyLayout(
        ['i32', 'i32'],
        [true, false],
        [
          [-100, 199],
          [0, 3],
        ],
      ),
    );
  });
  it('numbers groups in order of first appearance: generic words, per-morsel direct plan', () => {
    expectFirstAppearance(keys, makeKeyLayout(['i32', 'i32'], [true, false], [null, null]));
  });
  it('numbers groups in order of first appearance: packed words in a hash table', () => {
    expectFirstAppearance(
      keys,
      makeKeyLayout(
        ['i32', 'i32'],
        [true, false],
        [
          [-(2 ** 20), 2 ** 20],
          [0, 3],
        ],
      ),
    );
  });
});

describe('merge table', () => {
  it('keeps finding every key while it grows far past its first capacity', () => {
    const W = 2;
    const n = 20_000;
    const words = new Int32Array(n * W);
    const hashes = new Int32Array(n);
    const first = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      words[i * W] = i % 7919;
      words[i * W + 1] = Math.floor(i / 7919);
      hashes[i] = hashWords(words, i * W, W);
      first[i] = i;
    }
    const t = new GroupTable(W, 16, 16);
    const out = new Int32Array(n);
    t.insert(words, hashes, first, 0, n, out);
    expect(t.count).toBe(n);
    expect(Array.from(out.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    // the same keys again map to the same groups
    const again = new Int32Array(n);
    t.insert(words, hashes, first, 0, n, again);
    expect(t.count).toBe(n);
    expect(again).toEqual(out);
  });
});
