/**
 * Dense partial aggregates: when the packed group key is a small number (a slot), states are
 * indexed by slot directly, so rows fold in with no hashing and no renumbering (the loop a user
 * would write by hand), and merging is an element-wise pass over slot ranges.
 */
import type { RowContext } from './kernel.js';
import { packedSlots } from '../hash/groups.js';
import type { KeyLayout } from '../hash/keys.js';
import type { Vec } from '../vec.js';
import { fusable, fusedUpdate } from './fused.js';
import { aggKernel, gathersValues } from './index.js';
import type { AggInputs } from './partial.js';
import type { AggKernelSpec, AggState } from './state.js';
import { SPARE_PARTIAL_BYTES as SPARE_BYTES } from '../tuning.js';

/**
 * States for every slot in [0, size); `first[s]` is the global first row of slot s, or -1 when
 * unseen. `seen` has one bit per slot: the per-row "is this slot new?" test reads it instead of
 * `first`, and a bitmap stays in the fastest cache where an Int32Array of first rows would not.
 */
export interface DensePartial {
  readonly kind: 'dense';
  readonly size: number;
  readonly first: Int32Array;
  readonly seen: Int32Array;
  /** Reachable slots no row has hit yet: at 0 the fused loop stops testing for first rows. */
  unseen: number;
  readonly states: AggState[];
  /** Rough merge cost: slots plus gathered values. */
  weight: number;
}

/**
 * An empty dense partial with `size` slots, of which the keys can reach `reachable` at most (see
 * reachableSlots): a recycled one of the same shape when this thread has one (see recycleDense),
 * else fresh memory.
 *
 * @example
 * const p = createDense([{ op: 'sum', kind: 'i32' }], 128);
 */
export function createDense(specs: readonly AggKernelSpec[], size: number, reachable = size): DensePartial {
  const spare = takeSpare(specs, size, reachable);
  if (spare !== null) return spare;
  const first = new Int32Array(new SharedArrayBuffer(size * 4));
  first.fill(-1);
  const seen = new Int32Array((size + 31) >>> 5);
  return {
    kind: 'dense',
    size,
    first,
    seen,
    unseen: Math.min(size, reachable),
    states: specs.map((s) => aggKernel(s).init(s, size)),
    weight: size,
  };
}

/** Spare partials by shape (aggregations and size), this thread's only. */
const spares = new Map<string, DensePartial[]>();
let spareBytes = 0;

function shapeKey(specs: readonly AggKernelSpec[], size: number): string {
  return `${size}|${specs.map((s) => `${s.op}:${s.kind}`).join(',')}`;
}

function bytesOf(p: DensePartial): number {
  let n = p.first.byteLength;
  for (const s of p.states) for (const a of [...s.f, ...s.i, ...s.b, ...s.u]) n += a.byteLength;
  return n;
}

/**
 * Hands back a partial this thread made and no longer needs (it was merged into another and no
 * other thread holds it), so the next createDense of the same shape reuses its memory instead
 * of mapping fresh pages: with 100K groups, fresh pages for every task cost about as much kernel
 * time as the task's own rows, and two threads faulting them in serialize on the process's
 * memory map. Only partials of simple aggregations (plain per-slot arrays) are kept.
 *
 * @example
 * mergeInto(left, right); recycleDense(right, specs);
 */
export function recycleDense(p: DensePartial, specs: readonly AggKernelSpec[]): void {
  if (!specs.every(fusable)) return;
  const bytes = bytesOf(p);
  if (spareBytes + bytes > SPARE_BYTES) return;
  const key = shapeKey(specs, p.size);
  let list = spares.get(key);
  if (list === undefined) spares.set(key, (list = []));
  list.push(p);
  spareBytes += bytes;
}

/** A spare partial of this shape, emptied, or null. */
function takeSpare(specs: readonly AggKernelSpec[], size: number, reachable: number): DensePartial | null {
  const p = spares.get(shapeKey(specs, size))?.pop();
  if (p === undefined) return null;
  spareBytes -= bytesOf(p);
  p.first.fill(-1);
  p.seen.fill(0);
  p.unseen = Math.min(size, reachable);
  for (const s of p.states) {
    for (const a of s.f) a.fill(0);
    for (const a of s.i) a.fill(0);
    for (const a of s.b) a.fill(0n);
    for (const a of s.u) a.fill(0);
  }
  p.weight = size;
  return p;
}

/**
 * Fold rows [0, rows) of a batch, grouped by packed `keys`, into the partial. May be called for
 * several batches in row order (a task covering several morsels).
 */
export function updateDense(
  p: DensePartial,
  keys: readonly Vec[],
  layout: KeyLayout,
  specs: readonly AggKernelSpec[],
  inputs: readonly AggInputs[],
  rows: number,
  ctx: RowContext,
): void {
  // simple aggregations fold in one fused pass that also computes slots and marks first rows
  const fused: number[] = [];
  specs.forEach((spec, k) => {
    if (fusable(spec)) fused.push(k);
  });
  let slots: Int32Array | null = null;
  const slotArray = (): Int32Array => (slots ??= packedSlots(keys, layout, rows));
  if (fused.length > 0) {
    const only = keys[0];
    const f = layout.fields?.[0];
    // a lone key stored from 0 is its own slot: no need to compute anything
    const ready = keys.length === 1 && only!.kind === 'i32' && only!.valid === null && f!.lo === 0 && f!.shift === 0;
    p.unseen = fusedUpdate(
      fused.map((k) => specs[k]!),
      fused.map((k) => inputs[k]!.a),
      fused.map((k) => p.states[k]!),
      ready ? { slots: slotArray() } : { keys, fields: layout.fields! },
      p.size,
      p.first,
      p.seen,
      p.unseen,
      rows,
      ctx.rowBase,
      ctx.sel,
    );
  } else p.unseen -= markFirst(p.first, p.seen, slotArray(), rows, ctx);
  for (let k = 0; k < specs.length; k++) {
    const spec = specs[k]!;
    if (fusable(spec)) continue;
    const s = p.states[k]!;
    const input = inputs[k]!;
    const before = s.parts.length;
    aggKernel(spec).update(spec, s, input.a, input.b, slotArray(), rows, ctx);
    if (gathersValues(spec.op)) for (let i = before; i < s.parts.length; i++) p.weight += s.parts[i]!.offsets[p.size]!;
  }
}

/** Marks the first row of every slot new to the partial; returns how many were new. */
function markFirst(first: Int32Array, seen: Int32Array, slots: Int32Array, rows: number, ctx: RowContext): number {
  const base = ctx.rowBase;
  const sel = ctx.sel;
  let fresh = 0;
  for (let i = 0; i < rows; i++) {
    const s = slots[i]!;
    const bit = 1 << (s & 31);
    if ((seen[s >>> 5]! & bit) === 0) {
      seen[s >>> 5]! |= bit;
      first[s] = base + (sel === null ? i : sel[i]!);
      fresh++;
    }
  }
  return fresh;
}
