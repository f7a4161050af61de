/** The hand-written H2O q1-q5 loops of the threads benchmark: runs of chunks add up to the whole, on one thread or several. */

import { describe, expect, it } from 'vitest';
import { addInto, NAIVE, type NaiveColumns, type NaiveQuestion, type NaiveSizes } from '../../bench/h2o/naive.js';
import { startNaiveThreads } from '../../bench/h2o/naive-threads.js';
import { intIn, mulberry32 } from '../differential/prng.js';

const CHUNKS = 5;
const ROWS = 40;
const sizes: NaiveSizes = { id1: 3, id2: 4, id3: 7, id4: 5, id6: 6 };

function shared<T extends Int32Array | Float64Array>(make: (b: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(bytes));
}

/** Seeded columns in shared memory, CHUNKS chunks of ROWS rows. */
function columns(seed: number): NaiveColumns {
  const rand = mulberry32(seed);
  const ints = (hi: number): Int32Array[] =>
    Array.from({ length: CHUNKS }, () => {
      const a = shared((b) => new Int32Array(b), ROWS * 4);
      for (let i = 0; i < ROWS; i++) a[i] = intIn(rand, 0, hi - 1);
      return a;
    });
  const floats = Array.from({ length: CHUNKS }, () => {
    const a = shared((b) => new Float64Array(b), ROWS * 8);
    // quarters: every sum is exact, so any order of additions gives the same answer
    for (let i = 0; i < ROWS; i++) a[i] = intIn(rand, 0, 400) / 4;
    return a;
  });
  return {
    id1: ints(sizes.id1),
    id2: ints(sizes.id2),
    id3: ints(sizes.id3),
    id4: ints(sizes.id4),
    id6: ints(sizes.id6),
    v1: ints(5),
    v2: ints(15),
    v3: floats,
  };
}

/** Row-at-a-time sums per key: what each question's arrays hold. */
function reference(x: NaiveColumns, id: NaiveQuestion): number[][] {
  const rows: { key: number; v: number[] }[] = [];
  for (let c = 0; c < CHUNKS; c++) {
    for (let i = 0; i < ROWS; i++) {
      const v1 = x.v1[c]![i]!;
      const v2 = x.v2[c]![i]!;
      const v3 = x.v3[c]![i]!;
      if (id === 'q1') rows.push({ key: x.id1[c]![i]!, v: [v1] });
      if (id === 'q2') rows.push({ key: x.id1[c]![i]! * sizes.id2 + x.id2[c]![i]!, v: [v1] });
      if (id === 'q3') rows.push({ key: x.id3[c]![i]!, v: [v1, v3, 1] });
      if (id === 'q4') rows.push({ key: x.id4[c]![i]!, v: [v1, v2, v3, 1] });
      if (id === 'q5') rows.push({ key: x.id6[c]![i]!, v: [v1, v2, v3] });
    }
  }
  const size = { q1: sizes.id1, q2: sizes.id1 * sizes.id2, q3: sizes.id3, q4: sizes.id4, q5: sizes.id6 }[id];
  const out = rows[0]!.v.map(() => new Array<number>(size).fill(0));
  for (const r of rows) r.v.forEach((v, k) => (out[k]![r.key]! += v));
  return out;
}

const QUESTIONS: NaiveQuestion[] = ['q1', 'q2', 'q3', 'q4', 'q5'];

describe('H2O naive loops', () => {
  const x = columns(7);

  it.each(QUESTIONS)('%s: the whole run equals the row-at-a-time sums, and split runs add up to it', (id) => {
    const whole = NAIVE[id](x, sizes, 0, CHUNKS).map((a) => Array.from(a));
    expect(whole).toEqual(reference(x, id));
    const parts = NAIVE[id](x, sizes, 0, 2);
    addInto(parts, NAIVE[id](x, sizes, 2, CHUNKS));
    expect(parts.map((a) => Array.from(a))).toEqual(whole);
  });

  it('the worker-thread version, chunks split over 2 and 3 threads, gives the same arrays', async () => {
    for (const threads of [2, 3]) {
      const naive = await startNaiveThreads(x, sizes, threads);
      try {
        for (const id of QUESTIONS) {
          const { arrays, seconds } = await naive.run(id);
          expect(arrays.map((a) => Array.from(a))).toEqual(reference(x, id));
          expect(seconds).toBeGreaterThanOrEqual(0);
        }
      } finally {
        await naive.close();
      }
    }
  });
});
