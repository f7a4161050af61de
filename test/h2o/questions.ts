/** The ten H2O db-benchmark groupby questions, as the benchmark's Volley queries and as DuckDB SQL meaning the same thing. */
import type { DataFrame, LazyFrame } from '../../src/index.js';
import { VOLLEY_QUESTIONS } from '../../bench/h2o/questions.js';

/** One question: its id and title, the Volley query, and SQL over a table `x` with the same answer. */
export interface H2OQuestion {
  readonly id: string;
  readonly title: string;
  readonly query: (x: DataFrame) => LazyFrame;
  /**
   * The SQL form. Where Polars and SQL disagree on a corner, the SQL is written to Polars' rule:
   * a sum over only nulls is 0 in Polars and NULL in SQL, hence `coalesce(sum(...), 0)`.
   */
  readonly sql: string;
}

/**
 * The questions in db-benchmark order; output names match the SQL column for column.
 *
 * @example
 * await H2O_QUESTIONS[0]!.query(df).collect({ threads: 2 });
 */
export const H2O_QUESTIONS: readonly H2OQuestion[] = [
  {
    id: 'q1',
    title: 'sum v1 by id1',
    query: VOLLEY_QUESTIONS.q1,
    sql: 'SELECT id1, coalesce(sum(v1), 0) AS v1 FROM x GROUP BY id1',
  },
  {
    id: 'q2',
    title: 'sum v1 by id1:id2',
    query: VOLLEY_QUESTIONS.q2,
    sql: 'SELECT id1, id2, coalesce(sum(v1), 0) AS v1 FROM x GROUP BY id1, id2',
  },
  {
    id: 'q3',
    title: 'sum v1 mean v3 by id3',
    query: VOLLEY_QUESTIONS.q3,
    sql: 'SELECT id3, coalesce(sum(v1), 0) AS v1, avg(v3) AS v3 FROM x GROUP BY id3',
  },
  {
    id: 'q4',
    title: 'mean v1:v3 by id4',
    query: VOLLEY_QUESTIONS.q4,
    sql: 'SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4',
  },
  {
    id: 'q5',
    title: 'sum v1:v3 by id6',
    query: VOLLEY_QUESTIONS.q5,
    sql: 'SELECT id6, coalesce(sum(v1), 0) AS v1, coalesce(sum(v2), 0) AS v2, coalesce(sum(v3), 0) AS v3 FROM x GROUP BY id6',
  },
  {
    id: 'q6',
    title: 'median v3 sd v3 by id4 id5',
    query: VOLLEY_QUESTIONS.q6,
    sql: 'SELECT id4, id5, median(v3) AS median_v3, stddev_samp(v3) AS sd_v3 FROM x GROUP BY id4, id5',
  },
  {
    id: 'q7',
    title: 'max v1 - min v2 by id3',
    query: VOLLEY_QUESTIONS.q7,
    sql: 'SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3',
  },
  {
    id: 'q8',
    title: 'largest two v3 by id6',
    // row_number() over a window is a sort followed by a per-group head: the first two rows of
    // each id6 in v3-descending order are its two largest v3.
    query: VOLLEY_QUESTIONS.q8,
    sql:
      'SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3' +
      ' FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2',
  },
  {
    id: 'q9',
    title: 'regression v1 v2 by id2 id4',
    query: VOLLEY_QUESTIONS.q9,
    sql: 'SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4',
  },
  {
    id: 'q10',
    title: 'sum v3 count by id1:id6',
    query: VOLLEY_QUESTIONS.q10,
    sql:
      'SELECT id1, id2, id3, id4, id5, id6, coalesce(sum(v3), 0) AS v3, count(*) AS count FROM x' +
      ' GROUP BY id1, id2, id3, id4, id5, id6',
  },
];
