/**
 * The string functions with parameters against DuckDB: strip(chars) as trim/ltrim/rtrim, extract
 * as regexp_extract, splitPart as string_split and split_part, find as strpos, countMatches as
 * regexp_extract_all, reverse as reverse. Where the two differ by design, the SQL is written to
 * ask Polars' question (DuckDB gives '' where Polars and Volley give null), and the differences
 * are spelled out beside each case.
 */
import { describe, expect, it } from 'vitest';
import { col, DataFrame, type Expr } from '../../src/index.js';
import { type SqlRow, useDuckDB } from './duckdb-session.js';
import { mulberry32 } from './prng.js';

/** Pieces of text: emoji (a ZWJ family, a flag), combining marks, CJK, ASCII, separators. */
const PIECES = ['a', 'b', ',', ' ', 'x', '😀', '👨‍👩‍👧', '🇯🇵', 'e\u0301', '日本', '語', '-', '1', '23', 'Zü', 'ß', ',,'];

/** Seeded strings of zero to five pieces, with nulls; no CR LF (see reverse below). */
function strings(seed: number, n: number): (string | null)[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => {
    if (rnd() < 0.1) return null;
    const k = Math.floor(rnd() * 6);
    return Array.from({ length: k }, () => PIECES[Math.floor(rnd() * PIECES.length)]!).join('');
  });
}

const sql = (s: string): string => `'${s.replace(/'/g, "''")}'`;

interface Case {
  readonly name: string;
  readonly volley: Expr;
  readonly sql: string;
}

/** strip(chars): DuckDB's trim with characters removes code points too. */
function stripCases(): Case[] {
  const out: Case[] = [];
  for (const chars of ['x😀', ',a ', 'e\u0301', '日語', '\u200d👨', ''])
    for (const [fn, duck] of [
      ['strip', 'trim'],
      ['stripStart', 'ltrim'],
      ['stripEnd', 'rtrim'],
    ] as const)
      out.push({ name: `${fn}(${JSON.stringify(chars)})`, volley: col('s').str[fn](chars), sql: `${duck}(s, ${sql(chars)})` });
  return out;
}

/**
 * extract: DuckDB gives '' where the pattern does not match (Polars and Volley: null), so the
 * SQL asks regexp_matches first. A group that takes no part in a match is '' there and null
 * here too: these patterns' groups always take part. Patterns keep to the syntax RE2 and
 * JavaScript share (`\p{L}` yes, `\P{ASCII}` and `\p{Script=Han}` no).
 */
function extractCases(): Case[] {
  const patterns: [string, number][] = [
    ['(\\d+)', 1],
    ['(\\p{L}+)', 1],
    ['([a-z]+),([a-z]*)', 2],
    ['\\p{L}\\p{M}', 0],
    ['^(\\S+)', 1],
    ['(日本)語', 1],
    ['([^,]*),$', 1],
    ['😀(.)', 1],
  ];
  return patterns.map(([p, g]) => ({
    name: `extract(${JSON.stringify(p)}, ${g})`,
    volley: col('s').str.extract(p, g),
    sql: `CASE WHEN regexp_matches(s, ${sql(p)}) THEN regexp_extract(s, ${sql(p)}, ${g}) END`,
  }));
}

/**
 * splitPart: DuckDB's string_split list indexed from 1 (negative from the end) is null past the
 * ends, as here. split_part gives '' there instead, so it is asked only where the part exists.
 * An empty separator splits into code points in both, except that DuckDB splits '' into [''] and
 * Polars and Volley into no parts: the empty-separator cases leave out the empty string.
 */
