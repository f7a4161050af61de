/**
 * The hash join as tasks, for joins too large for the calling thread: the build side's table in
 * shared memory (built in hash partitions by several tasks when it is large), then one task per
 * probe morsel that encodes the morsel's keys, probes, and gathers its output columns. Output
 * morsels come back in probe-morsel order, and a full join's unmatched build rows follow in build
 * order, so the rows are those of the calling-thread join for every thread count and morsel size.
 */
import { allocValues, lendSegments, takeFitting } from '../../kernels/alloc.js';
import { encodeRows, makeKeyLayout, type KeyBounds, type KeyLayout } from '../../kernels/hash/keys.js';
import { castKey, type KeyCast } from '../../kernels/join/cast.js';
import type { ChunkedColumn } from '../../kernels/join/gather.js';
import { MAX_PACKED_COLUMNS, packLayout, type PackedRows, type PackLayout } from '../../kernels/join/pack.js';
import { slotJoinSlots, slotTableWords, type SlotJoinTable } from '../../kernels/join/slots.js';
import {
  allocFlatCsr,
  assemblePartitioned,
  buildJoinTable,
  directSlots,
  keyValidity,
  unmatchedBuildRows,
  type HashJoinTable,
  type JoinKeys,
  type JoinTable,
} from '../../kernels/join/index.js';
import { JOIN_PARTITION_BITS, JOIN_PARTITION_ROWS, OUTPUT_CHUNK, SLOT_TABLE_MAX_WORDS } from '../../kernels/tuning.js';
import type { VecKind } from '../../kernels/vec.js';
import { kindOf } from '../physical/kinds.js';
import type { ColumnInfo } from '../physical/lower.js';
import type { PhysicalPlan } from '../physical/plan.js';
import { joinColumns } from '../plan/join.js';
import type { CollectResult, JoinBuildResult, JoinKeysResult, JoinOutput, JoinProbeResult, JoinSlotsResult } from '../pool/protocol.js';
import type { Column } from '../table/column.js';
import type { ChunkData } from '../table/chunk.js';
import type { DataType } from '../types/dtype.js';
import type { Table } from '../table/table.js';
import { frameFromResults } from './assemble.js';
import { columnBounds } from './bounds.js';
import type { ExecContext } from './context.js';
import { columnVec, keyPlan, type KeyPlan } from './join-keys.js';
import { JoinSpares } from './join-spares.js';
import { planMorsels, type Morsels } from './morsels.js';
import { runTasks } from './scheduler.js';

type JoinOp = Extract<PhysicalPlan, { op: 'join' }>;

/** Which side is built and which probed, and how the probe emits. */
interface Sides {
  readonly build: Table;
  readonly probe: Table;
  readonly buildOn: readonly string[];
  readonly probeOn: readonly string[];
  readonly buildCasts: readonly KeyCast[];
  readonly probeCasts: readonly KeyCast[];
  readonly how: 'inner' | 'left' | 'semi' | 'anti';
}

/**
 * The side a join builds on: the right, except for a right join, which keeps the right side's
 * order and so probes it. (An inner join could build on its smaller side, but the documented
 * order is the left side's, and restoring it would cost a pass over the output.)
 *
 * @example
 * joinBuildSide('right'); // 'left'
 */
export function joinBuildSide(how: JoinOp['how']): 'left' | 'right' {
  return how === 'right' ? 'left' : 'right';
}

function sidesOf(left: Table, right: Table, p: JoinOp, plans: readonly KeyPlan[]): Sides {
  const how = p.how === 'right' || p.how === 'full' ? 'left' : p.how === 'cross' ? 'inner' : p.how;
  if (joinBuildSide(p.how) === 'left')
    return {
      build: left,
      probe: right,
      buildOn: p.leftOn,
      probeOn: p.rightOn,
      buildCasts: plans.map((k) => k.left),
      probeCasts: plans.map((k) => k.right),
      how,
    };
  return {
    build: right,
    probe: left,
    buildOn: p.rightOn,
    probeOn: p.leftOn,
    buildCasts: plans.map((k) => k.right),
    probeCasts: plans.map((k) => k.left),
    how,
  };
}

