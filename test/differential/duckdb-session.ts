/** An in-memory DuckDB for one describe block of differential tests: opened before, closed (with the pool) after. */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { shutdownPool } from '../../src/index.js';

/** A result row as DuckDB's JS conversion gives it. */
export type SqlRow = Record<string, unknown>;

/**
 * Registers hooks that open an empty in-memory DuckDB before the block's tests and close it,
 * and shut the worker pool down, after them. Call it inside `describe`; the returned function
 * runs SQL and gives the rows.
 *
 * @example
 * describe('x against DuckDB', () => {
 *   const query = useDuckDB();
 *   it('counts', async () => expect(await query('SELECT 1 AS n')).toEqual([{ n: 1 }]));
 * });
 */
export function useDuckDB(): (sql: string) => Promise<SqlRow[]> {
  let instance: DuckDBInstance | null = null;
  let run: ((sql: string) => Promise<SqlRow[]>) | null = null;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    run = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as SqlRow[];
  });
  afterAll(async () => {
    instance?.closeSync();
    await shutdownPool();
  });
  return (sql) => {
    if (run === null) throw new Error('useDuckDB(): query before the block opened the database');
    return run(sql);
  };
}
