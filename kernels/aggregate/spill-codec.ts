/** One hash bucket of a hash partial as bytes, and back: what a group-by writes to disk when its state does not fit. */
import { KernelInvariantError } from '../errors.js';
import { BUCKETS } from '../hash/hash.js';
import type { GroupPartial } from './partial.js';
import type { AggKernelSpec, AggState, ListPart } from './state.js';

/** Int32 words before the per-state entries: record bytes, groups, key width, weight, states, header words. */
const FIXED = 6;
/** Per state: f, i, b, u arrays, wide stride, list parts. */
const PER_STATE = 6;
/** Per list part: f, i, u lengths (its offsets always hold groups + 1 entries). */
const PER_PART = 3;

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Bytes a partial holds in memory (keys, hashes, first rows and every state's arrays), the
 * measure a spill budget is compared with.
 *
 * @example
 * if (held + partialBytes(p) > budget) spill(p);
 */
export function partialBytes(p: GroupPartial): number {
  let bytes = p.words.byteLength + p.hashes.byteLength + p.firstRow.byteLength + p.bucketStart.byteLength;
  for (const s of p.states) {
    for (const a of [...s.f, ...s.i, ...s.b, ...s.u]) bytes += a.byteLength;
    bytes += s.wide.byteLength;
    for (const part of s.parts) bytes += part.offsets.byteLength + part.f.byteLength + part.i.byteLength + part.u.byteLength;
  }
  return bytes;
}

/**
 * The groups of hash bucket `bucket` of `p` (keys, hashes, first rows, states) as one record of
 * bytes, every array at an 8-byte boundary so that `decodeBuckets` views them in place; null when
 * the bucket has no group. States must be a partial's own (`parts`, no `sources`: a merged state
 * points into other partials' lists, which a record cannot carry).
 *
 * @example
 * const rec = encodeBucket(partial, 5); // append to bucket 5's file
 */
export function encodeBucket(p: GroupPartial, bucket: number): Uint8Array | null {
  const a = p.bucketStart[bucket]!;
  const e = p.bucketStart[bucket + 1]!;
  const n = e - a;
  if (n === 0) return null;
  const W = p.width;
  let headerWords = FIXED;
  for (const s of p.states) {
    if (s.sources.length > 0 || s.size !== p.groups) throw new KernelInvariantError(`spill: a ${s.op} state is not a partial's own`);
    for (const arr of [...s.f, ...s.i, ...s.b, ...s.u])
      if (arr.length !== s.size) throw new KernelInvariantError(`spill: a ${s.op} state array is not one entry per group`);
    headerWords += PER_STATE + PER_PART * s.parts.length;
  }
  // sizes first: the record is one allocation
  let bytes = align8(headerWords * 4) + align8(n * W * 4) + 2 * align8(n * 4);
  const spans = p.states.map((s) =>
    s.parts.map((part) => {
      const o0 = part.offsets[a]!;
      const o1 = part.offsets[e]!;
      for (const v of [part.f, part.i, part.u])
        if (v.length !== 0 && v.length !== part.offsets[s.size]!)
          throw new KernelInvariantError(`spill: a ${s.op} list is not in CSR layout`);
      return [o0, o1] as const;
    }),
  );
  let weight = n;
  p.states.forEach((s, k) => {
    bytes += (s.f.length + s.b.length) * align8(n * 8) + s.i.length * align8(n * 4) + s.u.length * align8(n);
    bytes += align8(n * s.stride * 8);
    s.parts.forEach((part, j) => {
      const [o0, o1] = spans[k]![j]!;
      const len = o1 - o0;
      weight += len;
      bytes += align8((n + 1) * 4);
      bytes +=
        align8(part.f.length === 0 ? 0 : len * 8) + align8(part.i.length === 0 ? 0 : len * 4) + align8(part.u.length === 0 ? 0 : len);
    });
  });
  const out = new Uint8Array(bytes);
  const buf = out.buffer;
  const header = new Int32Array(buf, 0, headerWords);
  header.set([bytes, n, W, weight, p.states.length, headerWords]);
  let h = FIXED;
  let at = align8(headerWords * 4);
  const put = <T extends Int32Array | Float64Array | BigInt64Array | Uint8Array>(
    make: new (b: ArrayBuffer, o: number, len: number) => T,
    src: T,
    from: number,
    to: number,
  ): void => {
    const dst = new make(buf, at, to - from);
    (dst as Int32Array).set(src.subarray(from, to) as Int32Array);
    at += align8(dst.byteLength);
  };
  put(Int32Array, p.words, a * W, e * W);
  put(Int32Array, p.hashes, a, e);
  put(Int32Array, p.firstRow, a, e);
  p.states.forEach((s, k) => {
    header.set([s.f.length, s.i.length, s.b.length, s.u.length, s.stride, s.parts.length], h);
    h += PER_STATE;
    for (const arr of s.f) put(Float64Array, arr, a, e);
    for (const arr of s.b) put(BigInt64Array, arr, a, e);
    for (const arr of s.i) put(Int32Array, arr, a, e);
    for (const arr of s.u) put(Uint8Array, arr, a, e);
    put(Float64Array, s.wide, a * s.stride, e * s.stride);
    s.parts.forEach((part, j) => {
      const [o0, o1] = spans[k]![j]!;
      const off = new Int32Array(buf, at, n + 1);
      for (let g = 0; g <= n; g++) off[g] = part.offsets[a + g]! - o0;
      at += align8((n + 1) * 4);
      const fLen = part.f.length === 0 ? 0 : o1 - o0;
      const iLen = part.i.length === 0 ? 0 : o1 - o0;
      const uLen = part.u.length === 0 ? 0 : o1 - o0;
      header.set([fLen, iLen, uLen], h);
      h += PER_PART;
      put(Float64Array, part.f, o0, o0 + fLen);
      put(Int32Array, part.i, o0, o0 + iLen);
      put(Uint8Array, part.u, o0, o0 + uLen);
    });
  });
  return out;
}

/**
 * The records of one bucket's file (`bytes` of `buf`, records back to back, in the order they
 * were written) as hash partials whose groups all lie in `bucket`. Arrays are views into `buf`,
 * so a shared buffer makes partials that go to any thread by reference.
 *
 * @example
 * const partials = decodeBuckets(sab, sab.byteLength, 5, specs); // merge with { kind: 'bucket', bucket: 5 }
 */
export function decodeBuckets(buf: ArrayBufferLike, bytes: number, bucket: number, specs: readonly AggKernelSpec[]): GroupPartial[] {
  const out: GroupPartial[] = [];
  let pos = 0;
  while (pos < bytes) {
    const fixed = new Int32Array(buf, pos, FIXED);
    const [size, n, W, weight, states, headerWords] = fixed as unknown as [number, number, number, number, number, number];
    if (states !== specs.length || size <= 0 || pos + size > bytes)
      throw new KernelInvariantError('spill: a record does not match its query');
    const header = new Int32Array(buf, pos, headerWords);
    let h = FIXED;
    let at = pos + align8(headerWords * 4);
    const take = <T>(make: new (b: ArrayBufferLike, o: number, len: number) => T & { byteLength: number }, len: number): T => {
      const v = new make(buf, at, len);
      at += align8(v.byteLength);
      return v;
    };
    const words = take(Int32Array, n * W);
    const hashes = take(Int32Array, n);
    const firstRow = take(Int32Array, n);
    const list = specs.map((spec): AggState => {
      const [nf, ni, nb, nu, stride, nparts] = header.subarray(h, h + PER_STATE) as unknown as number[];
      h += PER_STATE;
      const f = Array.from({ length: nf! }, () => take(Float64Array, n));
      const b = Array.from({ length: nb! }, () => take(BigInt64Array, n));
      const i = Array.from({ length: ni! }, () => take(Int32Array, n));
      const u = Array.from({ length: nu! }, () => take(Uint8Array, n));
      const wide = take(Float64Array, n * stride!);
      const parts = Array.from({ length: nparts! }, (): ListPart => {
        const offsets = take(Int32Array, n + 1);
        const [fLen, iLen, uLen] = header.subarray(h, h + PER_PART) as unknown as number[];
        h += PER_PART;
        return { offsets, f: take(Float64Array, fLen!), i: take(Int32Array, iLen!), u: take(Uint8Array, uLen!) };
      });
      return { op: spec.op, size: n, f, i, b, u, wide, stride: stride!, parts, sources: [] };
    });
    const bucketStart = new Int32Array(BUCKETS + 1);
    bucketStart.fill(n, bucket + 1);
    out.push({ kind: 'hash', groups: n, width: W, words, hashes, firstRow, bucketStart, states: list, weight });
    pos += size;
  }
  return out;
}