function nullCount(col: Column): number {
  let n = 0;
  for (const c of col.chunks) n += c.nullCount;
  return n;
}

/**
 * One key layout for both sides: small integer keys and dictionary codes pack as the group-by
 * packs them (so they may index a direct table), from bounds remembered per chunk (no pass over
 * the rows here); wider kinds take the generic layout.
 */
async function layoutOf(ctx: ExecContext, left: Table, right: Table, p: JoinOp, plans: readonly KeyPlan[]): Promise<KeyLayout> {
  const kinds = plans.map((k) => kindOf(k.dtype));
  const nullable = p.leftOn.map((l, i) => nullCount(left.getColumn(l)) > 0 || nullCount(right.getColumn(p.rightOn[i]!)) > 0);
  const lb = await columnBounds(ctx, left, p.leftOn);
  const rb = await columnBounds(ctx, right, p.rightOn);
  const bounds: KeyBounds[] = plans.map((k, i): KeyBounds => {
    if (kinds[i] === 'bool') return [0, 1];
    if (k.dictionary !== null) return [0, Math.max(0, k.dictionary.size - 1)];
    if (kinds[i] !== 'i32') return null;
    const a = lb.get(p.leftOn[i]!) ?? null;
    const b = rb.get(p.rightOn[i]!) ?? null;
    if (a === null) return b ?? [0, 0];
    if (b === null) return a;
    return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
  });
  return makeKeyLayout(kinds, nullable, bounds);
}

/**
 * A column as workers read it in place: its chunks and where each starts. Columns chunked alike
 * share one `starts` array (`seen`), so a probe task locates each build row once for all of them.
 */
function chunked(dtype: DataType, chunks: readonly ChunkData[], seen: Int32Array[]): ChunkedColumn {
  const starts = new Int32Array(chunks.length + 1);
  chunks.forEach((c, i) => {
    starts[i + 1] = starts[i]! + c.length;
  });
  const same = seen.find((s) => s.length === starts.length && s.every((v, i) => v === starts[i]));
  if (same === undefined) seen.push(starts);
  return { kind: kindOf(dtype), chunks, starts: same ?? starts };
}

/**
 * Morsels of one side over columns `read`: its `keys` key columns first, as keyed (their codes
 * are compared), then the output columns, as stored (they only move rows; see Column.stored).
 */
function sideMorsels(ctx: ExecContext, side: Table, read: readonly string[], keys: number): Morsels {
  const kinds = read.map((name) => kindOf(side.getColumn(name).dtype));
  return planMorsels(
    side,
    read,
    kinds,
    ctx.options.morselSize,
    read.map((_, i) => i >= keys),
  );
}

/**
 * A built table, the shared arrays under it that the join may hand to {@link JoinSpares} once it
 * is done, and the build side's output columns packed row by row (null when they are not).
 */
interface Built {
  readonly table: JoinTable | SlotJoinTable;
  readonly calling: readonly ArrayBufferView[];
  readonly groups: readonly (readonly ArrayBufferView[])[];
  readonly packed: PackedRows | null;
}

/** A build-side column the output gathers: its name and kind. */
interface Payload {
  readonly name: string;
  readonly kind: VecKind;
}

/**
 * The row layout of a large build side's output columns, or null to gather them column by
 * column: with two or more, a probe row's match then costs one cache miss instead of one per
 * column (the 1e7-row build of q5 gathers six columns at random rows: 2.1-2.3 s for 9e6 rows on
 * one thread column by column, 0.9-1.0 s packed, after 0.23 s of packing).
 */
function payloadLayout(build: Table, payload: readonly Payload[]): PackLayout | null {
  if (payload.length < 2 || payload.length > MAX_PACKED_COLUMNS) return null;
  const nullable = payload.some((c) => build.getColumn(c.name).nullCount > 0);
  return packLayout(
    payload.map((c) => c.kind),
    nullable,
  );
}

/** The last finished join's build segments; see JoinSpares. */
const spares = new JoinSpares();

