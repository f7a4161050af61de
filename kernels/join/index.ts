/** Equi hash join kernels: key words, table builds (hash, direct index, partitioned) and the probe. */
export { buildJoinTable, type BuildOptions } from './build.js';
export { buildDirectTable, directSlots } from './build-direct.js';
export { buildHashTable } from './build-hash.js';
export {
  allocFlatCsr,
  assemblePartitioned,
  buildPartitionedTable,
  buildPartitionInto,
  partitionOf,
  partitionRows,
  partitionStarts,
  MAX_PARTITION_BITS,
  type FlatCsr,
} from './build-partitioned.js';
export { hashJoinKeys, joinKeys, keyValidity, type JoinKeys } from './keys.js';
export { lookupKeys } from './lookup.js';
export { probeJoin, probeMask, unmatchedBuildRows, type JoinPairs, type PairJoin, type ProbeOptions } from './probe.js';
export {
  groupByKey,
  keyRowCount,
  slotOfWord,
  type DirectJoinTable,
  type HashJoinTable,
  type JoinTable,
  type PartitionedJoinTable,
} from './table.js';
