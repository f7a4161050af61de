/** Plain single-thread typed-array loops beside each engine operation: the baseline a user could write by hand. */

import type { Column, DataFrame } from '../../src/index.js';

type Numbers = Int32Array | Float64Array;

function isValid(validity: Uint8Array | null, i: number): boolean {
  return validity === null || ((validity[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

function numbers(column: Column, chunk: number): Numbers {
  const values = column.chunks[chunk]?.values;
  if (values instanceof Int32Array || values instanceof Float64Array) return values;
  throw new TypeError(`naive loops read Int32 and Float64 columns only; "${column.name}" is ${column.dtype}`);
}

/** The mean of a numeric column over its valid values: the filter threshold. */
export function columnMean(column: Column): number {
  let sum = 0;
  let n = 0;
  column.chunks.forEach((chunk, c) => {
    const values = numbers(column, c);
    for (let i = 0; i < chunk.length; i++) {
      if (isValid(chunk.validity, i)) {
        sum += values[i]!;
        n++;
      }
    }
  });
  return n === 0 ? 0 : sum / n;
}

function gather(column: Column, chunk: number, sel: Int32Array, count: number): ArrayBufferView {
  const source = column.chunks[chunk];
  if (source === undefined) throw new RangeError(`chunk ${chunk} missing in "${column.name}"`);
  const { values } = source;
  if (column.dtype === 'Boolean') {
    const out = new Uint8Array((count + 7) >> 3);
    for (let j = 0; j < count; j++) if (isValid(values as Uint8Array, sel[j]!)) out[j >> 3]! |= 1 << (j & 7);
    return out;
  }
  const Ctor = values.constructor as new (n: number) => Int32Array | Float64Array | BigInt64Array;
  const out = new Ctor(count);
  for (let j = 0; j < count; j++) out[j] = values[sel[j]!]!;
  return out;
}

/**
 * Rows where `column > threshold`, every column gathered, chunk by chunk: what `filter` returns.
 *
 * @example
 * naiveFilter(df, 'v1', 3).length; // one entry per chunk, each holding every column's kept values
 */
export function naiveFilter(df: DataFrame, column: string, threshold: number): ArrayBufferView[][] {
  const by = df.getColumn(column);
  const out: ArrayBufferView[][] = [];
  by.chunks.forEach((chunk, c) => {
    const values = numbers(by, c);
    const sel = new Int32Array(chunk.length);
    let count = 0;
    for (let i = 0; i < chunk.length; i++) if (values[i]! > threshold && isValid(chunk.validity, i)) sel[count++] = i;
    out.push(df.getColumns().map((col) => gather(col, c, sel, count)));
  });
  return out;
}

/**
 * `a * b + c` per row in Float64, null where any input is null.
 *
 * @example
 * naiveProject(df, ['v1', 'v3', 'v2']); // one Float64Array per chunk
 */
export function naiveProject(df: DataFrame, [a, b, c]: readonly [string, string, string]): Float64Array[] {
  const ca = df.getColumn(a);
  const cb = df.getColumn(b);
  const cc = df.getColumn(c);
  return ca.chunks.map((chunk, k) => {
    const x = numbers(ca, k);
    const y = numbers(cb, k);
    const z = numbers(cc, k);
    const out = new Float64Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) out[i] = x[i]! * y[i]! + z[i]!;
    const masks = [chunk.validity, cb.chunks[k]?.validity ?? null, cc.chunks[k]?.validity ?? null];
    // Nulls are rare, so they are patched after the arithmetic rather than tested in the hot loop.
    if (masks.some((m) => m !== null)) {
      for (let i = 0; i < chunk.length; i++) if (!masks.every((m) => isValid(m, i))) out[i] = NaN;
    }
    return out;
  });
}

/**
 * Sum of `value` per string key, indexed by dictionary code: the plain loop q1 is at heart.
 *
 * @example
 * naiveGroupSum(df, 'id1', 'v1'); // Float64Array with one sum per distinct id1
 */
export function naiveGroupSum(df: DataFrame, key: string, value: string): Float64Array {
  const keys = df.getColumn(key);
  const values = df.getColumn(value);
  const sums = new Float64Array(keys.dictionary?.size ?? 0);
  keys.chunks.forEach((chunk, c) => {
    const codes = chunk.values as Int32Array;
    const v = numbers(values, c);
    const valueValidity = values.chunks[c]?.validity ?? null;
    if (chunk.validity === null && valueValidity === null) {
      for (let i = 0; i < chunk.length; i++) sums[codes[i]!]! += v[i]!;
      return;
    }
    for (let i = 0; i < chunk.length; i++) {
      if (isValid(chunk.validity, i) && isValid(valueValidity, i)) sums[codes[i]!]! += v[i]!;
    }
  });
  return sums;
}

/**
 * Row order by `column` descending, nulls last, with a comparator sort over row indices, then
 * every column gathered in that order: what `sort` returns.
 *
 * @example
 * naiveSort(df, 'v3'); // one flat array per column, in sorted row order
 */
export function naiveSort(df: DataFrame, column: string): ArrayBufferView[] {
  const by = df.getColumn(column);
  const flat = new Float64Array(by.length);
  let base = 0;
  by.chunks.forEach((chunk, c) => {
    const values = numbers(by, c);
    for (let i = 0; i < chunk.length; i++) flat[base + i] = isValid(chunk.validity, i) ? values[i]! : NaN;
    base += chunk.length;
  });
  const order = new Int32Array(by.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // NaN stands for null here and sorts last; ties keep row order because the sort is stable.
  order.sort((x, y) => {
    const a = flat[x]!;
    const b = flat[y]!;
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return b - a;
  });
  return df.getColumns().map((col) => gatherInOrder(col, order));
}

/** The column's values in `order` (global row numbers), read through one flat copy of its chunks. */
function gatherInOrder(column: Column, order: Int32Array): ArrayBufferView {
  if (column.dtype === 'Boolean') {
    const bits: boolean[] = [];
    for (const chunk of column.chunks) for (let i = 0; i < chunk.length; i++) bits.push(isValid(chunk.values as Uint8Array, i));
    const out = new Uint8Array((order.length + 7) >> 3);
    for (let j = 0; j < order.length; j++) if (bits[order[j]!]) out[j >> 3]! |= 1 << (j & 7);
    return out;
  }
  const first = column.chunks[0];
  if (first === undefined) return new Float64Array(0);
  const Ctor = first.values.constructor as new (n: number) => Int32Array | Float64Array | BigInt64Array;
  const flat = new Ctor(column.length);
  let base = 0;
  for (const chunk of column.chunks) {
    (flat as Float64Array).set((chunk.values as Float64Array).subarray(0, chunk.length), base);
    base += chunk.length;
  }
  const out = new Ctor(order.length);
  for (let j = 0; j < order.length; j++) out[j] = flat[order[j]!]!;
  return out;
}
