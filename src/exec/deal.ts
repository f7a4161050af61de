/** Dealing weighted items to tasks: heaviest first, each to the least loaded task. */

/**
 * `items` dealt to at most `tasks` lists, heaviest first (ties in the items' order), each to the
 * least loaded list so far; empty lists are left out. A function of the items and `tasks` only,
 * so a deal is the same on every run.
 *
 * @example
 * dealByWeight([5, 1, 4], (w) => w, 2); // [[5], [4, 1]]
 */
export function dealByWeight<T>(items: readonly T[], weight: (item: T) => number, tasks: number): T[][] {
  const n = Math.max(1, Math.min(tasks, items.length));
  const load = new Float64Array(n);
  const lists: T[][] = Array.from({ length: n }, () => []);
  const weights = items.map(weight);
  const order = items.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  for (const i of order) {
    let t = 0;
    for (let k = 1; k < n; k++) if (load[k]! < load[t]!) t = k;
    lists[t]!.push(items[i]!);
    load[t]! += weights[i]!;
  }
  return lists.filter((l) => l.length > 0);
}
