/** Compares two answers as multisets of rows (order ignored), numbers across integer types, floats within a tolerance. */
import type { Row } from '../../src/table/table.js';
import type { SqlValue } from './duckdb.js';

/** Relative tolerance: DuckDB and Volley sum and average in different orders and algorithms. */
export const SQL_TOLERANCE = 1e-9;

type Cell = number | string | boolean | null;

/**
 * One cell in a form both engines share: integers of any width and floats as numbers. NaN stays
 * NaN: DuckDB, like Polars, gives NaN (not NULL) for the correlation of a constant column.
 */
function normalize(v: Row[string] | SqlValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  return v;
}

function close(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
    return Math.abs(a - b) <= SQL_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** A sort key that orders rows by every cell, floats rounded so near-equal rows sort together. */
function sortKey(row: readonly Cell[]): string {
  return row.map((c) => (typeof c === 'number' ? c.toPrecision(8) : JSON.stringify(c))).join('\u0000');
}

/**
 * Null when `a` and `b` hold the same rows over `columns` in any order; otherwise the first
 * differences. Rows are sorted by all their cells, then compared pairwise.
 */
export function diffMultisets(
  a: readonly Record<string, Row[string] | SqlValue>[],
  b: readonly Record<string, Row[string] | SqlValue>[],
  columns: readonly string[],
): string | null {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length} rows`;
  const prep = (rows: readonly Record<string, Row[string] | SqlValue>[]) =>
    rows
      .map((r) => columns.map((c) => normalize(r[c] ?? null)))
      .sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : sortKey(x) > sortKey(y) ? 1 : 0));
  const x = prep(a);
  const y = prep(b);
  const problems: string[] = [];
  for (let i = 0; i < x.length && problems.length < 5; i++) {
    const bad = columns.filter((_, j) => !close(x[i]![j]!, y[i]![j]!));
    if (bad.length > 0) problems.push(`row ${i}: ${JSON.stringify(x[i])} vs ${JSON.stringify(y[i])} (columns ${bad.join(', ')})`);
  }
  return problems.length === 0 ? null : problems.join('\n');
}
