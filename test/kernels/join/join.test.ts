/** Equi hash join kernels against a nested-loop reference: every table variant, every join kind, the documented output order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeKeyLayout, type KeyBounds } from '../../../kernels/hash/keys.js';
import {
  buildDirectTable,
  buildHashTable,
  buildJoinTable,
  directSlots,
  hashJoinKeys,
  joinKeys,
  probeJoin,
  probeMask,
  unmatchedBuildRows,
  type JoinTable,
} from '../../../kernels/join/index.js';
import { JoinScratch, SCRATCH_IDS, SCRATCH_WORDS } from '../../../kernels/join/scratch.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';
import { vec } from '../aggregate/helpers.js';

type Value = number | bigint | null;

/** SQL key equality: nulls never match; floats by value, with -0 = 0 and NaN = NaN (as group-by keys). */
function sameValue(a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
  return a === b;
}

function sameRow(build: Value[][], probe: Value[][], b: number, p: number): boolean {
  return build.every((col, k) => sameValue(col[b]!, probe[k]![p]!));
}

interface Expected {
  inner: [number, number][];
  left: [number, number][];
  semi: number[];
  unmatched: number[];
}

/** The nested loop: probe rows in order, build rows in order within each. */
function reference(build: Value[][], probe: Value[][]): Expected {
  const nb = build[0]?.length ?? 0;
  const np = probe[0]?.length ?? 0;
  const inner: [number, number][] = [];
  const left: [number, number][] = [];
  const semi: number[] = [];
  const hit = new Uint8Array(nb);
  for (let p = 0; p < np; p++) {
    let any = false;
    for (let b = 0; b < nb; b++) {
      if (!sameRow(build, probe, b, p)) continue;
      inner.push([p, b]);
      left.push([p, b]);
      hit[b] = 1;
      any = true;
    }
    if (!any) left.push([p, -1]);
    semi.push(any ? 1 : 0);
  }
  const unmatched: number[] = [];
  for (let b = 0; b < nb; b++) if (hit[b] === 0) unmatched.push(b);
  return { inner, left, semi, unmatched };
}

function pairs(p: { length: number; probe: Int32Array; build: Int32Array }): [number, number][] {
  return Array.from({ length: p.length }, (_, j) => [p.probe[j]!, p.build[j]!] as [number, number]);
}

