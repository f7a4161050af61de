/** Arquero peer runner: loads the CSV with loadCSV and answers each question with Arquero verbs (single-threaded). */

import * as aq from 'arquero';
import { op } from 'arquero';
import type { ColumnTable } from 'arquero';
import type { QuestionId } from './questions.js';
import { packageVersion, runRunner, type AnswerSummary, type PeerEngine } from './runner.js';

type Question = (x: ColumnTable) => Promise<ColumnTable>;

// Arquero compiles these closures from their source text, so each must reference only
// its row argument and `op`; captured variables would not survive the parse.
const QUESTIONS: Partial<Record<QuestionId, Question>> = {
  q1: async (x) => x.groupby('id1').rollup({ v1: (d) => op.sum(d.v1) }),
  q2: async (x) => x.groupby('id1', 'id2').rollup({ v1: (d) => op.sum(d.v1) }),
  q3: async (x) => x.groupby('id3').rollup({ v1: (d) => op.sum(d.v1), v3: (d) => op.mean(d.v3) }),
  q4: async (x) => x.groupby('id4').rollup({ v1: (d) => op.mean(d.v1), v2: (d) => op.mean(d.v2), v3: (d) => op.mean(d.v3) }),
  q5: async (x) => x.groupby('id6').rollup({ v1: (d) => op.sum(d.v1), v2: (d) => op.sum(d.v2), v3: (d) => op.sum(d.v3) }),
  q6: async (x) => x.groupby('id4', 'id5').rollup({ median_v3: (d) => op.median(d.v3), sd_v3: (d) => op.stdev(d.v3) }),
  q7: async (x) => x.groupby('id3').rollup({ range_v1_v2: (d) => op.max(d.v1) - op.min(d.v2) }),
  // A grouped, ordered table turns row_number into a per-group window, as in the SQL.
  q8: async (x) =>
    x
      .filter((d) => d.v3 != null)
      .groupby('id6')
      .orderby(aq.desc('v3'))
      .filter(() => op.row_number() <= 2)
      .ungroup()
      .unorder()
      .select({ id6: 'id6', v3: 'largest2_v3' }),
  q9: async (x) => x.groupby('id2', 'id4').rollup({ r2: (d) => op.pow(op.corr(d.v1, d.v2), 2) }),
  q10: async (x) => x.groupby('id1', 'id2', 'id3', 'id4', 'id5', 'id6').rollup({ v3: (d) => op.sum(d.v3), count: () => op.count() }),
};

function summarize(ans: ColumnTable): AnswerSummary {
  const sums: Record<string, number> = {};
  for (const name of ans.columnNames()) {
    const values = ans.array(name);
    // A column is numeric when its first non-null value is; null and NaN are skipped,
    // the same rule every runner follows.
    let numeric = false;
    let sum = 0;
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (typeof v !== 'number') {
        numeric = false;
        break;
      }
      numeric = true;
      if (!Number.isNaN(v)) sum += v;
    }
    if (numeric) sums[name] = sum;
  }
  return { rows: ans.numRows(), sums };
}

async function createArquero(): Promise<PeerEngine<ColumnTable, ColumnTable>> {
  return {
    name: 'arquero',
    version: packageVersion('arquero'),
    threads: 1,
    // loadCSV streams the file, so it is not capped by V8's maximum string length as
    // fromCSV on the whole file text would be at larger sizes.
    load: (csv) => aq.loadCSV(csv),
    rowCount: async (x) => x.numRows(),
    questions: QUESTIONS,
    summarize: async (ans) => summarize(ans),
  };
}

await runRunner(() => createArquero());
