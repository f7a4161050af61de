/** Vectors: the in-flight form of one column of one morsel inside kernels. */

/**
 * Physical kinds kernels compute on. Int32, Date (days) and Utf8 dictionary codes are `i32`;
 * Int64 and Timestamp (ms) are `i64`; Float64 is `f64`; Boolean is `bool`.
 */
export type VecKind = 'i32' | 'i64' | 'f64' | 'bool';

/**
 * One column of one morsel. Unlike stored chunks (bit-packed, Arrow layout), vectors use one byte
 * per row for booleans (0/1) and for validity (1 = valid), because byte loops are faster and
 * simpler than bit twiddling in JS. `valid === null` means every row is valid.
 */
export interface Vec {
  readonly kind: VecKind;
  readonly length: number;
  readonly values: Int32Array | Float64Array | BigInt64Array | Uint8Array;
  readonly valid: Uint8Array | null;
}

/** A stored chunk as the worker receives it (Arrow layout: bit-packed booleans and validity). */
export interface ChunkDesc {
  readonly length: number;
  readonly nullCount: number;
  readonly values: Int32Array | Float64Array | BigInt64Array | Uint8Array;
  readonly validity: Uint8Array | null;
}
