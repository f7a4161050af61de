/**
 * The messages between the scheduler and the task runner (in a worker or on the main thread):
 * plain descriptors whose typed arrays sit in SharedArrayBuffer, so posting one shares memory
 * instead of copying it. Never Arrow objects or class instances (they do not survive postMessage).
 */
import type { PhysExpr } from '../../kernels/ir.js';
import type { ChunkDesc, Vec, VecKind } from '../../kernels/vec.js';
import type { KeyLayout } from '../../kernels/hash/keys.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import type { GroupPartial } from '../../kernels/aggregate/partial.js';
import type { DensePartial } from '../../kernels/aggregate/dense.js';
import type { CsvQuotesTask, CsvRangeTask as CsvRangeParams } from '../../kernels/csv/file-range.js';
import type { KeyCast } from '../../kernels/join/cast.js';
import type { ChunkedColumn } from '../../kernels/join/gather.js';
import type { FlatCsr } from '../../kernels/join/build-partitioned.js';
import type { HashJoinTable, JoinTable } from '../../kernels/join/table.js';
import type { SlotJoinTable } from '../../kernels/join/slots.js';
import type { JoinKeys } from '../../kernels/join/keys.js';
import type { PackedRows } from '../../kernels/join/pack.js';
import type { CsvFormatTask } from '../../kernels/csv/format.js';
import type { JsonFormatTask } from '../../kernels/json/format.js';

/**
 * A CSV range to parse. `reuse` lists shared segments of batches their consumer is done with: the
 * range's output chunks fill those that fit before any fresh shared memory is mapped, which is
 * what keeps a streaming scan's memory bounded without forcing collections.
 */
export type CsvRangeTask = CsvRangeParams & { readonly reuse?: readonly SharedArrayBuffer[] };

export type { CsvQuotesTask, CsvFormatTask, JsonFormatTask };

/** One task's partial aggregate: hashed groups, or states indexed by dense key slot. */
export type AggPartial = GroupPartial | DensePartial;

/** Rows [start, end) of one stored chunk. */
export interface PieceDesc {
  readonly chunk: ChunkDesc;
  readonly start: number;
  readonly end: number;
}

/** One column of a morsel: usually one piece; several when the morsel spans stored chunks. */
export interface MorselColumn {
  readonly kind: VecKind;
  readonly pieces: readonly PieceDesc[];
}

/** One morsel: `rows` rows starting at global row `rowBase` of the pipeline's source. */
export interface MorselDesc {
  readonly index: number;
  readonly rows: number;
  readonly rowBase: number;
  readonly columns: readonly MorselColumn[];
}

/**
 * One step of a fused pipeline. `live` lists the columns still read after a filter, so only those
 * are gathered. `keep` keeps the rows whose byte in `mask` (indexed by global source row) is 1.
 */
export type StepSpec =
  | { readonly op: 'filter'; readonly predicate: PhysExpr; readonly live: readonly boolean[] }
  | { readonly op: 'project'; readonly exprs: readonly PhysExpr[] }
  | { readonly op: 'keep'; readonly mask: Uint8Array };

/** One aggregation of a partial aggregate: the kernel spec and its input expressions. */
export interface AggInputSpec {
  readonly spec: AggKernelSpec;
  readonly a: PhysExpr | null;
  readonly b: PhysExpr | null;
}

/** What a pipeline does with its rows. */
export type SinkSpec =
  /** Materialize the rows (at most `limit` of them). */
  | { readonly kind: 'collect'; readonly limit: number | null }
  /**
   * Group and fold into a partial aggregate: by hash (one morsel per task), or `dense` (states
   * indexed by the packed key, which must fit one word of at most 20 bits; a task may cover
   * several morsels).
   */
  | {
      readonly kind: 'partialAgg';
      readonly keys: readonly PhysExpr[];
      readonly layout: KeyLayout;
      readonly aggs: readonly AggInputSpec[];
      readonly dense: boolean;
    }
  /** Sort the morsel's rows (keeping the first `topK`), returning the order, the keys and the rows. */
  | {
      readonly kind: 'sortRun';
      readonly keys: readonly PhysExpr[];
      readonly descending: readonly boolean[];
      readonly nullsLast: readonly boolean[];
      readonly topK: number | null;
    };

/** A pipeline over consecutive morsels (exactly one unless the sink is a dense aggregate). */
export interface PipelineTask {
  readonly type: 'pipeline';
  readonly steps: readonly StepSpec[];
  readonly sink: SinkSpec;
  readonly morsels: readonly MorselDesc[];
}

/**
 * Several pipeline tasks run one after another in one worker; replies with their results in
 * order. The main thread hands each worker an equal run of dense tasks this way: one message
 * each way instead of one per task, and no worker left idle while another works through tasks
 * queued to it.
 */
