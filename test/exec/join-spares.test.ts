/** JoinSpares: a finished join's build segments kept for the next build, per task, bounded, taken exclusively. */
import { describe, expect, it } from 'vitest';
import { JOIN_SPARE_BYTES, MIN_SEGMENT_REUSE_BYTES } from '../../kernels/tuning.js';
import { JoinSpares } from '../../src/exec/join-spares.js';

const shared = (bytes: number): Int32Array => new Int32Array(new SharedArrayBuffer(bytes));

describe('JoinSpares', () => {
  it('gives the calling thread and each task back the buffers they filled, once', () => {
    const spares = new JoinSpares();
    const a = shared(1 << 16);
    const b = shared(1 << 17);
    const c = shared(1 << 18);
    // a view and a second view over one buffer count once
    spares.give([a, a.subarray(8)], [[b], [c]]);
    expect(spares.heldBytes()).toBe((1 << 16) + (1 << 17) + (1 << 18));
    const got = spares.take(2);
    expect(got.calling).toEqual([a.buffer]);
    expect(got.groups[0]).toEqual([b.buffer]);
    expect(got.groups[1]).toEqual([c.buffer]);
    // taken: a second join meanwhile gets nothing of them
    const again = spares.take(2);
    expect(again.calling).toEqual([]);
    expect(again.groups).toEqual([[], []]);
    expect(spares.heldBytes()).toBe(0);
  });

  it('pads missing tasks with empty lists and drops the segments of tasks past the count', () => {
    const spares = new JoinSpares();
    spares.give([], [[shared(1 << 16)], [shared(1 << 16)], [shared(1 << 16)]]);
    const got = spares.take(4);
    expect(got.groups.map((g) => g.length)).toEqual([1, 1, 1, 0]);
  });

  it('leaves tiny and plain buffers to the collector and holds at most JOIN_SPARE_BYTES', () => {
    const spares = new JoinSpares();
    const tiny = shared(MIN_SEGMENT_REUSE_BYTES - 4);
    const plain = new Int32Array(1 << 16);
    const half = shared(JOIN_SPARE_BYTES / 2);
    const other = shared(JOIN_SPARE_BYTES / 2);
    const over = shared(1 << 16);
    spares.give([tiny, plain, half], [[other, over]]);
    expect(spares.heldBytes()).toBe(JOIN_SPARE_BYTES);
    const got = spares.take(1);
    expect(got.calling).toEqual([half.buffer]);
    expect(got.groups[0]).toEqual([other.buffer]);
  });
});
