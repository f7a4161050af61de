/**
 * Utf8 values made per row (cast to Utf8, concatStr, Utf8 + Utf8): one string per distinct
 * combination of the inputs in a morsel, numbered in order of first appearance there. The calling
 * thread unifies the morsels' strings in morsel order (src/exec/assemble.ts), so the column's
 * dictionary is in order of first appearance in row order, the same for any thread count.
 */
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
  | { readonly kind: 'timestamp' };

/** A made column of one morsel: codes into `strings`, null where any input is null. */
export interface MadeStrings {
  readonly codes: Vec;
  readonly strings: string[];
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
  }
}

/** A Map key for one value: -0 apart from 0 (they print differently), everything else as is. */
function keyOf(v: number | bigint): number | bigint | string {
  return v === 0 && Object.is(v, -0) ? '-0' : v;
}

/**
 * The inputs' texts joined by `separator`, per row, as codes into strings made once per distinct
 * combination of input values (in order of first appearance). A row with any null input is null.
 *
 * @example
 * makeStrings([i32Vec], [{ kind: 'int' }], '', n); // codes [0, 1, 0] and strings ['7', '8'] for 7, 8, 7
 */
export function makeStrings(args: readonly Vec[], parts: readonly StrPart[], separator: string, n: number): MadeStrings {
  if (args.length !== parts.length || args.length === 0) throw new KernelInvariantError('made strings: one part per input');
  const codes = new Int32Array(n);
  let valid: Uint8Array | null = null;
  const strings: string[] = [];
  const seen = new Map<unknown, number>();
  const values = args.map((a) => a.values);
  const valids = args.map((a) => a.valid);
  const bools = args.map((a) => a.kind === 'bool');
  const one = args.length === 1;
  const row: (number | bigint | boolean)[] = new Array(args.length);
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
    let key: unknown;
    if (one) key = keyOf(values[0]![i]!);
    else {
      let s = '';
      for (let k = 0; k < values.length; k++) s += `${k === 0 ? '' : '\u0001'}${String(keyOf(values[k]![i]!))}`;
      key = s;
    }
    let code = seen.get(key);
    if (code === undefined) {
      code = strings.length;
      for (let k = 0; k < values.length; k++) {
        const v = values[k]![i]!;
        row[k] = bools[k] ? v !== 0 : v;
      }
      let text = '';
      for (let k = 0; k < parts.length; k++) text += (k === 0 ? '' : separator) + partText(parts[k]!, row[k]!);
      strings.push(text);
      seen.set(key, code);
    }
    codes[i] = code;
  }
  return { codes: { kind: 'i32', length: n, values: codes, valid }, strings };
}
