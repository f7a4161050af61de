/** Text writers' pieces: each task carries only the chunks that hold its rows. */
import { chunksFor } from '../../kernels/byte-out.js';
import type { ChunkDesc } from '../../kernels/vec.js';

/**
 * A function giving `columns` cut to rows [start, end): each column with only the chunks that
 * hold them and the row where the first starts. A task message then carries a chunk or two per
 * column, not all of them (a 1e7-row frame has about 150 per column, cloned into every message).
 *
 * @example
 * const cut = pieceCutter(columns);
 * const task = { type: 'csvFormat', spec, columns: cut(65_536, 131_072), start: 65_536, end: 131_072 };
 */
export function pieceCutter<T extends { readonly chunks: readonly ChunkDesc[]; readonly first: number }>(
  columns: readonly T[],
): (start: number, end: number) => T[] {
  const starts = columns.map((c) => {
    const out: number[] = [];
    let at = 0;
    for (const chunk of c.chunks) {
      out.push(at);
      at += chunk.length;
    }
    return out;
  });
  return (start, end) => columns.map((c, k) => ({ ...c, ...chunksFor(c.chunks, starts[k]!, start, end) }));
}
