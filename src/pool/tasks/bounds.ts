/** Bounds tasks: min and max of Int32 chunks, so integer group keys can pack into bits. */
import { chunkBounds } from '../../../kernels/hash/bounds.js';
import type { BoundsTask } from '../protocol.js';

/**
 * @example
 * runBounds({ type: 'bounds', chunks: [chunk] }); // [[1, 100]]
 */
export function runBounds(t: BoundsTask): ([number, number] | null)[] {
  return t.chunks.map((c) => chunkBounds(c.values as Int32Array, c.nullCount > 0 ? c.validity : null, c.length));
}
