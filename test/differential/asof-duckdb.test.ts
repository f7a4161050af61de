/**
 * joinAsof against DuckDB's ASOF LEFT JOIN: backward (`l.t >= r.t`, `>` without exact matches)
 * and forward (`<=`, `<`), with and without `by` columns, on every key type, over seeded sorted
 * tables with ties, null keys and null `by` values. DuckDB has no nearest strategy and no
 * tolerance: those are compared against the reference evaluator only (asof.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { type AsofOptions, col, DataFrame } from '../../src/index.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { DataType } from '../../src/types/dtype.js';
import { useDuckDB } from './duckdb-session.js';
import { mulberry32 } from './prng.js';

/** A seeded generator, so a failure reproduces. */
const random = mulberry32;

const GROUPS = [0, 1, 2, null] as const;
const WORDS = ['x', 'Zürich', null] as const;
const pick = <T>(rnd: () => number, values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;

/** Key values as Volley holds them and as SQL writes them. */
const KEY_TYPES: Record<string, { sql: string; value: (raw: number) => Scalar; literal: (raw: number) => string }> = {
  Int32: { sql: 'INTEGER', value: (x) => x, literal: (x) => String(x) },
  Int64: { sql: 'BIGINT', value: (x) => BigInt(x), literal: (x) => String(x) },
  Float64: { sql: 'DOUBLE', value: (x) => x / 2, literal: (x) => String(x / 2) },
  Date: { sql: 'DATE', value: (x) => new Date(x * 86_400_000), literal: (x) => `(DATE '1970-01-01' + ${x})` },
  Timestamp: { sql: 'TIMESTAMP', value: (x) => new Date(x * 1000), literal: (x) => `epoch_ms(${x * 1000})` },
};

interface Side {
  readonly raw: (number | null)[];
  readonly g: (number | null)[];
  readonly s: (string | null)[];
}

/** `n` rows sorted by key, with few distinct keys (so right keys tie) and some nulls anywhere. */
function side(rnd: () => number, n: number): Side {
  const raw = Array.from({ length: n }, () => Math.floor(rnd() * 12)).sort((a, b) => a - b);
  return {
    raw: raw.map((x) => (rnd() < 0.1 ? null : x)),
    g: raw.map(() => pick(rnd, GROUPS)),
    s: raw.map(() => pick(rnd, WORDS)),
  };
}

/**
 * The right payloads: `w0` a function of the key, `w1` of the key and `g`, `w2` of the key, `g`
 * and `s`. A join reads the one of its `by` columns, so whichever of several tied right rows an
 * engine picks (DuckDB leaves that open) gives the same answer.
 */
function payload(r: Side, i: number, level: number): number | null {
  const x = r.raw[i];
  if (x === null || x === undefined) return null;
  const g = level >= 1 ? (r.g[i] ?? 9) : 0;
  const s = level >= 2 ? (r.s[i] === null ? 9 : r.s[i] === 'x' ? 1 : 2) : 0;
  return x * 100 + g * 10 + s;
}

const sqlValue = (v: number | string | null): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));

describe('joinAsof against DuckDB ASOF LEFT JOIN', () => {
  const query = useDuckDB();

  async function load(name: string, t: Side, keyType: string, withPayload: boolean): Promise<void> {
    const k = KEY_TYPES[keyType]!;
    const extra = withPayload ? ', w0 INTEGER, w1 INTEGER, w2 INTEGER' : ', i INTEGER';
    await query(`CREATE OR REPLACE TABLE ${name} (t ${k.sql}, g INTEGER, s VARCHAR${extra})`);
    if (t.raw.length === 0) return;
    const rows = t.raw.map((x, i) => {
      const last = withPayload ? [0, 1, 2].map((w) => sqlValue(payload(t, i, w))).join(', ') : String(i);
      return `(${x === null ? 'NULL' : k.literal(x)}, ${sqlValue(t.g[i] ?? null)}, ${sqlValue(t.s[i] ?? null)}, ${last})`;
    });
    await query(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
  }

  function frame(t: Side, keyType: string, withPayload: boolean, chunkSize: number): DataFrame {
    const k = KEY_TYPES[keyType]!;
    const extra: Record<string, Scalar[]> = withPayload
      ? { w0: t.raw.map((_, i) => payload(t, i, 0)), w1: t.raw.map((_, i) => payload(t, i, 1)), w2: t.raw.map((_, i) => payload(t, i, 2)) }
      : { i: t.raw.map((_, i) => i) };
    const extraTypes = Object.fromEntries(Object.keys(extra).map((n) => [n, 'Int32' as DataType]));
    return DataFrame.fromColumns(
      { t: t.raw.map((x) => (x === null ? null : k.value(x))), g: t.g, s: t.s, ...extra },
      { dtypes: { t: keyType as DataType, g: 'Int32', s: 'Utf8', ...extraTypes }, chunkSize },
    );
  }

  const BY: readonly (readonly string[])[] = [[], ['g'], ['g', 's']];

  for (const [seed, nLeft, nRight] of [
    [1, 40, 30],
    [2, 25, 0],
    [3, 0, 20],
    [4, 80, 60],
  ] as const) {
    for (const keyType of Object.keys(KEY_TYPES)) {
      it(`agrees for backward and forward, with and without exact matches and by (${keyType}, seed ${seed}), threads 1 and 2`, async () => {
        const rnd = random(seed * 31 + keyType.length);
        const l = side(rnd, nLeft);
        const r = side(rnd, nRight);
        await load('l', l, keyType, false);
        await load('r', r, keyType, true);
        const left = frame(l, keyType, false, 7);
        const right = frame(r, keyType, true, 5);
        for (const by of BY)
          for (const strategy of ['backward', 'forward'] as const)
            for (const allowExactMatches of [true, false]) {
              const op = strategy === 'backward' ? (allowExactMatches ? '>=' : '>') : allowExactMatches ? '<=' : '<';
              const on = [...by.map((b) => `l.${b} = r.${b}`), `l.t ${op} r.t`].join(' AND ');
              const w = `w${by.length}`;
              // DuckDB (1.5) matched null by values to each other, and a null left key inside a by
              // group to the group's last row, here; a null key or by value matches nothing in
              // Volley, as in Polars and as in DuckDB's own ASOF join without by
              const nulls = ['t', ...by].map((c) => `l.${c} IS NULL`).join(' OR ');
              const sql = `SELECT l.i, CASE WHEN ${nulls} THEN NULL ELSE r.${w} END AS w FROM l ASOF LEFT JOIN r ON ${on} ORDER BY l.i`;
              const want = (await query(sql)).map((row) => [row.i, row.w ?? null]);
              const options: AsofOptions = { on: 't', by: [...by], strategy, allowExactMatches };
              for (const threads of [1, 2]) {
                const got = await left.lazy().joinAsof(right, options).select('i', col(w).alias('w')).collect({ threads });
                expect(
                  got.toRecords().map((row) => [row.i, row.w]),
                  `${JSON.stringify(options)} threads ${threads}\n${sql}`,
                ).toEqual(want);
              }
            }
      }, 120_000);
    }
  }
});