/**
 * A slot table of a large build side (see `kernels/join/slots.ts`), or null when its keys do not
 * suit one or turn out to repeat. One task per thread owns a range of slots and reads every build
 * morsel, so each row is written by one thread and a repeated key is always found; the output
 * columns are packed into the table when they fit a packed row. The table fills a held segment
 * (`held`, see JoinSpares) where one fits.
 */
async function buildSlotTable(
  ctx: ExecContext,
  s: Sides,
  layout: KeyLayout,
  payload: readonly Payload[],
  held: SharedArrayBuffer[],
): Promise<Built | null> {
  const n = s.build.height;
  const slots = slotJoinSlots(layout, n);
  if (slots < 0) return null;
  const packs = payload.length <= MAX_PACKED_COLUMNS;
  const cols = packs ? payload : [];
  const nullable = cols.some((c) => s.build.getColumn(c.name).nullCount > 0);
  const rowLayout = packLayout(
    cols.map((c) => c.kind),
    nullable,
    true,
  );
  const words = slotTableWords(slots, rowLayout.width);
  // wide rows over many slots: past 2^30 words (4 GiB) the hash table's rows are the smaller
  if (words > SLOT_TABLE_MAX_WORDS) return null;
  // no zeroing here: each task zeroes its own range of rows
  const buf = takeFitting(held, 4 * words) ?? new SharedArrayBuffer(4 * words);
  const table: SlotJoinTable = { kind: 'slots', slots, packed: { data: new Int32Array(buf, 0, words), layout: rowLayout } };
  const morsels = sideMorsels(ctx, s.build, [...s.buildOn, ...cols.map((c) => c.name)], s.buildOn.length);
  const all = Array.from({ length: morsels.count }, (_, i) => morsels.get(i));
  const tasks = Math.max(1, ctx.threads);
  const filled = await runTasks<JoinSlotsResult>(ctx, tasks, (g) => ({
    type: 'joinSlots',
    morsels: all,
    casts: s.buildCasts,
    layout,
    table,
    from: Math.floor((g * slots) / tasks),
    to: Math.floor(((g + 1) * slots) / tasks),
  }));
  if (!filled.every((r) => r.unique)) return null;
  return { table, calling: [table.packed.data], groups: [], packed: packs ? table.packed : null };
}

/**
 * The build side's table in shared memory. A small build side (or one whose keys index a direct
 * table) is encoded and built here in one pass; a large one whose keys are dense, distinct
 * integers (or codes) becomes a slot table when `slotsAllowed` (not for a full join, whose
 * unmatched build rows are gathered by row); any other large one is encoded per morsel by tasks
 * that also count rows per partition, then built one group of partitions per task, each writing
 * its partitions' CSR into its own region of one shared pair of arrays. A large build fills the
 * segments the last join left (see JoinSpares) where their sizes fit.
 */
