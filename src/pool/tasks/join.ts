/** Join tasks: encode a build morsel's keys, build hash partitions, probe a morsel and gather its output, gather a full join's unmatched rows. */
import { allocValues, lendSegments } from '../../../kernels/alloc.js';
import { vecToChunk } from '../../../kernels/convert.js';
import { encodeRows } from '../../../kernels/hash/keys.js';
import { buildPartitionInto, partitionOf, partitionRows } from '../../../kernels/join/build-partitioned.js';
import { castKey } from '../../../kernels/join/cast.js';
import { locateRows, takeLocated, takeRows, type RowLocations } from '../../../kernels/join/gather.js';
import { hashJoinKeys, joinKeys, keyValidity } from '../../../kernels/join/keys.js';
import { gatherPacked, packRows } from '../../../kernels/join/pack.js';
import { probeJoin, probeMask } from '../../../kernels/join/probe.js';
import {
  JoinScratch,
  SCRATCH_BUILD_ROWS,
  SCRATCH_IDS,
  SCRATCH_LOCATIONS,
  SCRATCH_PROBE_ROWS,
  SCRATCH_WORDS,
} from '../../../kernels/join/scratch.js';
import { occupiedSlots, probeSlots, scatterSlots, slotColumns, slotMask } from '../../../kernels/join/slots.js';
import type { Vec } from '../../../kernels/vec.js';
import type {
  CollectResult,
  JoinProbeResult,
  JoinBuildResult,
  JoinBuildTask,
  JoinKeysResult,
  JoinKeysTask,
  JoinOutput,
  JoinProbeTask,
  JoinSlotsResult,
  JoinSlotsTask,
  JoinTailTask,
} from '../protocol.js';
import { morselVec } from './morsel.js';

/**
 * Writes one build morsel's key words, validity and hashes into the side's shared arrays at the
 * morsel's rows, and counts its keyed rows per partition (the main thread sums the counts into
 * partition starts without a pass over the rows).
 *
 * @example
 * const { counts } = runJoinKeys({ type: 'joinKeys', morsel, casts, layout, words, valid, hashes, bits: 4 });
 */
export function runJoinKeys(t: JoinKeysTask): JoinKeysResult {
  const m = t.morsel;
  const n = m.rows;
  const W = t.layout.width;
  const keys = t.casts.map((cast, k) => castKey(morselVec(m.columns[k]!), cast));
  if (t.pack !== null) packRows(m.columns.slice(t.casts.length).map(morselVec), t.pack, m.rowBase);
  const words = t.words.subarray(m.rowBase * W, (m.rowBase + n) * W);
  encodeRows(keys, t.layout, n, words);
  const valid = keyValidity(keys, n);
  if (valid === null) t.valid.fill(1, m.rowBase, m.rowBase + n);
  else t.valid.set(valid, m.rowBase);
  const hashes = hashJoinKeys({ words, width: W, length: n, valid: null });
  t.hashes.set(hashes, m.rowBase);
  const counts = new Int32Array(1 << t.bits);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) nulls++;
    else counts[partitionOf(hashes[i]!, t.bits)]!++;
  }
  return { counts, nulls };
}

/**
 * Builds partitions [from, to): one scan of the hashes picks their rows, then each is built and
 * its CSR written into its own region of the shared flat arrays. The tables fill `reuse`
 * segments (an earlier join's, handed back) where they fit rather than fault in fresh pages.
 *
 * @example
 * const parts = runJoinBuild({ type: 'joinBuild', keys, hashes, bits: 4, starts, flat, from: 0, to: 8 });
 */
export function runJoinBuild(t: JoinBuildTask): JoinBuildResult {
  const selects = partitionRows(t.keys, t.hashes, t.bits, t.starts, t.from, t.to);
  return lendSegments(t.reuse ?? [], () =>
    selects.map((select, i) => buildPartitionInto(t.keys, t.hashes, select, t.flat, t.starts, t.from + i, true)),
  );
}

/**
 * Fills this task's range of a slot table: zeroes its rows (the table may be an earlier join's
 * memory; the last range also zeroes the empty row after it), then reads every build morsel's
 * keys and writes the rows whose slot is in the range, and counts the range's filled slots to
 * find a repeated key.
 *
 * @example
 * const { unique } = runJoinSlots({ type: 'joinSlots', morsels, casts, layout, table, from: 0, to: table.slots });
 */
export function runJoinSlots(t: JoinSlotsTask): JoinSlotsResult {
  const W = t.table.packed.layout.width;
  t.table.packed.data.fill(0, t.from * W, (t.to === t.table.slots ? t.to + 1 : t.to) * W);
  const K = t.casts.length;
  let written = 0;
  for (const m of t.morsels) {
    const keys = t.casts.map((cast, k) => castKey(morselVec(m.columns[k]!), cast));
    const words = scratch.ints(SCRATCH_WORDS, m.rows * t.layout.width);
    encodeRows(keys, t.layout, m.rows, words);
    const payload = m.columns.slice(K).map(morselVec);
    written += scatterSlots(t.table, words, keyValidity(keys, m.rows), m.rows, m.rowBase, payload, t.from, t.to);
  }
  return { unique: occupiedSlots(t.table, t.from, t.to) === written };
}

