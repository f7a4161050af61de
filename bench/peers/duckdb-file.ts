/** DuckDB peer runner on the file: each question's SQL over a view of `read_csv(path)`, so nothing is loaded before the question runs. */

import { createDuckdbEngine } from './duckdb-engine.js';
import { quoteString } from './duckdb-summary.js';
import { runRunner } from './runner.js';

// a view is inlined into each query: DuckDB reads only the columns the question needs, as it
// does for `SELECT ... FROM read_csv(...)` written out; the answer is materialized, as in memory
await runRunner(async (args) => {
  const engine = await createDuckdbEngine(args.threads, 'duckdb-file', (conn, csv) =>
    conn.run(`CREATE VIEW x AS SELECT * FROM read_csv(${quoteString(csv)})`),
  );
  // nothing is loaded: counting the rows would read the file once more
  return { ...engine, rowCount: async () => 0 };
});
