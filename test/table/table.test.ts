/** Table core: shape, selection, slicing across chunks, and conversion to JS values. */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/table/table.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';

const frame = (chunkSize = 3): Table =>
  Table.fromColumns({ i: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], s: ['a', 'b', null, 'd', 'e', 'f', 'g', 'h', 'i', 'j'] }, { chunkSize });

describe('Table basics', () => {
  it('reports shape, width and names', () => {
    const df = frame();
    expect(df.shape).toEqual([10, 2]);
    expect(df.width).toBe(2);
    expect(df.columns).toEqual(['i', 's']);
    expect(df.schema.toString()).toBe('{i: Int32, s: Utf8}');
  });

  it('rejects columns of different lengths and duplicate names', () => {
    const df = frame();
    expect(() => new Table([df.getColumn('i'), df.getColumn('s').slice(0, 4)])).toThrow(/column "s" has 4 rows, expected 10/);
    expect(() => new Table([df.getColumn('i'), df.getColumn('i')])).toThrow(/duplicate column name "i"/);
  });
});

describe('head, tail and slice', () => {
  it('head and tail take rows from either end, clamped to the height', () => {
    const df = frame();
    expect(df.head().getColumn('i').toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(df.head(2).getColumn('s').toArray()).toEqual(['a', 'b']);
    expect(df.tail(3).getColumn('i').toArray()).toEqual([7, 8, 9]);
    expect(df.tail().height).toBe(5);
    expect(df.head(50).height).toBe(10);
    expect(df.tail(50).getColumn('i').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(df.head(0).height).toBe(0);
    expect(df.tail(0).height).toBe(0);
    expect(df.head(-2).height).toBe(0);
  });

  it('slice counts negative offsets from the end and clamps the length', () => {
    const df = frame();
    expect(df.slice(2, 3).getColumn('i').toArray()).toEqual([2, 3, 4]);
    expect(df.slice(-4).getColumn('i').toArray()).toEqual([6, 7, 8, 9]);
    expect(df.slice(-4, 2).getColumn('s').toArray()).toEqual(['g', 'h']);
    expect(df.slice(-100, 2).getColumn('i').toArray()).toEqual([0, 1]);
    expect(df.slice(8, 100).getColumn('i').toArray()).toEqual([8, 9]);
    expect(df.slice(12).height).toBe(0);
    expect(df.slice(3, -1).height).toBe(0);
  });

  it('slices across chunk boundaries, sharing the buffers of whole-element types', () => {
    const df = frame(3);
    const s = df.slice(2, 5); // rows 2..6 span chunks [0,3), [3,6), [6,9)
    const col = s.getColumn('i');
    expect(col.chunks.map((c) => c.length)).toEqual([1, 3, 1]);
    expect(col.toArray()).toEqual([2, 3, 4, 5, 6]);
    expect(col.chunks[0]!.values.buffer).toBe(df.getColumn('i').chunks[0]!.values.buffer);
    expect(s.getColumn('s').toArray()).toEqual([null, 'd', 'e', 'f', 'g']);
    expect(s.getColumn('s').nullCount).toBe(1);
  });

  it('slices booleans and validity at offsets that are not byte-aligned', () => {
    const values = Array.from({ length: 37 }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0));
    const df = Table.fromColumns({ b: values }, { chunkSize: 13 });
    for (const [start, len] of [
      [3, 20],
      [11, 5],
      [12, 14],
      [25, 12],
      [0, 37],
      [9, 1],
    ] as const) {
      const col = df.slice(start, len).getColumn('b');
      expect(col.toArray()).toEqual(values.slice(start, start + len));
      expect(col.nullCount).toBe(values.slice(start, start + len).filter((v) => v === null).length);
      for (const c of col.chunks) {
        // bits past the end of a sliced bitmap stay zero so whole-byte kernels can trust them
        const tail = c.length & 7;
        if (tail) expect((c.values as Uint8Array)[c.values.length - 1]! >> tail).toBe(0);
      }
    }
  });
});

describe('select and getColumn', () => {
  it('selects columns in the order given without copying', () => {
    const df = frame();
    const s = df.select('s', 'i');
    expect(s.columns).toEqual(['s', 'i']);
    expect(s.getColumn('i')).toBe(df.getColumn('i'));
  });

  it('names the known columns when a column is unknown', () => {
    const df = frame();
    expect(() => df.select('i', 'nope')).toThrow(ColumnNotFoundError);
    expect(() => df.select('nope')).toThrow('unknown column "nope"; known columns: "i", "s"');
    expect(() => df.getColumn('x')).toThrow(/known columns: "i", "s"/);
  });
});

describe('conversion to JS values', () => {
  it('toRecords gives null, Date and bigint values', () => {
    const df = Table.fromColumns(
      {
        id: ['a', null],
        n: [1n, null],
        when: [new Date('2024-03-01T10:20:30.456Z'), null],
        day: [new Date('2024-03-01T00:00:00Z'), null],
        ok: [true, null],
      },
      { dtypes: { day: 'Date' } },
    );
    expect(df.toRecords()).toEqual([
      { id: 'a', n: 1n, when: new Date('2024-03-01T10:20:30.456Z'), day: new Date('2024-03-01T00:00:00Z'), ok: true },
      { id: null, n: null, when: null, day: null, ok: null },
    ]);
    expect(df.toColumns()).toEqual({
      id: ['a', null],
      n: [1n, null],
      when: [new Date('2024-03-01T10:20:30.456Z'), null],
      day: [new Date('2024-03-01T00:00:00Z'), null],
      ok: [true, null],
    });
  });

  it('reads values across chunks with get and rejects rows out of range', () => {
    const col = frame(4).getColumn('i');
    expect(col.get(0)).toBe(0);
    expect(col.get(4)).toBe(4);
    expect(col.get(9)).toBe(9);
    expect(col.isValid(9)).toBe(true);
    expect(() => col.get(10)).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', code: 'INVALID_ARGUMENT', argument: 'row', value: 10 }),
    );
    expect(() => col.get(-1)).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', code: 'INVALID_ARGUMENT', argument: 'row', value: -1 }),
    );
  });
});
