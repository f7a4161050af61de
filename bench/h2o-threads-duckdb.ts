/**
 * DuckDB beside Volley in the threads benchmark: the same CSV loaded into an in-process DuckDB,
 * each question timed with `SET threads = 1` and with N, so that Volley's speed-up can be read
 * against a mature engine's on the same cores in the same run.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { QUESTIONS, type QuestionId } from './peers/questions.js';

/** Times questions on a DuckDB table loaded from one CSV. */
export interface DuckdbThreads {
  /** Seconds one run of `id` takes on `threads` threads (the answer materialized as a table, as the peer run does). */
  time(id: QuestionId, threads: number): Promise<number>;
  close(): void;
}

/**
 * Loads `csv` into an in-memory DuckDB table `x`.
 *
 * @example
 * const duck = await openDuckdbThreads('datasets/out/G1_1e7_1e2_0_0.csv');
 * const seconds = await duck.time('q1', 2);
 * duck.close();
 */
export async function openDuckdbThreads(csv: string): Promise<DuckdbThreads> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`);
  let current = -1;
  return {
    async time(id, threads) {
      if (threads !== current) {
        await conn.run(`SET threads = ${threads}`);
        current = threads;
      }
      const sql = QUESTIONS.find((q) => q.id === id)!.sql;
      const t0 = performance.now();
      await conn.run(`CREATE OR REPLACE TABLE ans AS ${sql}`);
      return (performance.now() - t0) / 1000;
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
