/** The five db-benchmark join questions as data (SQL, keys, output columns), shared by every join runner and by the tests' DuckDB oracle. */

import type { QuestionId } from './questions.js';

/** Identifier of one join question, `q1` to `q5` (a subset of the groupby ids, so the peer protocol and checks serve both). */
export type JoinQuestionId = Extract<QuestionId, 'q1' | 'q2' | 'q3' | 'q4' | 'q5'>;

/** The right-hand tables of the join data set; the left one is `x`. */
export type JoinRightTable = 'small' | 'medium' | 'big';

/** One join question: the db-benchmark title, the tables, the key, the join type, its SQL, and the answer's column names in order. */
export interface JoinQuestion {
  readonly id: JoinQuestionId;
  readonly title: string;
  readonly right: JoinRightTable;
  readonly on: string;
  readonly how: 'inner' | 'left';
  /** The answer as db-benchmark's DuckDB script asks for it, against tables `x`, `small`, `medium` and `big`. */
  readonly sql: string;
  /**
   * The SQL's output names, in order: `x`'s columns, then the right table's without the key.
   * Polars and Volley name a clashing right column `id4_right` where the SQL says `small_id4`,
   * but the order is the same in all three, so each runner reports its sums under these names
   * by position, and a different column count is an error rather than a silent mismatch.
   */
  readonly columns: readonly string[];
}

const X_COLUMNS = ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1'] as const;

function question(
  id: JoinQuestionId,
  title: string,
  right: JoinRightTable,
  on: string,
  how: 'inner' | 'left',
  rest: string[],
): JoinQuestion {
  const aliased = rest.map((c) => `${right}.${c} AS ${right}_${c}`);
  const join = how === 'inner' ? 'JOIN' : 'LEFT JOIN';
  return {
    id,
    title,
    right,
    on,
    how,
    sql: `SELECT x.*, ${[...aliased, 'v2'].join(', ')} FROM x ${join} ${right} USING (${on})`,
    columns: [...X_COLUMNS, ...rest.map((c) => `${right}_${c}`), 'v2'],
  };
}

/**
 * The questions in db-benchmark order, as its `join-duckdb` script writes them (`SELECT x.*,
 * small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)` and so on); its other scripts (Polars
 * `x.join(small, on="id1")`, pandas `x.merge(small, on='id1')`) return the same table. Each
 * benchmark run checks an answer by its row count and `sum(v1), sum(v2)`, as db-benchmark's `chk`
 * does, and by the sums of the other numeric columns. This module imports nothing from Volley,
 * so a peer's own process does not load it.
 *
 * @example
 * await conn.run(`CREATE TABLE ans AS ${JOIN_QUESTIONS[0]!.sql}`);
 * JOIN_QUESTIONS[0]!.columns; // ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'small_id4', 'v2']
 */
export const JOIN_QUESTIONS: readonly JoinQuestion[] = [
  question('q1', 'small inner on int', 'small', 'id1', 'inner', ['id4']),
  question('q2', 'medium inner on int', 'medium', 'id2', 'inner', ['id1', 'id4', 'id5']),
  question('q3', 'medium outer on int', 'medium', 'id2', 'left', ['id1', 'id4', 'id5']),
  question('q4', 'medium inner on factor', 'medium', 'id5', 'inner', ['id1', 'id2', 'id4']),
  question('q5', 'big inner on int', 'big', 'id3', 'inner', ['id1', 'id2', 'id4', 'id5', 'id6']),
];

/**
 * Renames an answer's per-column sums from the engine's names to the question's, by position
 * (see {@link JoinQuestion.columns}); throws when the answer has another number of columns.
 *
 * @example
 * canonicalSums(JOIN_QUESTIONS[0]!, ['id1', ..., 'id4_right', 'v2'], { id1: 10, v1: 5, v2: 7 }); // { id1: 10, v1: 5, v2: 7 }
 */
export function canonicalSums(q: JoinQuestion, names: readonly string[], sums: Readonly<Record<string, number>>): Record<string, number> {
  if (names.length !== q.columns.length)
    throw new Error(`${q.id}: the answer has ${names.length} columns (${names.join(', ')}), expected ${q.columns.length}`);
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    const sum = sums[name];
    if (sum !== undefined) out[q.columns[i]!] = sum;
  });
  return out;
}
