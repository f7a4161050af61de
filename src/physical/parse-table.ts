/** Casts from Utf8: every dictionary string parsed once on the calling thread, a lookup table that workers apply to codes. */
import type { LookupTable, PhysExpr, StrictLookup } from '../../kernels/ir.js';
import { parseText, type ParseTarget } from '../../kernels/eval/parse-text.js';
import type { Dictionary } from '../table/dictionary.js';
import { kindOf } from './kinds.js';

/** The table of a cast from text: a value per code, 0 where the string does not parse, and the strings that did not. */
export interface ParseTable {
  readonly values: LookupTable;
  /** 1 where the code's string parsed; null when every one did. */
  readonly valid: Uint8Array | null;
  /** The strings that did not parse, by code. */
  readonly failed: Readonly<Record<number, string>>;
}

/**
 * Parse each string of `dict` as `to` (kernels/eval/parse-text.ts: the CSV reader's grammar,
 * surrounding whitespace dropped). A string no row uses costs one parse and never raises: only a
 * row's code meeting a failed entry does, in the kernel.
 *
 * @example
 * parseTable(new Dictionary(['1', 'x']), 'Int32'); // values [1, 0], valid [1, 0], failed { 1: 'x' }
 */
export function parseTable(dict: Dictionary, to: ParseTarget): ParseTable {
  const n = dict.size;
  const kind = kindOf(to);
  const values: LookupTable =
    kind === 'i64'
      ? new BigInt64Array(new SharedArrayBuffer(n * 8))
      : kind === 'f64'
        ? new Float64Array(new SharedArrayBuffer(n * 8))
        : kind === 'bool'
          ? new Uint8Array(new SharedArrayBuffer(n))
          : new Int32Array(new SharedArrayBuffer(n * 4));
  const valid = new Uint8Array(new SharedArrayBuffer(n));
  const failed: Record<number, string> = {};
  let ok = true;
  for (let c = 0; c < n; c++) {
    const s = dict.get(c);
    const v = parseText(s, to);
    if (v === null) {
      failed[c] = s;
      ok = false;
      continue;
    }
    valid[c] = 1;
    if (values instanceof BigInt64Array) values[c] = BigInt(v);
    else values[c] = Number(v);
  }
  return { values, valid: ok ? null : valid, failed };
}

/**
 * The lookup that casts the codes `arg` (of dictionary `dict`) to `to`. `what` names the cast
 * for a strict error; null makes a failed string null instead.
 *
 * @example
 * parseLookup(codes, dict, 'Date', 'col("d").cast("Date")');
 */
export function parseLookup(arg: PhysExpr, dict: Dictionary, to: ParseTarget, what: string | null): { expr: PhysExpr; failures: boolean } {
  const t = parseTable(dict, to);
  const strict: StrictLookup | undefined = what === null || t.valid === null ? undefined : { what, to, texts: t.failed };
  const expr: PhysExpr = {
    op: 'lookup',
    kind: kindOf(to),
    arg,
    values: t.values,
    valid: t.valid,
    ...(strict === undefined ? {} : { strict }),
  };
  return { expr, failures: t.valid !== null };
}
