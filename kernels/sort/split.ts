/** Cutting sorted runs into key ranges, so that one big merge can run as independent merges in parallel. */
import { KernelInvariantError } from '../errors.js';
import type { Vec } from '../vec.js';
import type { SortedRun } from './merge.js';

/**
 * For each run, `parts + 1` nondecreasing cut positions into its `order` (first 0, last
 * `order.length`). Range p of every run holds the rows whose key is at least splitter p-1 and below
 * splitter p; splitters are sampled from the runs, so ranges are about equal when keys are
 * spread. Equal keys always land in the same range, so merging each range with `mergeRuns` and
 * concatenating the ranges gives the same order as one `mergeRuns` over everything.
 *
 * @example
 * const cuts = splitRuns(runs, [false], [true], 2);
 * const low = mergeRuns(runs.map((r, i) => ({ keys: r.keys, order: r.order.subarray(cuts[i]![0], cuts[i]![1]) })), [false], [true]);
 */
export function splitRuns(
  runs: readonly SortedRun[],
  descending: readonly boolean[],
  nullsLast: readonly boolean[],
  parts: number,
): Int32Array[] {
  if (!Number.isInteger(parts) || parts < 1) throw new KernelInvariantError(`splitRuns: parts must be a positive integer, got ${parts}`);
  const samples: { run: number; row: number }[] = [];
  const perRun = Math.max(8, Math.ceil((parts * 16) / Math.max(1, runs.length)));
  runs.forEach((r, i) => {
    const m = r.order.length;
    const s = Math.min(m, perRun);
    for (let k = 0; k < s; k++) samples.push({ run: i, row: r.order[Math.floor(((k + 0.5) * m) / s)]! });
  });
  const cmp = (a: { run: number; row: number }, b: { run: number; row: number }) =>
    compareRows(runs[a.run]!.keys, a.row, runs[b.run]!.keys, b.row, descending, nullsLast);
  samples.sort(cmp);
  const splitters = Array.from({ length: parts - 1 }, (_, p) => samples[Math.floor(((p + 1) * samples.length) / parts)]);
  return runs.map((r) => {
    const cuts = new Int32Array(parts + 1);
    cuts[parts] = r.order.length;
    let lo = 0;
    splitters.forEach((s, p) => {
      if (s === undefined) {
        cuts[p + 1] = lo;
        return;
      }
      // First position whose key is not below the splitter (a lower bound).
      let a = lo;
      let b = r.order.length;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (compareRows(r.keys, r.order[mid]!, runs[s.run]!.keys, s.row, descending, nullsLast) < 0) a = mid + 1;
        else b = mid;
      }
      cuts[p + 1] = a;
      lo = a;
    });
    return cuts;
  });
}

/**
 * Compare row `i` of keys `a` with row `j` of keys `b` in sort order: per key, nulls first or
 * last, then values (f64: -0 equals 0, NaN above every number), reversed when descending.
 *
 * @example
 * compareRows([v], 0, [v], 1, [false], [true]); // < 0 when row 0 sorts before row 1
 */
export function compareRows(
  a: readonly Vec[],
  i: number,
  b: readonly Vec[],
  j: number,
  descending: readonly boolean[],
  nullsLast: readonly boolean[],
): number {
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const xNull = x.valid !== null && x.valid[i] === 0;
    const yNull = y.valid !== null && y.valid[j] === 0;
    if (xNull || yNull) {
      if (xNull && yNull) continue;
      return (xNull ? 1 : -1) * ((nullsLast[k] ?? true) ? 1 : -1);
    }
    const c = compareValues(x.values[i]!, y.values[j]!);
    if (c !== 0) return descending[k] ? -c : c;
  }
  return 0;
}

function compareValues(p: number | bigint, q: number | bigint): number {
  if (p !== p || q !== q) return p !== p ? (q !== q ? 0 : 1) : -1;
  return p < q ? -1 : p > q ? 1 : 0;
}