function bounds(cols: Value[][]): KeyBounds {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) {
    for (const v of c) {
      if (v === null) continue;
      lo = Math.min(lo, Number(v));
      hi = Math.max(hi, Number(v));
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

type Variant = 'hash' | 'partitioned' | 'direct';

/** One scratch for every property run: each probe finds the arrays dirty from runs of other sizes, as a worker does. */
const scratch = new JoinScratch();

/** Runs every join kind through one table variant and checks each against the reference. */
function check(kinds: VecKind[], build: Value[][], probe: Value[][], variant: Variant, packed: boolean, bits = 2): void {
  const nb = build[0]?.length ?? 0;
  const np = probe[0]?.length ?? 0;
  const nullable = kinds.map((_, k) => build[k]!.includes(null) || probe[k]!.includes(null));
  const keyBounds = kinds.map((kind, k) => (packed && kind === 'i32' ? bounds([build[k]!, probe[k]!]) : null));
  const layout = makeKeyLayout(kinds, nullable, keyBounds);
  const bVecs: Vec[] = kinds.map((kind, k) => vec(kind, build[k]!));
  const pVecs: Vec[] = kinds.map((kind, k) => vec(kind, probe[k]!));
  const bKeys = joinKeys(bVecs, layout, nb);
  const pKeys = joinKeys(pVecs, layout, np);
  let table: JoinTable;
  if (variant === 'direct') {
    const slots = directSlots(layout);
    expect(slots).toBeGreaterThan(0);
    table = buildJoinTable(bKeys, { directSlots: slots });
  } else table = buildJoinTable(bKeys, { partitionBits: variant === 'partitioned' ? bits : 0 });
  expect(table.kind).toBe(variant);
  const want = reference(build, probe);
  const matched = new Uint8Array(nb);
  expect(pairs(probeJoin(table, pKeys, 'inner', { matched }))).toEqual(want.inner);
  expect(Array.from(unmatchedBuildRows(matched))).toEqual(want.unmatched);
  expect(pairs(probeJoin(table, pKeys, 'left', { hashes: hashJoinKeys(pKeys) }))).toEqual(want.left);
  expect(Array.from(probeMask(table, pKeys, 'semi'))).toEqual(want.semi);
  expect(Array.from(probeMask(table, pKeys, 'anti'))).toEqual(want.semi.map((s) => 1 - s));
  // the same through scratch arrays left dirty by earlier runs: every element used is written first
  const sKeys = joinKeys(pVecs, layout, np, scratch.ints(SCRATCH_WORDS, np * layout.width));
  expect(pairs(probeJoin(table, sKeys, 'inner', { scratch }))).toEqual(want.inner);
  expect(pairs(probeJoin(table, sKeys, 'left', { scratch }))).toEqual(want.left);
  expect(Array.from(probeMask(table, sKeys, 'semi', undefined, scratch.ints(SCRATCH_IDS, np)))).toEqual(want.semi);
}

/** Keys from a small domain so that duplicates and matches are common. */
function column(kind: VecKind, length: number, nulls: boolean): fc.Arbitrary<Value[]> {
  const base: fc.Arbitrary<number | bigint> =
    kind === 'f64'
      ? fc.constantFrom(0, -0, NaN, 1.5, -2, 3, Infinity)
      : kind === 'i64'
        ? fc.constantFrom(0n, 1n, -1n, 2n ** 40n, -(2n ** 62n), 7n)
        : fc.integer({ min: -3, max: 5 });
  const v: fc.Arbitrary<Value> = nulls ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: base }) : base;
  return fc.array(v, { minLength: length, maxLength: length });
}

function sides(kinds: VecKind[]): fc.Arbitrary<{ build: Value[][]; probe: Value[][] }> {
  return fc
    .record({ nb: fc.integer({ min: 0, max: 30 }), np: fc.integer({ min: 0, max: 30 }), nulls: fc.boolean() })
    .chain(({ nb, np, nulls }) =>
      fc.record({
        build: fc.tuple(...kinds.map((k) => column(k, nb, nulls))),
        probe: fc.tuple(...kinds.map((k) => column(k, np, nulls))),
      }),
    );
}

const RUNS = { seed: 20261207, numRuns: 150 };

