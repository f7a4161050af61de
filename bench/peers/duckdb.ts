/** DuckDB peer runner: loads the CSV with read_csv into a table and answers each question in SQL. */

import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import { QUESTIONS, type QuestionId } from './questions.js';
import { runRunner, type AnswerSummary, type PeerEngine } from './runner.js';

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRows()[0]?.[0];
}

async function summarize(conn: DuckDBConnection, table: string): Promise<AnswerSummary> {
  const shape = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
  const types = shape.columnTypes();
  const numeric = shape.columnNames().filter((_, i) => {
    const type = types[i];
    return type !== undefined && NUMERIC.has(type.typeId);
  });
  // Sums are taken in DOUBLE with NaN skipped, the same rule every runner follows.
  const sums = numeric.map((c) => {
    const v = `${quoteIdent(c)}::DOUBLE`;
    return `coalesce(sum(${v}) FILTER (WHERE NOT isnan(${v})), 0)`;
  });
  const reader = await conn.runAndReadAll(`SELECT count(*)::DOUBLE${sums.map((s) => `, ${s}`).join('')} FROM ${table}`);
  const row = reader.getRows()[0] ?? [];
  const result: Record<string, number> = {};
  numeric.forEach((c, i) => (result[c] = Number(row[i + 1])));
  return { rows: Number(row[0]), sums: result };
}

async function createDuckdb(threads: number): Promise<PeerEngine<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  if (threads > 0) await conn.run(`SET threads = ${threads}`);
  const actualThreads = Number(await scalar(conn, "SELECT current_setting('threads')"));
  const version = String(await scalar(conn, 'SELECT version()'));
  const questions: Partial<Record<QuestionId, (table: string) => Promise<string>>> = {};
  for (const q of QUESTIONS) {
    // Materialising the answer as a table is what db-benchmark times for DuckDB: the result
    // is fully computed in the engine's own format, not converted into JS values.
    questions[q.id] = async () => {
      await conn.run(`CREATE OR REPLACE TABLE ans AS ${q.sql}`);
      return 'ans';
    };
  }
  return {
    name: 'duckdb',
    version,
    threads: actualThreads,
    async load(csv) {
      await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv(${quoteString(csv)})`);
      return 'x';
    },
    rowCount: async (table) => Number(await scalar(conn, `SELECT count(*) FROM ${table}`)),
    questions,
    summarize: (table) => summarize(conn, table),
    release: async (table) => void (await conn.run(`DROP TABLE ${table}`)),
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

await runRunner((args) => createDuckdb(args.threads));
