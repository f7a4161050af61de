/** The five H2O join questions as Volley queries, joined with their SQL: the one definition the join benchmark and its tests share. */

import type { DataFrame, LazyFrame } from '../../src/index.js';
import { JOIN_QUESTIONS, type JoinQuestion } from '../peers/join-questions.js';

/**
 * One question's query: `x` joined with its right table on the question's key, as Polars'
 * `x.join(small, on="id1")` in db-benchmark. Volley's output columns follow Polars' (the right
 * table's without its key, a clashing name suffixed `_right`), in the SQL's order.
 *
 * @example
 * const answer = await volleyJoin(JOIN_QUESTIONS[0]!, x, small).collect({ threads: 2 });
 */
export function volleyJoin(q: JoinQuestion, x: DataFrame, right: DataFrame): LazyFrame {
  return x.lazy().join(right, { on: q.on, how: q.how });
}

/** One join question whole: its data (`bench/peers/join-questions.ts`) and the Volley query that answers it. */
export interface H2OJoinQuestion extends JoinQuestion {
  readonly query: (x: DataFrame, right: DataFrame) => LazyFrame;
}

/**
 * Every join question with both of its forms, in db-benchmark order: the benchmark times
 * `query` against the peers, and the tests check it against DuckDB running `sql`.
 *
 * @example
 * for (const q of H2O_JOIN_QUESTIONS) await q.query(x, tables[q.right]).collect();
 */
export const H2O_JOIN_QUESTIONS: readonly H2OJoinQuestion[] = JOIN_QUESTIONS.map((q) => ({
  ...q,
  query: (x: DataFrame, right: DataFrame) => volleyJoin(q, x, right),
}));
