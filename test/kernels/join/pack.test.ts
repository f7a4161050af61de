/** Packed build rows: every kind, nulls and missing rows come back bit for bit as gathered column by column. */
import { describe, expect, it } from 'vitest';
import { gatherPacked, packLayout, packRows, type PackedRows } from '../../../kernels/join/pack.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';

/** Column `kind` of `n` rows, row i's value derived from i, null where i % nullEvery === 0 (never when 0). */
function column(kind: VecKind, n: number, nullEvery: number): Vec {
  const valid = nullEvery > 0 ? Uint8Array.from({ length: n }, (_, i) => (i % nullEvery === 0 ? 0 : 1)) : null;
  switch (kind) {
    case 'i32':
      return { kind, length: n, values: Int32Array.from({ length: n }, (_, i) => i * 7 - 3), valid };
    case 'f64':
      return {
        kind,
        length: n,
        values: Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -0 : i % 5 === 1 ? Number.NaN : i / 3)),
        valid,
      };
    case 'i64':
      return { kind, length: n, values: BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 9_007_199_254_740_993n), valid };
    case 'bool':
      return { kind, length: n, values: Uint8Array.from({ length: n }, (_, i) => (i % 3) & 1), valid };
  }
}

function bytes(v: Vec): number[] {
  return [...new Uint8Array(v.values.buffer, v.values.byteOffset, v.values.byteLength)];
}

describe('packed build rows', () => {
  it('lays out two-word kinds first, at even words, and rounds rows to an even width', () => {
    expect(packLayout(['i32', 'f64', 'i32'], false)).toEqual({
      width: 4,
      kinds: ['i32', 'f64', 'i32'],
      at: [2, 0, 3],
      validAt: -1,
      rowAt: -1,
    });
    expect(packLayout(['bool', 'i64'], true)).toEqual({ width: 4, kinds: ['bool', 'i64'], at: [2, 0], validAt: 3, rowAt: -1 });
  });

  it('gives back every value and null of every kind, by morsel and at any rows', () => {
    const kinds: VecKind[] = ['i32', 'f64', 'i64', 'bool', 'i32'];
    const n = 50;
    for (const nullEvery of [0, 4]) {
      const cols = kinds.map((k, j) => column(k, n, j === 1 ? 0 : nullEvery));
      const layout = packLayout(kinds, nullEvery > 0);
      const packed: PackedRows = { data: new Int32Array(n * layout.width), layout };
      // two morsels, packed in either order
      const slice = (v: Vec, a: number, b: number): Vec => ({
        ...v,
        length: b - a,
        values: v.values.subarray(a, b),
        valid: v.valid?.subarray(a, b) ?? null,
      });
      packRows(
        cols.map((c) => slice(c, 30, n)),
        packed,
        30,
      );
      packRows(
        cols.map((c) => slice(c, 0, 30)),
        packed,
        0,
      );
      const rows = Int32Array.of(49, 0, -1, 7, 7, 30, 12, -1, 1);
      const got = gatherPacked(packed, rows);
      got.forEach((g, j) => {
        const c = cols[j]!;
        const width = bytes(c).length / n;
        const want: number[] = [];
        rows.forEach((r) => {
          for (let b = 0; b < width; b++) want.push(r < 0 ? 0 : bytes(c)[r * width + b]!);
        });
        expect(bytes(g), `column ${j}, nulls every ${nullEvery}`).toEqual(want);
        const validWant = [...rows].map((r) => (r < 0 ? 0 : c.valid === null ? 1 : c.valid[r]!));
        expect(g.valid === null ? rows.map(() => 1) : [...g.valid], `validity of column ${j}`).toEqual(validWant);
      });
    }
  });
});
