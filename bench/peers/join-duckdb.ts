/** DuckDB join runner: loads the four tables with read_csv and answers each join question in db-benchmark's SQL. */

import { DuckDBInstance } from '@duckdb/node-api';
import { quoteString, scalar, summarizeTable } from './duckdb-summary.js';
import { runJoinRunner, type JoinEngine } from './join-runner.js';

async function createDuckdb(threads: number): Promise<JoinEngine<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (threads > 0) await conn.run(`SET threads = ${threads}`);
  const actualThreads = Number(await scalar(conn, "SELECT current_setting('threads')"));
  const version = String(await scalar(conn, 'SELECT version()'));
  return {
    name: 'duckdb',
    version,
    threads: actualThreads,
    async load(name, path) {
      // The small table holds a single row at 1e6 (N/1e6), too few for the sniffer to tell a header.
      await conn.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv(${quoteString(path)}, header = true)`);
      return name;
    },
    rowCount: async (table) => Number(await scalar(conn, `SELECT count(*) FROM ${table}`)),
    // The answer is materialised as a table, as db-benchmark's DuckDB script times it.
    async answer(q) {
      await conn.run(`CREATE OR REPLACE TABLE ans AS ${q.sql}`);
      return 'ans';
    },
    // The SQL names the columns as the question does, so the sums need no renaming.
    summarize: (_q, table) => summarizeTable(conn, table),
    release: async (table) => void (await conn.run(`DROP TABLE ${table}`)),
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

await runJoinRunner((args) => createDuckdb(args.threads));
