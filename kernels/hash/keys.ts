/**
 * Group keys as 32-bit words: a fixed row layout that makes hashing and equality one loop for
 * every key type. Bounded integer keys (dictionary codes, booleans, Int32 columns with known
 * range) pack into bit fields of one or two words, which is also a dense slot number when small.
 */
import { KernelInvariantError } from '../errors.js';
import type { Vec, VecKind } from '../vec.js';
import { allocBytes, allocValues } from '../alloc.js';

/** A bounded integer key packed as a bit field: value `v` stores `v - lo`, null stores `range`. */
export interface KeyField {
  readonly lo: number;
  /** Number of distinct non-null values the field can hold (hi - lo + 1). */
  readonly range: number;
  /**
   * Number of values the key can take: max - min + 1 of its bounds, plus null when nullable.
   * Fewer than range when lo is kept at 0 below a positive minimum.
   */
  readonly distinct: number;
  readonly nullable: boolean;
  readonly bits: number;
  readonly word: number;
  readonly shift: number;
}

/**
 * Where each key lives in a row of words.
 * - Packed (`fields` set): every key is a bit field; `bits` in total, in `width` (1 or 2) words.
 * - Generic: i32 and bool keys take one word, f64 and i64 keys two (their bits; f64 `-0` and
 *   every NaN are canonicalized so equal values share a group); keys that may be null get one
 *   bit in trailing null words (32 keys per word) and their value words are 0.
 */
export interface KeyLayout {
  readonly kinds: readonly VecKind[];
  readonly nullable: readonly boolean[];
  readonly width: number;
  readonly offsets: readonly number[];
  /** Word offset of the null bits (generic layout), or -1. */
  readonly nullOffset: number;
  readonly fields: readonly KeyField[] | null;
  readonly bits: number;
}

/** Inclusive [min, max] of a key's valid values when known (i32 and bool keys), else null. */
export type KeyBounds = readonly [number, number] | null;

/**
 * The word layout for keys of these kinds. Keys pack into bit fields when all are bounded
 * integers that fit 62 bits together.
 *
 * @example
 * makeKeyLayout(['i32', 'i32'], [false, true], [[0, 99], [1, 100]]).width;  // 1 (7 + 7 bits)
 * makeKeyLayout(['i32', 'f64'], [false, true], [[0, 99], null]).width;      // 4 (generic)
 */
export function makeKeyLayout(kinds: readonly VecKind[], nullable: readonly boolean[], bounds: readonly KeyBounds[]): KeyLayout {
  const fields = packFields(kinds, nullable, bounds);
  if (fields !== null) {
    const bits = fields.reduce((a, f) => a + f.bits, 0);
    const width = fields.length === 0 ? 0 : Math.max(...fields.map((f) => f.word)) + 1;
    return { kinds: [...kinds], nullable: [...nullable], width, offsets: [], nullOffset: -1, fields, bits };
  }
  const offsets: number[] = [];
  let width = 0;
  for (const k of kinds) {
    offsets.push(width);
    width += wordsOf(k);
  }
  const anyNull = nullable.some((n) => n);
  const nullOffset = anyNull ? width : -1;
  if (anyNull) width += Math.ceil(kinds.length / 32);
  return { kinds: [...kinds], nullable: [...nullable], width, offsets, nullOffset, fields: null, bits: 0 };
}

/**
 * Number of distinct slots a packed one-word layout can produce: the largest packed value + 1.
 * Tighter than 2^bits when a field's range is not a power of two.
 *
 * @example
 * slotCount(makeKeyLayout(['i32'], [false], [[0, 99999]])); // 100000 (17 bits would allow 131072)
 */
export function slotCount(layout: KeyLayout): number {
  let max = 0;
  for (const f of layout.fields ?? []) max += (f.range - 1 + (f.nullable ? 1 : 0)) * 2 ** f.shift;
  return Math.max(1, max + 1);
}

