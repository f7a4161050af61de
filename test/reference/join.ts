/** The reference join: a row-at-a-time nested loop with Polars' output columns, independent of the engine's hash join. */
import type { LogicalPlan } from '../../src/plan/nodes.js';
import type { Row } from '../../src/table/table.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { DataType } from '../../src/types/dtype.js';
import { RefTypeError, type RefSchema } from './types.js';

type JoinNode = Extract<LogicalPlan, { kind: 'join' }>;

/** The type two key columns compare as (Int32 with Int64: Int64; an integer with Float64: Float64). */
function commonType(a: DataType, b: DataType): DataType {
  if (a === b) return a;
  const ints = ['Int32', 'Int64'];
  if (ints.includes(a) && ints.includes(b)) return 'Int64';
  if ([...ints, 'Float64'].includes(a) && [...ints, 'Float64'].includes(b)) return 'Float64';
  throw new RefTypeError(`join keys of types ${a} and ${b} do not compare`);
}

/**
 * Key equality: null matches nothing, numbers by value (-0 is 0, NaN is NaN), bigints against
 * numbers by value.
 *
 * @example
 * keyEquals(-0, 0); // true
 */
export function keyEquals(a: Scalar, b: Scalar): boolean {
  if (a === null || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  const x = typeof a === 'bigint' && typeof b === 'number' ? Number(a) : a;
  const y = typeof b === 'bigint' && typeof a === 'number' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x === y || (Number.isNaN(x) && Number.isNaN(y));
  return x === y;
}

function castTo(v: Scalar, t: DataType): Scalar {
  if (v === null) return null;
  if (t === 'Float64' && typeof v === 'bigint') return Number(v);
  if (t === 'Int64' && typeof v === 'number') return BigInt(v);
  return v;
}

interface OutColumn {
  name: string;
  dtype: DataType;
  from: (l: Row | null, r: Row | null) => Scalar;
}

function outColumns(plan: JoinNode, left: RefSchema, right: RefSchema): OutColumn[] {
  const types = plan.leftOn.map((l, i) => {
    const r = plan.rightOn[i]!;
    const lt = left.get(l) ?? fail(`unknown left key ${l}`);
    const rt = right.get(r) ?? fail(`unknown right key ${r}`);
    return commonType(lt, rt);
  });
  const out: OutColumn[] = [];
  const pick = (side: 'l' | 'r', n: string) => (l: Row | null, r: Row | null) => (side === 'l' ? l : r)?.[n] ?? null;
  if (plan.how === 'semi' || plan.how === 'anti') {
    for (const [n, t] of left) out.push({ name: n, dtype: t, from: pick('l', n) });
    return out;
  }
  for (const [n, t] of left) {
    const k = plan.leftOn.indexOf(n);
    if (k >= 0 && plan.how === 'right' && plan.coalesce) continue;
    if (k >= 0 && plan.how === 'full' && plan.coalesce) {
      const rn = plan.rightOn[k]!;
      const ct = types[k]!;
      out.push({ name: n, dtype: ct, from: (l, r) => (l !== null ? castTo(l[n] ?? null, ct) : castTo(r?.[rn] ?? null, ct)) });
    } else out.push({ name: n, dtype: t, from: pick('l', n) });
  }
  const taken = new Set(out.map((c) => c.name));
  for (const [n, t] of right) {
    if (plan.rightOn.includes(n) && plan.coalesce && plan.how !== 'right' && plan.how !== 'cross') continue;
    out.push({ name: taken.has(n) ? n + plan.suffix : n, dtype: t, from: pick('r', n) });
  }
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.name)) fail(`duplicate output column "${c.name}"`);
    seen.add(c.name);
  }
  return out;
}

function fail(message: string): never {
  throw new RefTypeError(message);
}

/**
 * The join's output schema by the reference's rules.
 *
 * @example
 * refJoinSchema(plan, leftSchema, rightSchema); // Map { 'id' => 'Int32', 'v' => 'Float64' }
 */
export function refJoinSchema(plan: JoinNode, left: RefSchema, right: RefSchema): RefSchema {
  return new Map(outColumns(plan, left, right).map((c) => [c.name, c.dtype]));
}

function unique(rows: readonly Row[], keys: readonly string[], side: string): void {
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < i; j++)
      if (keys.every((k) => keyEquals(rows[i]![k] ?? null, rows[j]![k] ?? null))) throw new RefTypeError(`duplicate ${side} key`);
}

/**
 * Joins rows by a nested loop: every left row against every right row, in the documented order
 * (left order then right order for inner, left, semi, anti and full; right order then left order
 * for right; unmatched right rows last for full; left-major for cross).
 *
 * @example
 * refJoin(plan, leftRows, rightRows, leftSchema, rightSchema);
 */
export function refJoin(plan: JoinNode, leftRows: readonly Row[], rightRows: readonly Row[], left: RefSchema, right: RefSchema): Row[] {
  const cols = outColumns(plan, left, right);
  if (plan.validate === '1:1' || plan.validate === '1:m') unique(leftRows, plan.leftOn, 'left');
  if (plan.validate === '1:1' || plan.validate === 'm:1') unique(rightRows, plan.rightOn, 'right');
  const match = (l: Row, r: Row): boolean =>
    plan.how === 'cross' || plan.leftOn.every((k, i) => keyEquals(l[k] ?? null, r[plan.rightOn[i]!] ?? null));
  const pairs: [Row | null, Row | null][] = [];
  if (plan.how === 'right') {
    for (const r of rightRows) {
      const hits = leftRows.filter((l) => match(l, r));
      if (hits.length === 0) pairs.push([null, r]);
      for (const l of hits) pairs.push([l, r]);
    }
  } else if (plan.how === 'semi' || plan.how === 'anti') {
    const keep = plan.how === 'semi';
    for (const l of leftRows) if (rightRows.some((r) => match(l, r)) === keep) pairs.push([l, null]);
  } else {
    const used = new Set<Row>();
    for (const l of leftRows) {
      const hits = rightRows.filter((r) => match(l, r));
      if (hits.length === 0 && (plan.how === 'left' || plan.how === 'full')) pairs.push([l, null]);
      for (const r of hits) {
        used.add(r);
        pairs.push([l, r]);
      }
    }
    if (plan.how === 'full') for (const r of rightRows) if (!used.has(r)) pairs.push([null, r]);
  }
  return pairs.map(([l, r]) => Object.fromEntries(cols.map((c) => [c.name, c.from(l, r)])));
}
