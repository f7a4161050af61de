/** JoinScratch: one reusable array per use, grown to the largest length asked, handed out as views of the length asked. */
import { describe, expect, it } from 'vitest';
import { JoinScratch, SCRATCH_IDS, SCRATCH_WORDS } from '../../../kernels/join/scratch.js';

describe('JoinScratch', () => {
  it('hands out views of one array per slot, reused while it is large enough and grown when not', () => {
    const s = new JoinScratch();
    const a = s.ints(SCRATCH_IDS, 100);
    expect(a.length).toBe(100);
    a[0] = 42;
    const b = s.ints(SCRATCH_IDS, 50);
    expect(b.buffer).toBe(a.buffer);
    // not zeroed: callers overwrite what they use
    expect(b[0]).toBe(42);
    // another slot is another array
    expect(s.ints(SCRATCH_WORDS, 100).buffer).not.toBe(a.buffer);
    const c = s.ints(SCRATCH_IDS, 1000);
    expect(c.length).toBe(1000);
    expect(c.buffer).not.toBe(a.buffer);
    expect(s.ints(SCRATCH_IDS, 1000).buffer).toBe(c.buffer);
  });
});
