/** Table lookup over i32 codes: how string functions run (the table holds one result per dictionary entry). */
import { KernelCastError, KernelInvariantError } from '../errors.js';
import type { LookupTable, StrictLookup } from '../ir.js';
import type { Vec, VecKind } from '../vec.js';

/**
 * `values[code]` per row, null where the row is null, the table entry is null (`valid[code] === 0`)
 * or the code is outside the table. With `strict`, a non-null row whose entry is null raises
 * (the first such row of the batch) instead.
 *
 * @example
 * // str.length over a dictionary ["a", "abc"]
 * lookup(codes, 'i32', Int32Array.of(1, 3), null, codes.length);
 */
export function lookup(
  a: Vec,
  kind: VecKind,
  values: LookupTable,
  valid: Uint8Array | null,
  n: number,
  strict: StrictLookup | null = null,
): Vec {
  if (a.kind !== 'i32') throw new KernelInvariantError(`lookup: codes are ${a.kind}, expected i32`);
  if ((kind === 'i64') !== values instanceof BigInt64Array)
    throw new KernelInvariantError(`lookup: a ${kind} result needs a matching table`);
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
  const av = a.valid;
  if (strict !== null && valid !== null) {
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if ((av === null || av[i] !== 0) && c >= 0 && c < size && valid[c] === 0)
        throw new KernelCastError(strict.texts[c] ?? '', strict.to, strict.what, i);
    }
  }
  const rowValid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const ok = c >= 0 && c < size && (valid === null || valid[c] !== 0) && (av === null || av[i] !== 0);
    rowValid[i] = ok ? 1 : 0;
  }
  return { kind, length: n, values: out, valid: rowValid };
}

/** One loop per table type; codes outside the table read as 0 (their rows are null anyway). */
function gather(kind: VecKind, codes: Int32Array, values: LookupTable, n: number): Vec['values'] {
  const size = values.length;
  if (kind === 'i64') {
    const t = values as BigInt64Array;
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i] = c >= 0 && c < size ? t[c]! : 0n;
    }
    return out;
  }
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
