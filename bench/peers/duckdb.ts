/** DuckDB peer runner: loads the CSV with read_csv into a table and answers each question in SQL. */

import { createDuckdbEngine } from './duckdb-engine.js';
import { quoteString } from './duckdb-summary.js';
import { runRunner } from './runner.js';

await runRunner((args) =>
  createDuckdbEngine(args.threads, 'duckdb', (conn, csv) => conn.run(`CREATE TABLE x AS SELECT * FROM read_csv(${quoteString(csv)})`)),
);
