/** Table lookup over i32 codes: how string functions run (the table holds one result per dictionary entry). */
import { KernelInvariantError } from '../errors.js';
import type { Vec, VecKind } from '../vec.js';

/**
 * `values[code]` per row, null where the row is null, the table entry is null (`valid[code] === 0`)
 * or the code is outside the table.
 *
 * @example
 * // str.length over a dictionary ["a", "abc"]
 * lookup(codes, 'i32', Int32Array.of(1, 3), null, codes.length);
 */
export function lookup(a: Vec, kind: VecKind, values: Int32Array | Float64Array | Uint8Array, valid: Uint8Array | null, n: number): Vec {
  if (a.kind !== 'i32') throw new KernelInvariantError(`lookup: codes are ${a.kind}, expected i32`);
  if (kind === 'i64') throw new KernelInvariantError('lookup: i64 tables are not supported');
  const codes = a.values as Int32Array;
  const size = values.length;
  const out = gather(kind, codes, values, n);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c < 0 || c >= size || (valid !== null && valid[c] === 0)) {
      bad = true;
      break;
    }
  }
  if (!bad) return { kind, length: n, values: out, valid: a.valid };
  const rowValid = new Uint8Array(n);
  const av = a.valid;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const ok = c >= 0 && c < size && (valid === null || valid[c] !== 0) && (av === null || av[i] !== 0);
    rowValid[i] = ok ? 1 : 0;
  }
  return { kind, length: n, values: out, valid: rowValid };
}

/** One loop per table type; codes outside the table read as 0 (their rows are null anyway). */
function gather(kind: VecKind, codes: Int32Array, values: Int32Array | Float64Array | Uint8Array, n: number): Vec['values'] {
  const size = values.length;
  if (kind === 'f64') {
    const t = values as Float64Array;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i] = c >= 0 && c < size ? t[c]! : 0;
    }
    return out;
  }
  if (kind === 'i32') {
    const t = values as Int32Array;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i] = c >= 0 && c < size ? t[c]! : 0;
    }
    return out;
  }
  const t = values as Uint8Array;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    out[i] = c >= 0 && c < size ? t[c]! : 0;
  }
  return out;
}
