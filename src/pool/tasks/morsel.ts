/** A morsel's stored chunk pieces as kernel vectors: values shared where possible, bitmaps unpacked to bytes. */
import { chunkToVec } from '../../../kernels/convert.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';
import type { MorselColumn, PieceDesc } from '../protocol.js';

/**
 * The vector of one morsel column. A piece covering a whole chunk is converted as is; a slice
 * shares the values and unpacks only its own bits; pieces from several chunks are concatenated.
 *
 * @example
 * const v = morselVec({ kind: 'i32', pieces: [{ chunk, start: 0, end: chunk.length }] });
 */
export function morselVec(col: MorselColumn): Vec {
  const pieces = col.pieces;
  if (pieces.length === 1) return pieceVec(pieces[0]!, col.kind);
  const parts = pieces.map((p) => pieceVec(p, col.kind));
  return concat(parts, col.kind);
}

function pieceVec(p: PieceDesc, kind: VecKind): Vec {
  const c = p.chunk;
  if (p.start === 0 && p.end === c.length) return chunkToVec(c, kind);
  const n = p.end - p.start;
  const values = kind === 'bool' ? unpackRange(c.values as Uint8Array, p.start, n) : (c.values.subarray(p.start, p.end) as Vec['values']);
  let valid: Uint8Array | null = null;
  if (c.validity !== null && c.nullCount > 0) {
    valid = unpackRange(c.validity, p.start, n);
    let all = true;
    for (let i = 0; i < n && all; i++) if (valid[i] === 0) all = false;
    if (all) valid = null;
  }
  return { kind, length: n, values, valid };
}

/** Bits [start, start + n) of an LSB-first bitmap as 0/1 bytes. */
function unpackRange(bits: Uint8Array, start: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = start + i;
    out[i] = (bits[b >> 3]! >> (b & 7)) & 1;
  }
  return out;
}

function concat(parts: readonly Vec[], kind: VecKind): Vec {
  let n = 0;
  let nulls = false;
  for (const p of parts) {
    n += p.length;
    if (p.valid !== null) nulls = true;
  }
  const C = parts[0]!.values.constructor as new (n: number) => Vec['values'];
  const values = new C(n);
  const valid = nulls ? new Uint8Array(n) : null;
  let at = 0;
  for (const p of parts) {
    (values as Uint8Array).set(p.values as Uint8Array, at);
    if (valid !== null) {
      if (p.valid === null) valid.fill(1, at, at + p.length);
      else valid.set(p.valid, at);
    }
    at += p.length;
  }
  return { kind, length: n, values, valid };
}
