/** Merge tasks: partial aggregates of some buckets or slot ranges merged in morsel order, then finalized or marked. */
import type { DensePartial } from '../../../kernels/aggregate/dense.js';
import { markRows } from '../../../kernels/aggregate/index.js';
import { finalizeGroups, mergeDense, mergePartials, type MergedGroups } from '../../../kernels/aggregate/merge.js';
import type { GroupPartial } from '../../../kernels/aggregate/partial.js';
import type { AggKernelSpec } from '../../../kernels/aggregate/state.js';
import { evaluate } from '../../../kernels/eval/evaluate.js';
import type { Vec } from '../../../kernels/vec.js';
import type { AggPartial, BucketResult, FinishSpec, MergePart, MergeTask } from '../protocol.js';
import { shareVec } from './pipeline.js';

/**
 * Run a merge task: one result per part, each merged on its own so a task's results do not
 * depend on which parts it was given.
 *
 * @example
 * const [b3] = runMerge({ type: 'merge', partials, specs, width, parts: [{ kind: 'bucket', bucket: 3 }], finish });
 */
export function runMerge(t: MergeTask): BucketResult[] {
  return t.parts.map((part) => mergeAndFinish(t.partials, t.specs, t.width, part, t.finish, false));
}

/**
 * Merge one part (or everything when `part` is null), then finish: output columns
 * ([keys..., aggregations...] through the `post` expressions) or marks in a row mask. `pack`
 * copies the part's columns into one buffer, for a result that crosses threads; a result used
 * where it was made skips that copy.
 */
export function mergeAndFinish(
  partials: readonly AggPartial[],
  specs: readonly AggKernelSpec[],
  width: number,
  part: MergePart | null,
  finish: FinishSpec,
  atLeastOne: boolean,
  pack = true,
): BucketResult {
  const m = merge(partials, specs, width, part, atLeastOne);
  let columns: Vec[] = [];
  if (finish.kind === 'columns') {
    // packed columns are copied into one shared buffer: until then they stay in plain memory,
    // which this thread's collector reclaims as soon as the task is over
    const f = finalizeGroups(m, finish.layout, specs, !pack);
    const inputs = [...f.keys, ...f.values];
    columns = finish.post.map((e) => {
      if (e.op === 'input' && inputs[e.index]!.kind === e.kind) return inputs[e.index]!;
      const v = evaluate(e, inputs, m.groups);
      return pack ? v : shareVec(v);
    });
  } else if (finish.agg >= 0) {
    markRows(specs[finish.agg]!, m.states[finish.agg]!, m.size, finish.mask);
  } else {
    for (let g = 0; g < m.groups; g++) finish.mask[m.firstRow[g]!] = 1;
  }
  return pack ? packResult(m.groups, m.firstRow, columns) : { groups: m.groups, firstRow: m.firstRow.subarray(0, m.groups), columns };
}

/** One buffer for a part's first rows and columns, so gather tasks receive a handful of buffers, not hundreds. */
function packResult(groups: number, firstRow: Int32Array, columns: readonly Vec[]): BucketResult {
  let bytes = groups * 4;
  for (const c of columns) bytes += align8(c.values.byteLength) + (c.valid === null ? 0 : align8(groups));
  bytes = align8(bytes);
  const buf = new SharedArrayBuffer(bytes);
  let at = 0;
  const fr = new Int32Array(buf, 0, groups);
  fr.set(firstRow.subarray(0, groups));
  at = align8(groups * 4);
  const out = columns.map((c): Vec => {
    const C = c.values.constructor as new (b: SharedArrayBuffer, o: number, n: number) => Vec['values'];
    const values = new C(buf, at, c.length);
    (values as Uint8Array).set(c.values as Uint8Array);
    at += align8(c.values.byteLength);
    let valid: Uint8Array | null = null;
    if (c.valid !== null) {
      valid = new Uint8Array(buf, at, groups);
      valid.set(c.valid);
      at += align8(groups);
    }
    return { kind: c.kind, length: c.length, values, valid };
  });
  return { groups, firstRow: fr, columns: out };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function merge(
  partials: readonly AggPartial[],
  specs: readonly AggKernelSpec[],
  width: number,
  part: MergePart | null,
  atLeastOne: boolean,
): MergedGroups {
  const first = partials[0];
  if (first !== undefined && first.kind === 'dense') {
    const dense = partials as readonly DensePartial[];
    const s0 = part === null ? 0 : part.kind === 'range' ? part.s0 : 0;
    const s1 = part === null ? first.size : part.kind === 'range' ? part.s1 : first.size;
    return mergeDense(dense, specs, s0, s1, atLeastOne);
  }
  const bucket = part === null ? null : part.kind === 'bucket' ? part.bucket : null;
  return mergePartials(partials as readonly GroupPartial[], specs, bucket, atLeastOne, width);
}
