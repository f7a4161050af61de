/** Joins against DuckDB: every `how` on random tables with duplicate, null, -0/0/NaN and string keys, compared as multisets of rows. */
import { describe, expect, it, vi } from 'vitest';
import { DataFrame, type JoinOptions } from '../../src/index.js';
import type { Scalar } from '../../src/table/scalar.js';
import { setJoinKnobs } from './join-knobs.js';
import { type SqlRow, useDuckDB } from './duckdb-session.js';
import { mulberry32 } from './prng.js';

/**
 * The join's size thresholds, lowered per run so these small tables take every path: the
 * calling thread (the real thresholds), probe tasks over a table built in one pass, and probe
 * tasks over a table built in hash partitions by tasks.
 */
vi.mock('../../kernels/tuning.js', async (load) => (await import('./join-knobs.js')).withJoinKnobs(await load()));

const PATHS = [
  { path: 'calling thread', knobs: {} },
  { path: 'probe tasks', knobs: { small: 0, partition: 1 << 30 } },
  { path: 'partitioned build', knobs: { small: 0, partition: 0, slots: 0 } },
  { path: 'slot table', knobs: { small: 0, partition: 0, direct: 0 } },
] as const;

/** A seeded generator, so a failure reproduces. */
const random = mulberry32;

const pick = <T>(rnd: () => number, values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
const KEYS_INT = [0, 1, 2, 3, 4, null] as const;
const KEYS_STR = ['a', 'b', 'Zürich', '', null] as const;
const KEYS_F64 = [-0, 0, Number.NaN, 1.5, 2, null] as const;

interface Tables {
  left: Record<string, Scalar[]>;
  right: Record<string, Scalar[]>;
}

function tables(seed: number, nLeft: number, nRight: number): Tables {
  const rnd = random(seed);
  const col = <T extends Scalar>(n: number, f: () => T): T[] => Array.from({ length: n }, f);
  return {
    left: {
      k: col(nLeft, () => pick(rnd, KEYS_INT)),
      s: col(nLeft, () => pick(rnd, KEYS_STR)),
      f: col(nLeft, () => pick(rnd, KEYS_F64)),
      v: col(nLeft, () => Math.floor(rnd() * 100)),
    },
    right: {
      k: col(nRight, () => pick(rnd, KEYS_INT)),
      s: col(nRight, () => pick(rnd, KEYS_STR)),
      f: col(nRight, () => pick(rnd, KEYS_F64)),
      w: col(nRight, () => Math.floor(rnd() * 100) / 4),
    },
  };
}

const LEFT_TYPES = { k: 'Int32', s: 'Utf8', f: 'Float64', v: 'Int32' } as const;
const RIGHT_TYPES = { k: 'Int32', s: 'Utf8', f: 'Float64', w: 'Float64' } as const;
const SQL_TYPES = { Int32: 'INTEGER', Utf8: 'VARCHAR', Float64: 'DOUBLE' } as const;

function sqlLiteral(v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return "'NaN'::DOUBLE";
    if (Object.is(v, -0)) return "'-0.0'::DOUBLE";
    return String(v);
  }
  return String(v);
}

/** A row as a comparable string: numbers by value (-0 as 0, NaN by name), bigints as numbers. */
function rowKey(row: SqlRow, names: readonly string[]): string {
  return JSON.stringify(
    names.map((n) => {
      const v = row[n];
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === 0 ? 0 : v;
      return v ?? null;
    }),
  );
}

const multiset = (rows: readonly SqlRow[], names: readonly string[]): string[] => rows.map((r) => rowKey(r, names)).sort();

/** One join: the options, the SQL that answers it, and the columns both answers are compared on. */
interface Case {
  readonly keys: readonly ('k' | 's' | 'f')[];
  readonly how: NonNullable<JoinOptions['how']>;
}

