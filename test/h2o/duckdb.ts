/** DuckDB as a second oracle: loads a CSV with read_csv and answers SQL as plain JS rows. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A cell as DuckDB's JS conversion gives it: numbers, bigints (BIGINT/HUGEINT), strings, booleans, null. */
export type SqlValue = number | bigint | string | boolean | null;

/** An open in-memory database holding one table `x`. */
export interface SqlOracle {
  query(sql: string): Promise<Record<string, SqlValue>[]>;
  close(): void;
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Opens an in-memory DuckDB and loads `csvPath` as table `x` (types inferred by read_csv, empty
 * fields as NULL).
 *
 * @example
 * const db = await openDuckDB('/tmp/G1.csv');
 * await db.query('SELECT count(*) AS n FROM x'); // [{ n: 10000n }]
 */
export async function openDuckDB(csvPath: string): Promise<SqlOracle> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv(${quote(csvPath)})`);
  return {
    async query(sql) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Record<string, SqlValue>[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
