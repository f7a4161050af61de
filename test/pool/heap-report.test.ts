/** What a task result's shared memory counts as, for the report to the calling thread's heap. */
import { describe, expect, it } from 'vitest';
import { sharedBytesOf } from '../../src/pool/heap-report.js';

const shared = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));

describe('sharedBytesOf', () => {
  it('sums the typed arrays over shared memory in objects and arrays', () => {
    const result = {
      rows: 3,
      columns: [
        { values: shared(3), validity: new Uint8Array(new SharedArrayBuffer(1)) },
        { values: new Float64Array(new SharedArrayBuffer(24)), validity: null },
      ],
      partial: { sums: shared(10), counts: new Int32Array(10) },
    };
    expect(sharedBytesOf(result)).toBe(12 + 1 + 24 + 40);
  });

  it('counts a view by its own bytes, not its whole buffer', () => {
    expect(sharedBytesOf([shared(100).subarray(10, 20)])).toBe(40);
  });

  it('counts nothing for plain values, memory of its own, and long lists of strings', () => {
    expect(sharedBytesOf(null)).toBe(0);
    expect(sharedBytesOf(42)).toBe(0);
    expect(sharedBytesOf({ values: new Int32Array(8) })).toBe(0);
    expect(sharedBytesOf({ dictionary: Array.from({ length: 10_000 }, (_, i) => `v${i}`) })).toBe(0);
  });
});