/**
 * How many slots keys with these bounds can reach at most: the product of each field's values
 * (never more than slotCount). A dense partial that has seen this many slots has seen them all.
 *
 * @example
 * reachableSlots(makeKeyLayout(['i32'], [false], [[1, 100]])); // 100, where slotCount is 101
 */
export function reachableSlots(layout: KeyLayout): number {
  let n = 1;
  for (const f of layout.fields ?? []) n *= f.distinct;
  return Math.min(n, slotCount(layout));
}

function packFields(kinds: readonly VecKind[], nullable: readonly boolean[], bounds: readonly KeyBounds[]): KeyField[] | null {
  const fields: KeyField[] = [];
  let word = 0;
  let used = 0;
  for (let k = 0; k < kinds.length; k++) {
    const b = bounds[k] ?? null;
    if ((kinds[k] !== 'i32' && kinds[k] !== 'bool') || b === null) return null;
    // small non-negative values keep lo = 0 when that costs no extra bit: the key is then its own slot
    const lo = b[0] >= 0 && bitsFor(b[1] + 1 + (nullable[k] ? 1 : 0)) === bitsFor(b[1] - b[0] + 1 + (nullable[k] ? 1 : 0)) ? 0 : b[0];
    const range = Math.max(0, b[1] - lo + 1);
    const values = range + (nullable[k] ? 1 : 0);
    const bits = bitsFor(values);
    if (bits > 31) return null;
    if (used + bits > 32) {
      word++;
      used = 0;
    }
    if (word > 1) return null;
    const distinct = Math.max(0, b[1] - b[0] + 1) + (nullable[k] ? 1 : 0);
    fields.push({ lo, range, distinct, nullable: nullable[k] ?? false, bits, word, shift: used });
    used += bits;
  }
  return fields;
}

function bitsFor(values: number): number {
  let bits = 0;
  while (2 ** bits < values) bits++;
  return bits;
}

export function wordsOf(kind: VecKind): number {
  return kind === 'f64' || kind === 'i64' ? 2 : 1;
}

/** Int32 view over the bits of a 64-bit typed array (little-endian: low word first). */
export function wordView(values: Float64Array | BigInt64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

const CANONICAL_NAN_HI = 0x7ff80000;

/**
 * Write the key words of rows [0, rows) row-major into `out` (rows × layout.width words).
 * Throws when a key that the layout says cannot be null has nulls, or a packed key leaves its bounds.
 */
export function encodeRows(keys: readonly Vec[], layout: KeyLayout, rows: number, out: Int32Array): void {
  const W = layout.width;
  if (layout.fields !== null) {
    const fields = layout.fields;
    for (let k = 0; k < keys.length; k++) {
      const f = fields[k]!;
      // the first field of each word assigns it, later ones OR into it
      const assign = k === 0 || fields[k - 1]!.word !== f.word;
      encodeField(keys[k]!, f, W, out, rows, k, assign);
    }
    return;
  }
  if (layout.nullOffset >= 0) {
    const nw = layout.width - layout.nullOffset;
    for (let i = 0; i < rows; i++) for (let w = 0; w < nw; w++) out[i * W + layout.nullOffset + w] = 0;
  }
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const off = layout.offsets[k]!;
    switch (key.kind) {
      case 'i32':
        encodeI32(key.values as Int32Array, out, W, off, rows);
        break;
      case 'bool':
        encodeBool(key.values as Uint8Array, out, W, off, rows);
        break;
      case 'f64':
        encodeF64(key.values as Float64Array, out, W, off, rows);
        break;
      case 'i64':
        encodeI64(wordView(key.values as BigInt64Array), out, W, off, rows);
        break;
    }
    const valid = key.valid;
    if (valid !== null) {
      if (layout.nullOffset < 0) throw new KernelInvariantError(`group key ${k} has nulls but was planned as non-null`);
      const nullWord = layout.nullOffset + (k >> 5);
      const bit = 1 << (k & 31);
      const width = wordsOf(key.kind);
      for (let i = 0; i < rows; i++) {
        if (valid[i] === 0) {
          const base = i * W;
          out[base + nullWord]! |= bit;
          out[base + off] = 0;
          if (width === 2) out[base + off + 1] = 0;
        }
      }
    }
  }
}

