/** The slot table: filled in ranges by several writers, probed in one read per row, against a plain map of key to build row. */
import { describe, expect, it } from 'vitest';
import { makeKeyLayout } from '../../../kernels/hash/keys.js';
import { packLayout } from '../../../kernels/join/pack.js';
import {
  occupiedSlots,
  probeSlots,
  scatterSlots,
  slotColumns,
  slotJoinSlots,
  slotMask,
  slotTableWords,
  type SlotJoinTable,
} from '../../../kernels/join/slots.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';

/** A seeded generator, so a failure reproduces. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Build-side payload columns of `n` rows: one per kind, values from the row, nulls every `nullEvery` rows (never when 0). */
function payload(kinds: readonly VecKind[], n: number, nullEvery: number): Vec[] {
  return kinds.map((kind, j) => {
    const valid = nullEvery > 0 ? Uint8Array.from({ length: n }, (_, i) => ((i + j) % nullEvery === 0 ? 0 : 1)) : null;
    switch (kind) {
      case 'i32':
        return { kind, length: n, values: Int32Array.from({ length: n }, (_, i) => i * 31 - j), valid };
      case 'f64':
        return { kind, length: n, values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -0 : i / 3 + j)), valid };
      case 'i64':
        return { kind, length: n, values: BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 9_007_199_254_740_993n), valid };
      case 'bool':
        return { kind, length: n, values: Uint8Array.from({ length: n }, (_, i) => (i + j) & 1), valid };
    }
  });
}

function table(slots: number, kinds: readonly VecKind[], nullable: boolean): SlotJoinTable {
  const layout = packLayout(kinds, nullable, true);
  return { kind: 'slots', slots, packed: { data: new Int32Array(slotTableWords(slots, layout.width)), layout } };
}

function slice(v: Vec, a: number, b: number): Vec {
  return { ...v, length: b - a, values: v.values.subarray(a, b), valid: v.valid?.subarray(a, b) ?? null };
}

/** Fills `t` from build keys `keys` (null: a null key) in morsels of `morsel` rows, by `writers` ranges of slots; whether every range counted its rows. */
function fill(t: SlotJoinTable, keys: readonly (number | null)[], cols: readonly Vec[], morsel: number, writers: number): boolean {
  const n = keys.length;
  const words = Int32Array.from(keys, (k) => k ?? 0);
  const valid = keys.some((k) => k === null) ? Uint8Array.from(keys, (k) => (k === null ? 0 : 1)) : null;
  let unique = true;
  for (let g = 0; g < writers; g++) {
    const from = Math.floor((g * t.slots) / writers);
    const to = Math.floor(((g + 1) * t.slots) / writers);
    let written = 0;
    for (let a = 0; a < n; a += morsel) {
      const b = Math.min(n, a + morsel);
      written += scatterSlots(
        t,
        words.subarray(a, b),
        valid?.subarray(a, b) ?? null,
        b - a,
        a,
        cols.map((c) => slice(c, a, b)),
        from,
        to,
      );
    }
    if (occupiedSlots(t, from, to) !== written) unique = false;
  }
  return unique;
}

/** Each value of a column as a comparable item (null where not valid; f64 by its bits, so -0 stays -0). */
function items(v: Vec): unknown[] {
  return Array.from({ length: v.length }, (_, i) => {
    if (v.valid !== null && v.valid[i] === 0) return null;
    const x = v.values[i]!;
    return typeof x === 'number' && Object.is(x, -0) ? '-0' : x;
  });
}

