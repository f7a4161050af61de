/** Sorting kernels: a stable multi-key argsort of one morsel, and the merge of sorted morsels. */
import { KernelInvariantError } from './errors.js';
import type { Vec } from './vec.js';
import { radixOrder } from './sort/radix.js';
import { keyWords } from './sort/words.js';

export { mergeRuns, type MergedOrder, type SortedRun } from './sort/merge.js';
export { compareRows, splitRuns } from './sort/split.js';

/**
 * The stable order of rows by several keys (the first key most significant). Per key: `descending`
 * (default false) and `nullsLast` (default true). f64 keys sort like Polars: -0 equals 0, NaN is
 * above every number (so first when descending) and below nulls when nulls are last. Strings must
 * arrive as ranks. A stable radix sort per key, from the last key to the first, keeps earlier
 * keys' ties in the later keys' order.
 *
 * @example
 * argsort([{ kind: 'i32', length: 3, values: Int32Array.of(3, 1, 2), valid: null }], [false], [true]);
 * // Int32Array [1, 2, 0]
 */
export function argsort(keys: readonly Vec[], descending: readonly boolean[], nullsLast: readonly boolean[]): Int32Array {
  const first = keys[0];
  if (first === undefined) throw new KernelInvariantError('argsort needs at least one key');
  const n = first.length;
  let perm: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k]!;
    if (key.length !== n) throw new KernelInvariantError(`argsort: key ${k} has ${key.length} rows, key 0 has ${n}`);
    perm = sortByKey(perm, key, descending[k] ?? false, nullsLast[k] ?? true);
  }
  return perm;
}

/** Stably reorder `perm` by one key: radix by value, then a stable partition of the null rows. */
function sortByKey(perm: Int32Array, key: Vec, descending: boolean, nullsLast: boolean): Int32Array {
  const n = perm.length;
  if (n < 2) return perm;
  const order = radixOrder(keyWords(key, perm, descending), n);
  const sorted = new Int32Array(n);
  for (let p = 0; p < n; p++) sorted[p] = perm[order[p]!]!;
  const valid = key.valid;
  if (valid === null) return sorted;
  let nulls = 0;
  for (let p = 0; p < n; p++) nulls += valid[p]! ^ 1;
  if (nulls === 0) return sorted;
  const out = new Int32Array(n);
  let v = nullsLast ? 0 : nulls;
  let z = nullsLast ? n - nulls : 0;
  for (let p = 0; p < n; p++) {
    const j = sorted[p]!;
    if (valid[j] === 0) out[z++] = j;
    else out[v++] = j;
  }
  return out;
}
