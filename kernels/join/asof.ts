/**
 * The as-of join kernel: for each left row, the right row whose sorted key is nearest by the
 * strategy, found by one forward merge of the two sorted key runs per group (O(n + m) in all).
 */

/**
 * Rows of one side split into groups: group `g` holds `rows[offsets[g] .. offsets[g + 1] - 1]`,
 * ascending (so in key order when the side is sorted). Rows with a null key are in no group.
 */
export interface AsofGroups {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/** Key values: Int32Array, Float64Array or BigInt64Array. */
export type AsofKeys = Int32Array | Float64Array | BigInt64Array;

/**
 * The keys of `rows`, in that order: each group's keys side by side, so the merge and the sort
 * check read memory in order instead of jumping between the groups' interleaved rows.
 *
 * @example
 * keysInGroupOrder(Float64Array.of(5, 6, 7), Int32Array.of(2, 0)); // Float64Array [7, 5]
 */
export function keysInGroupOrder(values: AsofKeys, rows: Int32Array): AsofKeys {
  const n = rows.length;
  if (values instanceof BigInt64Array) {
    const out = new BigInt64Array(n);
    for (let p = 0; p < n; p++) out[p] = values[rows[p]!]!;
    return out;
  }
  const out = values instanceof Float64Array ? new Float64Array(n) : new Int32Array(n);
  for (let p = 0; p < n; p++) out[p] = values[rows[p]!]!;
  return out;
}

/** How the kernel picks: the strategy, whether an equal key may match, and the largest distance (null: any). */
export interface AsofPick {
  readonly strategy: 'backward' | 'forward' | 'nearest';
  readonly allowExactMatches: boolean;
  readonly tolerance: number | null;
}

// Keys are i32, f64 or i64 (bigint) values. Every operator below (<, <=, ===, -, and comparing a
// bigint with a number) means the same for both, so one loop serves all three; the arrays are
// typed as numbers only to the compiler. Float64 keys use Polars' total order: NaN equals NaN and
// is above every number; -0 equals 0.
type Keys = ArrayLike<number>;

/** a <= b in the total order. */
function le(a: number, b: number): boolean {
  return a <= b || b !== b;
}

/** a < b in the total order. */
function lt(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

/** a equals b in the total order. */
function same(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** The distance from `lo` up to `hi` (lo <= hi in the total order): 0 when equal, Infinity from a number to NaN. */
function gap(hi: number, lo: number): number {
  if (same(hi, lo)) return 0;
  if (hi !== hi) return Number.POSITIVE_INFINITY;
  return hi - lo;
}

/**
 * The matched right row of every left row (-1: none), for left and right rows grouped alike
 * (group `g` of one side may only match group `g` of the other). `left` and `right` are each
 * side's keys in group order ({@link keysInGroupOrder}). Each group's rows must be in key
 * order: the merge walks both runs forward once.
 *
 * - backward: the last right row whose key is <= the left key (< without exact matches);
 * - forward: the first right row whose key is >= (>) the left key;
 * - nearest: the closer of those two; on a tie in distance, and among rows with the nearest key,
 *   the last row (Polars' rule: the larger key wins a tie).
 *
 * A pick farther than `tolerance` from the left key gives -1.
 *
 * @example
 * const out = asofMatch(leftKeys, rightKeys, leftGroups, rightGroups, leftHeight, { strategy: 'backward', allowExactMatches: true, tolerance: null });
 */
export function asofMatch(left: AsofKeys, right: AsofKeys, lg: AsofGroups, rg: AsofGroups, leftHeight: number, pick: AsofPick): Int32Array {
  const out = new Int32Array(leftHeight).fill(-1);
  const lv = left as unknown as Keys;
  const rv = right as unknown as Keys;
  const groups = Math.min(lg.offsets.length, rg.offsets.length) - 1;
  for (let g = 0; g < groups; g++) {
    const rs = rg.offsets[g]!;
    const re = rg.offsets[g + 1]!;
    if (rs === re) continue;
    matchGroup(lv, rv, lg.rows, lg.offsets[g]!, lg.offsets[g + 1]!, rg.rows, rs, re, pick, out);
  }
  return out;
}

function matchGroup(
  lv: Keys,
  rv: Keys,
  lRows: Int32Array,
  ls: number,
  le_: number,
  rRows: Int32Array,
  rs: number,
  re: number,
  pick: AsofPick,
  out: Int32Array,
): void {
  const exact = pick.allowExactMatches;
  const tol = pick.tolerance;
  // j: first position whose key is > l; k: first position whose key is >= l. Both only move
  // forward because the left keys ascend. Backward and forward read one of them (which one
  // depends on exact matches), nearest both: each walk reads the right keys once more.
  const nearest = pick.strategy === 'nearest';
  const needJ = nearest || (pick.strategy === 'backward') === exact;
  const needK = nearest || !needJ;
  let j = rs;
  let k = rs;
  // the run of equal keys that starts at the upper candidate, for nearest (its last row wins)
  let runFrom = -1;
  let runTo = -1;
  for (let p = ls; p < le_; p++) {
    const l = lv[p]!;
    if (needJ) while (j < re && le(rv[j]!, l)) j++;
    if (needK) while (k < re && lt(rv[k]!, l)) k++;
    const lower = exact ? j - 1 : k - 1;
    const upper = exact ? k : j;
    let at = -1;
    let dist = 0;
    if (pick.strategy === 'backward') {
      if (lower >= rs) {
        at = lower;
        dist = gap(l, rv[lower]!);
      }
    } else if (pick.strategy === 'forward') {
      if (upper < re) {
        at = upper;
        dist = gap(rv[upper]!, l);
      }
    } else {
      let up = -1;
      if (upper < re) {
        if (upper !== runFrom) {
          runFrom = upper;
          runTo = upper;
          const v = rv[upper]!;
          while (runTo + 1 < re && same(rv[runTo + 1]!, v)) runTo++;
        }
        up = runTo;
      }
      if (lower >= rs && up >= 0) {
        const dl = gap(l, rv[lower]!);
        const du = gap(rv[up]!, l);
        if (du <= dl) {
          at = up;
          dist = du;
        } else {
          at = lower;
          dist = dl;
        }
      } else if (lower >= rs) {
        at = lower;
        dist = gap(l, rv[lower]!);
      } else if (up >= 0) {
        at = up;
        dist = gap(rv[up]!, l);
      }
    }
    if (at >= 0 && (tol === null || dist <= tol)) out[lRows[p]!] = rRows[at]!;
  }
}

/**
 * The first row (smallest row index over all groups) whose key is smaller than the key of the
 * row before it in its group, with that previous row; null when every group is in key order.
 * `keys` are the side's keys in group order ({@link keysInGroupOrder}).
 *
 * @example
 * firstUnsorted(Int32Array.of(1, 5, 3), { offsets: Int32Array.of(0, 3), rows: Int32Array.of(0, 1, 2) }); // { row: 2, previous: 1 }
 */
export function firstUnsorted(keys: AsofKeys, groups: AsofGroups): { row: number; previous: number } | null {
  const v = keys as unknown as Keys;
  let best: { row: number; previous: number } | null = null;
  const n = groups.offsets.length - 1;
  for (let g = 0; g < n; g++) {
    const e = groups.offsets[g + 1]!;
    for (let p = groups.offsets[g]! + 1; p < e; p++) {
      if (lt(v[p]!, v[p - 1]!)) {
        const row = groups.rows[p]!;
        if (best === null || row < best.row) best = { row, previous: groups.rows[p - 1]! };
        break;
      }
    }
  }
  return best;
}