function sqlOf({ keys, how }: Case): { sql: string; columns: string[] } {
  const on = keys.map((k) => `l.${k} = r.${k}`).join(' AND ');
  const rightRest = ['k', 's', 'f', 'w'].filter((c) => !keys.includes(c as 'k'));
  const leftRest = ['k', 's', 'f', 'v'].filter((c) => !keys.includes(c as 'k'));
  const clash = (c: string) => (['k', 's', 'f'].includes(c) ? `${c}_right` : c);
  switch (how) {
    case 'inner':
    case 'left': {
      const columns = ['k', 's', 'f', 'v', ...rightRest.map(clash)];
      const select = ['l.k', 'l.s', 'l.f', 'l.v', ...rightRest.map((c) => `r.${c} AS ${clash(c)}`)].join(', ');
      return { sql: `SELECT ${select} FROM l ${how === 'left' ? 'LEFT ' : ''}JOIN r ON ${on}`, columns };
    }
    case 'right': {
      // left columns without the left keys, then every right column; a right column whose name a
      // left column took gets the suffix
      const right = ['k', 's', 'f', 'w'].map((c) => ({ c, as: leftRest.includes(c) ? `${c}_right` : c }));
      const columns = [...leftRest, ...right.map((r) => r.as)];
      const select = [...leftRest.map((c) => `l.${c} AS ${c}`), ...right.map((r) => `r.${r.c} AS ${r.as}`)].join(', ');
      return { sql: `SELECT ${select} FROM l RIGHT JOIN r ON ${on}`, columns };
    }
    case 'full': {
      const columns = ['k', 's', 'f', 'v', 'k_right', 's_right', 'f_right', 'w'];
      return { sql: `SELECT l.k, l.s, l.f, l.v, r.k AS k_right, r.s AS s_right, r.f AS f_right, r.w FROM l FULL JOIN r ON ${on}`, columns };
    }
    case 'semi':
    case 'anti':
      return {
        sql: `SELECT l.k, l.s, l.f, l.v FROM l WHERE ${how === 'anti' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM r WHERE ${on})`,
        columns: ['k', 's', 'f', 'v'],
      };
    case 'cross':
      return {
        sql: 'SELECT l.k, l.s, l.f, l.v, r.k AS k_right, r.s AS s_right, r.f AS f_right, r.w FROM l CROSS JOIN r',
        columns: ['k', 's', 'f', 'v', 'k_right', 's_right', 'f_right', 'w'],
      };
  }
}

describe('joins against DuckDB', () => {
  const query = useDuckDB();

  async function load(name: string, data: Record<string, Scalar[]>, types: Record<string, keyof typeof SQL_TYPES>): Promise<void> {
    const names = Object.keys(types);
    await query(`CREATE OR REPLACE TABLE ${name} (${names.map((n) => `${n} ${SQL_TYPES[types[n]!]}`).join(', ')})`);
    const n = data[names[0]!]!.length;
    if (n === 0) return;
    const rows = Array.from({ length: n }, (_, i) => `(${names.map((c) => sqlLiteral(data[c]![i]!)).join(', ')})`);
    await query(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
  }

  const HOWS = ['inner', 'left', 'right', 'full', 'semi', 'anti'] as const;
  const KEY_SETS: readonly Case['keys'][] = [['k'], ['s'], ['f'], ['k', 's']];

  for (const [seed, nLeft, nRight] of [
    [1, 40, 30],
    [2, 25, 0],
    [3, 0, 20],
    [4, 60, 60],
  ] as const) {
    it(`agrees on every how and key set (seed ${seed}, ${nLeft} x ${nRight} rows), every path, threads 1/2/4, morsels 1/7/default`, async () => {
      const t = tables(seed, nLeft, nRight);
      await load('l', t.left, LEFT_TYPES);
      await load('r', t.right, RIGHT_TYPES);
      // separate frames, so their Utf8 columns have separate dictionaries
      const left = DataFrame.fromColumns(t.left, { dtypes: { ...LEFT_TYPES }, chunkSize: 7 });
      const right = DataFrame.fromColumns(t.right, { dtypes: { ...RIGHT_TYPES }, chunkSize: 5 });
      const cases: Case[] = [...KEY_SETS.flatMap((keys) => HOWS.map((how) => ({ keys, how }))), { keys: [], how: 'cross' }];
      for (const c of cases) {
        const { sql, columns } = sqlOf(c);
        const want = multiset(await query(sql), columns);
        const options: JoinOptions = c.how === 'cross' ? { how: 'cross' } : { on: [...c.keys], how: c.how };
        // DuckDB fixes no order: the multiset must match it, and every run the first run's rows in order
        let first: SqlRow[] | null = null;
        for (const { path, knobs } of PATHS) {
          setJoinKnobs(knobs);
          for (const morselSize of [1, 7, undefined])
            for (const threads of [1, 2, 4]) {
              const got = await left
                .lazy()
                .join(right, options)
                .collect({ threads, ...(morselSize === undefined ? {} : { morselSize }) });
              const config = `${c.how} on ${c.keys.join(',')}, ${path}, threads ${threads}, morselSize ${morselSize}`;
              expect(got.columns).toEqual(columns);
              const rows = got.toRecords();
              if (first === null) {
                expect(multiset(rows, columns), `${config}\n${sql}`).toEqual(want);
                first = rows;
              } else expect(rows, config).toEqual(first);
            }
        }
        setJoinKnobs({});
      }
    }, 240_000);
  }
});
