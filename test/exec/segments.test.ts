/** Segments of consumed streamed batches: handed back once each, taken by one task. */
import { describe, expect, it } from 'vitest';
import { SegmentReturns } from '../../src/exec/segments.js';
import { Table } from '../../src/table/table.js';

describe('SegmentReturns', () => {
  it('hands back each shared buffer under a frame once, and takes them all at once', () => {
    const df = Table.fromColumns({ a: [1, 2, null], b: [1.5, 2.5, 3.5] });
    const returns = new SegmentReturns();
    returns.give(df);
    returns.give(df);
    const taken = returns.take();
    const expected = new Set<ArrayBufferLike>();
    for (const c of df.getColumns())
      for (const ch of c.chunks) {
        expected.add(ch.values.buffer);
        if (ch.validity !== null) expected.add(ch.validity.buffer);
      }
    expect(new Set(taken)).toEqual(expected);
    expect(taken).toHaveLength(expected.size);
    expect(taken.every((b) => b instanceof SharedArrayBuffer)).toBe(true);
    expect(returns.take()).toEqual([]);
  });
});