/**
 * Store one key's bit field into the packed words (assigning or OR-ing). A value outside the
 * planned bounds would corrupt other fields, so it throws instead.
 */
function encodeField(key: Vec, f: KeyField, W: number, out: Int32Array, rows: number, k: number, assign: boolean): void {
  const valid = key.valid;
  if (valid !== null && !f.nullable) throw new KernelInvariantError(`group key ${k} has nulls but was planned as non-null`);
  if (key.kind === 'bool') return encodeFieldU8(key.values as Uint8Array, valid, f, W, out, rows, assign);
  const v = key.values as Int32Array;
  const lo = f.lo;
  const range = f.range;
  const shift = f.shift;
  let bad = false;
  if (valid === null && W === 2) {
    const w = f.word;
    if (assign) {
      for (let i = 0; i < rows; i++) {
        const x = v[i]! - lo;
        if (x >>> 0 >= range) bad = true;
        out[2 * i + w] = x << shift;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const x = v[i]! - lo;
        if (x >>> 0 >= range) bad = true;
        out[2 * i + w]! |= x << shift;
      }
    }
  } else if (valid === null && W === 1) {
    if (assign) {
      for (let i = 0; i < rows; i++) {
        const x = v[i]! - lo;
        if (x >>> 0 >= range) bad = true;
        out[i] = x << shift;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const x = v[i]! - lo;
        if (x >>> 0 >= range) bad = true;
        out[i]! |= x << shift;
      }
    }
  } else {
    for (let i = 0, o = f.word; i < rows; i++, o += W) {
      let x: number;
      if (valid !== null && valid[i] === 0) x = range;
      else {
        x = v[i]! - lo;
        if (x >>> 0 >= range) bad = true;
      }
      if (assign) out[o] = x << shift;
      else out[o]! |= x << shift;
    }
  }
  if (bad) throw new KernelInvariantError(`group key ${k} has a value outside its planned range [${lo}, ${lo + range - 1}]`);
}

function encodeFieldU8(
  v: Uint8Array,
  valid: Uint8Array | null,
  f: KeyField,
  W: number,
  out: Int32Array,
  rows: number,
  assign: boolean,
): void {
  const shift = f.shift;
  for (let i = 0, o = f.word; i < rows; i++, o += W) {
    const x = valid !== null && valid[i] === 0 ? f.range : v[i]! - f.lo;
    if (assign) out[o] = x << shift;
    else out[o]! |= x << shift;
  }
}

function encodeI32(v: Int32Array, out: Int32Array, W: number, off: number, rows: number): void {
  for (let i = 0, o = off; i < rows; i++, o += W) out[o] = v[i]!;
}

function encodeBool(v: Uint8Array, out: Int32Array, W: number, off: number, rows: number): void {
  for (let i = 0, o = off; i < rows; i++, o += W) out[o] = v[i]!;
}

function encodeF64(v: Float64Array, out: Int32Array, W: number, off: number, rows: number): void {
  const bits = wordView(v);
  for (let i = 0, o = off; i < rows; i++, o += W) writeF64Key(v[i]!, bits, i, out, o);
}

/**
 * The two key words of float `x` (entry `i` of the values `bits` is a word view of) at out[o]:
 * -0 as 0 and every NaN as one NaN, so that equal keys have equal words.
 */
function writeF64Key(x: number, bits: Int32Array, i: number, out: Int32Array, o: number): void {
  if (x === 0) {
    out[o] = 0;
    out[o + 1] = 0;
  } else if (x !== x) {
    out[o] = 0;
    out[o + 1] = CANONICAL_NAN_HI;
  } else {
    out[o] = bits[2 * i]!;
    out[o + 1] = bits[2 * i + 1]!;
  }
}

function encodeI64(bits: Int32Array, out: Int32Array, W: number, off: number, rows: number): void {
  for (let i = 0, o = off; i < rows; i++, o += W) {
    out[o] = bits[2 * i]!;
    out[o + 1] = bits[2 * i + 1]!;
  }
}