export interface PipelineBatchTask {
  readonly type: 'pipelineBatch';
  readonly tasks: readonly PipelineTask[];
  /**
   * Dense partials merged by the fixed tree over `count` tasks (see kernels/aggregate/dense-tree),
   * these tasks being `from`, `from + 1`, ...: the reply holds one partial per largest subtree
   * inside the batch (`treeNodes`) instead of one per task. Absent: one result per task.
   */
  readonly tree?: { readonly from: number; readonly count: number };
}

/** Materialized rows of one morsel. */
export interface CollectResult {
  readonly rows: number;
  readonly columns: readonly ChunkDesc[];
  /** Per column, the distinct input combinations of a Utf8 made per row (codes index them), unified in morsel order by the caller; absent when none. */
  readonly made?: readonly (readonly Vec[] | null)[];
}

/** A sorted run: `order` (a prefix when top-k) over `rows` materialized rows with their sort keys. */
export interface SortRunResult {
  readonly rows: number;
  readonly order: Int32Array;
  readonly keys: readonly Vec[];
  readonly columns: readonly ChunkDesc[];
}

/** What the merge of one group of buckets ends with. */
export type FinishSpec =
  /** Finalize, then evaluate `post` over [keys..., aggregation results...] into the output columns. */
  | { readonly kind: 'columns'; readonly layout: KeyLayout; readonly post: readonly PhysExpr[] }
  /** Mark the rows selected by aggregation `agg` (headRows/topN), or each group's first row when `agg` is -1. */
  | { readonly kind: 'mark'; readonly mask: Uint8Array; readonly agg: number };

/** A disjoint share of the groups: one hash bucket of hash partials, or a slot range of dense ones. */
export type MergePart =
  | { readonly kind: 'bucket'; readonly bucket: number }
  | { readonly kind: 'range'; readonly s0: number; readonly s1: number };

/** Merge the partials (in morsel order) of each listed part, then finish each. */
export interface MergeTask {
  readonly type: 'merge';
  readonly partials: readonly AggPartial[];
  readonly specs: readonly AggKernelSpec[];
  /** Words per group key. */
  readonly width: number;
  readonly parts: readonly MergePart[];
  readonly finish: FinishSpec;
}

/** The groups of one merged part: first rows (ascending) and their output columns. */
export interface BucketResult {
  readonly groups: number;
  readonly firstRow: Int32Array;
  readonly columns: readonly Vec[];
}

/**
 * Output rows: the groups of each part p in `[lo[p], hi[p])`, interleaved by first row. Their
 * first rows all lie in input rows [rowStart, rowEnd).
 */
