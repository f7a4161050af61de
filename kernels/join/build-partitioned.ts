/** Builds a join table in hash partitions: rows split by the top bits of their key hash, each partition built on its own. */
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

/**
 * A join table in `2^bits` partitions. Each partition is a hash table over its own rows (which
 * could be built on separate threads); a probe row goes to the partition of its hash. Key ids
 * and the CSR arrays are laid end to end over the partitions, so a probe gives exactly the
 * pairs the unpartitioned table gives, in the same order.
 *
 * @example
 * const keys = { words: Int32Array.of(5, 7, 5), width: 1, length: 3, valid: null };
 * const t = buildPartitionedTable(keys, hashJoinKeys(keys), 2);
 * t.parts.length; // 4
 */
export function buildPartitionedTable(keys: JoinKeys, hashes: Int32Array, bits: number): PartitionedJoinTable {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_PARTITION_BITS)
    throw new KernelInvariantError(`partition bits must be 0..${MAX_PARTITION_BITS}, got ${bits}`);
  const P = 1 << bits;
  const n = keys.length;
  const valid = keys.valid;
  // counting pass: partition sizes, then each partition's rows in ascending order
  const start = new Int32Array(P + 1);
  for (let i = 0; i < n; i++) if (valid === null || valid[i] !== 0) start[partitionOf(hashes[i]!, bits) + 1]!++;
  for (let p = 0; p < P; p++) start[p + 1]! += start[p]!;
  const cursor = start.slice(0, P);
  const select = new Int32Array(start[P]!);
  for (let i = 0; i < n; i++) if (valid === null || valid[i] !== 0) select[cursor[partitionOf(hashes[i]!, bits)]!++] = i;
  const parts: HashJoinTable[] = [];
  for (let p = 0; p < P; p++) parts.push(buildHashTable(keys, hashes, select.subarray(start[p]!, start[p + 1]!)));
  const keyBase = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) keyBase[p + 1] = keyBase[p]! + parts[p]!.keyCount;
  const keyCount = keyBase[P]!;
  const offsets = new Int32Array(keyCount + 1);
  const rows = new Int32Array(start[P]!);
  for (let p = 0; p < P; p++) {
    const part = parts[p]!;
    const base = keyBase[p]!;
    const rowBase = start[p]!;
    for (let k = 1; k <= part.keyCount; k++) offsets[base + k] = rowBase + part.offsets[k]!;
    rows.set(part.rows, rowBase);
  }
  return { kind: 'partitioned', buildRows: n, keyCount, offsets, rows, bits, parts, keyBase: keyBase.subarray(0, P) };
}
