/** Zero-copy interop with Apache Arrow JS tables: our chunks become Arrow Data and back. */
import { VolleyError } from '../errors.js';
import { Buffer } from 'node:buffer';
import {
  Bool,
  DataType as ArrowType,
  DateDay,
  DateUnit,
  Dictionary as ArrowDictionary,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  Precision,
  RecordBatch,
  Schema as ArrowSchema,
  Struct,
  Table,
  TimeUnit,
  TimestampMillisecond,
  Utf8,
  Vector,
  type Data,
} from 'apache-arrow';
import type { DataType } from '../types/dtype.js';
import { getBit, sharedBigInt64, sharedBitmap, sharedFloat64, sharedInt32, sliceBitmap, toShared } from './buffers.js';
import { makeChunk, type ChunkData } from './chunk.js';
import { Column } from './column.js';
import { Dictionary } from './dictionary.js';
import { ByteDictionary } from '../../kernels/csv/dictionary.js';

const MS_PER_DAY = 86_400_000;

/**
 * An Arrow Table whose buffers are the columns' own shared-memory buffers. Each chunk becomes one
 * Arrow `Data`, so a column is a multi-chunk Vector; Utf8 columns become `Dictionary<Int32, Utf8>`
 * over the column's dictionary.
 *
 * Columns whose chunk boundaries differ are cut at the union of the boundaries (zero-copy
 * `Data.slice`), because an Arrow record batch needs every column to have the same length.
 *
 * @example
 * const table = tableToArrow(df.getColumns());
 * table.getChild('x')!.data[0]!.values.buffer === df.getColumn('x').chunks[0]!.values.buffer; // true
 */
export function tableToArrow(columns: readonly Column[]): Table {
  const types = columns.map(arrowTypeOf);
  const schema = new ArrowSchema(columns.map((c, i) => new Field(c.name, types[i]!, true)));
  const perColumn = columns.map((c, i) => {
    const dictionary = c.dictionary ? dictionaryVector(c.dictionary) : undefined;
    return c.chunks.map((chunk) => chunkToData(c.dtype, types[i]!, chunk, dictionary));
  });
  const bounds = batchBounds(columns);
  const pieces = perColumn.map((datas, i) => cutAt(datas, columns[i]!.chunks, bounds));
  const batches = bounds.map(([start, end], b) => {
    const children = pieces.map((p) => p[b]!);
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: end - start, nullCount: 0, children }));
  });
  return new Table(schema, batches);
}

/**
 * Columns over an Arrow Table's buffers. Buffers already in SharedArrayBuffer are wrapped as they
 * are; others are copied once into shared memory because workers can only read shared memory.
 *
 * Accepted Arrow types: Int8/16/32 and Uint8/16 (→ Int32), Int64, Uint32 and Float32 (→ Float64),
 * Float64, Bool, Utf8, LargeUtf8 and Utf8View (dictionary-encoded on load), Dictionary of Utf8 (dictionaries
 * that differ between chunks are unified and the codes remapped), DateDay and DateMillisecond
 * (→ Date), Timestamp of any unit (→ Timestamp in ms; the time zone is dropped, values are UTC).
 * Anything else throws an error naming the column and its Arrow type.
 *
 * @example
 * const cols = columnsFromArrow(tableFromArrays({ x: new Int32Array([1, 2]) }));
 * cols[0]!.dtype; // 'Int32'
 */
export function columnsFromArrow(table: Table): Column[] {
  return table.schema.fields.map((field, i) => {
    // Empty Data (an empty batch) carries nothing and would only add zero-length morsels.
    const datas = (table.getChildAt(i)?.data ?? []).filter((d) => d.length > 0);
    return columnFromData(field.name, field.type, datas);
  });
}

// ---------------------------------------------------------------------------------------------
// Volley → Arrow

function arrowTypeOf(c: Column): ArrowType {
  switch (c.dtype) {
    case 'Int32':
      return new Int32();
    case 'Int64':
      return new Int64();
    case 'Float64':
      return new Float64();
    case 'Boolean':
      return new Bool();
    case 'Utf8':
      return new ArrowDictionary(new Utf8(), new Int32());
    case 'Date':
      return new DateDay();
    case 'Timestamp':
      return new TimestampMillisecond();
  }
}

