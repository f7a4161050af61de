/** How engine answers are compared: with the reference (floats within 1e-9) and with each other (bit for bit). */
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';

/** Relative tolerance for floats against the reference; 1 is the floor of the scale, so values near 0 compare absolutely. */
export const FLOAT_TOLERANCE = 1e-9;

/**
 * Whether two floats agree: both NaN, the same infinity, or within {@link FLOAT_TOLERANCE} of
 * the larger magnitude (at least 1). Sums over different partial groupings differ in the last
 * bits; nothing else should.
 */
export function closeFloats(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function show(v: Scalar): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : `Date(${v.toISOString()})`;
  if (typeof v === 'string') return JSON.stringify(v);
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Null when `got` agrees with `want` for a column of `dtype`; otherwise why not. */
function cellMismatch(got: Scalar, want: Scalar, dtype: DataType): string | null {
  if (got === null || want === null) return got === want ? null : `${show(got)} != ${show(want)}`;
  switch (dtype) {
    case 'Float64':
      return typeof got === 'number' && typeof want === 'number' && closeFloats(got, want) ? null : `${show(got)} != ${show(want)}`;
    case 'Date':
    case 'Timestamp':
      return got instanceof Date && want instanceof Date && Object.is(got.getTime(), want.getTime())
        ? null
        : `${show(got)} != ${show(want)}`;
    default:
      // Integers compare exactly but -0 and 0 are one integer; types must match (bigint for Int64).
      return typeof got === typeof want && got === want ? null : `${show(got)} (${typeof got}) != ${show(want)} (${typeof want})`;
  }
}

/**
 * Compares the engine's rows (with their schema) to the reference's, in order. Returns null when
 * they agree, else a message naming the first differences.
 */
export function diffRows(
  got: { names: readonly string[]; dtypes: readonly DataType[]; rows: readonly Row[] },
  want: { names: readonly string[]; dtypes: readonly DataType[]; rows: readonly Row[] },
): string | null {
  const gotSchema = got.names.map((n, i) => `${n}: ${got.dtypes[i]}`).join(', ');
  const wantSchema = want.names.map((n, i) => `${n}: ${want.dtypes[i]}`).join(', ');
  if (gotSchema !== wantSchema) return `schema {${gotSchema}} != reference {${wantSchema}}`;
  if (got.rows.length !== want.rows.length)
    return `${got.rows.length} rows != reference ${want.rows.length} rows\n${firstRows(got.rows, want.rows)}`;
  const problems: string[] = [];
  for (let r = 0; r < want.rows.length && problems.length < 5; r++) {
    want.names.forEach((name, c) => {
      const m = cellMismatch(got.rows[r]![name] ?? null, want.rows[r]![name] ?? null, want.dtypes[c]!);
      if (m !== null && problems.length < 5) problems.push(`row ${r} "${name}": engine ${m} (reference)`);
    });
  }
  return problems.length === 0 ? null : problems.join('\n');
}

function firstRows(a: readonly Row[], b: readonly Row[]): string {
  const fmt = (rows: readonly Row[]) =>
    rows
      .slice(0, 8)
      .map(
        (r) =>
          `{ ${Object.entries(r)
            .map(([k, v]) => `${k}: ${show(v)}`)
            .join(', ')} }`,
      )
      .join('\n    ');
  return `  engine:\n    ${fmt(a)}\n  reference:\n    ${fmt(b)}`;
}

/** Whether two cells are the same bits: -0 is not 0, NaN is NaN, Int64 and dates exactly. */
function sameCell(a: Scalar, b: Scalar): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  return Object.is(a, b);
}

/**
 * Null when two results are bit-identical (same schema, same cells in the same order, -0 apart
 * from 0); else where they first differ. Runs of one query at one morsel size must be identical
 * whatever the thread count.
 */
export function bitDifference(
  a: { names: readonly string[]; dtypes: readonly DataType[]; rows: readonly Row[] },
  b: { names: readonly string[]; dtypes: readonly DataType[]; rows: readonly Row[] },
): string | null {
  const sa = a.names.map((n, i) => `${n}: ${a.dtypes[i]}`).join(', ');
  const sb = b.names.map((n, i) => `${n}: ${b.dtypes[i]}`).join(', ');
  if (sa !== sb) return `schema {${sa}} vs {${sb}}`;
  if (a.rows.length !== b.rows.length) return `${a.rows.length} rows vs ${b.rows.length} rows`;
  for (let r = 0; r < a.rows.length; r++) {
    for (const n of a.names) {
      const x = a.rows[r]![n] ?? null;
      const y = b.rows[r]![n] ?? null;
      if (!sameCell(x, y)) return `row ${r} "${n}": ${show(x)} vs ${show(y)}`;
    }
  }
  return null;
}
