/** Sort keys as f64 columns whose plain `<` order is the wanted order, so merges compare numbers only. */
import type { Vec } from '../vec.js';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** The normalized columns of one key for rows `order[0..]`, and whether a class column was needed. */
export interface NormalizedKey {
  readonly cols: Float64Array[];
  /** f64 only: a class column (0 number, ±1 NaN, ±2 null) came first because NaN or null occurred. */
  readonly classed: boolean;
}

/**
 * Normalize one key of one run. i32 and bool: one column, nulls at ±Infinity (never a value).
 * i64: high half (signed) and low half (unsigned), both exact in f64. f64: the value column, plus
 * a leading class column when the run holds a NaN or a null; `withClass` forces it, so that every
 * run of a merge has the same columns.
 */
export function normalizeKey(key: Vec, order: Int32Array, desc: boolean, nullsLast: boolean, withClass: boolean): NormalizedKey {
  const m = order.length;
  const valid = key.valid;
  const sign = desc ? -1 : 1;
  const nullKey = nullsLast ? Infinity : -Infinity;
  if (key.kind === 'i64') {
    const v = key.values as BigInt64Array;
    const hi32 = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
    const lo32 = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    const hi = new Float64Array(m);
    const lo = new Float64Array(m);
    for (let p = 0; p < m; p++) {
      const j = order[p]!;
      if (valid !== null && valid[j] === 0) {
        hi[p] = nullKey;
      } else {
        hi[p] = sign * hi32[2 * j + HI]!;
        lo[p] = sign * lo32[2 * j + LO]!;
      }
    }
    return { cols: [hi, lo], classed: false };
  }
  const col = new Float64Array(m);
  if (key.kind === 'f64') {
    const x = key.values as Float64Array;
    let special = false;
    for (let p = 0; p < m; p++) {
      const j = order[p]!;
      const f = x[j]!;
      if ((valid !== null && valid[j] === 0) || f !== f) special = true;
      else col[p] = sign * f;
    }
    if (!special && !withClass) return { cols: [col], classed: false };
    const cls = new Float64Array(m);
    const nanClass = desc ? -1 : 1;
    const nullClass = nullsLast ? 2 : -2;
    if (special) {
      for (let p = 0; p < m; p++) {
        const j = order[p]!;
        if (valid !== null && valid[j] === 0) cls[p] = nullClass;
        else if (x[j]! !== x[j]!) cls[p] = nanClass;
      }
    }
    return { cols: [cls, col], classed: true };
  }
  const x = key.values as Int32Array | Uint8Array;
  for (let p = 0; p < m; p++) {
    const j = order[p]!;
    col[p] = valid !== null && valid[j] === 0 ? nullKey : sign * x[j]!;
  }
  return { cols: [col], classed: false };
}