function dictionaryVector(dict: Dictionary): Vector<Utf8> {
  const { offsets, data } = dict.toArrowBuffers();
  return new Vector([makeData({ type: new Utf8(), length: dict.size, nullCount: 0, valueOffsets: offsets, data })]);
}

function chunkToData(dtype: DataType, type: ArrowType, c: ChunkData, dictionary: Vector<Utf8> | undefined): Data {
  const common = { length: c.length, nullCount: c.nullCount, nullBitmap: c.validity ?? undefined };
  switch (dtype) {
    case 'Int32':
      return makeData({ ...common, type: type as Int32, data: c.values as Int32Array });
    case 'Int64':
      return makeData({ ...common, type: type as Int64, data: c.values as BigInt64Array });
    case 'Float64':
      return makeData({ ...common, type: type as Float64, data: c.values as Float64Array });
    case 'Boolean':
      return makeData({ ...common, type: type as Bool, data: c.values as Uint8Array });
    case 'Date':
      return makeData({ ...common, type: type as DateDay, data: c.values as Int32Array });
    case 'Timestamp':
      return makeData({ ...common, type: type as TimestampMillisecond, data: c.values as BigInt64Array });
    case 'Utf8':
      return makeData({
        ...common,
        type: type as ArrowDictionary<Utf8, Int32>,
        data: c.values as Int32Array,
        dictionary: dictionary!,
      });
  }
}

/** Row ranges of the record batches: every chunk boundary of every column. */
function batchBounds(columns: readonly Column[]): [number, number][] {
  const height = columns[0]?.length ?? 0;
  const cuts = new Set<number>([0, height]);
  for (const col of columns) {
    let end = 0;
    for (const c of col.chunks) cuts.add((end += c.length));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) out.push([sorted[i - 1]!, sorted[i]!]);
  return out;
}

/**
 * A column's Data cut at the batch bounds: a chunk that spans a whole batch is used as is, one
 * that spans several is sliced. Bounds are sorted and include every chunk boundary, so one walk
 * over the chunks suffices.
 */
