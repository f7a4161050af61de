/** DuckDB peer runner: loads the CSV with read_csv into a table and answers each question in SQL. */

import { DuckDBInstance } from '@duckdb/node-api';
import { quoteString, scalar, summarizeTable } from './duckdb-summary.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import { runRunner, type PeerEngine } from './runner.js';

async function createDuckdb(threads: number): Promise<PeerEngine<string, string>> {
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
    name: 'duckdb',
    version,
    threads: actualThreads,
    async load(csv) {
      await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv(${quoteString(csv)})`);
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

await runRunner((args) => createDuckdb(args.threads));
