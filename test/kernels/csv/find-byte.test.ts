import { describe, expect, it } from 'vitest';
import { countByte } from '../../../kernels/csv/find-byte.js';

/** The plain loop countByte must agree with. */
function naive(bytes: Uint8Array, start: number, end: number, value: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (bytes[i] === value) n++;
  return n;
}

describe('countByte', () => {
  it('counts within [start, end) only, on a subarray of shared memory', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(4096), 100, 3000);
    for (let i = 0; i < shared.length; i++) shared[i] = (i * 7919) % 61 === 0 ? 0x22 : 0x61;
    shared[0] = 0x22;
    shared[2999] = 0x22;
    for (const [s, e] of [
      [0, 3000],
      [1, 2999],
      [0, 1],
      [2999, 3000],
      [500, 500],
      [17, 2048],
    ] as const) {
      expect(countByte(shared, s, e, 0x22)).toBe(naive(shared, s, e, 0x22));
    }
  });

  it('counts a byte that fills the range, and one that is absent', () => {
    const b = new Uint8Array(1 << 16).fill(10);
    expect(countByte(b, 0, b.length, 10)).toBe(1 << 16);
    expect(countByte(b, 5, 9, 10)).toBe(4);
    expect(countByte(b, 0, b.length, 0x22)).toBe(0);
  });
});