export interface GatherTask {
  readonly type: 'gather';
  readonly parts: readonly BucketResult[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly rowStart: number;
  readonly rowEnd: number;
}

/** Merge sorted runs over the given per-run ranges of their orders, then gather the rows. */
export interface SortMergeTask {
  readonly type: 'sortMerge';
  readonly runs: readonly SortRunResult[];
  readonly descending: readonly boolean[];
  readonly nullsLast: readonly boolean[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly kinds: readonly VecKind[];
  /** Stop after this many rows (a top-k merge); null for all. */
  readonly limit: number | null;
}

/** Cut sorted runs into `slices` parts of about equal size at common splitters (for a parallel merge). */
export interface SortSplitTask {
  readonly type: 'sortSplit';
  readonly runs: readonly SortRunResult[];
  readonly descending: readonly boolean[];
  readonly nullsLast: readonly boolean[];
  readonly slices: number;
}

/** Per slice s: the order range [lo[s][r], hi[s][r]) of each run r. */
export interface SortSplitResult {
  readonly lo: readonly (readonly number[])[];
  readonly hi: readonly (readonly number[])[];
}

/** Min and max of the valid values of Int32 chunks (null for a chunk without any). */
export interface BoundsTask {
  readonly type: 'bounds';
  readonly chunks: readonly ChunkDesc[];
}

/** Merge hash partials (in order) into one partial: a streaming aggregation's state, held per group. Replies with a GroupPartial. */
export interface CompactTask {
  readonly type: 'compact';
  readonly partials: readonly GroupPartial[];
  readonly specs: readonly AggKernelSpec[];
  readonly width: number;
}

/**
 * Encode one morsel of a join's build side: its key columns (the morsel's columns, in key order)
 * cast, packed into `words` at the morsel's rows, their validity into `valid` and their hashes
 * into `hashes` (all shared, one array for the whole side, each task writing its own rows).
 * Replies with a {@link JoinKeysResult}.
 */
export interface JoinKeysTask {
  readonly type: 'joinKeys';
  readonly morsel: MorselDesc;
  readonly casts: readonly KeyCast[];
  readonly layout: KeyLayout;
  readonly words: Int32Array;
  readonly valid: Uint8Array;
  readonly hashes: Int32Array;
  /** Partition bits: the reply counts the morsel's keyed rows per partition. */
  readonly bits: number;
  /** The build side's output columns to pack at the morsel's rows: the morsel's columns after its keys. */
  readonly pack: PackedRows | null;
}

/** A build morsel's keyed rows per partition, and its rows with a null key. */
export interface JoinKeysResult {
  readonly counts: Int32Array;
  readonly nulls: number;
}

/** Build partitions [from, to) of a partitioned join table into their regions of `flat`; replies with their hash tables. */
export interface JoinBuildTask {
  readonly type: 'joinBuild';
  readonly keys: JoinKeys;
  readonly hashes: Int32Array;
  readonly bits: number;
  readonly starts: Int32Array;
  readonly flat: FlatCsr;
  readonly from: number;
  readonly to: number;
  /** Shared segments of an earlier join's build that this task's partitions may fill (see `lendSegments`). */
  readonly reuse?: readonly SharedArrayBuffer[];
}

/**
 * Fill slots [from, to) of a slot table from every build morsel (each morsel's key columns first,
 * then the table's packed columns): the task zeroes its rows (the last task also the empty row
 * past them), then writes each build row whose key falls in its range. Replies with a
 * {@link JoinSlotsResult}.
 */
export interface JoinSlotsTask {
  readonly type: 'joinSlots';
  readonly morsels: readonly MorselDesc[];
  readonly casts: readonly KeyCast[];
  readonly layout: KeyLayout;
  readonly table: SlotJoinTable;
  readonly from: number;
  readonly to: number;
}

/** Whether no two build rows in this task's range of slots had the same key (else the table is not valid). */
export interface JoinSlotsResult {
  readonly unique: boolean;
}

/** Where one output column of a join comes from. */
export type JoinOutput =
  /** Column `column` of the probe morsel (null in a full join's unmatched build rows). */
  | { readonly from: 'probe'; readonly kind: VecKind; readonly column: number }
  /** Probe key `key`, cast to the type the keys compare as (a full join's coalesced key). */
  | { readonly from: 'probeKey'; readonly kind: VecKind; readonly key: number }
  /** A build-side column, read in place from its chunks, then cast (a coalesced key from the build side). */
  | { readonly from: 'build'; readonly kind: VecKind; readonly column: ChunkedColumn; readonly cast: KeyCast }
  /** Packed build-side column `index` (see the task's `packed`). */
  | { readonly from: 'packed'; readonly kind: VecKind; readonly index: number };

/**
 * Probe one morsel of the probe side against the built table and gather its output rows. The
 * morsel's first `casts.length` columns are its keys; `output` says what each output column is.
 * `matched` (a full join) is one shared byte per build row, set to 1 for each emitted build row:
 * every write is the value 1, so the bytes end the same whichever worker wrote them.
 * Replies with a {@link JoinProbeResult} (inner and left joins emit pairs; semi and anti the
 * probe rows their mask keeps).
 */
export interface JoinProbeTask {
  readonly type: 'joinProbe';
  readonly morsel: MorselDesc;
  readonly casts: readonly KeyCast[];
  readonly layout: KeyLayout;
  readonly table: JoinTable | SlotJoinTable;
  readonly how: 'inner' | 'left' | 'semi' | 'anti';
  readonly matched: Uint8Array | null;
  readonly output: readonly JoinOutput[];
  /** The build side's output columns packed row by row, which `packed` outputs read; null when none is. */
  readonly packed: PackedRows | null;
}

/** A probe morsel's output, and the milliseconds its task spent probing and gathering (the phases a benchmark reports). */
export interface JoinProbeResult extends CollectResult {
  readonly probeMs: number;
  readonly gatherMs: number;
}

/** A full join's build rows that nothing matched (`rows`, ascending), gathered with every probe column null. */
export interface JoinTailTask {
  readonly type: 'joinTail';
  readonly rows: Int32Array;
  readonly output: readonly JoinOutput[];
  readonly packed: PackedRows | null;
}

/** The hash tables of the partitions a {@link JoinBuildTask} built. */
export type JoinBuildResult = HashJoinTable[];

export type Task =
  | JoinKeysTask
  | JoinBuildTask
  | JoinSlotsTask
  | JoinProbeTask
  | JoinTailTask
  | PipelineTask
  | PipelineBatchTask
  | MergeTask
  | GatherTask
  | SortMergeTask
  | SortSplitTask
  | BoundsTask
  | CsvQuotesTask
  | CsvRangeTask
  | CsvFormatTask
  | JsonFormatTask
  | CompactTask;

/**
 * A worker error in structured-clone-safe form, rebuilt on the main thread with its cause chain.
 * `fields` holds the error's own data properties (a `VolleyError`'s `code` and details, a system
 * error's `code` and `path`), each cloned or, where it cannot be, turned into a string.
 */
export interface ErrorDesc {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly cause?: ErrorDesc | { readonly value: unknown };
}

/** What the runner sends back: the result, or the error it threw. */
export type TaskReply<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorDesc };
