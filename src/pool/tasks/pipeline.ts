/** One fused pipeline over one morsel: read columns, filter, project, then collect / partially aggregate / sort. */
import { KernelCastError, KernelInvariantError, KernelValueError } from '../../../kernels/errors.js';
import { createDense, updateDense, type DensePartial } from '../../../kernels/aggregate/dense.js';
import { reduceTree, treeNodes } from '../../../kernels/aggregate/dense-tree.js';
import { buildPartial } from '../../../kernels/aggregate/partial.js';
import { reachableSlots, slotCount } from '../../../kernels/hash/keys.js';
import { vecToChunk } from '../../../kernels/convert.js';
import { evaluate } from '../../../kernels/eval/evaluate.js';
import { makeCodes } from '../../../kernels/eval/make-strings.js';
import type { PhysExpr } from '../../../kernels/ir.js';
import { maskToSelection, take } from '../../../kernels/select.js';
import { argsort } from '../../../kernels/sort.js';
import type { Vec } from '../../../kernels/vec.js';
import { morselVec } from './morsel.js';
import type { AggPartial, CollectResult, MorselDesc, PipelineBatchTask, PipelineTask, SortRunResult, StepSpec } from '../protocol.js';

/** The rows of a batch as the pipeline moves: its columns and, after filters, which morsel rows they are. */
interface Batch {
  vecs: Vec[];
  rows: number;
  sel: Int32Array | null;
  /** The morsel's first row in the frame the pipeline reads, so a value error can name its row. */
  base: number;
  /** Per column, the distinct input combinations of a Utf8 made per row by the last projection (null when none is). */
  made: (readonly Vec[] | null)[] | null;
}

/**
 * Run a pipeline task. Everything from reading the morsel to the sink happens in this one pass,
 * so intermediate columns never leave the thread.
 *
 * @example
 * const partial = runPipeline({ type: 'pipeline', steps, sink: { kind: 'partialAgg', ... }, morsel });
 */
export function runPipeline(t: PipelineTask): CollectResult | AggPartial | SortRunResult {
  const sink = t.sink;
  if (sink.kind === 'partialAgg' && sink.dense) {
    const specs = sink.aggs.map((a) => a.spec);
    const p = createDense(specs, slotCount(sink.layout), reachableSlots(sink.layout));
    for (const m of t.morsels) {
      const batch = runSteps(t.steps, m);
      const keys = sink.keys.map((e) => evalExpr(e, batch));
      const inputs = sink.aggs.map((a) => ({
        a: a.a === null ? null : evalExpr(a.a, batch),
        b: a.b === null ? null : evalExpr(a.b, batch),
      }));
      updateDense(p, keys, sink.layout, specs, inputs, batch.rows, { rowBase: m.rowBase, sel: batch.sel });
    }
    return p;
  }
  if (t.morsels.length !== 1) throw new KernelInvariantError(`a ${sink.kind} task takes exactly one morsel, got ${t.morsels.length}`);
  const m = t.morsels[0]!;
  const batch = runSteps(t.steps, m);
  if (batch.made !== null && sink.kind !== 'collect')
    throw new KernelInvariantError(`a ${sink.kind} sink cannot read strings made per row`);
  switch (sink.kind) {
    case 'collect': {
      let vecs = batch.vecs;
      let rows = batch.rows;
      if (sink.limit !== null && sink.limit < rows) {
        rows = sink.limit;
        vecs = vecs.map((v) => sliceVec(v, rows));
      }
      return batch.made === null ? { rows, columns: vecs.map(vecToChunk) } : { rows, columns: vecs.map(vecToChunk), made: batch.made };
    }
    case 'partialAgg': {
      const keys = sink.keys.map((e) => evalExpr(e, batch));
      const inputs = sink.aggs.map((a) => ({
        a: a.a === null ? null : evalExpr(a.a, batch),
        b: a.b === null ? null : evalExpr(a.b, batch),
      }));
      return buildPartial(
        keys,
        sink.layout,
        sink.aggs.map((a) => a.spec),
        inputs,
        batch.rows,
        { rowBase: m.rowBase, sel: batch.sel },
      );
    }
    case 'sortRun': {
      let keys = sink.keys.map((e) => evalExpr(e, batch));
      let order = argsort(keys, sink.descending, sink.nullsLast);
      let vecs = batch.vecs;
      let rows = batch.rows;
      if (sink.topK !== null && sink.topK < rows) {
        // keep only the rows that can make the global top k, already in sorted order
        const top = order.subarray(0, sink.topK);
        vecs = vecs.map((v) => take(v, top));
        keys = keys.map((v) => take(v, top));
        rows = top.length;
        order = new Int32Array(rows);
        for (let i = 0; i < rows; i++) order[i] = i;
      }
      return { rows, order: share(order), keys: keys.map(shareVec), columns: vecs.map(vecToChunk) };
    }
  }
}

/**
 * Run a batch of pipeline tasks in order. With `tree`, the tasks are dense aggregations whose
 * partials merge by the fixed tree: each largest subtree inside the batch is merged here, as soon
 * as its halves are done, so at most one partial per tree level is alive at a time.
 *
 * @example
 * const [left] = runPipelineBatch({ type: 'pipelineBatch', tasks, tree: { from: 0, count: 8 } }); // tasks 0-3
 */