describe('join kernels against a nested loop', () => {
  const cases: [string, VecKind[], Variant[], boolean][] = [
    ['i32 (generic words)', ['i32'], ['hash', 'partitioned'], false],
    ['i32 (packed, direct)', ['i32'], ['hash', 'partitioned', 'direct'], true],
    ['i64', ['i64'], ['hash', 'partitioned'], false],
    ['f64 with -0, NaN, Infinity', ['f64'], ['hash', 'partitioned'], false],
    ['i32 + f64', ['i32', 'f64'], ['hash', 'partitioned'], false],
    ['two i32 packed into one word', ['i32', 'i32'], ['hash', 'partitioned', 'direct'], true],
    ['i64 + i32 + f64', ['i64', 'i32', 'f64'], ['hash', 'partitioned'], false],
  ];
  for (const [name, kinds, variants, packed] of cases) {
    for (const variant of variants) {
      it(`${name}: ${variant}`, () => {
        fc.assert(
          fc.property(sides(kinds), ({ build, probe }) => check(kinds, build, probe, variant, packed)),
          RUNS,
        );
      });
    }
  }

  it('dictionary codes join through a direct table sized by the dictionary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { maxLength: 40 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { maxLength: 40 }),
        (build, probe) => {
          // codes into a dictionary of 10 strings: bounds are the dictionary's, not the data's
          const layout = makeKeyLayout(['i32'], [true], [[0, 9]]);
          const table = buildJoinTable(joinKeys([vec('i32', build)], layout, build.length), { directSlots: directSlots(layout) });
          expect(table.kind).toBe('direct');
          expect(table.keyCount).toBe(11); // ten codes and the null slot, which is never filled
          const got = pairs(probeJoin(table, joinKeys([vec('i32', probe)], layout, probe.length), 'left'));
          expect(got).toEqual(reference([build], [probe]).left);
        },
      ),
      RUNS,
    );
  });

  it('gives the same pairs partitioned as unpartitioned, for 1 to 8 partition bits', () => {
    fc.assert(
      fc.property(sides(['i32', 'f64']), fc.integer({ min: 1, max: 8 }), ({ build, probe }, bits) => {
        const layout = makeKeyLayout(['i32', 'f64'], [true, true], [null, null]);
        const b = joinKeys([vec('i32', build[0]!), vec('f64', build[1]!)], layout, build[0]!.length);
        const p = joinKeys([vec('i32', probe[0]!), vec('f64', probe[1]!)], layout, probe[0]!.length);
        const one = pairs(probeJoin(buildJoinTable(b), p, 'left'));
        const parted = pairs(probeJoin(buildJoinTable(b, { partitionBits: bits }), p, 'left'));
        expect(parted).toEqual(one);
      }),
      RUNS,
    );
  });
});

