/** Compacting hash partials: many morsels' partial aggregates merged into one partial, so a long stream holds state per group, not per group and morsel. */
import { hashWords } from '../hash/hash.js';
import { aggKernel } from './index.js';
import { mergePartials } from './merge.js';
import { numberByBucket, type GroupPartial } from './partial.js';
import type { AggKernelSpec } from './state.js';

/**
 * One partial equal to `partials` merged in their order: the same groups (numbered bucket by
 * bucket, first appearance within each bucket, as buildPartial numbers them) with merged
 * states. Merging the result with later partials gives what merging every partial at once
 * gives, group for group: the states fold in the same order, with `partials` folded first.
 *
 * @example
 * let held = compactPartials(firstBatch, specs);
 * held = compactPartials([held, ...nextBatch], specs); // memory stays per group
 */
export function compactPartials(partials: readonly GroupPartial[], specs: readonly AggKernelSpec[], width: number): GroupPartial {
  const m = mergePartials(partials, specs, null, false, width);
  const n = m.groups;
  // output group g (first-appearance order) is merged state s; number groups bucket-major, stably
  const stateOf = (g: number): number => (m.order === null ? g : m.order[g]!);
  const hashOf = new Int32Array(n);
  for (let g = 0; g < n; g++) hashOf[g] = hashWords(m.words, stateOf(g) * width, width);
  const { rank, ...groups } = numberByBucket(n, width, hashOf, m.words, stateOf, (g) => m.firstRow[g]!);
  // where each merged state lands in the compacted partial
  const dst = new Int32Array(n);
  for (let g = 0; g < n; g++) dst[stateOf(g)] = rank[g]!;
  // gathered values (medians, quantiles) stay where the inputs held them: count them as before
  let weight = n;
  for (const p of partials) weight += p.weight - p.groups;
  const states = specs.map((spec, k) => {
    const kernel = aggKernel(spec);
    const s = kernel.init(spec, n);
    // folding into fresh states moves each merged state to its new number
    kernel.merge(spec, s, dst, m.states[k]!, 0, n);
    return s;
  });
  return { kind: 'hash', groups: n, width, ...groups, states, weight };
}
