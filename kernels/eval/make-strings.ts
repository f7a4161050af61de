/**
 * Utf8 values made per row (cast to Utf8, concatStr, Utf8 + Utf8): each morsel's rows get codes
 * into its distinct combinations of input values, numbered in order of first appearance there.
 * The calling thread unifies the combinations in morsel order and makes one string per distinct
 * one (src/exec/assemble.ts), so the column's dictionary is in order of first appearance in row
 * order, the same for any thread count, and each string is made once.
 */
import { formatDate as strftimeDate, formatTimestamp as strftimeTimestamp, type CompiledFormat } from './strftime.js';
import { KernelInvariantError } from '../errors.js';
import type { Vec } from '../vec.js';
import { formatDate, formatFloat, formatTimestamp } from './format-value.js';

/**
 * How one input becomes text: a Utf8 input's codes read through its dictionary's strings, or a
 * value formatted by its type (int: Int32 and Int64 in decimal; float: formatFloat; bool:
 * true/false; date: ISO day; timestamp: ISO with ms). A new formatter (strftime) is one more
 * variant here and one more case in `partText`.
 */
export type StrPart =
  | { readonly kind: 'text'; readonly strings: readonly string[] }
  | { readonly kind: 'int' }
  | { readonly kind: 'float' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' }
  /** A Date (`days`) or Timestamp (`ms`) through a compiled strftime format (kernels/eval/strftime.ts). */
  | { readonly kind: 'strftime'; readonly unit: 'days' | 'ms'; readonly format: CompiledFormat };

/**
 * A made column of one morsel: codes (null where any input is null) into the morsel's distinct
 * combinations of inputs, numbered by first appearance; `distinct[k]` holds input k's value for
 * each combination (no nulls). The calling thread turns them into strings (`madeText`).
 */
export interface MadeCodes {
  readonly codes: Vec;
  readonly distinct: Vec[];
}

/** The text of one non-null input value. */
export function partText(part: StrPart, v: number | bigint | boolean): string {
  switch (part.kind) {
    case 'text': {
      const s = part.strings[v as number];
      if (s === undefined) throw new KernelInvariantError(`made strings: code ${String(v)} is outside its dictionary`);
      return s;
    }
    case 'int':
      return String(v);
    case 'float':
      return formatFloat(v as number);
    case 'bool':
      return v ? 'true' : 'false';
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(Number(v));
    case 'strftime':
      return part.unit === 'days' ? strftimeDate(v as number, part.format) : strftimeTimestamp(Number(v), part.format);
  }
}

/** The text of combination `j` of `distinct`: each input by its part, joined by `separator`. */
export function madeText(distinct: readonly Vec[], j: number, parts: readonly StrPart[], separator: string): string {
  let text = '';
  for (let k = 0; k < parts.length; k++) text += (k === 0 ? '' : separator) + partText(parts[k]!, distinct[k]!.values[j]!);
  return text;
}

/** A Map key for one value: -0 apart from 0 (they print differently), everything else as is. */
export function keyOf(v: number | bigint): number | bigint | string {
  return v === 0 && Object.is(v, -0) ? '-0' : v;
}

/**
 * Codes of combinations of input values: one Map per input level (nested), so a combination is
 * found without building a key string per row. -0 and 0 are apart (they print differently);
 * every NaN is one value.
 */
export class ComboIndex {
  private readonly root = new Map<unknown, unknown>();

  /** The code of combination `j` of `vecs`, or `make()` stored as its code when new. */
  codeOf(vecs: readonly Vec[], j: number, make: () => number): number {
    let m = this.root;
    const last = vecs.length - 1;
    for (let k = 0; k < last; k++) {
      const key = keyOf(vecs[k]!.values[j]!);
      let next = m.get(key) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        m.set(key, next);
      }
      m = next;
    }
    const key = keyOf(vecs[last]!.values[j]!);
    let code = m.get(key) as number | undefined;
    if (code === undefined) {
      code = make();
      m.set(key, code);
    }
    return code;
  }
}

/**
 * Codes per row into the distinct combinations of input values (in order of first appearance),
 * and the combinations. A row with any null input is null.
 *
 * @example
 * makeCodes([i32Vec], n); // codes [0, 1, 0] and distinct [[7, 8]] for 7, 8, 7
 */
export function makeCodes(args: readonly Vec[], n: number): MadeCodes {
  if (args.length === 0) throw new KernelInvariantError('made strings: no input');
  const codes = new Int32Array(n);
  let valid: Uint8Array | null = null;
  const seen = new ComboIndex();
  const firstRows: number[] = [];
  const valids = args.map((a) => a.valid);
  for (let i = 0; i < n; i++) {
    let isNull = false;
    for (let k = 0; k < valids.length; k++) {
      const vk = valids[k];
      if (vk != null && vk[i] === 0) {
        isNull = true;
        break;
      }
    }
    if (isNull) {
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
      continue;
    }
    codes[i] = seen.codeOf(args, i, () => firstRows.push(i) - 1);
  }
  const rows = Int32Array.from(firstRows);
  const distinct = args.map((a): Vec => {
    const C = a.values.constructor as new (len: number) => Vec['values'];
    const out = new C(rows.length);
    for (let j = 0; j < rows.length; j++) (out as Int32Array)[j] = (a.values as Int32Array)[rows[j]!]!;
    return { kind: a.kind, length: rows.length, values: out, valid: null };
  });
  return { codes: { kind: 'i32', length: n, values: codes, valid }, distinct };
}
