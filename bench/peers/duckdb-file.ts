/** DuckDB peer runner on the file: each question's SQL over a view of `read_csv(path)`, so nothing is loaded before the question runs. */

import { DuckDBInstance } from '@duckdb/node-api';
import { quoteString, scalar, summarizeTable } from './duckdb-summary.js';
import { QUESTIONS, type QuestionId } from './questions.js';
import { runRunner, type PeerEngine } from './runner.js';

async function createDuckdbFile(threads: number): Promise<PeerEngine<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (threads > 0) await conn.run(`SET threads = ${threads}`);
  const actualThreads = Number(await scalar(conn, "SELECT current_setting('threads')"));
  const version = String(await scalar(conn, 'SELECT version()'));
  const questions: Partial<Record<QuestionId, (view: string) => Promise<string>>> = {};
  // a view is inlined into each query: DuckDB reads only the columns the question needs, as it
  // does for `SELECT ... FROM read_csv(...)` written out; the answer is materialized, as in memory
  for (const q of QUESTIONS)
    questions[q.id] = async () => {
      await conn.run(`CREATE OR REPLACE TABLE ans AS ${q.sql}`);
      return 'ans';
    };
  return {
    name: 'duckdb-file',
    version,
    threads: actualThreads,
    async load(csv) {
      await conn.run(`CREATE VIEW x AS SELECT * FROM read_csv(${quoteString(csv)})`);
      return 'x';
    },
    rowCount: async () => 0,
    questions,
    summarize: (table) => summarizeTable(conn, table),
    release: async (table) => void (await conn.run(`DROP TABLE ${table}`)),
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

await runRunner((args) => createDuckdbFile(args.threads));
