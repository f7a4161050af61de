/** Utf8 on the main thread: per-dictionary tables (ranks, remaps, predicates) that workers apply to codes. */
import { Dictionary } from '../table/dictionary.js';

/** Sorted order of a dictionary: `rank[code]` and the strings by rank. */
export interface DictOrder {
  readonly rank: Int32Array;
  readonly sorted: Dictionary;
}

const orders = new WeakMap<Dictionary, { size: number; order: DictOrder }>();

/** JS string order (UTF-16 code units), the order Volley sorts and compares strings in. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rank of every code in the sorted order of the dictionary's strings, and a dictionary holding the
 * strings in that order (so a rank is also a code of `sorted`). Remembered per dictionary.
 *
 * @example
 * dictOrder(new Dictionary(['b', 'a'])).rank; // Int32Array [1, 0]
 */
export function dictOrder(dict: Dictionary): DictOrder {
  const hit = orders.get(dict);
  if (hit !== undefined && hit.size === dict.size) return hit.order;
  const n = dict.size;
  // the default sort compares UTF-16 code units, which is our string order, and runs natively
  const sortedValues = [...dict.values].sort();
  const rank = sharedI32(n);
  sortedValues.forEach((v, r) => (rank[dict.codeOf(v)] = r));
  const order = { rank, sorted: new Dictionary(sortedValues) };
  orders.set(dict, { size: n, order });
  return order;
}

/**
 * One dictionary holding every string of `dicts`, with a code remap table per input dictionary.
 * Used when several Utf8 values meet (when/then branches, fillNull, comparisons of two columns).
 *
 * @example
 * const { dict, remaps } = mergeDictionaries([new Dictionary(['a']), new Dictionary(['b', 'a'])]);
 * // dict: ['a', 'b']; remaps: [[0], [1, 0]] (null where a dictionary is the result itself)
 */
export function mergeDictionaries(dicts: readonly Dictionary[]): { dict: Dictionary; remaps: (Int32Array | null)[] } {
  const unique = [...new Set(dicts)];
  // one shared dictionary: codes already agree, nothing to remap
  if (unique.length === 1) return { dict: unique[0]!, remaps: dicts.map(() => null) };
  // the first dictionary often holds every other string already (a fill value taken from the column)
  const first = dicts[0]!;
  if (dicts.every((d) => d === first || d.values.every((s) => first.codeOf(s) >= 0))) {
    return { dict: first, remaps: dicts.map((d) => (d === first ? null : intTable(d, (s) => first.codeOf(s)))) };
  }
  const dict = new Dictionary();
  const remaps = dicts.map((d) => {
    const t = sharedI32(d.size);
    d.values.forEach((s, c) => (t[c] = dict.intern(s)));
    return t;
  });
  return { dict, remaps };
}

/** Apply a string function to every entry: a new dictionary plus the code remap table. */
export function mapDictionary(dict: Dictionary, fn: (s: string) => string): { dict: Dictionary; remap: Int32Array } {
  const out = new Dictionary();
  const remap = sharedI32(dict.size);
  dict.values.forEach((s, c) => (remap[c] = out.intern(fn(s))));
  return { dict: out, remap };
}

/**
 * Apply a string function that may give no value to every entry: the new dictionary, the code
 * remap table, and a validity byte per entry (null when every entry has a value).
 *
 * @example
 * mapDictionaryOrNull(new Dictionary(['a1', 'b']), (s) => /\d/.exec(s)?.[0] ?? null); // valid [1, 0]
 */
export function mapDictionaryOrNull(
  dict: Dictionary,
  fn: (s: string) => string | null,
): { dict: Dictionary; remap: Int32Array; valid: Uint8Array | null } {
  const out = new Dictionary();
  const remap = sharedI32(dict.size);
  let valid: Uint8Array | null = null;
  dict.values.forEach((s, c) => {
    const v = fn(s);
    if (v !== null) {
      remap[c] = out.intern(v);
      return;
    }
    if (valid === null) valid = new Uint8Array(new SharedArrayBuffer(dict.size)).fill(1);
    valid[c] = 0;
  });
  return { dict: out, remap, valid };
}

/**
 * An integer or no value per entry: the table and a validity byte per entry (null when every
 * entry has a value).
 *
 * @example
 * intTableOrNull(new Dictionary(['ab', 'x']), (s) => (s.includes('b') ? s.indexOf('b') : null)); // [1, 0], valid [1, 0]
 */
export function intTableOrNull(dict: Dictionary, fn: (s: string) => number | null): { values: Int32Array; valid: Uint8Array | null } {
  const values = sharedI32(dict.size);
  let valid: Uint8Array | null = null;
  dict.values.forEach((s, c) => {
    const v = fn(s);
    if (v !== null) {
      values[c] = v;
      return;
    }
    if (valid === null) valid = new Uint8Array(new SharedArrayBuffer(dict.size)).fill(1);
    valid[c] = 0;
  });
  return { values, valid };
}

/** A predicate per entry, as a 0/1 byte table. */
export function boolTable(dict: Dictionary, pred: (s: string) => boolean): Uint8Array {
  const t = new Uint8Array(new SharedArrayBuffer(dict.size));
  dict.values.forEach((s, c) => (t[c] = pred(s) ? 1 : 0));
  return t;
}

/** An integer per entry. */
export function intTable(dict: Dictionary, fn: (s: string) => number): Int32Array {
  const t = sharedI32(dict.size);
  dict.values.forEach((s, c) => (t[c] = fn(s)));
  return t;
}

/**
 * `str.slice(offset, length)` in code points, as Polars slices characters: a negative offset
 * counts from the end, and the window [start, start + length) is clamped to the string (a start
 * before the beginning shortens the slice rather than moving it). An emoji is one code point,
 * never cut in half.
 *
 * @example
 * sliceString('abcd', -5, 3); // 'ab'
 * sliceString('a😀b', 1, 1); // '😀'
 */
export function sliceString(s: string, offset: number, length: number | null): string {
  // ASCII-only text (the common case) slices by units, which are its code points
  const points = /^[\0-\x7f]*$/.test(s) ? null : [...s];
  const n = points === null ? s.length : points.length;
  const from = offset < 0 ? n + offset : offset;
  const to = length === null ? n : from + Math.max(0, length);
  const start = Math.min(Math.max(from, 0), n);
  const end = Math.min(Math.max(to, 0), n);
  if (end <= start) return '';
  return points === null ? s.slice(start, end) : points.slice(start, end).join('');
}

function sharedI32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}