describe('slot join table', () => {
  it('is chosen for one-word packed keys that fill at least half their slots, within the limit', () => {
    expect(slotJoinSlots(makeKeyLayout(['i32'], [false], [[1, 11_000_000]]), 10_000_000)).toBe(11_000_001);
    expect(slotJoinSlots(makeKeyLayout(['i32'], [false], [[0, 999]]), 400)).toBe(-1);
    expect(slotJoinSlots(makeKeyLayout(['i32'], [false], [[0, 999]]), 500)).toBe(1000);
    expect(slotJoinSlots(makeKeyLayout(['f64'], [false], [null]), 1000)).toBe(-1);
    expect(slotJoinSlots(makeKeyLayout(['i32'], [false], [[0, (1 << 26) + 5]]), 1 << 26)).toBe(-1);
  });

  it('probes to the rows and values of a key-to-row map, for every kind, nulls, missing keys and writer count', () => {
    const random = mulberry(7);
    for (const kinds of [
      ['i32'],
      ['f64', 'i32', 'bool'],
      ['i64', 'f64', 'i32', 'i32', 'i32', 'i32'],
      ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    ] as VecKind[][]) {
      for (const nullEvery of [0, 5]) {
        const slots = 300;
        const n = 200;
        // distinct keys, some null
        const pool = Array.from({ length: slots }, (_, i) => i);
        for (let i = slots - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        }
        const keys: (number | null)[] = pool.slice(0, n).map((k, i) => (i % 17 === 3 ? null : k));
        const cols = payload(kinds, n, nullEvery);
        const rowOf = new Map<number, number>();
        keys.forEach((k, r) => k !== null && rowOf.set(k, r));
        for (const writers of [1, 2, 3]) {
          const t = table(slots, kinds, nullEvery > 0);
          expect(fill(t, keys, cols, 37, writers)).toBe(true);
          // probe keys: present, absent, null, out of range (negative and past the last slot)
          const probe = Array.from({ length: 120 }, (_, i) =>
            i % 11 === 0 ? null : i % 13 === 0 ? -4 : i % 19 === 0 ? slots + 9 : Math.floor(random() * slots),
          );
          const words = Int32Array.from(probe, (k) => k ?? 0);
          const valid = Uint8Array.from(probe, (k) => (k === null ? 0 : 1));
          const keysIn = { words, width: 1, length: probe.length, valid };
          const rowsOf = (k: number | null): number => (k === null ? -1 : (rowOf.get(k) ?? -1));
          for (const how of ['inner', 'left'] as const) {
            const p = probeSlots(t, keysIn, how, new Int32Array(probe.length), new Int32Array(probe.length));
            const want = probe.flatMap((k, i) => (rowsOf(k) >= 0 || how === 'left' ? [[i, rowsOf(k)]] : []));
            expect(
              [...p.probe].map((i, o) => [i, p.build[o]]),
              `${kinds.join(',')}, ${writers} writers, ${how}`,
            ).toEqual(want);
            const got = slotColumns(t, p);
            got.forEach((g, j) => {
              const src = items(cols[j]!);
              expect(items(g), `column ${j} (${kinds[j]})`).toEqual([...p.build].map((r) => (r < 0 ? null : src[r])));
            });
          }
          const semi = slotMask(t, keysIn, 'semi');
          expect([...semi]).toEqual(probe.map((k) => (rowsOf(k) >= 0 ? 1 : 0)));
          expect([...slotMask(t, keysIn, 'anti')]).toEqual([...semi].map((x) => 1 - x));
        }
      }
    }
  });

  it('counts a repeated key in any range, morsel or writer, so the caller falls back', () => {
    for (const writers of [1, 2, 4]) {
      for (const morsel of [1, 3, 100]) {
        const keys = [5, 9, 1, 7, 9, 2];
        const t = table(12, ['i32'], false);
        expect(fill(t, keys, payload(['i32'], keys.length, 0), morsel, writers), `${writers} writers, morsels of ${morsel}`).toBe(false);
        const distinct = [5, 9, 1, 7, 0, 2, null, null];
        const u = table(12, ['i32'], false);
        expect(fill(u, distinct, payload(['i32'], distinct.length, 0), morsel, writers)).toBe(true);
      }
    }
  });
});
