/** Test helpers for the CSV kernels: seeded random CSVs, a papaparse-based reference, and result decoding. */
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { CsvColumnKind, CsvParseSpec, CsvRangeResult, CsvValueKind } from '../../../kernels/csv/spec.js';
export { mulberry32 as rng } from '../../differential/prng.js';

/** A JS value as a test compares it: null, number (int32, float64, date days, timestamp ms), bigint, boolean, string. */
export type Cell = number | bigint | boolean | string | null;

export function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

export function int(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A spec with `,` and `"`, no comments, and the given kinds. */
export function simpleSpec(kinds: readonly CsvColumnKind[], extra: Partial<CsvParseSpec> = {}): CsvParseSpec {
  return { dialect: { delimiter: 44, quote: 34, comment: null }, columns: kinds.map((kind) => ({ kind })), chunkSize: 4, ...extra };
}

/** Rows of the materialized columns, column by column, as plain JS values. */
export function decode(result: CsvRangeResult): Cell[][] {
  return result.columns.map((col) => {
    const out: Cell[] = [];
    for (const chunk of col.chunks) {
      for (let i = 0; i < chunk.length; i++) {
        const valid = chunk.validity === null || ((chunk.validity[i >> 3]! >> (i & 7)) & 1) === 1;
        out.push(valid ? cell(col.kind, chunk.values, i, col.dictionary) : null);
      }
    }
    return out;
  });
}

function cell(kind: CsvValueKind, values: ArrayLike<number | bigint>, i: number, dict: string[] | null): Cell {
  const v = values[i]!;
  switch (kind) {
    case 'int32':
    case 'date':
    case 'float64':
      return v as number;
    case 'int64':
      return v as bigint;
    case 'timestamp':
      return Number(v);
    case 'utf8':
      return dict![v as number]!;
    case 'boolean':
      return ((Number(values[i >> 3]) >> (i & 7)) & 1) === 1;
  }
}

/** Column-wise concatenation of decoded ranges. */
export function concatColumns(parts: readonly Cell[][][], columns: number): Cell[][] {
  return Array.from({ length: columns }, (_, c) => parts.flatMap((p) => p[c] ?? []));
}

/** Structural checks every result must pass: chunk sizes, shared buffers, null counts, zeroed padding bits. */
export function checkChunks(result: CsvRangeResult, chunkSize: number): void {
  for (const col of result.columns) {
    let total = 0;
    col.chunks.forEach((chunk, k) => {
      if (k < col.chunks.length - 1) expect(chunk.length).toBe(chunkSize);
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(chunkSize);
      expect(chunk.values.buffer).toBeInstanceOf(SharedArrayBuffer);
      const width = col.kind === 'boolean' ? Math.ceil(chunk.length / 8) : chunk.length;
      expect(chunk.values.length).toBe(width);
      if (chunk.validity === null) expect(chunk.nullCount).toBe(0);
      else {
        expect(chunk.validity.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(chunk.validity.length).toBe(Math.ceil(chunk.length / 8));
        let valid = 0;
        for (let i = 0; i < chunk.validity.length * 8; i++) {
          const bit = (chunk.validity[i >> 3]! >> (i & 7)) & 1;
          if (i >= chunk.length) expect(bit).toBe(0);
          valid += bit;
        }
        expect(chunk.nullCount).toBe(chunk.length - valid);
        expect(chunk.nullCount).toBeGreaterThan(0);
      }
      total += chunk.length;
    });
    expect(total).toBe(result.rows);
  }
}

// ---------------------------------------------------------------------------------------------
// Reference: papaparse splits the text into strings, a direct conversion gives each value.

const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Days since the epoch of a valid y-m-d, or null. */
function utcDays(y: number, m: number, d: number): number | null {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.getTime() / 86_400_000;
}

/** The reference value of one field's text for a kind; throws when the text is not valid. */
export function referenceValue(kind: CsvValueKind, s: string): Cell {
  switch (kind) {
    case 'utf8':
      return s;
    case 'int32':
    case 'int64': {
      if (!/^[+-]?\d+$/.test(s)) throw new Error(`bad int ${s}`);
      const v = BigInt(s);
      const bits = kind === 'int32' ? 32 : 64;
      if (v !== BigInt.asIntN(bits, v)) throw new Error(`int out of range ${s}`);
      return kind === 'int32' ? Number(v) : v;
    }
    case 'float64': {
      if (FLOAT_RE.test(s)) return Number(s);
      if (s === 'NaN' || s === 'nan') return NaN;
      const inf = /^([+-]?)(inf|Infinity)$/.exec(s);
      if (inf) return inf[1] === '-' ? -Infinity : Infinity;
      throw new Error(`bad float ${s}`);
    }
    case 'boolean':
      if (/^true$/i.test(s)) return true;
      if (/^false$/i.test(s)) return false;
      throw new Error(`bad boolean ${s}`);
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      const days = m ? utcDays(+m[1]!, +m[2]!, +m[3]!) : null;
      if (days === null) throw new Error(`bad date ${s}`);
      return days;
    }
    case 'timestamp': {
      const m = TS_RE.exec(s);
      const days = m ? utcDays(+m[1]!, +m[2]!, +m[3]!) : null;
      if (m === null || days === null) throw new Error(`bad timestamp ${s}`);
      const [hh, mm, ss] = [+(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
      if (hh > 23 || mm > 59 || ss > 59) throw new Error(`bad time ${s}`);
      const ms = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
      let offset = 0;
      const zone = m[8];
      if (zone !== undefined && zone !== 'Z') {
        const digits = zone.slice(1).replace(':', '');
        const oh = +digits.slice(0, 2);
        const om = digits.length > 2 ? +digits.slice(2) : 0;
        if (oh > 23 || om > 59) throw new Error(`bad offset ${s}`);
        offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
      }
      return days * 86_400_000 + ((hh * 60 + mm - offset) * 60 + ss) * 1000 + ms;
    }
  }
}

/** What reference() needs to know about a CSV text. */
export interface ReferenceOptions {
  delimiter: string;
  newline: '\n' | '\r\n';
  kinds: readonly CsvColumnKind[];
  nullValues: readonly (readonly string[])[];
}

/** Parses `text` with papaparse and converts every materialized column: the expected decode() output. */
export function reference(text: string, o: ReferenceOptions): Cell[][] {
  const parsed = Papa.parse<string[]>(text, {
    delimiter: o.delimiter,
    newline: o.newline,
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: true,
  });
  const quoteErrors = parsed.errors.filter((e) => e.type === 'Quotes');
  if (quoteErrors.length > 0) throw new Error(`papaparse: ${JSON.stringify(quoteErrors)}`);
  const cols: Cell[][] = [];
  o.kinds.forEach((kind, c) => {
    if (kind === 'skip') return;
    cols.push(
      parsed.data.map((row) => {
        if (row.length !== o.kinds.length) throw new Error(`papaparse row of ${row.length} fields: ${JSON.stringify(row)}`);
        const s = row[c]!;
        return s === '' || o.nullValues[c]!.includes(s) ? null : referenceValue(kind, s);
      }),
    );
  });
  return cols;
}

// ---------------------------------------------------------------------------------------------
// Random CSV text.

const TRICKY_FLOATS = [
  '0',
  '-0',
  '0.0',
  '-0.0',
  '1',
  '-1',
  '0.1',
  '0.2',
  '0.3',
  '1e22',
  '1e23',
  '9007199254740993',
  '9007199254740992',
  '123456789012345',
  '1234567890123456',
  '12345678901234567890',
  '2.2250738585072011e-308',
  '2.2250738585072014e-308',
  '4.9e-324',
  '5e-324',
  '2e-324',
  '1.7976931348623157e308',
  '1.7976931348623159e308',
  '1e309',
  '-1e309',
  '1e-400',
  '0.000001',
  '7.743712',
  '95.638451',
  '.5',
  '5.',
  '+.5',
  '-.5e-3',
  '00012.50',
  '1E5',
  '1e+5',
  '1e-5',
  '1e0000000000000000001',
  '3.14159265358979323846264338327950288',
  '0.1000000000000000055511151231257827',
  '8.98846567431158e307',
  '1.00000000000000011102230246251565404236316680908203125',
  '1.00000000000000011102230246251565404236316680908203124',
  '9.999999999999999e22',
  '123e20',
  '123e25',
  '1e-22',
  '1e-23',
  '4.35679e-304',
  'NaN',
  'nan',
  'inf',
  '-inf',
  '+inf',
  'Infinity',
  '-Infinity',
  '+Infinity',
];

/** A random float spelled any way the grammar allows. */
export function randomFloatText(rnd: () => number): string {
  const r = rnd();
  if (r < 0.15) return pick(rnd, TRICKY_FLOATS);
  if (r < 0.45) {
    const x = (rnd() - 0.5) * 10 ** int(rnd, -30, 30);
    const k = int(rnd, 0, 17);
    const forms = [String(x), x.toExponential(Math.min(k, 20)), x.toFixed(Math.min(k, 20)), x.toPrecision(Math.max(1, k))];
    return pick(rnd, forms);
  }
  if (r < 0.55) {
    // A random double's shortest round-trip text, sometimes with a digit changed: near-halfway cases.
    const bits = new Float64Array(
      new BigUint64Array([BigInt(int(rnd, 0, 0x7fefffff)) * 2n ** 32n + BigInt(int(rnd, 0, 2 ** 32 - 1))]).buffer,
    )[0]!;
    const s = bits.toExponential(int(rnd, 14, 20));
    return s;
  }
  const digits = (n: number) => Array.from({ length: n }, () => String(int(rnd, 0, 9))).join('');
  const sign = pick(rnd, ['', '', '-', '+']);
  const intPart = digits(int(rnd, 0, 20));
  let frac = rnd() < 0.7 ? `.${digits(int(rnd, 0, 25))}` : '';
  if (intPart === '' && frac.length < 2) frac = `.${digits(int(rnd, 1, 5))}`;
  const exp = rnd() < 0.4 ? `${pick(rnd, ['e', 'E'])}${pick(rnd, ['', '-', '+'])}${int(rnd, 0, 350)}` : '';
  return `${sign}${intPart}${frac}${exp}`;
}

function randomInt32Text(rnd: () => number): string {
  const v = pick(rnd, [0, 1, -1, 2147483647, -2147483648, int(rnd, -100, 100), int(rnd, -2147483648, 2147483647)]);
  const text = String(Math.abs(v)).padStart(rnd() < 0.1 ? int(rnd, 1, 14) : 0, '0');
  return (v < 0 ? '-' : rnd() < 0.05 ? '+' : '') + text;
}

function randomInt64Text(rnd: () => number): string {
  const big = BigInt.asIntN(64, (BigInt(int(rnd, 0, 2 ** 32 - 1)) << 32n) | BigInt(int(rnd, 0, 2 ** 32 - 1)));
  const v = pick(rnd, [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), BigInt(int(rnd, -1000, 1000)), big, 2n ** 53n + 1n, -(2n ** 53n) - 3n]);
  return String(v);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function randomDateText(rnd: () => number): string {
  const y = pick(rnd, [1970, 2000, 2024, 1900, 1, 9999, int(rnd, 1, 9999)]);
  const m = int(rnd, 1, 12);
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(int(rnd, 1, dim), 2)}`;
}

function randomTimestampText(rnd: () => number): string {
  let s = randomDateText(rnd);
  if (rnd() < 0.15) return s;
  s += `${pick(rnd, ['T', ' '])}${pad(int(rnd, 0, 23), 2)}:${pad(int(rnd, 0, 59), 2)}`;
  if (rnd() < 0.8) {
    s += `:${pad(int(rnd, 0, 59), 2)}`;
    if (rnd() < 0.5)
      s += `${pick(rnd, ['.', '.', ','])}${String(int(rnd, 0, 999_999_999))
        .padStart(9, '0')
        .slice(0, int(rnd, 1, 9))}`;
  }
  const zone = pick(rnd, ['', 'Z', '+01:00', '-05:30', '+0530', '-08', '+14:00']);
  return s + zone;
}

const TEXT_PIECES = [
  'a',
  'b',
  'xyz',
  '0',
  '42',
  ' ',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  'é',
  '日本',
  '😀',
  'NA',
  "'",
  '#',
];

function randomText(rnd: () => number): string {
  return Array.from({ length: int(rnd, 0, 4) }, () => pick(rnd, TEXT_PIECES)).join('');
}

/** Text for a valid value of a kind (skip columns get arbitrary text). */
export function randomValueText(rnd: () => number, kind: CsvColumnKind): string {
  switch (kind) {
    case 'skip':
    case 'utf8':
      return randomText(rnd);
    case 'int32':
      return randomInt32Text(rnd);
    case 'int64':
      return randomInt64Text(rnd);
    case 'float64':
      return randomFloatText(rnd);
    case 'boolean':
      return pick(rnd, ['true', 'false', 'TRUE', 'False', 'tRuE']);
    case 'date':
      return randomDateText(rnd);
    case 'timestamp':
      return randomTimestampText(rnd);
  }
}

/** A random CSV with everything reference() and the parser need to read it. */
export interface RandomCsv extends ReferenceOptions {
  text: string;
  spec: CsvParseSpec;
}

const KINDS: readonly CsvColumnKind[] = ['skip', 'int32', 'int64', 'float64', 'boolean', 'utf8', 'utf8', 'date', 'timestamp'];

/** A random CSV of at least two columns (one-column files have their own blank-line rule). */
export function randomCsv(rnd: () => number, options: { maxRows?: number; maxColumns?: number } = {}): RandomCsv {
  const ncols = int(rnd, 2, options.maxColumns ?? 6);
  const kinds = Array.from({ length: ncols }, () => pick(rnd, KINDS));
  const delimiter = pick(rnd, [',', ',', ';', '\t', '|']);
  const newline = pick(rnd, ['\n', '\r\n'] as const);
  const nullValues = kinds.map((k) => (k === 'skip' ? [] : pick(rnd, [[], ['NA'], ['NA', '-999'], ['n/a']])));
  const rows = int(rnd, 0, options.maxRows ?? 12);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const fields = kinds.map((kind, c) => {
      const roll = rnd();
      const raw = roll < 0.1 ? '' : roll < 0.15 && nullValues[c]!.length > 0 ? pick(rnd, nullValues[c]!) : randomValueText(rnd, kind);
      const mustQuote = /[",;\t|\r\n]/.test(raw) || raw.startsWith('#');
      return mustQuote || rnd() < 0.15 ? `"${raw.replaceAll('"', '""')}"` : raw;
    });
    lines.push(fields.join(delimiter));
  }
  const text = lines.join(newline) + (rows > 0 && rnd() < 0.7 ? newline : '');
  const spec: CsvParseSpec = {
    dialect: { delimiter: delimiter.charCodeAt(0), quote: 34, comment: null },
    columns: kinds.map((kind, c) => ({ kind, nullValues: nullValues[c]!.map(utf8) })),
    chunkSize: int(rnd, 1, 5),
  };
  return { text, spec, delimiter, newline, kinds, nullValues };
}
