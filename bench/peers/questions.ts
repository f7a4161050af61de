/** The ten db-benchmark groupby questions as SQL, shared by every peer runner and by the tests' DuckDB oracle (through `bench/h2o/questions.ts`). */

/** Identifier of one groupby question, `q1` to `q10`. */
export type QuestionId = 'q1' | 'q2' | 'q3' | 'q4' | 'q5' | 'q6' | 'q7' | 'q8' | 'q9' | 'q10';

/** One question: its id, the db-benchmark title, and its SQL against a table named `x`. */
export interface Question {
  readonly id: QuestionId;
  readonly title: string;
  readonly sql: string;
}

/**
 * The question list in db-benchmark order. Output column names are part of the contract:
 * answers are checked by column name, so every runner must alias its results exactly as here.
 * Where Polars and SQL disagree on a corner, the SQL follows Polars (and Volley): a sum over only
 * nulls is 0 in Polars and NULL in SQL, hence `coalesce(sum(...), 0)`. This module imports nothing
 * from Volley, so a peer's own process does not load it.
 *
 * @example
 * await conn.run(`CREATE TABLE ans AS ${QUESTIONS[0]!.sql}`);
 */
export const QUESTIONS: readonly Question[] = [
  { id: 'q1', title: 'sum v1 by id1', sql: 'SELECT id1, coalesce(sum(v1), 0) AS v1 FROM x GROUP BY id1' },
  { id: 'q2', title: 'sum v1 by id1:id2', sql: 'SELECT id1, id2, coalesce(sum(v1), 0) AS v1 FROM x GROUP BY id1, id2' },
  { id: 'q3', title: 'sum v1 mean v3 by id3', sql: 'SELECT id3, coalesce(sum(v1), 0) AS v1, avg(v3) AS v3 FROM x GROUP BY id3' },
  {
    id: 'q4',
    title: 'mean v1:v3 by id4',
    sql: 'SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4',
  },
  {
    id: 'q5',
    title: 'sum v1:v3 by id6',
    sql: 'SELECT id6, coalesce(sum(v1), 0) AS v1, coalesce(sum(v2), 0) AS v2, coalesce(sum(v3), 0) AS v3 FROM x GROUP BY id6',
  },
  {
    id: 'q6',
    title: 'median v3 sd v3 by id4 id5',
    sql: 'SELECT id4, id5, median(v3) AS median_v3, stddev_samp(v3) AS sd_v3 FROM x GROUP BY id4, id5',
  },
  {
    id: 'q7',
    title: 'max v1 - min v2 by id3',
    sql: 'SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3',
  },
  {
    id: 'q8',
    title: 'largest two v3 by id6',
    sql:
      'SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3' +
      ' FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2',
  },
  {
    id: 'q9',
    title: 'regression v1 v2 by id2 id4',
    sql: 'SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4',
  },
  {
    id: 'q10',
    title: 'sum v3 count by id1:id6',
    sql:
      'SELECT id1, id2, id3, id4, id5, id6, coalesce(sum(v3), 0) AS v3, count(*) AS count FROM x' +
      ' GROUP BY id1, id2, id3, id4, id5, id6',
  },
];
