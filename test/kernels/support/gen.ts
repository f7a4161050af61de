/** Seeded random vectors with the awkward values kernels must survive: nulls, NaN, ±0, ±Infinity, int extremes. */
import type { Vec, VecKind } from '../../../kernels/vec.js';
export { mulberry32 as rng } from '../../differential/prng.js';

export const I32_MIN = -2147483648;
export const I32_MAX = 2147483647;
export const I64_MIN = -(2n ** 63n);
export const I64_MAX = 2n ** 63n - 1n;

export function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

export function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

const F64_SPECIAL = [
  NaN,
  -0,
  0,
  Infinity,
  -Infinity,
  0.5,
  -0.5,
  1.5,
  -1.5,
  2.5,
  -2.5,
  1e308,
  -1e308,
  5e-324,
  2147483647.9,
  -2147483648.9,
  2147483648,
  9.3e18,
  -9.3e18,
  1.005,
  0.1,
];
const I32_SPECIAL = [I32_MIN, I32_MAX, 0, -1, 1, I32_MIN + 1, I32_MAX - 1];
const I64_SPECIAL = [I64_MIN, I64_MAX, 0n, -1n, 1n, 2n ** 53n + 1n, -(2n ** 31n), 2n ** 32n];

/** How a random vector looks: its distribution of values, null rate, and memory layout. */
export interface GenOptions {
  /** Share of null rows; 0 gives `valid: null`. */
  readonly nullRate?: number;
  /** Values for this column (defaults by kind); receives the generator. */
  readonly value?: (rand: () => number) => number | bigint;
  /** Put the arrays at a nonzero offset inside a larger buffer, as chunk slices are. */
  readonly offset?: boolean;
}

export function randomValue(kind: VecKind, rand: () => number): number | bigint {
  const r = rand();
  switch (kind) {
    case 'f64':
      if (r < 0.3) return pick(rand, F64_SPECIAL);
      if (r < 0.6) return randInt(rand, -10, 10);
      return (rand() - 0.5) * 2000;
    case 'i32':
      if (r < 0.2) return pick(rand, I32_SPECIAL);
      if (r < 0.7) return randInt(rand, -10, 10);
      return (rand() * 4294967296) | 0;
    case 'i64':
      if (r < 0.2) return pick(rand, I64_SPECIAL);
      if (r < 0.6) return BigInt(randInt(rand, -10, 10));
      return BigInt.asIntN(64, (BigInt((rand() * 4294967296) >>> 0) << 32n) | BigInt((rand() * 4294967296) >>> 0));
    case 'bool':
      return r < 0.5 ? 0 : 1;
  }
}

/** A random vector of `n` rows. Rows under a null keep a random value: kernels must ignore it. */
export function genVec(kind: VecKind, n: number, rand: () => number, opts: GenOptions = {}): Vec {
  const nullRate = opts.nullRate ?? 0.2;
  const pad = opts.offset ? 3 : 0;
  const values =
    kind === 'i32'
      ? new Int32Array(n + pad).subarray(pad)
      : kind === 'f64'
        ? new Float64Array(n + pad).subarray(pad)
        : kind === 'i64'
          ? new BigInt64Array(n + pad).subarray(pad)
          : new Uint8Array(n + pad).subarray(pad);
  const value = opts.value ?? ((r: () => number) => randomValue(kind, r));
  for (let i = 0; i < n; i++) {
    const v = value(rand);
    if (values instanceof BigInt64Array) values[i] = v as bigint;
    else (values as Float64Array)[i] = v as number;
  }
  let valid: Uint8Array | null = null;
  if (nullRate > 0) {
    valid = new Uint8Array(n + pad).subarray(pad);
    for (let i = 0; i < n; i++) valid[i] = rand() < nullRate ? 0 : 1;
  }
  return { kind, length: n, values, valid };
}