export function runPipelineBatch(b: PipelineBatchTask): unknown[] {
  const tree = b.tree;
  if (tree === undefined) return b.tasks.map(runPipeline);
  const sink = b.tasks[0]?.sink;
  const specs = sink?.kind === 'partialAgg' ? sink.aggs.map((a) => a.spec) : [];
  const leaf = (lo: number, hi: number): DensePartial | null =>
    hi - lo === 1 ? (runPipeline(b.tasks[lo - tree.from]!) as DensePartial) : null;
  return treeNodes(tree.count, tree.from, tree.from + b.tasks.length).map(([lo, hi]) => reduceTree(lo, hi, leaf, specs));
}

/** Read one morsel and run the steps over it. */
function runSteps(steps: readonly StepSpec[], m: MorselDesc): Batch {
  const batch: Batch = { vecs: m.columns.map(morselVec), rows: m.rows, sel: null, base: m.rowBase, made: null };
  for (const step of steps) applyStep(step, batch, m.rowBase);
  return batch;
}

function applyStep(step: StepSpec, b: Batch, rowBase: number): void {
  switch (step.op) {
    case 'filter': {
      const mask = evalExpr(step.predicate, b);
      const s = maskToSelection(mask);
      if (s.length === b.rows) return;
      b.vecs = b.vecs.map((v, i) => (step.live[i] ? take(v, s) : deadVec(v)));
      b.sel = b.sel === null ? s : compose(b.sel, s);
      b.rows = s.length;
      return;
    }
    case 'project': {
      if (!step.exprs.some((e) => e.op === 'makeStr')) {
        b.vecs = step.exprs.map((e) => evalExpr(e, b));
        b.made = null;
        return;
      }
      const made: (readonly Vec[] | null)[] = [];
      b.vecs = step.exprs.map((e) => {
        if (e.op !== 'makeStr') {
          made.push(null);
          return evalExpr(e, b);
        }
        const m = makeCodes(
          e.args.map((a) => evalExpr(a, b)),
          b.rows,
        );
        made.push(m.distinct.map(shareVec));
        return m.codes;
      });
      b.made = made;
      return;
    }
    case 'keep': {
      const mask = step.mask;
      const n = b.rows;
      const sel = b.sel;
      const keep = new Int32Array(n);
      let k = 0;
      for (let i = 0; i < n; i++) if (mask[rowBase + (sel === null ? i : sel[i]!)] === 1) keep[k++] = i;
      if (k === n) return;
      const s = keep.subarray(0, k);
      b.vecs = b.vecs.map((v) => take(v, s));
      b.sel = sel === null ? s : compose(sel, s);
      b.rows = k;
    }
  }
}

/**
 * A bare column needs no kernel call; anything else is evaluated over the batch. A strict cast's
 * failure learns its row in the frame here: the morsel's start plus the row's place before filters.
 */
function evalExpr(e: PhysExpr, b: Batch): Vec {
  if (e.op === 'input') {
    const v = b.vecs[e.index]!;
    if (v.kind === e.kind) return v;
  }
  try {
    return evaluate(e, b.vecs, b.rows);
  } catch (err) {
    if (err instanceof KernelValueError && !err.located) {
      // the kernel's row is the batch's; the input's row goes through the selection so far
      err.row = b.base + (b.sel === null ? err.row : b.sel[err.row]!);
      err.located = true;
    }
    if (err instanceof KernelCastError && err.row === null) err.row = b.base + (b.sel === null ? err.index : b.sel[err.index]!);
    throw err;
  }
}

function compose(outer: Int32Array, inner: Int32Array): Int32Array {
  const out = new Int32Array(inner.length);
  for (let i = 0; i < inner.length; i++) out[i] = outer[inner[i]!]!;
  return out;
}

/** A placeholder for a column no later step reads. */
function deadVec(v: Vec): Vec {
  return { kind: v.kind, length: 0, values: v.values.subarray(0, 0) as Vec['values'], valid: null };
}

function sliceVec(v: Vec, n: number): Vec {
  return {
    kind: v.kind,
    length: n,
    values: v.values.subarray(0, n) as Vec['values'],
    valid: v.valid === null ? null : v.valid.subarray(0, n),
  };
}

function share(a: Int32Array): Int32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new Int32Array(new SharedArrayBuffer(a.length * 4));
  out.set(a);
  return out;
}

/** A vector whose arrays are in shared memory (copied when not), so it crosses threads by reference. */
export function shareVec(v: Vec): Vec {
  const values = v.values.buffer instanceof SharedArrayBuffer ? v.values : copyShared(v.values);
  const valid = v.valid === null || v.valid.buffer instanceof SharedArrayBuffer ? v.valid : (copyShared(v.valid) as Uint8Array);
  return { kind: v.kind, length: v.length, values, valid };
}

function copyShared(a: Vec['values']): Vec['values'] {
  const C = a.constructor as new (b: SharedArrayBuffer) => Vec['values'];
  const out = new C(new SharedArrayBuffer(a.byteLength));
  (out as Uint8Array).set(a as Uint8Array);
  return out;
}
