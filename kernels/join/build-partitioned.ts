/** Builds a join table in hash partitions: rows split by the top bits of their key hash, each partition built on its own. */
import { allocValues } from '../alloc.js';
import { KernelInvariantError } from '../errors.js';
import { buildHashTable } from './build-hash.js';
import type { JoinKeys } from './keys.js';
import type { HashJoinTable, PartitionedJoinTable } from './table.js';

/** Most partition bits: the slot index uses low hash bits, so the top bits must stay few to keep the two independent. */
export const MAX_PARTITION_BITS = 8;

/**
 * The partition of a key hash: its top `bits` bits (slots use the low ones).
 *
 * @example
 * partitionOf(-1, 2); // 3
 */
export function partitionOf(hash: number, bits: number): number {
  return bits === 0 ? 0 : hash >>> (32 - bits);
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_PARTITION_BITS)
    throw new KernelInvariantError(`partition bits must be 0..${MAX_PARTITION_BITS}, got ${bits}`);
}

/**
 * Where each partition's rows start in the flat `rows` array: `2^bits + 1` prefix sums of the
 * partition sizes (null-key rows belong to none).
 *
 * @example
 * partitionStarts(keys, hashJoinKeys(keys), 2); // Int32Array(5) [0, ..., rows with a key]
 */
export function partitionStarts(keys: JoinKeys, hashes: Int32Array, bits: number): Int32Array {
  checkBits(bits);
  const P = 1 << bits;
  const valid = keys.valid;
  const start = new Int32Array(P + 1);
  for (let i = 0; i < keys.length; i++) if (valid === null || valid[i] !== 0) start[partitionOf(hashes[i]!, bits) + 1]!++;
  for (let p = 0; p < P; p++) start[p + 1]! += start[p]!;
  return start;
}

/**
 * The rows of partitions `from .. to - 1`, each ascending, in one scan of the hashes: what one
 * build task needs of the build side. `starts` (from {@link partitionStarts}) sizes them.
 *
 * @example
 * const [rows0] = partitionRows(keys, hashes, 4, starts, 0, 1);
 */
export function partitionRows(
  keys: JoinKeys,
  hashes: Int32Array,
  bits: number,
  starts: Int32Array,
  from: number,
  to: number,
): Int32Array[] {
  const out: Int32Array[] = [];
  for (let p = from; p < to; p++) out.push(new Int32Array(starts[p + 1]! - starts[p]!));
  const cursor = new Int32Array(to - from);
  const valid = keys.valid;
  for (let i = 0; i < keys.length; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const p = partitionOf(hashes[i]!, bits);
    if (p < from || p >= to) continue;
    out[p - from]![cursor[p - from]!++] = i;
  }
  return out;
}

/** The flat CSR arrays of a partitioned table, which every partition's build fills in its own region. */
export interface FlatCsr {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/**
 * The flat arrays for partitions laid out by `starts`: `rows` holds every keyed row, and
 * partition p owns offsets `[starts[p] + p, starts[p + 1] + p]`.
 *
 * @example
 * const flat = allocFlatCsr(starts, true); // shared: build tasks fill it in place
 */
export function allocFlatCsr(starts: Int32Array, shared: boolean): FlatCsr {
  const P = starts.length - 1;
  const total = starts[P]!;
  const alloc = (n: number): Int32Array => (shared ? (allocValues('i32', n, true) as Int32Array) : new Int32Array(n));
  return { offsets: alloc(total + P), rows: alloc(total) };
}

/**
 * Builds partition `p` over its rows `select` (ascending) and writes its CSR into its region of
 * `flat`. The returned table keeps only what a lookup reads (slots and key words), not its own CSR.
 *
 * @example
 * const part = buildPartitionInto(keys, hashes, rowsOfP, flat, starts, p, true);
 */
export function buildPartitionInto(
  keys: JoinKeys,
  hashes: Int32Array | null,
  select: Int32Array,
  flat: FlatCsr,
  starts: Int32Array,
  p: number,
  shared: boolean,
): HashJoinTable {
  const part = buildHashTable(keys, keys.width === 1 ? null : hashes, select, undefined, shared);
  const rowBase = starts[p]!;
  const keyBase = rowBase + p;
  const partRows = starts[p + 1]! - rowBase;
  for (let k = 0; k <= part.keyCount; k++) flat.offsets[keyBase + k] = rowBase + part.offsets[k]!;
  // ids past the partition's own keys: empty runs at its end
  flat.offsets.fill(rowBase + partRows, keyBase + part.keyCount + 1, keyBase + partRows + 1);
  flat.rows.set(part.rows, rowBase);
  return { ...part, offsets: EMPTY, rows: EMPTY };
}

const EMPTY = new Int32Array(0);

/**
 * The partitioned table from its built partitions and the flat arrays they filled.
 *
 * @example
 * const table = assemblePartitioned(keys.length, bits, parts, starts, flat);
 */
export function assemblePartitioned(
  buildRows: number,
  bits: number,
  parts: readonly HashJoinTable[],
  starts: Int32Array,
  flat: FlatCsr,
): PartitionedJoinTable {
  const P = 1 << bits;
  const keyBase = new Int32Array(P);
  for (let p = 0; p < P; p++) keyBase[p] = starts[p]! + p;
  return {
    kind: 'partitioned',
    buildRows,
    keyCount: flat.offsets.length - 1,
    offsets: flat.offsets,
    rows: flat.rows,
    unique: parts.every((t) => t.unique),
    keyIsRow: false,
    bits,
    parts,
    keyBase,
  };
}

/**
 * A join table in `2^bits` partitions, built here one partition after another (workers build
 * them at once through the same steps: `partitionStarts`, `partitionRows`, `buildPartitionInto`).
 * Each partition is a hash table over its own rows; a probe row goes to the partition of its
 * hash. The CSR arrays are laid end to end over the partitions, so a probe gives exactly the
 * pairs the unpartitioned table gives, in the same order.
 *
 * @example
 * const keys = { words: Int32Array.of(5, 7, 5), width: 1, length: 3, valid: null };
 * const t = buildPartitionedTable(keys, hashJoinKeys(keys), 2);
 * t.parts.length; // 4
 */
export function buildPartitionedTable(keys: JoinKeys, hashes: Int32Array, bits: number, shared = false): PartitionedJoinTable {
  const starts = partitionStarts(keys, hashes, bits);
  const P = 1 << bits;
  const flat = allocFlatCsr(starts, shared);
  const selects = partitionRows(keys, hashes, bits, starts, 0, P);
  const parts: HashJoinTable[] = [];
  for (let p = 0; p < P; p++) parts.push(buildPartitionInto(keys, hashes, selects[p]!, flat, starts, p, shared));
  return assemblePartitioned(keys.length, bits, parts, starts, flat);
}
