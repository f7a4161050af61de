/**
 * A dense partial as the hash partial of the same groups in another key layout. A streaming
 * aggregation fixes one key layout for every batch before any data is seen, so integer keys take
 * the generic, hashed one; a batch whose own key range is small is aggregated densely (no hash
 * per row) and then handed over in that layout, one pass over its groups.
 */
import { KernelInvariantError } from '../errors.js';
import { hashWords } from '../hash/hash.js';
import { decodeKeys, encodeRows, type KeyLayout } from '../hash/keys.js';
import type { DensePartial } from './dense.js';
import { fusable } from './fused.js';
import { sortByFirst } from './merge.js';
import { numberByBucket, type GroupPartial } from './partial.js';
import { newState, type AggKernelSpec, type AggState } from './state.js';

/**
 * The groups of dense partial `p` (slots of layout `from`, every aggregation one that
 * movesBetweenLayouts, so each state is plain per-slot arrays) as a hash partial keyed in layout `to`: the same groups, first
 * rows and states, numbered bucket by bucket in order of first appearance, as `buildPartial`
 * numbers them.
 *
 * @example
 * const g = denseAsGroups(dense, batchLayout, streamLayout, specs);
 * g.groups; // the slots the batch saw
 */
export function denseAsGroups(p: DensePartial, from: KeyLayout, to: KeyLayout, specs: readonly AggKernelSpec[]): GroupPartial {
  if (!specs.every(movesBetweenLayouts)) throw new KernelInvariantError('only a partial of per-group states moves between key layouts');
  const first = p.first;
  let n = 0;
  for (let s = 0; s < p.size; s++) if (first[s]! >= 0) n++;
  // the slots seen, by first row (null: every slot, already in that order)
  const slots = sortByFirst(first, n) ?? Int32Array.from({ length: n }, (_, s) => s);
  // a dense slot is its packed key word
  const keys = decodeKeys(slots, n, from, false);
  const W = to.width;
  const words = new Int32Array(n * W);
  encodeRows(keys, to, n, words);
  const hashes = new Int32Array(n);
  for (let g = 0; g < n; g++) hashes[g] = hashWords(words, g * W, W);
  const { rank, ...groups } = numberByBucket(
    n,
    W,
    hashes,
    words,
    (g) => g,
    (g) => first[slots[g]!]!,
  );
  const states = p.states.map((s) => gatherState(s, slots, rank, n));
  return { kind: 'hash', groups: n, width: W, ...groups, states, weight: n };
}

/** Aggregations whose state is one entry per group in every array (no gathered values, no rows kept per group): the fusable ones, var, std, corr, first and last. */
const PER_GROUP = new Set<AggKernelSpec['op']>(['var', 'std', 'corr', 'first', 'last']);

/**
 * Whether a dense partial of this aggregation folds into another of its layout and moves to
 * another layout (see denseAsGroups, foldDense).
 *
 * @example
 * movesBetweenLayouts({ op: 'std', kind: 'f64' }); // true
 * movesBetweenLayouts({ op: 'median', kind: 'f64' }); // false: its values are gathered
 */
export function movesBetweenLayouts(spec: AggKernelSpec): boolean {
  return fusable(spec) || PER_GROUP.has(spec.op);
}

/** State `s` (per-slot arrays) for `n` groups: group rank[g] takes slot slots[g]. */
function gatherState(s: AggState, slots: Int32Array, rank: Int32Array, n: number): AggState {
  if (s.parts.length > 0 || s.sources.length > 0)
    throw new KernelInvariantError(`a ${s.op} state with gathered values cannot move between key layouts`);
  const out = newState(s.op, n, s.f.length, s.i.length, s.b.length, s.u.length);
  s.f.forEach((a, k) => moveF64(a, out.f[k]!, slots, rank, n));
  s.i.forEach((a, k) => moveI32(a, out.i[k]!, slots, rank, n));
  s.b.forEach((a, k) => moveI64(a, out.b[k]!, slots, rank, n));
  s.u.forEach((a, k) => moveU8(a, out.u[k]!, slots, rank, n));
  if (s.stride > 0) {
    const S = s.stride;
    const wide = new Float64Array(new SharedArrayBuffer(8 * n * S));
    for (let g = 0; g < n; g++) for (let k = 0; k < S; k++) wide[rank[g]! * S + k] = s.wide[slots[g]! * S + k]!;
    out.wide = wide;
    out.stride = S;
  }
  return out;
}

// one loop per array type, so each stays monomorphic
function moveF64(a: Float64Array, d: Float64Array, slots: Int32Array, rank: Int32Array, n: number): void {
  for (let g = 0; g < n; g++) d[rank[g]!] = a[slots[g]!]!;
}

function moveI32(a: Int32Array, d: Int32Array, slots: Int32Array, rank: Int32Array, n: number): void {
  for (let g = 0; g < n; g++) d[rank[g]!] = a[slots[g]!]!;
}

function moveI64(a: BigInt64Array, d: BigInt64Array, slots: Int32Array, rank: Int32Array, n: number): void {
  for (let g = 0; g < n; g++) d[rank[g]!] = a[slots[g]!]!;
}

function moveU8(a: Uint8Array, d: Uint8Array, slots: Int32Array, rank: Int32Array, n: number): void {
  for (let g = 0; g < n; g++) d[rank[g]!] = a[slots[g]!]!;
}