function cutAt(datas: readonly Data[], chunks: readonly ChunkData[], bounds: readonly [number, number][]): Data[] {
  const out: Data[] = [];
  let k = 0;
  let base = 0;
  for (const [start, end] of bounds) {
    while (start >= base + chunks[k]!.length) base += chunks[k++]!.length;
    const len = chunks[k]!.length;
    out.push(start === base && end === base + len ? datas[k]! : datas[k]!.slice(start - base, end - start));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arrow → Volley
//
// Arrow JS keeps fixed-width `values` (and `valueOffsets`) already sliced to the Data's first
// row; `offset` applies only to bitmaps (the validity bitmap and Bool values). Its own getters
// read `values[index]` and bit `offset + index`, and so do we.

function unsupported(name: string, type: ArrowType): VolleyError {
  return new VolleyError(
    'TYPE_ERROR',
    `column "${name}" has Arrow type ${String(type)}, which Volley cannot load ` +
      '(supported: signed integers, Uint8/16/32, Float32/64, Bool, Utf8, LargeUtf8, Utf8View, Dictionary<*, Utf8>, Date, Timestamp)',
  );
}

function columnFromData(name: string, type: ArrowType, datas: readonly Data[]): Column {
  if (ArrowType.isDictionary(type)) {
    if (!isString(type.dictionary)) throw unsupported(name, type);
    return dictionaryColumn(name, datas);
  }
  if (isString(type)) return stringColumn(name, datas);
  const conv = converterFor(type);
  if (conv === null) throw unsupported(name, type);
  const chunks = datas.map((d) => makeChunk(conv.values(d), validityOf(d), d.length));
  return new Column(name, conv.dtype, chunks);
}

function isString(type: ArrowType): boolean {
  return ArrowType.isUtf8(type) || ArrowType.isLargeUtf8(type) || ArrowType.isUtf8View(type);
}

interface Converter {
  dtype: DataType;
  values(d: Data): Int32Array | Float64Array | BigInt64Array | Uint8Array;
}

type AnyInts = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

function converterFor(type: ArrowType): Converter | null {
  if (ArrowType.isInt(type)) {
    const { bitWidth, isSigned } = type;
    if (bitWidth === 32 && isSigned) return { dtype: 'Int32', values: (d) => shared(d.values as Int32Array, d.length) };
    if (bitWidth === 64 && isSigned) return { dtype: 'Int64', values: (d) => shared(d.values as BigInt64Array, d.length) };
    if (bitWidth < 32) return { dtype: 'Int32', values: (d) => widen(sharedInt32(d.length), d.values as AnyInts) };
    if (bitWidth === 32) return { dtype: 'Float64', values: (d) => widen(sharedFloat64(d.length), d.values as AnyInts) };
    return null; // Uint64 has no lossless home
  }
  if (ArrowType.isFloat(type)) {
    if (type.precision === Precision.DOUBLE) return { dtype: 'Float64', values: (d) => shared(d.values as Float64Array, d.length) };
    if (type.precision === Precision.SINGLE)
      return { dtype: 'Float64', values: (d) => widen(sharedFloat64(d.length), d.values as Float32Array) };
    return null; // Float16 values are raw half-precision bits
  }
  if (ArrowType.isBool(type)) return { dtype: 'Boolean', values: (d) => bits(d.values as Uint8Array, d.offset, d.length) };
  if (ArrowType.isDate(type)) {
    if (type.unit === DateUnit.DAY) return { dtype: 'Date', values: (d) => shared(d.values as Int32Array, d.length) };
    return { dtype: 'Date', values: (d) => msToDays(d.values as BigInt64Array, d.length) };
  }
  if (ArrowType.isTimestamp(type)) {
    if (type.unit === TimeUnit.MILLISECOND) return { dtype: 'Timestamp', values: (d) => shared(d.values as BigInt64Array, d.length) };
    const unit = type.unit;
    return { dtype: 'Timestamp', values: (d) => rescaleToMs(d.values as BigInt64Array, d.length, unit) };
  }
  return null;
}

/** The first `length` values, wrapped when already shared, copied into shared memory otherwise. */
function shared<T extends Int32Array | Float64Array | BigInt64Array>(values: T, length: number): T {
  return toShared(values.subarray(0, length) as T);
}

function widen<T extends Int32Array | Float64Array>(out: T, values: AnyInts | Float32Array): T {
  out.set(values.subarray(0, out.length));
  return out;
}

function msToDays(values: BigInt64Array, length: number): Int32Array {
  const out = sharedInt32(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(Number(values[i]!) / MS_PER_DAY);
  return out;
}

function rescaleToMs(values: BigInt64Array, length: number, unit: TimeUnit): BigInt64Array {
  const out = sharedBigInt64(length);
  if (unit === TimeUnit.SECOND) {
    for (let i = 0; i < length; i++) out[i] = values[i]! * 1000n;
    return out;
  }
  const div = unit === TimeUnit.MICROSECOND ? 1000n : 1_000_000n;
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    // BigInt division truncates toward zero; instants before 1970 must round down like ms do.
    const q = v / div;
    out[i] = v < 0n && q * div !== v ? q - 1n : q;
  }
  return out;
}

/**
 * Bits [offset, offset + length) as a bitmap starting at bit 0. Wrapped without a copy when they
 * start on a byte, live in shared memory, and the unused bits of the last byte are zero (our own
 * bitmaps keep them zero, and whole-byte kernels rely on it); copied otherwise.
 */
function bits(src: Uint8Array, offset: number, length: number): Uint8Array {
  const bytes = Math.ceil(length / 8);
  if ((offset & 7) === 0 && src.buffer instanceof SharedArrayBuffer && src.length >= (offset >> 3) + bytes) {
    const view = src.subarray(offset >> 3, (offset >> 3) + bytes);
    const extra = length & 7;
    if (extra === 0 || (view[bytes - 1]! & ~((1 << extra) - 1) & 0xff) === 0) return view;
  }
  return sliceBitmap(src, offset, length);
}

function validityOf(d: Data): Uint8Array | null {
  const bitmap = d.nullBitmap as Uint8Array | undefined;
  if (!bitmap || bitmap.length === 0 || d.nullCount === 0) return null;
  return bits(bitmap, d.offset, d.length);
}

function isValidIn(d: Data, i: number): boolean {
  const bitmap = d.nullBitmap as Uint8Array | undefined;
  return !bitmap || bitmap.length === 0 || d.nullCount === 0 || getBit(bitmap, d.offset + i);
}

/** A Utf8View row's bytes, of which up to 12 hold its text inline. */
const VIEW_BYTES = 16;
const VIEW_INLINE = 12;

/**
 * Intern row `i` of a Utf8View chunk (what Polars writes): per row 16 bytes, the length first,
 * then the text itself when it is 12 bytes or less, else a prefix, the index of a variadic data
 * buffer and the offset in it.
 */
function internView(dict: ByteDictionary, d: Data, views: DataView, i: number): number {
  const at = i * VIEW_BYTES;
  const size = Math.max(0, views.getInt32(at, true));
  if (size <= VIEW_INLINE) {
    const own = d.values as Uint8Array;
    return dict.intern(own, at + 4, at + 4 + size);
  }
  const buffer = d.variadicBuffers[views.getInt32(at + 8, true)];
  if (buffer === undefined) throw new VolleyError('TYPE_ERROR', `a Utf8View column names a data buffer it does not have (row ${i})`);
  const offset = views.getInt32(at + 12, true);
  return dict.intern(buffer, offset, offset + size);
}

/**
 * Utf8, LargeUtf8 and Utf8View: each row's bytes interned by a ByteDictionary (hashed as bytes,
 * no JS string per row), its distinct values decoded once at the end. Arrow's Utf8 is valid UTF-8
 * (apache-arrow and the Rust readers validate it), so distinct byte strings are distinct strings.
 */
function stringColumn(name: string, datas: readonly Data[]): Column {
  const bytesDict = new ByteDictionary();
  const chunks = datas.map((d) => {
    const codes = sharedInt32(d.length);
    const bytes = d.values as Uint8Array;
    const validity = validityOf(d);
    if (ArrowType.isUtf8View(d.type)) {
      const views = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < d.length; i++) if (validity === null || getBit(validity, i)) codes[i] = internView(bytesDict, d, views, i);
      return makeChunk(codes, validity, d.length);
    }
    const offsets = d.valueOffsets as Int32Array | BigInt64Array;
    for (let i = 0; i < d.length; i++) {
      if (validity !== null && !getBit(validity, i)) continue;
      codes[i] = bytesDict.intern(bytes, Number(offsets[i]!), Number(offsets[i + 1]!));
    }
    return makeChunk(codes, validity, d.length);
  });
  const values = bytesDict.values;
  const dict = new Dictionary();
  dict.appendDistinct(values, 0, values.length);
  return new Column(name, 'Utf8', chunks, dict);
}

/**
 * Dictionary<*, Utf8>: Arrow codes map to codes in one column dictionary. The codes buffer is
 * shared as is when that map is the identity (the usual case: one Arrow dictionary for every
 * chunk) and it is already Int32 in shared memory; otherwise the codes are remapped into a copy.
 */
function dictionaryColumn(name: string, datas: readonly Data[]): Column {
  const bytesDict = new ByteDictionary();
  const remaps = new Map<Vector, Remap>();
  let last: { vector: Vector; entry: Remap } | null = null;
  const remapOf = (v: Vector | undefined): Remap => {
    if (v === undefined) return { remap: new Int32Array(0), identity: false };
    let entry = remaps.get(v);
    if (entry !== undefined) return entry;
    // A reader may send one dictionary again with every batch (a Parquet row group's, per
    // batch): the same strings get the same remap without interning them again.
    entry = last !== null && sameStrings(last.vector, v) ? last.entry : internAll(bytesDict, v);
    remaps.set(v, entry);
    last = { vector: v, entry };
    return entry;
  };
  const chunks = datas.map((d) => {
    const { remap, identity } = remapOf(d.dictionary as Vector | undefined);
    const codes = d.values as AnyInts | BigInt64Array | BigUint64Array;
    const validity = validityOf(d);
    if (identity && codes instanceof Int32Array && codes.buffer instanceof SharedArrayBuffer) {
      return makeChunk(codes.subarray(0, d.length), validity, d.length);
    }
    const out = sharedInt32(d.length);
    let nulled: number[] | null = null;
    for (let i = 0; i < d.length; i++) {
      if (validity !== null && !getBit(validity, i)) continue;
      const code = remap[Number(codes[i]!)];
      if (code === undefined)
        throw new VolleyError('INVALID_ARGUMENT', `column "${name}": dictionary code ${codes[i]} out of range (size ${remap.length})`);
      if (code < 0) (nulled ??= []).push(i);
      else out[i] = code;
    }
    return makeChunk(out, nulled ? clearBits(validity, d.length, nulled) : validity, d.length);
  });
  const values = bytesDict.values;
  const dict = new Dictionary();
  dict.appendDistinct(values, 0, values.length);
  return new Column(name, 'Utf8', chunks, dict);
}

/** Arrow dictionary code → column code (-1 for a null entry), and whether that is the identity. */
interface Remap {
  remap: Int32Array;
  identity: boolean;
}

/** Every entry of an Arrow string dictionary interned by its bytes. A null entry makes the rows that point at it null (-1 marks it). */
function internAll(bytesDict: ByteDictionary, v: Vector): Remap {
  const remap = new Int32Array(v.length);
  let k = 0;
  for (const d of v.data) {
    const bytes = d.values as Uint8Array;
    const offsets = d.valueOffsets as Int32Array | BigInt64Array;
    for (let i = 0; i < d.length; i++, k++)
      remap[k] = isValidIn(d, i) ? bytesDict.intern(bytes, Number(offsets[i]!), Number(offsets[i + 1]!)) : -1;
  }
  return { remap, identity: remap.every((c, i) => c === i) };
}

/** Whether two one-chunk string dictionaries without nulls hold the same strings in the same order (byte comparison of offsets and data). */
function sameStrings(a: Vector, b: Vector): boolean {
  if (a.length !== b.length || a.data.length !== 1 || b.data.length !== 1) return false;
  const da = a.data[0]!;
  const db = b.data[0]!;
  if (da.nullCount !== 0 || db.nullCount !== 0) return false;
  const oa = da.valueOffsets as Int32Array | BigInt64Array;
  const ob = db.valueOffsets as Int32Array | BigInt64Array;
  if (oa.constructor !== ob.constructor) return false;
  const n = da.length + 1;
  const width = oa.BYTES_PER_ELEMENT;
  const offA = Buffer.from(oa.buffer, oa.byteOffset, n * width);
  const offB = Buffer.from(ob.buffer, ob.byteOffset, n * width);
  // same offsets and same first offset, so the data ranges are the same length
  if (!offA.equals(offB)) return false;
  const start = Number(oa[0]!);
  const end = Number(oa[n - 1]!);
  const va = da.values as Uint8Array;
  const vb = db.values as Uint8Array;
  return Buffer.from(va.buffer, va.byteOffset + start, end - start).equals(Buffer.from(vb.buffer, vb.byteOffset + start, end - start));
}

/** A fresh bitmap (never the possibly shared input) with the given rows marked null. */
function clearBits(validity: Uint8Array | null, length: number, rows: readonly number[]): Uint8Array {
  let out: Uint8Array;
  if (validity) {
    out = sharedBitmap(length);
    out.set(validity.subarray(0, out.length));
  } else {
    out = sharedBitmap(length);
    out.fill(0xff);
    if (length & 7) out[out.length - 1] = (1 << (length & 7)) - 1;
  }
  for (const i of rows) out[i >> 3]! &= ~(1 << (i & 7));
  return out;
}