/** This thread's probe temporaries, reused by every probe task it runs (tasks run one at a time per thread). */
const scratch = new JoinScratch();

/**
 * Probes one morsel and gathers its output columns: probe-side columns by the morsel's own rows,
 * build-side columns by build row straight from their chunks. The key words, key ids, row pairs
 * and row locations live in this thread's scratch arrays; only the output columns are new.
 *
 * @example
 * const out = runJoinProbe(task); // CollectResult: this morsel's output rows
 */
export function runJoinProbe(t: JoinProbeTask): JoinProbeResult {
  const t0 = performance.now();
  const m = t.morsel;
  const vecs: (Vec | undefined)[] = [];
  const vecOf = (c: number): Vec => (vecs[c] ??= morselVec(m.columns[c]!));
  const keyVecs = t.casts.map((cast, k) => castKey(vecOf(k), cast));
  const keys = joinKeys(keyVecs, t.layout, m.rows, scratch.ints(SCRATCH_WORDS, m.rows * t.layout.width));
  const table = t.table;
  let probeRows: Int32Array;
  let buildRows: Int32Array | null = null;
  // packed build columns: every one gathered in one pass over the build rows (a slot table's
  // probe stages them as it finds the rows)
  let packedColumns: (() => Vec[]) | null = null;
  if (t.how === 'semi' || t.how === 'anti') {
    const mask =
      table.kind === 'slots' ? slotMask(table, keys, t.how) : probeMask(table, keys, t.how, undefined, scratch.ints(SCRATCH_IDS, m.rows));
    let count = 0;
    for (let i = 0; i < mask.length; i++) count += mask[i]!;
    probeRows = new Int32Array(count);
    for (let i = 0, o = 0; i < mask.length; i++) if (mask[i] === 1) probeRows[o++] = i;
  } else if (table.kind === 'slots') {
    const pairs = probeSlots(table, keys, t.how, scratch.ints(SCRATCH_PROBE_ROWS, m.rows), scratch.ints(SCRATCH_BUILD_ROWS, m.rows));
    probeRows = pairs.probe;
    buildRows = pairs.build;
    packedColumns = () => slotColumns(table, pairs);
  } else {
    const pairs = probeJoin(table, keys, t.how, t.matched === null ? { scratch } : { matched: t.matched, scratch });
    probeRows = pairs.probe;
    buildRows = pairs.build;
    packedColumns = () => gatherPacked(t.packed!, pairs.build);
  }
  const t1 = performance.now();
  // build columns stored alike (one starts array) share one location pass
  const located = new Map<Int32Array, RowLocations>();
  const locate = (starts: Int32Array, rows: Int32Array): RowLocations => {
    let loc = located.get(starts);
    if (loc === undefined) {
      const slot = SCRATCH_LOCATIONS + 2 * located.size;
      const out = { chunk: scratch.ints(slot, rows.length), offset: scratch.ints(slot + 1, rows.length) };
      located.set(starts, (loc = locateRows(starts, rows, out)));
    }
    return loc;
  };
  // every probe row once, in order (a left join on a unique build side, an inner join where all
  // rows match): the probe columns pass through without a gather, their shared values unchanged
  let identity = probeRows.length === m.rows;
  for (let i = 0; i < probeRows.length && identity; i++) if (probeRows[i] !== i) identity = false;
  let packed: Vec[] | null = null;
  const packedOf = (index: number): Vec => (packed ??= packedColumns!())[index]!;
  const columns = t.output.map((o) =>
    vecToChunk(identity && o.from === 'probe' ? vecOf(o.column) : outputVec(o, probeRows, buildRows, vecOf, keyVecs, locate, packedOf)),
  );
  return { rows: probeRows.length, columns, probeMs: t1 - t0, gatherMs: performance.now() - t1 };
}

function outputVec(
  o: JoinOutput,
  probeRows: Int32Array,
  buildRows: Int32Array | null,
  vecOf: (c: number) => Vec,
  keyVecs: readonly Vec[],
  locate: (starts: Int32Array, rows: Int32Array) => RowLocations,
  packedOf: (index: number) => Vec,
): Vec {
  switch (o.from) {
    case 'probe':
      return takeRows(vecOf(o.column), probeRows, true);
    case 'probeKey':
      return takeRows(keyVecs[o.key]!, probeRows, true);
    case 'build':
      return castKey(takeLocated(o.column, locate(o.column.starts, buildRows!)), o.cast);
    case 'packed':
      return packedOf(o.index);
  }
}

/**
 * A full join's unmatched build rows, after every probe: build columns gathered, probe columns null.
 *
 * @example
 * const out = runJoinTail({ type: 'joinTail', rows: Int32Array.of(4, 9), output });
 */
export function runJoinTail(t: JoinTailTask): CollectResult {
  const n = t.rows.length;
  const packed = t.packed === null ? null : gatherPacked(t.packed, t.rows);
  const columns = t.output.map((o) => {
    if (o.from === 'build') return vecToChunk(castKey(takeLocated(o.column, locateRows(o.column.starts, t.rows)), o.cast));
    if (o.from === 'packed') return vecToChunk(packed![o.index]!);
    return vecToChunk({ kind: o.kind, length: n, values: allocValues(o.kind, n, true), valid: new Uint8Array(n) });
  });
  return { rows: n, columns };
}