describe('join kernel details', () => {
  it('emits pairs in probe row order, then build row order within a key (documented order)', () => {
    const layout = makeKeyLayout(['i32'], [false], [null]);
    const table = buildJoinTable(joinKeys([vec('i32', [7, 5, 7, 9, 7])], layout, 5));
    const p = probeJoin(table, joinKeys([vec('i32', [7, 1, 5, 7])], layout, 4), 'left');
    expect(pairs(p)).toEqual([
      [0, 0],
      [0, 2],
      [0, 4],
      [1, -1],
      [2, 1],
      [3, 0],
      [3, 2],
      [3, 4],
    ]);
    // CSR: keys numbered in first-seen order, each key's rows ascending
    expect(Array.from(table.offsets)).toEqual([0, 3, 4, 5]);
    expect(Array.from(table.rows)).toEqual([0, 2, 4, 1, 3]);
  });

  it('marks unique builds, whose probe skips the runs, and gives the same pairs as the nested loop', () => {
    const layout = makeKeyLayout(['i32'], [true], [null]);
    const probe = joinKeys([vec('i32', [4, 9, null, 1, 4, 7])], layout, 6);
    const want = reference([[7, 1, 4, null, 8]], [[4, 9, null, 1, 4, 7]]);
    const all = buildJoinTable(joinKeys([vec('i32', [7, 1, 4, 8])], layout, 4));
    // every row a new key, in order: key id k is row k
    expect([all.unique, all.keyIsRow]).toEqual([true, true]);
    const withNull = buildJoinTable(joinKeys([vec('i32', [7, 1, 4, null, 8])], layout, 5));
    expect([withNull.unique, withNull.keyIsRow]).toEqual([true, false]);
    const parted = buildJoinTable(joinKeys([vec('i32', [7, 1, 4, null, 8])], layout, 5), { partitionBits: 3 });
    expect([parted.unique, parted.keyIsRow]).toEqual([true, false]);
    for (const t of [withNull, parted]) {
      const matched = new Uint8Array(5);
      expect(pairs(probeJoin(t, probe, 'left', { matched }))).toEqual(want.left);
      expect(Array.from(unmatchedBuildRows(matched))).toEqual(want.unmatched);
    }
    expect(buildJoinTable(joinKeys([vec('i32', [7, 1, 7])], layout, 3)).unique).toBe(false);
  });

  it('matches -0 with 0 and NaN with NaN, and never a null with a null', () => {
    const layout = makeKeyLayout(['f64'], [true], [null]);
    const table = buildJoinTable(joinKeys([vec('f64', [0, NaN, null])], layout, 3));
    const p = probeJoin(table, joinKeys([vec('f64', [-0, -NaN, null, 1])], layout, 4), 'inner');
    expect(pairs(p)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(Array.from(table.rows)).toEqual([0, 1]); // the null-key row is not inserted
  });

  it('handles empty build and probe sides', () => {
    const layout = makeKeyLayout(['i32'], [false], [null]);
    const empty = buildJoinTable(joinKeys([vec('i32', [])], layout, 0));
    expect(empty.keyCount).toBe(0);
    expect(pairs(probeJoin(empty, joinKeys([vec('i32', [1, 2])], layout, 2), 'left'))).toEqual([
      [0, -1],
      [1, -1],
    ]);
    const full = buildJoinTable(joinKeys([vec('i32', [1])], layout, 1), { partitionBits: 3 });
    expect(probeJoin(full, joinKeys([vec('i32', [])], layout, 0), 'inner').length).toBe(0);
    expect(Array.from(unmatchedBuildRows(new Uint8Array(1)))).toEqual([0]);
  });

  it('grows its slots past the initial size and still finds every key', () => {
    const n = 300_000;
    const build = new Int32Array(n);
    for (let i = 0; i < n; i++) build[i] = Math.imul(i, 2654435761) >> 1; // distinct, scattered
    const keys = { words: build, width: 1, length: n, valid: null };
    // sized for 16 keys, the slots must double many times over
    const table = buildHashTable(keys, null, null, 16);
    expect(table.keyCount).toBe(n);
    const probe = new Int32Array(n);
    for (let i = 0; i < n; i++) probe[i] = build[n - 1 - i]! + (i % 2); // odd rows miss (keys are even)
    const p = probeJoin(table, { words: probe, width: 1, length: n, valid: null }, 'inner');
    expect(p.length).toBe(n / 2);
    expect(table.mask + 1).toBeGreaterThanOrEqual(2 * n);
    let wrong = 0;
    for (let j = 0; j < p.length; j++) if (p.build[j] !== n - 1 - p.probe[j]! || p.probe[j]! % 2 !== 0) wrong++;
    expect(wrong).toBe(0);
  });

  it('grows its slots for wide keys too', () => {
    const n = 5000;
    const layout = makeKeyLayout(['f64'], [false], [null]);
    const values = Array.from({ length: n }, (_, i) => (i % 2500) * 0.5);
    const keys = joinKeys([vec('f64', values)], layout, n);
    const table = buildHashTable(keys, hashJoinKeys(keys), null, 4);
    expect(table.keyCount).toBe(2500);
    const p = probeJoin(table, joinKeys([vec('f64', [1249.5, 3, -1])], layout, 3), 'left');
    expect(pairs(p)).toEqual([
      [0, 2499],
      [0, 4999],
      [1, 6],
      [1, 2506],
      [2, -1],
    ]);
  });

  it('refuses a build key outside a direct table', () => {
    expect(() => buildDirectTable({ words: Int32Array.of(0, 4), width: 1, length: 2, valid: null }, 4)).toThrow(/outside/);
    expect(directSlots(makeKeyLayout(['i32'], [false], [[0, 1 << 21]]))).toBe(-1);
    expect(directSlots(makeKeyLayout(['i32'], [false], [[0, 999]]))).toBe(1000);
  });
});

describe('join kernel misuse', () => {
  it('refuses probe keys encoded with another width than the build side', () => {
    const table = buildJoinTable({ words: Int32Array.of(1, 2), width: 1, length: 2, valid: null });
    expect(() => probeJoin(table, { words: Int32Array.of(1, 0), width: 2, length: 1, valid: null }, 'inner')).toThrow(/words per row/);
  });
});
