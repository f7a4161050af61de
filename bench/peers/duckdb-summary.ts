/** Row count and per-column sums of a DuckDB table, taken in SQL by the rule every runner follows; shared by the groupby and join DuckDB runners. */

import { DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import type { AnswerSummary } from './runner.js';

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/**
 * A SQL identifier, quoted.
 *
 * @example
 * quoteIdent('a"b'); // '"a""b"'
 */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * A SQL string literal, quoted.
 *
 * @example
 * quoteString("it's"); // "'it''s'"
 */
export const quoteString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The first value of a query's first row.
 *
 * @example
 * await scalar(conn, 'SELECT version()'); // 'v1.4.1'
 */
export async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRows()[0]?.[0];
}

/**
 * Sums every numeric column of `table` in DOUBLE with NaN skipped, the same rule every runner follows.
 *
 * @example
 * await summarizeTable(conn, 'ans'); // { rows: 100, sums: { v1: 29998881 } }
 */
export async function summarizeTable(conn: DuckDBConnection, table: string): Promise<AnswerSummary> {
  const shape = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
  const types = shape.columnTypes();
  const numeric = shape.columnNames().filter((_, i) => {
    const type = types[i];
    return type !== undefined && NUMERIC.has(type.typeId);
  });
  const sums = numeric.map((c) => {
    const v = `${quoteIdent(c)}::DOUBLE`;
    return `coalesce(sum(${v}) FILTER (WHERE NOT isnan(${v})), 0)`;
  });
  const reader = await conn.runAndReadAll(`SELECT count(*)::DOUBLE${sums.map((s) => `, ${s}`).join('')} FROM ${table}`);
  const row = reader.getRows()[0] ?? [];
  const result: Record<string, number> = {};
  numeric.forEach((c, i) => (result[c] = Number(row[i + 1])));
  return { rows: Number(row[0]), sums: result };
}
