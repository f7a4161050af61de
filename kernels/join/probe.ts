/** Probes a join table with one morsel: (probe row, build row) pairs for inner and left joins, row masks for semi and anti joins. */
import { hashJoinKeys, type JoinKeys } from './keys.js';
import { lookupKeys } from './lookup.js';
import { SCRATCH_BUILD_ROWS, SCRATCH_HASHES, SCRATCH_IDS, SCRATCH_PROBE_ROWS, type JoinScratch } from './scratch.js';
import type { JoinTable } from './table.js';

/** How a probe emits: `inner` drops unmatched probe rows, `left` keeps each once with build row -1. */
export type PairJoin = 'inner' | 'left';

/**
 * Matching row pairs, `length` of them: probe rows ascending, and within one probe row its build
 * rows ascending. Build row -1 marks an unmatched probe row of a left join.
 */
export interface JoinPairs {
  readonly length: number;
  readonly probe: Int32Array;
  readonly build: Int32Array;
}

/** Options of {@link probeJoin}. */
export interface ProbeOptions {
  /** Probe key hashes (`hashJoinKeys`), when the caller has them already. */
  hashes?: Int32Array;
  /**
   * One byte per build row, set to 1 for each build row emitted. Shared by every morsel's probe
   * so a right or full join can add the build rows left at 0 ({@link unmatchedBuildRows}) at the end.
   */
  matched?: Uint8Array;
  /**
   * Arrays reused across calls for the key ids, hashes and the pairs themselves: the pairs
   * returned are then views into it, valid until the next call with the same scratch.
   */
  scratch?: JoinScratch;
}

/**
 * The pairs of an inner or left join of a probe morsel against a built table. A counting pass
 * sizes the output exactly, so the pairs land in two preallocated arrays.
 *
 * @example
 * const p = probeJoin(table, probeKeys, 'left');
 * for (let j = 0; j < p.length; j++) emit(p.probe[j], p.build[j]); // build -1: no match
 */
export function probeJoin(table: JoinTable, probe: JoinKeys, how: PairJoin, options: ProbeOptions = {}): JoinPairs {
  const positions = table.unique && table.kind === 'partitioned';
  const scratch = options.scratch ?? null;
  const n = probe.length;
  const hashes =
    options.hashes ?? (scratch !== null && table.kind === 'partitioned' ? hashJoinKeys(probe, scratch.ints(SCRATCH_HASHES, n)) : undefined);
  const ids = lookupKeys(table, probe, hashes, positions, scratch === null ? undefined : scratch.ints(SCRATCH_IDS, n));
  const pairs = (total: number): [Int32Array, Int32Array] =>
    scratch === null
      ? [new Int32Array(total), new Int32Array(total)]
      : [scratch.ints(SCRATCH_PROBE_ROWS, total), scratch.ints(SCRATCH_BUILD_ROWS, total)];
  if (table.unique) return uniquePairs(table, ids, how === 'left', options.matched ?? null, positions, pairs);
  const offsets = table.offsets;
  const rows = table.rows;
  const left = how === 'left';
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = ids[i]!;
    if (k >= 0) total += offsets[k + 1]! - offsets[k]!;
    else if (left) total++;
  }
  const [probeRows, buildRows] = pairs(total);
  const matched = options.matched ?? null;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const k = ids[i]!;
    if (k < 0) {
      if (left) {
        probeRows[o] = i;
        buildRows[o++] = -1;
      }
      continue;
    }
    const end = offsets[k + 1]!;
    for (let j = offsets[k]!; j < end; j++) {
      const r = rows[j]!;
      probeRows[o] = i;
      buildRows[o++] = r;
      if (matched !== null) matched[r] = 1;
    }
  }
  return { length: total, probe: probeRows, build: buildRows };
}

/**
 * The pairs when every key has at most one build row: the count is the hits (a pass over the
 * ids alone, no run lengths read), and each hit's row is its id itself, the row at its position
 * (`positions`: a unique partitioned table's lookup gives those) or the first of its run.
 */
function uniquePairs(
  table: JoinTable,
  ids: Int32Array,
  left: boolean,
  matched: Uint8Array | null,
  positions: boolean,
  pairs: (total: number) => [Int32Array, Int32Array],
): JoinPairs {
  const n = ids.length;
  const offsets = table.offsets;
  const rows = table.rows;
  let hits = 0;
  for (let i = 0; i < n; i++) if (ids[i]! >= 0) hits++;
  const total = left ? n : hits;
  const [probeRows, buildRows] = pairs(total);
  const keyIsRow = table.keyIsRow;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const k = ids[i]!;
    if (k < 0) {
      if (left) {
        probeRows[o] = i;
        buildRows[o++] = -1;
      }
      continue;
    }
    const r = keyIsRow ? k : positions ? rows[k]! : rows[offsets[k]!]!;
    probeRows[o] = i;
    buildRows[o++] = r;
    if (matched !== null) matched[r] = 1;
  }
  return { length: total, probe: probeRows, build: buildRows };
}

/**
 * One byte per probe row for a semi join (1 where its key is on the build side) or an anti join
 * (1 where it is not; a null key matches nothing, so anti keeps it). `ids` (probe.length, any
 * contents) holds the key ids, saving their allocation.
 *
 * @example
 * const keep = probeMask(table, probeKeys, 'anti'); // Uint8Array of 0/1 per probe row
 */
export function probeMask(table: JoinTable, probe: JoinKeys, how: 'semi' | 'anti', hashes?: Int32Array, ids?: Int32Array): Uint8Array {
  const found = lookupKeys(table, probe, hashes, false, ids);
  const n = probe.length;
  const out = new Uint8Array(n);
  const hit = how === 'semi' ? 1 : 0;
  for (let i = 0; i < n; i++) out[i] = found[i]! >= 0 ? hit : 1 - hit;
  return out;
}

/**
 * Build rows never emitted (byte 0 in `matched`), ascending: what a right or full join appends
 * after every probe. Null-key build rows are never matched, so they are always among them.
 *
 * @example
 * unmatchedBuildRows(Uint8Array.of(1, 0, 1, 0)); // Int32Array [1, 3]
 */
export function unmatchedBuildRows(matched: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < matched.length; i++) if (matched[i] === 0) count++;
  const out = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < matched.length; i++) if (matched[i] === 0) out[o++] = i;
  return out;
}
