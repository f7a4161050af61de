/** The join benchmark's hand-written baselines give the kernel's pairs, so its timings compare equal work. */
import { describe, expect, it } from 'vitest';
import { mapJoin, typedJoin } from '../../../bench/join-kernels.js';
import { buildJoinTable, keyRowCount, probeJoin } from '../../../kernels/join/index.js';
import { rng } from '../aggregate/helpers.js';

function keys(n: number, range: number, seed: number): Int32Array {
  const r = rng(seed);
  return Int32Array.from({ length: n }, () => Math.floor(r() * range));
}

describe('join benchmark baselines', () => {
  it('emit the same inner-join pairs as the kernel, in the same order', () => {
    const build = keys(500, 300, 1);
    const probe = keys(2000, 330, 2);
    const table = buildJoinTable({ words: build, width: 1, length: build.length, valid: null });
    const want = probeJoin(table, { words: probe, width: 1, length: probe.length, valid: null }, 'inner');
    let expected = 0;
    for (let k = 0; k < table.keyCount; k++) expected += keyRowCount(table, k);
    expect(expected).toBe(build.length);
    for (const join of [mapJoin, typedJoin]) {
      const got = join(build, probe);
      expect(got.length).toBe(want.length);
      expect(Array.from(got.probe)).toEqual(Array.from(want.probe));
      expect(Array.from(got.build)).toEqual(Array.from(want.build));
    }
  });
});
