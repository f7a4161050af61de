/** Allocation of vector values: plain (non-shared) memory, since vectors live inside one thread. */
import type { Vec, VecKind } from './vec.js';

/**
 * A zeroed values array for `n` rows of a kind (booleans as one byte per row).
 *
 * @example
 * allocValues('f64', 3); // Float64Array [0, 0, 0]
 */
export function allocValues(kind: VecKind, n: number): Vec['values'] {
  switch (kind) {
    case 'i32':
      return new Int32Array(n);
    case 'f64':
      return new Float64Array(n);
    case 'i64':
      return new BigInt64Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}
