/** The one allocation helper: plain or shared memory, and lent segments filled instead of fresh shared memory. */
import { describe, expect, it } from 'vitest';
import { allocBytes, allocValues, lendSegments } from '../../kernels/alloc.js';

describe('allocValues', () => {
  it('gives zeroed arrays of each kind, plain unless shared is asked for', () => {
    const f = allocValues('f64', 3);
    expect(f).toBeInstanceOf(Float64Array);
    expect([...f]).toEqual([0, 0, 0]);
    expect(f.buffer).toBeInstanceOf(ArrayBuffer);
    const i = allocValues('i64', 2, true);
    expect(i).toBeInstanceOf(BigInt64Array);
    expect(i.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(allocValues('bool', 5, true)).toHaveLength(5);
    expect(allocBytes(7)).toHaveLength(7);
  });
});

describe('lendSegments', () => {
  it('fills a lent segment that fits, zeroed, and maps fresh memory once it is spent', () => {
    const seg = new SharedArrayBuffer(8200 * 4);
    new Int32Array(seg).fill(-1);
    const [a, b] = lendSegments([seg], () => [allocValues('i32', 8192, true), allocValues('i32', 8192, true)]);
    expect(a!.buffer).toBe(seg);
    expect(a).toHaveLength(8192);
    expect(a!.every((x) => x === 0)).toBe(true);
    expect(b!.buffer).not.toBe(seg);
  });

  it('takes the best fit, leaves segments far too large alone, and lends nothing past the call', () => {
    const big = new SharedArrayBuffer(64 * 1024);
    const near = new SharedArrayBuffer(4200 * 8);
    const exact = new SharedArrayBuffer(4096 * 8);
    const got = lendSegments([big, near, exact], () => allocValues('f64', 4096, true));
    expect(got.buffer).toBe(exact);
    expect(lendSegments([big], () => allocValues('f64', 4096, true)).buffer).not.toBe(big);
    // plain allocations never take a segment
    expect(lendSegments([exact], () => allocValues('f64', 4096)).buffer).toBeInstanceOf(ArrayBuffer);
    // after the call the segment is no longer lent
    lendSegments([exact], () => undefined);
    expect(allocValues('f64', 4096, true).buffer).not.toBe(exact);
  });

  it('zeroes only the reused part and keeps BigInt64 arrays intact', () => {
    const seg = new SharedArrayBuffer(600 * 8);
    new BigInt64Array(seg).fill(7n);
    const v = lendSegments([seg], () => allocValues('i64', 550, true)) as BigInt64Array;
    expect(v.buffer).toBe(seg);
    expect(v.every((x) => x === 0n)).toBe(true);
  });
});
