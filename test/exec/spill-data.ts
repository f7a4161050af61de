/** A seeded frame for the spill tests: keys of every kind (with nulls, -0 and NaN) spread wide enough to take the hash path, and many groups per morsel. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, vi } from 'vitest';
import { DataFrame, shutdownPool } from '../../src/index.js';

/**
 * A temporary folder for a spill test file's spill folders, with the hooks every such file needs:
 * mocks restored after each test, the pool closed and the folder removed after the file.
 *
 * @example
 * const dir = spillTestDir(); // at the top of a test file
 */
export function spillTestDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'volley-spill-test-'));
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await shutdownPool();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Rows of the spill tests' frame. */
export const ROWS = 24_000;

/**
 * `ROWS` rows over about 1,500 groups per key: `i` (Int32, spread over 2^31 so it never packs
 * densely), `l` (Int64 past 2^53), `f` (Float64 with -0, 0 and NaN), `s` and `t` (Utf8; together
 * wider than a dense key), nulls in each key, and values `v` (Float64 with nulls), `w` (Int32),
 * `big` (Int64, its last row past Int32).
 */
export function spillFrame(): DataFrame {
  // mulberry32: every residue is reachable (a plain LCG's low bits cycle)
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const i: (number | null)[] = [];
  const l: (bigint | null)[] = [];
  const f: (number | null)[] = [];
  const s: (string | null)[] = [];
  const t: (string | null)[] = [];
  const v: (number | null)[] = [];
  const w: number[] = [];
  const big: bigint[] = [];
  for (let r = 0; r < ROWS; r++) {
    const g = rand(1_500);
    i.push(g === 7 ? null : Math.imul(g, 2_654_435_761) | 0);
    l.push(g === 8 ? null : BigInt(g) * 6_000_000_000_000_001n - 4_500_000_000_000_000_000n);
    f.push(g === 9 ? null : g === 10 ? -0 : g === 11 ? 0 : g === 12 ? Number.NaN : g / 7 - 100);
    s.push(g === 13 ? null : `s${g % 1_250}`);
    t.push(g === 14 ? null : `t${(g * 7) % 1_499}`);
    v.push(rand(50) === 0 ? null : (rand(1_000_000) - 500_000) / 1_000);
    w.push(rand(2_000) - 1_000);
    big.push(r === ROWS - 1 ? 2n ** 40n : BigInt(r));
  }
  return DataFrame.fromColumns(
    { i, l, f, s, t, v, w, big },
    { dtypes: { i: 'Int32', l: 'Int64', f: 'Float64', s: 'Utf8', t: 'Utf8', v: 'Float64', w: 'Int32', big: 'Int64' } },
  );
}
