/** The ten H2O groupby questions on small generated data sets, checked against the reference evaluator and DuckDB. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H2O_QUESTIONS } from '../../bench/h2o/questions.js';
import { h2oCsv } from '../../datasets/h2o.js';
import { readCsv, shutdownPool, type DataFrame } from '../../src/index.js';
import { bitDifference, diffRows } from '../differential/compare.js';
import { refSchemaOf, runPlan } from '../reference/evaluate.js';
import { openDuckDB, type SqlOracle } from './duckdb.js';
import { diffMultisets } from './multiset.js';

/**
 * Two shapes: the classic K=100 (few groups for id1..id5, 100 for id3/id6) without nulls, and
 * K=4 with 5% nulls, where id3 and id6 have 5000 groups of about four rows: the many-groups path,
 * empty-ish groups, null keys and all-null groups.
 */
const DATA_SETS = [
  { rows: 10_000, k: 100, nas: 0, seed: 7 },
  { rows: 20_000, k: 4, nas: 5, seed: 11 },
] as const;

const dir = mkdtempSync(join(tmpdir(), 'volley-h2o-'));

afterAll(async () => {
  await shutdownPool();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(DATA_SETS.map((d) => [`${d.rows} rows, K=${d.k}, ${d.nas}% nulls`, d] as const))('H2O groupby on %s', (_name, spec) => {
  let frame: DataFrame;
  let duck: SqlOracle;

  beforeAll(async () => {
    const path = join(dir, `G1_${spec.rows}_${spec.k}_${spec.nas}.csv`);
    writeFileSync(path, h2oCsv(spec));
    frame = await readCsv(path, { chunkSize: 4096 });
    duck = await openDuckDB(path);
  });

  afterAll(() => duck.close());

  it.each(H2O_QUESTIONS.map((q) => [q.id, q] as const))(
    '%s: the reference agrees with DuckDB, the engine with the reference and with itself',
    async (_id, question) => {
      const lf = question.query(frame);
      const schema = refSchemaOf(lf.plan);
      const want = { names: [...schema.keys()], dtypes: [...schema.values()], rows: runPlan(lf.plan) };
      // The oracle first: a DuckDB mismatch blames the reference, anything after it the engine.
      const sql = await duck.query(question.sql);
      expect(diffMultisets(want.rows, sql, want.names), 'reference vs DuckDB').toBeNull();
      const answers = [];
      for (const threads of [1, 2]) {
        const out = await lf.collect({ threads, morselSize: 1500 });
        const got = { names: out.schema.names, dtypes: out.schema.fields.map((f) => f.dtype), rows: out.toRecords() };
        expect(diffRows(got, want), `threads ${threads} vs reference`).toBeNull();
        answers.push(got);
      }
      expect(bitDifference(answers[1]!, answers[0]!), 'threads 2 bit-identical to threads 1').toBeNull();
    },
  );
});