async function buildTable(
  ctx: ExecContext,
  s: Sides,
  layout: KeyLayout,
  payload: readonly Payload[],
  slotsAllowed: boolean,
): Promise<Built> {
  const n = s.build.height;
  const W = layout.width;
  const slots = directSlots(layout);
  if (n <= JOIN_PARTITION_ROWS || slots > 0) {
    const vecs = s.buildOn.map((name, k) => castKey(columnVec(s.build.getColumn(name)), s.buildCasts[k]!));
    const words = allocValues('i32', n * W, true) as Int32Array;
    encodeRows(vecs, layout, n, words);
    const table = buildJoinTable({ words, width: W, length: n, valid: keyValidity(vecs, n) }, { directSlots: slots, shared: true });
    return { table, calling: [], groups: [], packed: null };
  }
  const bits = JOIN_PARTITION_BITS;
  const P = 1 << bits;
  // the groups only spread the work: the table is the same however the partitions are grouped
  const groups = Math.max(1, Math.min(P, ctx.threads));
  const segs = spares.take(groups);
  if (slotsAllowed) {
    const slotted = await buildSlotTable(ctx, s, layout, payload, segs.calling);
    if (slotted !== null) return slotted;
  }
  // the output columns are packed by the same tasks that encode the keys, morsel by morsel
  const packing = payloadLayout(s.build, payload);
  const packed: PackedRows | null =
    packing === null ? null : { data: allocValues('i32', n * packing.width, true) as Int32Array, layout: packing };
  const [words, valid, hashes] = lendSegments(segs.calling, () => [
    allocValues('i32', n * W, true) as Int32Array,
    allocValues('bool', n, true) as Uint8Array,
    allocValues('i32', n, true) as Int32Array,
  ]);
  const morsels = sideMorsels(ctx, s.build, [...s.buildOn, ...(packed === null ? [] : payload.map((c) => c.name))], s.buildOn.length);
  const counted = await runTasks<JoinKeysResult>(ctx, morsels.count, (i) => ({
    type: 'joinKeys',
    morsel: morsels.get(i),
    casts: s.buildCasts,
    layout,
    words,
    valid,
    hashes,
    bits,
    pack: packed,
  }));
  const starts = new Int32Array(P + 1);
  let nulls = 0;
  for (const r of counted) {
    nulls += r.nulls;
    for (let p = 0; p < P; p++) starts[p + 1]! += r.counts[p]!;
  }
  for (let p = 0; p < P; p++) starts[p + 1]! += starts[p]!;
  const keys: JoinKeys = { words, width: W, length: n, valid: nulls > 0 ? valid : null };
  const used = new Set<unknown>([words.buffer, valid.buffer, hashes.buffer]);
  const flat = lendSegments(
    segs.calling.filter((b) => !used.has(b)),
    () => allocFlatCsr(starts, true),
  );
  const built = await runTasks<JoinBuildResult>(ctx, groups, (g) => ({
    type: 'joinBuild',
    keys,
    hashes,
    bits,
    starts,
    flat,
    from: Math.floor((g * P) / groups),
    to: Math.floor(((g + 1) * P) / groups),
    reuse: segs.groups[g]!,
  }));
  const parts: HashJoinTable[] = built.flat();
  return {
    table: assemblePartitioned(n, bits, parts, starts, flat),
    calling: [words, valid, hashes, flat.offsets, flat.rows],
    groups: built.map((ps) => ps.flatMap((t) => [t.slots, t.keyHashes, t.firstRow])),
    packed,
  };
}

/**
 * Where the last join that ran as tasks spent its time, in milliseconds: `sides` (wall clock of
 * running both inputs), `layout` (key types, casts and bounds), `build` (wall clock, keys encoded
 * and table built), `probe` and `gather` (summed over the probe tasks, so with two threads about
 * twice their wall time), `probeWall` (wall clock of the probe round), `tail` (a full join's
 * unmatched rows) and `assemble` (the output frame from the tasks' chunks), beside the kind of
 * table built (`table`). For benchmarks and tests;
 * nothing in the engine reads it.
 */
export interface JoinPhases {
  /** The kind of build table: `slots` (see kernels/join/slots.ts), `direct`, `hash` or `partitioned`. */
  table: JoinTable['kind'] | SlotJoinTable['kind'];
  sides: number;
  layout: number;
  build: number;
  probe: number;
  gather: number;
  probeWall: number;
  tail: number;
  assemble: number;
}

let phases: JoinPhases | null = null;

/**
 * The phases of the last join that ran as tasks in this process, or null before any.
 *
 * @example
 * await lf.collect(); lastJoinPhases()?.build; // ms
 */
export function lastJoinPhases(): JoinPhases | null {
  return phases;
}

/**
 * Joins two materialized tables as tasks (see the file comment); the rows and their order are
 * those of `joinTables`. `sidesMs` is how long the inputs took to run, for {@link lastJoinPhases}.
 *
 * @example
 * const t = await joinInParallel(ctx, left, right, physicalJoin);
 */
