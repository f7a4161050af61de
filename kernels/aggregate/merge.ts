/** Merging partial aggregates in morsel order (whole, by hash bucket, or by dense slot range) and finalizing them. */
import type { Vec } from '../vec.js';
import { radixOrder } from '../sort/radix.js';
import { allocBytes, allocValues } from '../alloc.js';
import { decodeKeys, wordView, type KeyLayout } from '../hash/keys.js';
import { GroupTable } from '../hash/table.js';
import type { DensePartial } from './dense.js';
import { fusable, fusedMerge } from './fused.js';
import { aggKernel } from './index.js';
import type { GroupPartial } from './partial.js';
import { growState, type AggKernelSpec, type AggState } from './state.js';

/**
 * Merged groups. States (and key words) are indexed by "state index" in [0, size); `order` lists
 * the state index of each output group in order of first appearance (null: output group g is
 * state g). `firstRow` is per output group, ascending.
 */
export interface MergedGroups {
  readonly size: number;
  readonly groups: number;
  readonly width: number;
  readonly words: Int32Array;
  readonly firstRow: Int32Array;
  readonly states: AggState[];
  readonly order: Int32Array | null;
}

/**
 * Merge hash partials strictly in the given (morsel) order, so floating-point results never
 * depend on which thread finished first. With `bucket` set, only that hash bucket's groups are
 * merged: buckets are disjoint, so they merge in parallel and give the same per-group results.
 * `atLeastOne` makes an aggregation without keys yield its one group even over zero rows.
 *
 * @example
 * const all = mergePartials(partials, specs, null, false);
 * const b7 = mergePartials(partials, specs, 7, false); // only groups whose hash is in bucket 7
 */
export function mergePartials(
  partials: readonly GroupPartial[],
  specs: readonly AggKernelSpec[],
  bucket: number | null,
  atLeastOne: boolean,
  width: number = partials[0]?.width ?? 0,
): MergedGroups {
  let upper = 0;
  let largest = 0;
  for (const p of partials) {
    const n = bucket === null ? p.groups : p.bucketStart[bucket + 1]! - p.bucketStart[bucket]!;
    upper += n;
    if (n > largest) largest = n;
  }
  // every entry may be a new group (upper); repeated keys make far fewer: start between the two
  const capacity = Math.max(16, Math.min(upper, Math.max(largest * 4, upper >> 2)));
  const table = new GroupTable(width, capacity, upper);
  const states = specs.map((spec) => aggKernel(spec).init(spec, capacity));
  let cap = capacity;
  let dst = new Int32Array(Math.max(16, largest));
  for (const p of partials) {
    const a = bucket === null ? 0 : p.bucketStart[bucket]!;
    const n = bucket === null ? p.groups : p.bucketStart[bucket + 1]! - a;
    if (n === 0) continue;
    if (dst.length < n) dst = new Int32Array(n);
    table.insert(p.words, p.hashes, p.firstRow, a, n, dst);
    if (table.count > cap) {
      cap = Math.max(table.count, cap * 2);
      for (const s of states) growState(s, cap);
    }
    for (let k = 0; k < specs.length; k++) aggKernel(specs[k]!).merge(specs[k]!, states[k]!, dst, p.states[k]!, a, n);
  }
  let groups = table.count;
  if (atLeastOne && groups === 0) groups = 1;
  for (const s of states) if (s.size < groups) growState(s, groups);
  const created = table.firstRow.subarray(0, groups);
  // within one bucket groups are created in first-appearance order; a whole merge meets each
  // partial's buckets in turn, so it sorts them
  const order = bucket === null ? appearanceOrder(created) : null;
  return {
    size: groups,
    groups,
    width,
    words: table.words.subarray(0, groups * width),
    firstRow: order === null ? created : gatherI32(created, order),
    states,
    order,
  };
}

/**
 * Merge dense partials over slots [s0, s1), in morsel order. Slots no partial saw are not
 * groups; the rest come out in order of first appearance.
 *
 * @example
 * const m = mergeDense(partials, specs, 0, 128, false);
 */
export function mergeDense(
  partials: readonly DensePartial[],
  specs: readonly AggKernelSpec[],
  s0: number,
  s1: number,
  atLeastOne: boolean,
): MergedGroups {
  const n = s1 - s0;
  const only = partials.length === 1 && s0 === 0 && s1 === partials[0]!.size && specs.every(fusable) ? partials[0]! : null;
  // one partial over all its slots, of plain per-slot states (a merge tree's root): it is the
  // merge, and copying it into fresh states would only cost time on the calling thread
  const { states, first } = only ?? mergeFresh(partials, specs, s0, n);
  let seen = 0;
  for (let j = 0; j < n; j++) if (first[j]! >= 0) seen++;
  let order = sortByFirst(first.subarray(0, n), seen);
  if (seen === 0 && atLeastOne && n > 0) order = Int32Array.of(0);
  const words = new Int32Array(new SharedArrayBuffer(n * 4));
  for (let j = 0; j < n; j++) words[j] = s0 + j;
  const groups = order === null ? n : order.length;
  const firstRow = new Int32Array(new SharedArrayBuffer(groups * 4));
  if (order === null) firstRow.set(first.subarray(0, n));
  else for (let g = 0; g < groups; g++) firstRow[g] = first[order[g]!]!;
  return { size: n, groups, width: 1, words, firstRow, states, order };
}

