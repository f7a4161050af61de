/** Splitting sorted runs at common splitters, so slices of a k-way merge run in parallel and concatenate exactly. */
import type { Vec } from '../../../kernels/vec.js';
import type { SortRunResult, SortSplitResult, SortSplitTask } from '../protocol.js';
import { SORT_OVERSAMPLE as OVERSAMPLE } from '../../../kernels/tuning.js';

/**
 * Cut every run at the same T - 1 splitters chosen from a sample. The order is the merge's total
 * order (keys, then run, then position in the run), so each run's cut is a binary search and
 * every element lands in exactly one slice.
 *
 * @example
 * const { lo, hi } = runSortSplit({ type: 'sortSplit', runs, descending: [false], nullsLast: [true], slices: 8 });
 */
export function runSortSplit(t: SortSplitTask): SortSplitResult {
  const runs = t.runs;
  const cmp = new RunComparator(runs, t.descending, t.nullsLast);
  const samples: [number, number][] = [];
  const per = t.slices * OVERSAMPLE;
  runs.forEach((r, i) => {
    const len = r.order.length;
    const take = Math.min(len, per);
    for (let j = 0; j < take; j++) samples.push([i, Math.floor((j * len) / take)]);
  });
  samples.sort((a, b) => cmp.compare(a[0], a[1], b[0], b[1]));
  const cuts: number[][] = [];
  for (let s = 1; s < t.slices; s++) {
    const sp = samples[Math.floor((s * samples.length) / t.slices)];
    cuts.push(sp === undefined ? runs.map((r) => r.order.length) : runs.map((_, r) => cmp.lowerBound(r, sp[0], sp[1])));
  }
  const lo: number[][] = [];
  const hi: number[][] = [];
  for (let s = 0; s < t.slices; s++) {
    lo.push(s === 0 ? runs.map(() => 0) : cuts[s - 1]!);
    hi.push(s === t.slices - 1 ? runs.map((r) => r.order.length) : cuts[s]!);
  }
  return { lo, hi };
}

/** Compares sorted-run elements (run, position) in the merge's total order. */
class RunComparator {
  constructor(
    private readonly runs: readonly SortRunResult[],
    private readonly descending: readonly boolean[],
    private readonly nullsLast: readonly boolean[],
  ) {}

  compare(ra: number, pa: number, rb: number, pb: number): number {
    const a = this.runs[ra]!;
    const b = this.runs[rb]!;
    const ia = a.order[pa]!;
    const ib = b.order[pb]!;
    for (let k = 0; k < a.keys.length; k++) {
      const c = compareKey(a.keys[k]!, ia, b.keys[k]!, ib, this.descending[k] ?? false, this.nullsLast[k] ?? true);
      if (c !== 0) return c;
    }
    return ra !== rb ? ra - rb : pa - pb;
  }

  /** Number of positions of run r whose element comes before (sr, sp). */
  lowerBound(r: number, sr: number, sp: number): number {
    let lo = 0;
    let hi = this.runs[r]!.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(r, mid, sr, sp) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * One key's order, as argsort sorts: nulls first or last whatever the direction; f64 with -0
 * equal to 0 and NaN above every number; descending reverses the values only.
 */
function compareKey(a: Vec, i: number, b: Vec, j: number, desc: boolean, nullsLast: boolean): number {
  const an = a.valid !== null && a.valid[i] === 0;
  const bn = b.valid !== null && b.valid[j] === 0;
  if (an || bn) return an && bn ? 0 : an === nullsLast ? 1 : -1;
  let c: number;
  if (a.kind === 'f64') {
    const x = (a.values as Float64Array)[i]!;
    const y = (b.values as Float64Array)[j]!;
    const xn = x !== x;
    const yn = y !== y;
    c = xn || yn ? (xn && yn ? 0 : xn ? 1 : -1) : x < y ? -1 : x > y ? 1 : 0;
  } else if (a.kind === 'i64') {
    const x = (a.values as BigInt64Array)[i]!;
    const y = (b.values as BigInt64Array)[j]!;
    c = x < y ? -1 : x > y ? 1 : 0;
  } else {
    const x = (a.values as Int32Array | Uint8Array)[i]!;
    const y = (b.values as Int32Array | Uint8Array)[j]!;
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  return desc ? -c : c;
}
