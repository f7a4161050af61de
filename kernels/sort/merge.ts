/** The k-way merge of sorted runs (one per morsel) into one global order, with a loser tree. */
import { KernelInvariantError } from '../errors.js';
import type { Vec } from '../vec.js';
import { normalizeKey } from './normalize.js';

/** One sorted run: its key columns (in row order) and `order`, its rows in sorted order (possibly a prefix). */
export interface SortedRun {
  readonly keys: readonly Vec[];
  readonly order: Int32Array;
}

/** The merged order: position i is row `row[i]` of run `run[i]`. */
export interface MergedOrder {
  readonly run: Int32Array;
  readonly row: Int32Array;
}

/**
 * Merge runs sorted by `argsort(keys, descending, nullsLast)` into the global order of their rows:
 * ties go to the lower run index, then to the earlier position in the run. `order` may be any
 * contiguous part of a run's sorted order (its top rows under a limit, or one key range of a
 * partitioned merge). With `limit`, only the first `limit` rows are produced.
 *
 * @example
 * const a = argsort([v], [false], [true]);
 * const b = argsort([w], [false], [true]);
 * mergeRuns([{ keys: [v], order: a }, { keys: [w], order: b }], [false], [true]);
 */
export function mergeRuns(
  runs: readonly SortedRun[],
  descending: readonly boolean[],
  nullsLast: readonly boolean[],
  limit = Infinity,
): MergedOrder {
  const k = runs.length;
  const nk = runs[0]?.keys.length ?? 0;
  for (const r of runs) if (r.keys.length !== nk) throw new KernelInvariantError('mergeRuns: every run needs the same number of keys');
  const orders = runs.map((r) => (r.order.length > limit ? r.order.subarray(0, limit) : r.order));
  let total = 0;
  for (const o of orders) total += o.length;
  total = Math.min(total, limit);
  const run = new Int32Array(total);
  const row = new Int32Array(total);
  if (total === 0) return { run, row };
  if (k === 1) {
    row.set(orders[0]!.subarray(0, total));
    return { run, row };
  }
  const cols = normalizeRuns(runs, orders, descending, nullsLast);
  const lens = Int32Array.from(orders, (o) => o.length);
  if (cols[0]!.length === 1)
    mergeOneColumn(
      cols.map((c) => c[0]!),
      lens,
      orders,
      run,
      row,
    );
  else mergeColumns(cols, lens, orders, run, row);
  return { run, row };
}

/** Per run, the normalized key columns; an f64 key gets a class column in every run if any run needs one. */
function normalizeRuns(
  runs: readonly SortedRun[],
  orders: readonly Int32Array[],
  descending: readonly boolean[],
  nullsLast: readonly boolean[],
): Float64Array[][] {
  const nk = runs[0]!.keys.length;
  const cols: Float64Array[][] = runs.map(() => []);
  for (let key = 0; key < nk; key++) {
    const desc = descending[key] ?? false;
    const last = nullsLast[key] ?? true;
    let parts = runs.map((r, i) => normalizeKey(r.keys[key]!, orders[i]!, desc, last, false));
    if (parts.some((p) => p.classed) && parts.some((p) => !p.classed)) {
      parts = runs.map((r, i) => normalizeKey(r.keys[key]!, orders[i]!, desc, last, true));
    }
    parts.forEach((p, i) => cols[i]!.push(...p.cols));
  }
  return cols;
}

/**
 * The loser tree over one key column. `tree[node]` holds the run that lost the match at `node`;
 * after a run emits its head, only its path to the root is replayed. Leaves are padded to a power
 * of two with empty runs.
 */
function mergeOneColumn(
  cols: readonly Float64Array[],
  lens: Int32Array,
  orders: readonly Int32Array[],
  run: Int32Array,
  row: Int32Array,
): void {
  const k = cols.length;
  let size = 1;
  while (size < k) size <<= 1;
  const len = new Int32Array(size);
  len.set(lens);
  const pos = new Int32Array(size);
  const head = new Float64Array(size);
  for (let r = 0; r < k; r++) if (len[r]! > 0) head[r] = cols[r]![0]!;
  // Whether run a's head goes before run b's: exhausted runs lose, then key, then run index.
  const beats = (a: number, b: number): boolean => {
    if (pos[a]! >= len[a]!) return false;
    if (pos[b]! >= len[b]!) return true;
    const x = head[a]!;
    const y = head[b]!;
    return x < y || (x === y && a < b);
  };
  const tree = buildTree(size, beats);
  const total = run.length;
  for (let t = 0; t < total; t++) {
    let w = tree[0]!;
    const p = pos[w]!;
    run[t] = w;
    row[t] = orders[w]![p]!;
    pos[w] = p + 1;
    if (p + 1 < len[w]!) head[w] = cols[w]![p + 1]!;
    for (let node = (w + size) >> 1; node > 0; node >>= 1) {
      const l = tree[node]!;
      if (beats(l, w)) {
        tree[node] = w;
        w = l;
      }
    }
    tree[0] = w;
  }
}

/** The same loser tree, comparing several key columns in turn. */
function mergeColumns(
  cols: readonly Float64Array[][],
  lens: Int32Array,
  orders: readonly Int32Array[],
  run: Int32Array,
  row: Int32Array,
): void {
  const k = cols.length;
  const nc = cols[0]!.length;
  let size = 1;
  while (size < k) size <<= 1;
  const len = new Int32Array(size);
  len.set(lens);
  const pos = new Int32Array(size);
  const beats = (a: number, b: number): boolean => {
    const pa = pos[a]!;
    const pb = pos[b]!;
    if (pa >= len[a]!) return false;
    if (pb >= len[b]!) return true;
    const ca = cols[a]!;
    const cb = cols[b]!;
    for (let c = 0; c < nc; c++) {
      const x = ca[c]![pa]!;
      const y = cb[c]![pb]!;
      if (x < y) return true;
      if (x > y) return false;
    }
    return a < b;
  };
  const tree = buildTree(size, beats);
  const total = run.length;
  for (let t = 0; t < total; t++) {
    let w = tree[0]!;
    const p = pos[w]!;
    run[t] = w;
    row[t] = orders[w]![p]!;
    pos[w] = p + 1;
    for (let node = (w + size) >> 1; node > 0; node >>= 1) {
      const l = tree[node]!;
      if (beats(l, w)) {
        tree[node] = w;
        w = l;
      }
    }
    tree[0] = w;
  }
}

/** Play the first round bottom-up: losers stay in the nodes, the overall winner goes to `tree[0]`. */
function buildTree(size: number, beats: (a: number, b: number) => boolean): Int32Array {
  const tree = new Int32Array(size);
  const winner = new Int32Array(2 * size);
  for (let i = 0; i < size; i++) winner[size + i] = i;
  for (let node = size - 1; node > 0; node--) {
    const a = winner[2 * node]!;
    const b = winner[2 * node + 1]!;
    if (beats(a, b)) {
      winner[node] = a;
      tree[node] = b;
    } else {
      winner[node] = b;
      tree[node] = a;
    }
  }
  tree[0] = winner[1]!;
  return tree;
}