function splitCases(): Case[] {
  const out: Case[] = [];
  for (const by of [',', ' ', '👨', '\u0301', '日本', ',,'])
    for (const i of [0, 1, 2, -1, -2, -6]) {
      const at = i >= 0 ? i + 1 : i;
      out.push({
        name: `splitPart(${JSON.stringify(by)}, ${i})`,
        volley: col('s').str.splitPart(by, i),
        sql: `string_split(s, ${sql(by)})[${at}]`,
      });
      out.push({
        name: `split_part(${JSON.stringify(by)}, ${i})`,
        volley: col('s').str.splitPart(by, i),
        sql: `CASE WHEN len(string_split(s, ${sql(by)})) >= ${Math.abs(at)} THEN split_part(s, ${sql(by)}, ${at}) END`,
      });
    }
  for (const i of [0, 2, -1])
    out.push({
      name: `splitPart("", ${i})`,
      volley: col('s').str.splitPart('', i),
      sql: `CASE WHEN s <> '' THEN string_split(s, '')[${i >= 0 ? i + 1 : i}] END`,
    });
  return out;
}

/** find (literal): strpos counts code points from 1, and 0 when absent. countMatches: regexp_extract_all's matches, or the bytes a literal replace removes. */
function searchCases(): Case[] {
  const out: Case[] = [];
  for (const p of [',', 'a', '😀', '日本', 'e\u0301', '\u200d', ''])
    out.push({
      name: `find(${JSON.stringify(p)}, literal)`,
      volley: col('s').str.find(p, { literal: true }),
      sql: `NULLIF(strpos(s, ${sql(p)}), 0) - 1`,
    });
  for (const p of ['\\p{L}', 'a|b', '\\d+', '', '[😀日]', ',,?', '\\p{M}'])
    out.push({
      name: `countMatches(${JSON.stringify(p)})`,
      volley: col('s').str.countMatches(p),
      sql: `len(regexp_extract_all(s, ${sql(p)}))`,
    });
  for (const p of [',', ',,', '😀', 'e\u0301'])
    out.push({
      name: `countMatches(${JSON.stringify(p)}, literal)`,
      volley: col('s').str.countMatches(p, { literal: true }),
      sql: `(strlen(s) - strlen(replace(s, ${sql(p)}, ''))) // ${new TextEncoder().encode(p).length}`,
    });
  return out;
}

/**
 * reverse: both reverse grapheme clusters. DuckDB splits CR LF (one cluster in Unicode, and in
 * Polars and Volley) into two, so the strings here hold no CR LF.
 */
const reverseCases = (): Case[] => [{ name: 'reverse', volley: col('s').str.reverse(), sql: 'reverse(s)' }];

const number = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : (v ?? null));

describe('string functions against DuckDB', () => {
  const query = useDuckDB();

  for (const [group, cases] of [
    ['strip(chars)', stripCases()],
    ['extract', extractCases()],
    ['splitPart', splitCases()],
    ['find and countMatches', searchCases()],
    ['reverse', reverseCases()],
  ] as const) {
    it(`${group}: the same values as DuckDB on text with emoji, marks, CJK, empty strings and nulls, threads 1 and 2`, async () => {
      const s = strings(group.length * 101, 400);
      await query('CREATE OR REPLACE TABLE t (id INTEGER, s VARCHAR)');
      await query(`INSERT INTO t VALUES ${s.map((v, i) => `(${i}, ${v === null ? 'NULL' : sql(v)})`).join(', ')}`);
      const rows: SqlRow[] = await query(`SELECT ${cases.map((c, i) => `${c.sql} AS c${i}`).join(', ')} FROM t ORDER BY id`);
      const df = DataFrame.fromColumns({ s }, { dtypes: { s: 'Utf8' }, chunkSize: 64 });
      for (const [threads, morselSize] of [
        [1, 50],
        [2, 50],
        [2, 128],
      ] as const) {
        const out = await df
          .lazy()
          .select(...cases.map((c, i) => c.volley.alias(`c${i}`)))
          .collect({ threads, morselSize });
        cases.forEach((c, i) => {
          const want = rows.map((r) => number(r[`c${i}`]));
          expect(out.getColumn(`c${i}`).toArray(), `${c.name} (threads ${threads}, morsels ${morselSize})`).toEqual(want);
        });
      }
    }, 120_000);
  }
});