/** Write the key words of one row into `out` at `at` (generic layout). */
export function encodeRow(keys: readonly Vec[], layout: KeyLayout, row: number, out: Int32Array, at: number): void {
  if (layout.nullOffset >= 0) for (let w = layout.nullOffset; w < layout.width; w++) out[at + w] = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const o = at + layout.offsets[k]!;
    if (key.valid !== null && key.valid[row] === 0) {
      out[at + layout.nullOffset + (k >> 5)]! |= 1 << (k & 31);
      out[o] = 0;
      if (key.kind === 'f64' || key.kind === 'i64') out[o + 1] = 0;
      continue;
    }
    switch (key.kind) {
      case 'i32':
        out[o] = (key.values as Int32Array)[row]!;
        break;
      case 'bool':
        out[o] = (key.values as Uint8Array)[row]!;
        break;
      case 'f64': {
        const values = key.values as Float64Array;
        writeF64Key(values[row]!, wordView(values), row, out, o);
        break;
      }
      case 'i64': {
        const bits = wordView(key.values as BigInt64Array);
        out[o] = bits[2 * row]!;
        out[o + 1] = bits[2 * row + 1]!;
        break;
      }
    }
  }
}

/**
 * Decode `n` rows of key words (row-major) into one vector per key, in shared memory when asked.
 *
 * @example
 * const [k] = decodeKeys(new Int32Array([5, 9]), 2, makeKeyLayout(['i32'], [false], [null]), false);
 * k.values; // Int32Array [5, 9]
 */
export function decodeKeys(words: Int32Array, n: number, layout: KeyLayout, shared: boolean): Vec[] {
  const W = layout.width;
  if (layout.fields !== null) return layout.fields.map((f, k) => decodeField(words, n, W, f, layout.kinds[k]!, shared));
  return layout.kinds.map((kind, k) => {
    const off = layout.offsets[k]!;
    const values = allocValues(kind, n, shared);
    if (kind === 'i32' || kind === 'bool') {
      const out = values as Int32Array | Uint8Array;
      for (let i = 0, o = off; i < n; i++, o += W) out[i] = words[o]!;
    } else {
      const out = wordView(values as Float64Array | BigInt64Array);
      for (let i = 0, o = off; i < n; i++, o += W) {
        out[2 * i] = words[o]!;
        out[2 * i + 1] = words[o + 1]!;
      }
    }
    let valid: Uint8Array | null = null;
    if (layout.nullOffset >= 0) {
      const word = layout.nullOffset + (k >> 5);
      const bit = 1 << (k & 31);
      let nulls = 0;
      for (let i = 0; i < n; i++) if ((words[i * W + word]! & bit) !== 0) nulls++;
      if (nulls > 0) {
        valid = allocBytes(n, shared);
        for (let i = 0; i < n; i++) valid[i] = (words[i * W + word]! & bit) === 0 ? 1 : 0;
      }
    }
    return { kind, length: n, values, valid };
  });
}

function decodeField(words: Int32Array, n: number, W: number, f: KeyField, kind: VecKind, shared: boolean): Vec {
  const values = allocValues(kind, n, shared) as Int32Array | Uint8Array;
  const mask = f.bits === 0 ? 0 : f.bits >= 31 ? 0x7fffffff : (1 << f.bits) - 1;
  let nulls = 0;
  for (let i = 0, o = f.word; i < n; i++, o += W) {
    const x = (words[o]! >>> f.shift) & mask;
    if (f.nullable && x === f.range) nulls++;
    else values[i] = x + f.lo;
  }
  let valid: Uint8Array | null = null;
  if (nulls > 0) {
    valid = allocBytes(n, shared);
    for (let i = 0, o = f.word; i < n; i++, o += W) valid[i] = ((words[o]! >>> f.shift) & mask) === f.range ? 0 : 1;
  }
  return { kind, length: n, values, valid };
}
