/** The DuckDB groupby engine both DuckDB runners share: a connection at a thread count, each question's answer materialized as a table; only how the table `x` comes to be differs. */

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { scalar, summarizeTable } from './duckdb-summary.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import type { PeerEngine } from './runner.js';

/**
 * A DuckDB engine named `name` whose load makes `x` from the CSV with `makeX` (a table read
 * whole, or a view over `read_csv` so each question reads the file).
 *
 * @example
 * await runRunner((args) => createDuckdbEngine(args.threads, 'duckdb', (conn, csv) => conn.run(`CREATE TABLE x AS ...`)));
 */
export async function createDuckdbEngine(
  threads: number,
  name: string,
  makeX: (conn: DuckDBConnection, csv: string) => Promise<unknown>,
): Promise<PeerEngine<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (threads > 0) await conn.run(`SET threads = ${threads}`);
  const actualThreads = Number(await scalar(conn, "SELECT current_setting('threads')"));
  const version = String(await scalar(conn, 'SELECT version()'));
  const questions: Partial<Record<QuestionId, (table: string) => Promise<string>>> = {};
  for (const q of QUESTIONS) {
    // Materialising the answer as a table is what db-benchmark times for DuckDB: the result
    // is fully computed in the engine's own format, not converted into JS values.
    questions[q.id] = async () => {
      await conn.run(`CREATE OR REPLACE TABLE ans AS ${q.sql}`);
      return 'ans';
    };
  }
  return {
    name,
    version,
    threads: actualThreads,
    async load(csv) {
      await makeX(conn, csv);
      return 'x';
    },
    rowCount: async (table) => Number(await scalar(conn, `SELECT count(*) FROM ${table}`)),
    questions,
    summarize: (table) => summarizeTable(conn, table),
    release: async (table) => void (await conn.run(`DROP TABLE ${table}`)),
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
