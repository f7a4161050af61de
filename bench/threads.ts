/** Which thread counts a benchmark tries, and which one stands for "all cores" when comparing with one thread. */

import { availableParallelism } from 'node:os';

/**
 * Powers of two below the core count, the core count itself, then twice the core count to
 * show what oversubscription costs.
 *
 * @example
 * defaultThreadCounts(2);  // [1, 2, 4]
 * defaultThreadCounts(6);  // [1, 2, 4, 6, 12]
 * defaultThreadCounts(16); // [1, 2, 4, 8, 16, 32]
 */
export function defaultThreadCounts(cores: number = availableParallelism()): number[] {
  const counts: number[] = [];
  for (let t = 1; t < cores; t *= 2) counts.push(t);
  counts.push(cores, cores * 2);
  return counts;
}

/**
 * N, the thread count the suites and peers compare with one thread: the largest listed count
 * that the machine's cores can run without sharing, or the smallest count when all oversubscribe.
 *
 * @example
 * parallelThreads([1, 2, 4], 2); // 2
 * parallelThreads([8, 16], 2);   // 8
 */
export function parallelThreads(threads: readonly number[], cores: number = availableParallelism()): number {
  const fitting = threads.filter((t) => t <= cores);
  return fitting.length > 0 ? Math.max(...fitting) : Math.min(...threads);
}
