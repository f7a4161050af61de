import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { keepShape } from '../../kernels/keep-shape.js';

/** A full collection, exposed the way the workers expose it. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('keepShape', () => {
  it('keeps an instance alive through collections, where an unkept one is collected', async () => {
    class Transient {
      readonly rows = new Int32Array(4);
    }
    let kept: WeakRef<Transient>;
    let dropped: WeakRef<Transient>;
    {
      const a = new Transient();
      keepShape(a);
      kept = new WeakRef(a);
      dropped = new WeakRef(new Transient());
    }
    // a WeakRef's target stays alive until the current job ends
    await new Promise((r) => setTimeout(r, 0));
    collect();
    expect(kept.deref()).toBeInstanceOf(Transient);
    expect(dropped.deref()).toBeUndefined();
  });
});
