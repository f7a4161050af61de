/** Arrow interop: round trips, zero-copy sharing in both directions, and loading foreign tables. */
import {
  Bool,
  DateDay,
  DateMillisecond,
  Dictionary as ArrowDictionary,
  Field,
  Float16,
  Float64,
  Int32,
  Int8,
  LargeUtf8,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMicrosecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Utf8,
  type Vector,
  makeData,
  tableFromArrays,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { Column } from '../../src/table/column.js';
import { Table as StoredTable } from '../../src/table/table.js';

const everyType = (): StoredTable =>
  StoredTable.fromColumns(
    {
      i: [1, null, -3, 4, 5, null, 7, 8],
      l: [1n, 2n, null, -(2n ** 62n), 5n, 6n, 7n, null],
      f: [1.5, null, NaN, -0.25, 5, 6e300, null, 8],
      b: [true, false, null, true, true, null, false, true],
      s: ['a', 'bb', null, 'a', 'ünï', '', null, 'bb'],
      d: ['2024-01-01', null, '1969-12-31', '2000-02-29', null, '1970-01-01', '2100-12-31', '1900-03-01'],
      t: [new Date(0), new Date(-1), null, new Date(1_700_000_000_123), null, new Date(86_400_000), new Date(2), new Date(3)],
    },
    { chunkSize: 3, dtypes: { d: 'Date' } },
  );

/** One batch per Arrow Data list, all columns of a table built from raw Data. */
function tableOf(fields: Field[], batches: readonly (readonly ReturnType<typeof makeData>[])[]): Table {
  const schema = new Schema(fields);
  return new Table(
    schema,
    batches.map(
      (children) => new RecordBatch(schema, makeData({ type: new Struct(fields), length: children[0]!.length, children: [...children] })),
    ),
  );
}

const sharedI32 = (xs: number[]): Int32Array => {
  const a = new Int32Array(new SharedArrayBuffer(xs.length * 4));
  a.set(xs);
  return a;
};

describe('toArrow', () => {
  it('maps every type and keeps values and nulls', () => {
    const df = everyType();
    const table = df.toArrow();
    expect(table.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual([
      'i: Int32',
      'l: Int64',
      'f: Float64',
      'b: Bool',
      's: Dictionary<Int32, Utf8>',
      'd: Date32<DAY>',
      't: Timestamp<MILLISECOND>',
    ]);
    expect(table.numRows).toBe(8);
    expect(table.batches.length).toBe(3);
    expect(table.getChild('i')!.toArray()).toEqual(new Int32Array([1, 0, -3, 4, 5, 0, 7, 8]));
    expect([...table.getChild('i')!]).toEqual([1, null, -3, 4, 5, null, 7, 8]);
    expect([...table.getChild('l')!]).toEqual([1n, 2n, null, -(2n ** 62n), 5n, 6n, 7n, null]);
    expect([...table.getChild('b')!]).toEqual([true, false, null, true, true, null, false, true]);
    expect([...table.getChild('s')!]).toEqual(['a', 'bb', null, 'a', 'ünï', '', null, 'bb']);
    expect([...table.getChild('d')!].map((ms) => (ms === null ? null : new Date(ms as number).toISOString().slice(0, 10)))).toEqual([
      '2024-01-01',
      null,
      '1969-12-31',
      '2000-02-29',
      null,
      '1970-01-01',
      '2100-12-31',
      '1900-03-01',
    ]);
    expect([...table.getChild('t')!]).toEqual([0, -1, null, 1_700_000_000_123, null, 86_400_000, 2, 3]);
    expect(table.getChild('f')!.nullCount).toBe(2);
  });

  it('wraps the frame buffers without copying them', () => {
    const df = everyType();
    const table = df.toArrow();
    expect(table.getChild('i')!.data[0]!.values.buffer).toBe(df.getColumn('i').chunks[0]!.values.buffer);
    for (const col of df.getColumns()) {
      const data = table.getChild(col.name)!.data;
      expect(data.length).toBe(col.chunks.length);
      col.chunks.forEach((chunk, k) => {
        expect(data[k]!.values.buffer).toBe(chunk.values.buffer);
        if (chunk.validity) expect(data[k]!.nullBitmap!.buffer).toBe(chunk.validity.buffer);
        expect(data[k]!.nullCount).toBe(chunk.nullCount);
      });
    }
    const dictionary = table.getChild('s')!.data[0]!.dictionary!;
    expect(dictionary.data[0]!.values.buffer).toBe(df.getColumn('s').dictionary!.toArrowBuffers().data.buffer);
    expect([...dictionary]).toEqual(['a', 'bb', 'ünï', '']);
  });

  it('cuts batches at every chunk boundary when columns are chunked differently', () => {
    const a = StoredTable.fromColumns({ a: [0, 1, 2, 3, 4, 5, 6] }, { chunkSize: 3 }).getColumn('a');
    const b = StoredTable.fromColumns({ b: [true, null, false, true, true, false, null] }, { chunkSize: 4 }).getColumn('b');
    const table = new StoredTable([a, b]).toArrow();
    expect(table.batches.map((x) => x.numRows)).toEqual([3, 1, 2, 1]);
    expect([...table.getChild('a')!]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([...table.getChild('b')!]).toEqual([true, null, false, true, true, false, null]);
    expect(table.getChild('b')!.data[1]!.values.buffer).toBe(b.chunks[0]!.values.buffer);
  });

  it('handles frames with no rows or no columns', () => {
    expect(StoredTable.fromColumns({}).toArrow().numCols).toBe(0);
    const empty = StoredTable.fromColumns({ x: [] as number[] }, { dtypes: { x: 'Float64' } }).toArrow();
    expect(empty.numRows).toBe(0);
    expect(String(empty.schema.fields[0]!.type)).toBe('Float64');
  });
});

describe('fromArrow', () => {
  it('round-trips every type with nulls across several chunks', () => {
    const df = everyType();
    const back = StoredTable.fromArrow(df.toArrow());
    expect(back.schema.equals(df.schema)).toBe(true);
    expect(back.toRecords()).toEqual(df.toRecords());
    for (const col of back.getColumns()) expect(col.chunks.map((c) => c.length)).toEqual([3, 3, 2]);
  });

  it('shares the buffers of a round trip', () => {
    const df = everyType();
    const back = StoredTable.fromArrow(df.toArrow());
    for (const col of df.getColumns()) {
      col.chunks.forEach((chunk, k) => {
        const got = back.getColumn(col.name).chunks[k]!;
        expect(got.values.buffer).toBe(chunk.values.buffer);
        expect(got.validity?.buffer).toBe(chunk.validity?.buffer);
      });
    }
  });

  it('wraps Arrow data that is already in shared memory without copying', () => {
    const ints = sharedI32([10, 20, 30, 40]);
    const floats = new Float64Array(new SharedArrayBuffer(32));
    floats.set([0.5, 1.5, 2.5, 3.5]);
    const bits = new Uint8Array(new SharedArrayBuffer(1));
    bits[0] = 0b0101;
    const valid = new Uint8Array(new SharedArrayBuffer(1));
    valid[0] = 0b1011;
    const codes = sharedI32([1, 0, 1, 1]);
    const dictionary = vectorFromArray(['p', 'q'], new Utf8());
    const type = new ArrowDictionary(new Utf8(), new Int32());
    const fields = [
      new Field('x', new Int32()),
      new Field('f', new Float64()),
      new Field('b', new Bool()),
      new Field('s', type),
      new Field('d', new DateDay()),
    ];
    const table = tableOf(fields, [
      [
        makeData({ type: new Int32(), data: ints, nullBitmap: valid, length: 4 }),
        makeData({ type: new Float64(), data: floats }),
        makeData({ type: new Bool(), data: bits, length: 4 }),
        makeData({ type, data: codes, length: 4, dictionary }),
        makeData({ type: new DateDay(), data: ints, length: 4 }),
      ],
    ]);
    const df = StoredTable.fromArrow(table);
    expect(df.getColumn('x').chunks[0]!.values.buffer).toBe(ints.buffer);
    expect(df.getColumn('x').chunks[0]!.validity!.buffer).toBe(valid.buffer);
    expect(df.getColumn('f').chunks[0]!.values.buffer).toBe(floats.buffer);
    expect(df.getColumn('b').chunks[0]!.values.buffer).toBe(bits.buffer);
    expect(df.getColumn('s').chunks[0]!.values.buffer).toBe(codes.buffer);
    expect(df.getColumn('d').chunks[0]!.values.buffer).toBe(ints.buffer);
    expect(df.toColumns()).toEqual({
      x: [10, 20, null, 40],
      f: [0.5, 1.5, 2.5, 3.5],
      b: [true, false, true, false],
      s: ['q', 'p', 'q', 'q'],
      d: [new Date(10 * 86_400_000), new Date(20 * 86_400_000), new Date(30 * 86_400_000), new Date(40 * 86_400_000)],
    });
  });

  it('copies a shared bitmap whose unused trailing bits are set, so ours stay zero', () => {
    const bits = new Uint8Array(new SharedArrayBuffer(1));
    bits[0] = 0b1111_0101;
    const df = StoredTable.fromArrow(tableOf([new Field('b', new Bool())], [[makeData({ type: new Bool(), data: bits, length: 3 })]]));
    const chunk = df.getColumn('b').chunks[0]!;
    expect(chunk.values.buffer).not.toBe(bits.buffer);
    expect(chunk.values[0]).toBe(0b101);
    expect(df.getColumn('b').toArray()).toEqual([true, false, true]);
  });

  it('copies Arrow data in ordinary memory into shared memory', () => {
    const table = tableFromArrays({ x: new Int32Array([1, 2, 3]), s: ['a', 'b', 'a'] });
    expect(table.getChild('x')!.data[0]!.values.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    const df = StoredTable.fromArrow(table);
    for (const col of df.getColumns()) expect(col.chunks[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(df.toColumns()).toEqual({ x: [1, 2, 3], s: ['a', 'b', 'a'] });
  });

  it('reads sliced Arrow data, including bitmaps at offsets that are not byte-aligned', () => {
    const n = 40;
    const ints = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : i * 3));
    const bools = Array.from({ length: n }, (_, i) => (i % 5 === 1 ? null : i % 3 === 0));
    const strs = Array.from({ length: n }, (_, i) => (i % 6 === 2 ? null : `s${i % 4}`));
    const table = new Table({
      i: vectorFromArray(ints, new Int32()),
      b: vectorFromArray(bools, new Bool()),
      s: vectorFromArray(strs, new Utf8()),
      c: vectorFromArray(strs),
    });
    for (const [start, end] of [
      [3, 29],
      [8, 16],
      [13, 40],
      [0, 1],
    ] as const) {
      const df = StoredTable.fromArrow(table.slice(start, end));
      expect(df.getColumn('i').chunks[0]!.length).toBe(end - start);
      expect(df.toColumns()).toEqual({
        i: ints.slice(start, end),
        b: bools.slice(start, end),
        s: strs.slice(start, end),
        c: strs.slice(start, end),
      });
    }
    // Data built with a non-zero offset over shared memory: values are wrapped, the bitmap too when aligned
    const shared = sharedI32([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const valid = new Uint8Array(new SharedArrayBuffer(2)).fill(0xff);
    valid[1] = 0b1111_0110; // rows 8 and 11 of the underlying bitmap are null
    const data = makeData({ type: new Int32(), data: shared, nullBitmap: valid, length: 12 }).slice(8, 4);
    const df = StoredTable.fromArrow(tableOf([new Field('x', new Int32())], [[data]]));
    expect(df.getColumn('x').toArray()).toEqual([null, 9, 10, null]);
    expect(df.getColumn('x').chunks[0]!.values.buffer).toBe(shared.buffer);
  });

  it('converts tables built by tableFromArrays and vectorFromArray', () => {
    const table = tableFromArrays({
      f: [1, 2.5, null],
      s: ['x', null, 'y'],
      i8: new Int8Array([-1, 2, 3]),
      u8: new Uint8Array([255, 0, 1]),
      i16: new Int16Array([-300, 0, 300]),
      u16: new Uint16Array([65535, 0, 1]),
      u32: new Uint32Array([4_294_967_295, 0, 1]),
      f32: new Float32Array([0.5, -1, 2]),
      l: new BigInt64Array([1n, -(2n ** 63n), 3n]),
      b: [true, false, null],
      t: [new Date(5), null, new Date(-5)],
    });
    const df = StoredTable.fromArrow(table);
    expect(df.schema.toString()).toBe(
      '{f: Float64, s: Utf8, i8: Int32, u8: Int32, i16: Int32, u16: Int32, u32: Float64, f32: Float64, l: Int64, b: Boolean, t: Timestamp}',
    );
    expect(df.toColumns()).toEqual({
      f: [1, 2.5, null],
      s: ['x', null, 'y'],
      i8: [-1, 2, 3],
      u8: [255, 0, 1],
      i16: [-300, 0, 300],
      u16: [65535, 0, 1],
      u32: [4_294_967_295, 0, 1],
      f32: [0.5, -1, 2],
      l: [1n, -(2n ** 63n), 3n],
      b: [true, false, null],
      t: [new Date(5), null, new Date(-5)],
    });
  });

  it('dictionary-encodes plain Utf8 and LargeUtf8 columns', () => {
    const table = new Table({
      u: vectorFromArray(['x', null, 'y', 'x'], new Utf8()),
      lu: vectorFromArray(['p', 'q', null, 'q'], new LargeUtf8()),
    });
    const df = StoredTable.fromArrow(table);
    expect(df.schema.toString()).toBe('{u: Utf8, lu: Utf8}');
    expect(df.toColumns()).toEqual({ u: ['x', null, 'y', 'x'], lu: ['p', 'q', null, 'q'] });
    expect(df.getColumn('lu').dictionary!.values).toEqual(['p', 'q']);
    expect(Array.from(df.getColumn('u').chunks[0]!.values as Int32Array).filter((_, i) => i !== 1)).toEqual([0, 1, 0]);
  });

  it('unifies dictionaries that differ between chunks and remaps the codes', () => {
    const type = new ArrowDictionary(new Utf8(), new Int32());
    const d1 = vectorFromArray(['a', 'b'], new Utf8());
    const d2 = vectorFromArray(['c', 'a', 'b'], new Utf8());
    const table = tableOf(
      [new Field('s', type)],
      [
        [makeData({ type, data: sharedI32([0, 1, 1]), dictionary: d1 })],
        [makeData({ type, data: sharedI32([0, 1, 2, 0]), dictionary: d2 })],
      ],
    );
    const col = StoredTable.fromArrow(table).getColumn('s');
    expect(col.toArray()).toEqual(['a', 'b', 'b', 'c', 'a', 'b', 'c']);
    expect(col.dictionary!.values).toEqual(['a', 'b', 'c']);
    // one code per string across chunks, so grouping on codes is correct
    expect(Array.from(col.chunks[1]!.values as Int32Array)).toEqual([2, 0, 1, 2]);
  });

  it('reads one dictionary sent again with each batch (as separate vectors) once, and non-ASCII strings by their bytes', () => {
    const type = new ArrowDictionary(new Utf8(), new Int32());
    const words = ['東京', 'e\u0301', '😀', ''];
    const table = tableOf(
      [new Field('s', type)],
      [
        [makeData({ type, data: sharedI32([0, 1, 2]), dictionary: vectorFromArray(words, new Utf8()) })],
        [makeData({ type, data: sharedI32([3, 2, 0]), dictionary: vectorFromArray(words, new Utf8()) })],
        [makeData({ type, data: sharedI32([1, 0]), dictionary: vectorFromArray(['e\u0301', '東京'], new Utf8()) })],
      ],
    );
    const col = StoredTable.fromArrow(table).getColumn('s');
    expect(col.toArray()).toEqual(['東京', 'e\u0301', '😀', '', '😀', '東京', '東京', 'e\u0301']);
    expect(col.dictionary!.values).toEqual(words);
    expect(Array.from(col.chunks[2]!.values as Int32Array)).toEqual([0, 1]);
  });

  it('reads Int8 dictionary codes and null dictionary entries', () => {
    const type = new ArrowDictionary(new Utf8(), new Int8());
    const dictionary = vectorFromArray(['x', null, 'y'], new Utf8());
    const table = tableOf([new Field('s', type)], [[makeData({ type, data: new Int8Array([2, 1, 0, 2]), dictionary })]]);
    const col = StoredTable.fromArrow(table).getColumn('s');
    expect(col.toArray()).toEqual(['y', null, 'x', 'y']);
    expect(col.nullCount).toBe(1);
  });

  it('converts every timestamp unit to ms (rounding down) and DateMillisecond to days', () => {
    const raw = (xs: bigint[]): BigInt64Array => new BigInt64Array(xs);
    const fields = [
      new Field('s', new TimestampSecond()),
      new Field('us', new TimestampMicrosecond()),
      new Field('ns', new TimestampNanosecond()),
      new Field('dm', new DateMillisecond()),
    ];
    const table = tableOf(fields, [
      [
        makeData({ type: new TimestampSecond(), data: raw([1n, -1n]) }),
        makeData({ type: new TimestampMicrosecond(), data: raw([1_999n, -1n]) }),
        makeData({ type: new TimestampNanosecond(), data: raw([1_999_999n, -1_000_001n]) }),
        makeData({ type: new DateMillisecond(), data: raw([86_400_000n * 3n, -1n]) }),
      ],
    ]);
    const df = StoredTable.fromArrow(table);
    expect(df.schema.toString()).toBe('{s: Timestamp, us: Timestamp, ns: Timestamp, dm: Date}');
    expect(df.toColumns()).toEqual({
      s: [new Date(1000), new Date(-1000)],
      us: [new Date(1), new Date(-1)],
      ns: [new Date(1), new Date(-2)],
      dm: [new Date(86_400_000 * 3), new Date(-86_400_000)],
    });
  });

  it('names the column and the Arrow type it cannot load', () => {
    const cases: [string, Vector][] = [
      ['h', vectorFromArray([1, 2], new Float16())],
      ['u', vectorFromArray([1n, 2n], new Uint64())],
      ['xs', vectorFromArray([[1], [2]], new List(new Field('item', new Int32())))],
    ];
    for (const [name, vector] of cases) {
      const table = new Table({ [name]: vector });
      expect(() => StoredTable.fromArrow(table)).toThrow(
        new RegExp(`column "${name}" has Arrow type ${String(vector.type).replace(/[<>[\]]/g, '.')}`),
      );
      expect(() => StoredTable.fromArrow(table)).toThrow(expect.objectContaining({ name: 'VolleyError', code: 'TYPE_ERROR' }));
    }
  });

  it('loads empty tables and skips empty batches', () => {
    const schema = new Schema([new Field('x', new Int32())]);
    const df = StoredTable.fromArrow(new Table(schema, []));
    expect(df.shape).toEqual([0, 1]);
    expect(df.getColumn('x')).toBeInstanceOf(Column);
    const s = StoredTable.fromArrow(new Table({ s: vectorFromArray([] as string[], new Utf8()) }));
    expect(s.schema.toString()).toBe('{s: Utf8}');
    expect(s.height).toBe(0);
  });
});