/** Dense partials merged in order into fresh states for slots [s0, s0 + n). */
function mergeFresh(
  partials: readonly DensePartial[],
  specs: readonly AggKernelSpec[],
  s0: number,
  n: number,
): { states: AggState[]; first: Int32Array } {
  const states = specs.map((spec) => aggKernel(spec).init(spec, n));
  const first = new Int32Array(n).fill(-1);
  const idx = new Int32Array(n);
  for (let j = 0; j < n; j++) idx[j] = j;
  const fused = specs.flatMap((spec, k) => (fusable(spec) ? [k] : []));
  const fusedSpecs = fused.map((k) => specs[k]!);
  const fusedStates = fused.map((k) => states[k]!);
  for (const p of partials) {
    // a slot a partial never saw holds nothing to merge: the fused pass skips it
    if (fused.length > 0)
      fusedMerge(
        fusedSpecs,
        fusedStates,
        first,
        fused.map((k) => p.states[k]!),
        p.first,
        s0,
        n,
      );
    else {
      const pf = p.first;
      for (let j = 0; j < n; j++) if (first[j]! < 0) first[j] = pf[s0 + j]!;
    }
    for (let k = 0; k < specs.length; k++)
      if (!fusable(specs[k]!)) aggKernel(specs[k]!).merge(specs[k]!, states[k]!, idx, p.states[k]!, s0, n);
  }
  return { states, first };
}

/** Final key vectors and one result vector per aggregation, one row per output group. */
export interface FinalGroups {
  readonly groups: number;
  readonly keys: Vec[];
  readonly values: Vec[];
}

/**
 * Decode the keys and finalize every aggregation of merged groups, in output order.
 *
 * @example
 * const { keys, values } = finalizeGroups(merged, layout, specs, true);
 */
export function finalizeGroups(m: MergedGroups, layout: KeyLayout, specs: readonly AggKernelSpec[], shared: boolean): FinalGroups {
  const keys = decodeKeys(m.words, m.size, layout, shared);
  const values = specs.map((spec, k) => aggKernel(spec).finalize(spec, m.states[k]!, m.size, shared));
  const order = m.order;
  if (order === null) return { groups: m.groups, keys, values };
  return { groups: m.groups, keys: keys.map((v) => permute(v, order, shared)), values: values.map((v) => permute(v, order, shared)) };
}

/** Rows of `v` in the order `order` lists them. */
function permute(v: Vec, order: Int32Array, shared: boolean): Vec {
  const n = order.length;
  const values = allocValues(v.kind, n, shared);
  if (v.kind === 'f64' || v.kind === 'i64') {
    const src = wordView(v.values as Float64Array);
    const dst = wordView(values as Float64Array);
    for (let i = 0; i < n; i++) {
      dst[2 * i] = src[2 * order[i]!]!;
      dst[2 * i + 1] = src[2 * order[i]! + 1]!;
    }
  } else {
    const src = v.values as Int32Array | Uint8Array;
    const dst = values as Int32Array | Uint8Array;
    for (let i = 0; i < n; i++) dst[i] = src[order[i]!]!;
  }
  let valid: Uint8Array | null = null;
  if (v.valid !== null) {
    valid = allocBytes(n, shared);
    for (let i = 0; i < n; i++) valid[i] = v.valid[order[i]!]!;
  }
  return { kind: v.kind, length: n, values, valid };
}

function gatherI32(a: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(order.length * 4));
  for (let i = 0; i < order.length; i++) out[i] = a[order[i]!]!;
  return out;
}

/** Group numbers sorted by first row, or null when already in that order. */
function appearanceOrder(firstRow: Int32Array): Int32Array | null {
  let sorted = true;
  for (let g = 1; g < firstRow.length && sorted; g++) if (firstRow[g]! < firstRow[g - 1]!) sorted = false;
  return sorted ? null : sortByFirst(firstRow, firstRow.length);
}

/**
 * Indexes j with `first[j] >= 0` (there are `count`), by ascending first row: a radix sort of the
 * first rows, linear in the count. Null when that is every index in order: slots already in order
 * of first appearance, as the codes of a string key are (a dictionary numbers its values in
 * order of first appearance), so nothing needs sorting or permuting (q3 on 100K groups: 2 ms of
 * a 50 ms query, on the calling thread).
 */
export function sortByFirst(first: Int32Array, count: number): Int32Array | null {
  const n = first.length;
  const keys = new Uint32Array(count);
  const idx = new Int32Array(count);
  let k = 0;
  let sorted = true;
  for (let j = 0; j < n; j++) {
    const f = first[j]!;
    if (f >= 0) {
      if (k > 0 && f < keys[k - 1]!) sorted = false;
      keys[k] = f;
      idx[k++] = j;
    }
  }
  if (sorted) return count === n ? null : idx;
  const order = radixOrder([keys], count);
  for (let i = 0; i < count; i++) order[i] = idx[order[i]!]!;
  return order;
}
