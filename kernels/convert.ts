/** Conversion between stored chunks (Arrow layout, bit-packed) and kernel vectors (byte masks). */
import { KernelInvariantError } from './errors.js';
import { countZeros, packBits, unpackBits } from './bitmap.js';
import type { ChunkDesc, Vec, VecKind } from './vec.js';

/**
 * View a stored chunk as a vector. Numeric values are shared, not copied; Boolean values and the
 * validity bitmap are unpacked to one byte per row. A bitmap on a chunk without nulls is skipped.
 *
 * @example
 * const v = chunkToVec({ length: 2, nullCount: 0, values: Int32Array.of(1, 2), validity: null }, 'i32');
 * v.values; // the same Int32Array
 */
export function chunkToVec(chunk: ChunkDesc, kind: VecKind): Vec {
  const { length } = chunk;
  checkValues(chunk.values, kind);
  const values =
    kind === 'bool'
      ? unpackBits(chunk.values as Uint8Array, length)
      : chunk.values.length === length
        ? chunk.values
        : chunk.values.subarray(0, length);
  const valid = chunk.validity === null || chunk.nullCount === 0 ? null : unpackBits(chunk.validity, length);
  return { kind, length, values, valid };
}

/**
 * Store a vector as a chunk in shared memory: Boolean values and validity are bit-packed, a mask
 * without nulls is dropped (`validity: null`) and `nullCount` is exact. Values already in a
 * SharedArrayBuffer (a column passed through unchanged) are reused rather than copied.
 *
 * @example
 * const c = vecToChunk({ kind: 'f64', length: 2, values: Float64Array.of(1, 2), valid: Uint8Array.of(1, 0) });
 * c.nullCount; // 1
 */
export function vecToChunk(vec: Vec): ChunkDesc {
  const { length } = vec;
  const nullCount = countZeros(vec.valid, length);
  const validity = nullCount === 0 || vec.valid === null ? null : packBits(vec.valid, length);
  const values = vec.kind === 'bool' ? packBits(vec.values as Uint8Array, length) : shareValues(vec.values, length);
  return { length, nullCount, values, validity };
}

function shareValues(
  values: Int32Array | Float64Array | BigInt64Array | Uint8Array,
  length: number,
): Int32Array | Float64Array | BigInt64Array | Uint8Array {
  const src = values.length === length ? values : values.subarray(0, length);
  if (src.buffer instanceof SharedArrayBuffer) return src;
  const bytes = src.BYTES_PER_ELEMENT * length;
  const buf = new SharedArrayBuffer(bytes);
  if (src instanceof Int32Array) return copyInto(new Int32Array(buf), src);
  if (src instanceof Float64Array) return copyInto(new Float64Array(buf), src);
  if (src instanceof BigInt64Array) return copyInto(new BigInt64Array(buf), src);
  return copyInto(new Uint8Array(buf), src);
}

function copyInto<T extends { set(a: T): void }>(out: T, src: T): T {
  out.set(src);
  return out;
}

/** A chunk whose array does not match its kind is a planner bug; fail loudly instead of misreading memory. */
function checkValues(values: ChunkDesc['values'], kind: VecKind): void {
  const ok =
    kind === 'i32'
      ? values instanceof Int32Array
      : kind === 'f64'
        ? values instanceof Float64Array
        : kind === 'i64'
          ? values instanceof BigInt64Array
          : values instanceof Uint8Array;
  if (!ok) throw new KernelInvariantError(`chunkToVec: a ${values.constructor.name} cannot hold ${kind} values`);
}
