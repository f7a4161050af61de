/** Known value ranges of Int32/Date columns, computed once per chunk on the pool and remembered. */
import type { KeyBounds } from '../../kernels/hash/keys.js';
import type { ChunkDesc } from '../../kernels/vec.js';
import { kindOf } from '../physical/kinds.js';
import type { ChunkData } from '../table/chunk.js';
import type { Table } from '../table/table.js';
import type { RunContext } from './scheduler.js';
import { runTasks } from './scheduler.js';
import { BOUNDS_CHUNKS_PER_TASK as CHUNKS_PER_TASK } from '../../kernels/tuning.js';

type Bounds = readonly [number, number] | null;

/** Chunks are immutable, so their bounds can be remembered for as long as they live. */
const cache = new WeakMap<ChunkData, Bounds>();

/**
 * The [min, max] of each named Int32/Date column of `frame` (others are skipped; a column
 * without valid values has no bounds). Group keys with known bounds pack into bit fields, which
 * turns most group-bys on integer keys into direct indexing.
 *
 * @example
 * const b = await columnBounds(ctx, df, ['id4', 'id6']); // Map { 'id4' => [1, 100], 'id6' => [1, 100000] }
 */
export async function columnBounds(ctx: RunContext, frame: Table, names: readonly string[]): Promise<Map<string, KeyBounds>> {
  const cols = names.filter(
    (n) => frame.schema.has(n) && kindOf(frame.getColumn(n).dtype) === 'i32' && frame.getColumn(n).dtype !== 'Utf8',
  );
  const missing: ChunkData[] = [];
  for (const n of cols) for (const c of frame.getColumn(n).chunks) if (!cache.has(c) && c.length > 0) missing.push(c);
  if (missing.length > 0) {
    const tasks = Math.ceil(missing.length / CHUNKS_PER_TASK);
    const slice = (i: number): ChunkData[] => missing.slice(i * CHUNKS_PER_TASK, (i + 1) * CHUNKS_PER_TASK);
    const results = await runTasks<Bounds[]>(ctx, tasks, (i) => ({ type: 'bounds', chunks: slice(i) as ChunkDesc[] }));
    results.forEach((r, i) => slice(i).forEach((c, j) => cache.set(c, r[j] ?? null)));
  }
  const out = new Map<string, KeyBounds>();
  for (const n of cols) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of frame.getColumn(n).chunks) {
      const b = cache.get(c);
      if (b === undefined || b === null) continue;
      if (b[0] < lo) lo = b[0];
      if (b[1] > hi) hi = b[1];
    }
    out.set(n, lo <= hi ? [lo, hi] : null);
  }
  return out;
}
