/** Reading a column's rows one after the other, straight from its chunks as stored. */
import type { ChunkData } from './chunk.js';

/**
 * A function that gives `read(chunk, j)` for each next row of `chunks`, in order (empty chunks
 * skipped); the writers call it once per row.
 *
 * @example
 * const next = rowCursor(col.stored.chunks, (c, j) => String(c.values[j]));
 * next(); next(); // the first two rows' text
 */
export function rowCursor<T>(chunks: readonly ChunkData[], read: (chunk: ChunkData, j: number) => T): () => T {
  let c = 0;
  let j = 0;
  return () => {
    while (j >= chunks[c]!.length) {
      c++;
      j = 0;
    }
    return read(chunks[c]!, j++);
  };
}
