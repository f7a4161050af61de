/** The five H2O join questions on a small generated join set: Volley's answers (threads 1 and 2) against DuckDB running the benchmark's SQL, as multisets of whole rows. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H2O_JOIN_QUESTIONS } from '../../bench/h2o/join-queries.js';
import { h2oJoinCsv, h2oJoinTables, JOIN_TABLES, type JoinTableName } from '../../datasets/h2o-join.js';
import { readCsv, shutdownPool, type DataFrame } from '../../src/index.js';
import type { SqlValue } from '../h2o/duckdb.js';

/** 20,000 left rows: a one-row small table, 20 medium rows over 20 id2 keys, and a big table of 20,000 rows. */
const ROWS = 20_000;

/**
 * Each row as one string (integers of any width as numbers), sorted: the multiset of rows. Values
 * compare exactly: both engines parse the same decimal text to the nearest double, and a join
 * only copies values.
 */
function rowMultiset(rows: readonly Record<string, unknown>[], columns: readonly string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => (typeof r[c] === 'bigint' ? Number(r[c]) : (r[c] ?? null))))).sort();
}

/** Null when the two multisets are equal; otherwise the sizes and the first few rows that differ. */
function multisetDifference(a: readonly string[], b: readonly string[]): string | null {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length} rows`;
  const bad: string[] = [];
  for (let i = 0; i < a.length && bad.length < 5; i++) if (a[i] !== b[i]) bad.push(`${a[i]} vs ${b[i]}`);
  return bad.length === 0 ? null : bad.join('\n');
}

describe('H2O join questions against DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'volley-join-'));
  const frames = {} as Record<JoinTableName, DataFrame>;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
    const tables = h2oJoinTables({ rows: ROWS, seed: 7 });
    for (const name of JOIN_TABLES) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, h2oJoinCsv(tables[name]));
      frames[name] = await readCsv(path, { chunkSize: 4096 });
      await conn.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${path}', header = true)`);
    }
  });

  afterAll(async () => {
    conn.closeSync();
    instance.closeSync();
    await shutdownPool();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(H2O_JOIN_QUESTIONS.map((q) => [q.id, q.title, q] as const))(
    '%s %s: the same rows as DuckDB, and the same answer at threads 1 and 2',
    async (_id, _title, q) => {
      const sql = (await conn.runAndReadAll(q.sql)).getRowObjectsJS() as Record<string, SqlValue>[];
      expect(sql.length).toBeGreaterThan(0);
      const want = rowMultiset(sql, q.columns);
      const answers: string[] = [];
      for (const threads of [1, 2]) {
        const out = await q.query(frames.x, frames[q.right]).collect({ threads, morselSize: 1500 });
        // Volley names a clashing right column `id4_right` where the SQL says `small_id4`: same place, other name.
        expect(out.columns.length, `threads ${threads}: columns ${out.columns.join(', ')}`).toBe(q.columns.length);
        const rows = out.toRecords().map((r) => Object.fromEntries(out.columns.map((c, i) => [q.columns[i]!, r[c] ?? null])));
        expect(multisetDifference(rowMultiset(rows, q.columns), want), `threads ${threads} vs DuckDB`).toBeNull();
        answers.push(JSON.stringify(rows));
      }
      expect(answers[1] === answers[0], 'threads 2 gives the rows of threads 1, in the same order').toBe(true);
    },
  );
});