export async function joinInParallel(ctx: ExecContext, left: Table, right: Table, p: JoinOp, sidesMs = 0): Promise<Table> {
  const tl = performance.now();
  const plans = p.leftOn.map((l, i) => keyPlan(left.getColumn(l), right.getColumn(p.rightOn[i]!)));
  const s = sidesOf(left, right, p, plans);
  const layout = await layoutOf(ctx, left, right, p, plans);
  const probeSide = joinBuildSide(p.how) === 'left' ? 'right' : 'left';
  const columns = joinColumns(left.schema, right.schema, p);
  const payload: Payload[] = [];
  for (const c of columns) if (c.side !== 'coalesced' && c.side !== probeSide) payload.push({ name: c.source, kind: kindOf(c.dtype) });
  const t0 = performance.now();
  const built = await buildTable(ctx, s, layout, payload, p.how !== 'full');
  const table = built.table;
  const t1 = performance.now();
  // the probe morsels carry the keys first, then the probe-side columns the output needs
  const read = [...s.probeOn];
  const probeOut: JoinOutput[] = [];
  const tailOut: JoinOutput[] = [];
  const infos: ColumnInfo[] = [];
  const seen: Int32Array[] = [];
  for (const c of columns) {
    const kind: VecKind = kindOf(c.dtype);
    if (c.side === 'coalesced') {
      const k = c.key;
      probeOut.push({ from: 'probeKey', kind, key: k });
      const key = s.build.getColumn(s.buildOn[k]!);
      tailOut.push({ from: 'build', kind, column: chunked(key.dtype, key.chunks, seen), cast: s.buildCasts[k]! });
      infos.push({ name: c.name, dtype: c.dtype, dict: plans[k]!.dictionary, nullable: true });
      continue;
    }
    // output columns only move rows: they are read as stored, a plain Utf8 column left unkeyed
    const source = (c.side === 'left' ? left : right).getColumn(c.source).stored;
    infos.push({ name: c.name, dtype: c.dtype, dict: source.dictionary, nullable: true });
    if (c.side === probeSide) {
      read.push(c.source);
      const out: JoinOutput = { from: 'probe', kind, column: read.length - 1 };
      probeOut.push(out);
      tailOut.push(out);
    } else {
      const out: JoinOutput =
        built.packed !== null
          ? { from: 'packed', kind, index: payload.findIndex((b) => b.name === c.source) }
          : { from: 'build', kind, column: chunked(c.dtype, source.chunks, seen), cast: { kind: 'none' } };
      probeOut.push(out);
      tailOut.push(out);
    }
  }
  const morsels = sideMorsels(ctx, s.probe, read, s.probeOn.length);
  const matched = p.how === 'full' ? (allocValues('bool', s.build.height, true) as Uint8Array) : null;
  const probed = await runTasks<JoinProbeResult>(ctx, morsels.count, (i) => ({
    type: 'joinProbe',
    morsel: morsels.get(i),
    casts: s.probeCasts,
    layout,
    table,
    how: s.how,
    matched,
    output: probeOut,
    packed: built.packed,
  }));
  const t2 = performance.now();
  const next: JoinPhases = {
    table: table.kind,
    sides: sidesMs,
    layout: t0 - tl,
    build: t1 - t0,
    probe: 0,
    gather: 0,
    probeWall: t2 - t1,
    tail: 0,
    assemble: 0,
  };
  for (const r of probed) {
    next.probe += r.probeMs;
    next.gather += r.gatherMs;
  }
  const results: CollectResult[] = probed;
  if (matched !== null) {
    const rest = unmatchedBuildRows(matched);
    const tails = Math.ceil(rest.length / OUTPUT_CHUNK);
    const more = await runTasks<CollectResult>(ctx, tails, (i) => ({
      type: 'joinTail',
      // a slice, not a view: a view would post the whole array with every task
      rows: rest.slice(i * OUTPUT_CHUNK, Math.min(rest.length, (i + 1) * OUTPUT_CHUNK)),
      output: tailOut,
      packed: built.packed,
    }));
    results.push(...more);
    next.tail = performance.now() - t2;
  }
  // every task is done: nothing reads the build table any more
  spares.give(built.calling, built.groups);
  const t3 = performance.now();
  const out = frameFromResults(infos, results);
  next.assemble = performance.now() - t3;
  phases = next;
  return out;
}
