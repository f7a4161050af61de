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
  readonly states: AggState[];
  /** Rough merge cost: slots plus gathered values. */
  weight: number;
}

/**
 * An empty dense partial with `size` slots.
 *
 * @example
 * const p = createDense([{ op: 'sum', kind: 'i32' }], 128);
 */
export function createDense(specs: readonly AggKernelSpec[], size: number): DensePartial {
  const first = new Int32Array(new SharedArrayBuffer(size * 4));
  first.fill(-1);
  const seen = new Int32Array((size + 31) >>> 5);
  return { kind: 'dense', size, first, seen, states: specs.map((s) => aggKernel(s).init(s, size)), weight: size };
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
    fusedUpdate(
      fused.map((k) => specs[k]!),
      fused.map((k) => inputs[k]!.a),
      fused.map((k) => p.states[k]!),
      ready ? { slots: slotArray() } : { keys, fields: layout.fields! },
      p.size,
      p.first,
      p.seen,
      rows,
      ctx.rowBase,
      ctx.sel,
    );
  } else markFirst(p.first, p.seen, slotArray(), rows, ctx);
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

function markFirst(first: Int32Array, seen: Int32Array, slots: Int32Array, rows: number, ctx: RowContext): void {
  const base = ctx.rowBase;
  const sel = ctx.sel;
  for (let i = 0; i < rows; i++) {
    const s = slots[i]!;
    const bit = 1 << (s & 31);
    if ((seen[s >>> 5]! & bit) === 0) {
      seen[s >>> 5]! |= bit;
      first[s] = base + (sel === null ? i : sel[i]!);
    }
  }
}
