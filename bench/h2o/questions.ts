/** The ten H2O groupby questions: Volley's LazyFrame query for each, joined with its title and SQL; the one definition the benchmark and the tests share. */

import { col, corr, len, type DataFrame, type LazyFrame } from '../../src/index.js';
import { QUESTIONS, type Question, type QuestionId } from '../peers/questions.js';

/** Builds one question's query over a loaded table, or over a scan of the file; nothing runs until `collect`. */
export type VolleyQuestion = (x: DataFrame | LazyFrame) => LazyFrame;

/**
 * The queries, in db-benchmark order. Output names match the SQL in `bench/peers/questions.ts`
 * column for column, because answers are checked against DuckDB's by name.
 *
 * @example
 * const answer = await VOLLEY_QUESTIONS.q1(df).collect({ threads: 2 });
 */
export const VOLLEY_QUESTIONS: Readonly<Record<QuestionId, VolleyQuestion>> = {
  q1: (x) => x.lazy().groupBy('id1').agg(col('v1').sum().alias('v1')),
  q2: (x) => x.lazy().groupBy('id1', 'id2').agg(col('v1').sum().alias('v1')),
  q3: (x) => x.lazy().groupBy('id3').agg(col('v1').sum().alias('v1'), col('v3').mean().alias('v3')),
  q4: (x) => x.lazy().groupBy('id4').agg(col('v1').mean().alias('v1'), col('v2').mean().alias('v2'), col('v3').mean().alias('v3')),
  q5: (x) => x.lazy().groupBy('id6').agg(col('v1').sum().alias('v1'), col('v2').sum().alias('v2'), col('v3').sum().alias('v3')),
  q6: (x) => x.lazy().groupBy('id4', 'id5').agg(col('v3').median().alias('median_v3'), col('v3').std().alias('sd_v3')),
  q7: (x) =>
    x
      .lazy()
      .groupBy('id3')
      .agg(col('v1').max().sub(col('v2').min()).alias('range_v1_v2')),
  // The SQL's row_number() window becomes a sort followed by a per-group head, which keeps
  // each group's rows in sorted order: the two largest v3 of every id6.
  q8: (x) =>
    x
      .lazy()
      .filter(col('v3').isNotNull())
      .sort('v3', { descending: true })
      .groupBy('id6')
      .head(2)
      .select(col('id6'), col('v3').alias('largest2_v3')),
  q9: (x) =>
    x
      .lazy()
      .groupBy('id2', 'id4')
      .agg(corr(col('v1'), col('v2')).pow(2).alias('r2')),
  q10: (x) => x.lazy().groupBy('id1', 'id2', 'id3', 'id4', 'id5', 'id6').agg(col('v3').sum().alias('v3'), len().alias('count')),
};

/** One question whole: its id, title and SQL (`bench/peers/questions.ts`) and the Volley query that answers the same. */
export interface H2OQuestion extends Question {
  readonly query: VolleyQuestion;
}

/**
 * Every question with both of its forms, in db-benchmark order: the benchmark times `query`
 * against the peers' SQL, and the tests check `query` against DuckDB running `sql`.
 *
 * @example
 * for (const q of H2O_QUESTIONS) await q.query(df).collect({ threads: 2 }); // and duckdb.run(q.sql)
 */
export const H2O_QUESTIONS: readonly H2OQuestion[] = QUESTIONS.map((q) => ({ ...q, query: VOLLEY_QUESTIONS[q.id] }));

/** The columns every question reads: a CSV without them cannot run the H2O questions. */
export const H2O_QUESTION_COLUMNS: readonly string[] = ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'v2', 'v3'];

/**
 * Whether a table has the H2O groupby layout the questions need; the names it lacks otherwise.
 *
 * @example
 * missingH2OColumns(df.columns); // [] for a generated G1_* file
 */
export function missingH2OColumns(names: readonly string[]): string[] {
  return H2O_QUESTION_COLUMNS.filter((name) => !names.includes(name));
}
