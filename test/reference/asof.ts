/** The reference as-of join: for each left row, a scan of every right row, with no sort order assumed; independent of the engine's merge. */
import type { LogicalPlan } from '../../src/plan/nodes.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import { RefTypeError, type RefSchema } from './types.js';
import { keyEquals } from './join.js';
import { compareValues } from './values.js';

type AsofNode = Extract<LogicalPlan, { kind: 'asof' }>;

const ON_TYPES: readonly string[] = ['Int32', 'Int64', 'Float64', 'Date', 'Timestamp'];

function fail(message: string): never {
  throw new RefTypeError(message);
}

/** The type two keys compare as, by the same widening as `join`'s keys. */
function commonType(a: DataType, b: DataType): DataType {
  if (a === b) return a;
  const ints = ['Int32', 'Int64'];
  if (ints.includes(a) && ints.includes(b)) return 'Int64';
  if ([...ints, 'Float64'].includes(a) && [...ints, 'Float64'].includes(b)) return 'Float64';
  return fail(`keys of types ${a} and ${b} do not compare`);
}

/** A key as a number or a bigint in the type both sides compare as (Date: days; Timestamp: ms). */
function keyOf(v: Scalar, t: DataType): number | bigint | null {
  if (v === null) return null;
  if (v instanceof Date) return t === 'Date' ? Math.floor(v.getTime() / 86_400_000) : BigInt(v.getTime());
  if (t === 'Float64') return Number(v);
  if (t === 'Int64' || t === 'Timestamp') return BigInt(v as number | bigint);
  return v as number;
}

/** |a - b| in the total order: 0 when equal (NaN and NaN, Infinity and Infinity), Infinity between NaN and a number. */
function distance(a: number | bigint, b: number | bigint): number | bigint {
  if (compareValues(a, b) === 0) return 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a > b ? a - b : b - a;
  const x = Number(a);
  const y = Number(b);
  return Number.isNaN(x) || Number.isNaN(y) ? Number.POSITIVE_INFINITY : Math.abs(x - y);
}

interface OutColumn {
  name: string;
  dtype: DataType;
  side: 'l' | 'r';
  source: string;
}

function outColumns(plan: AsofNode, left: RefSchema, right: RefSchema): { cols: OutColumn[]; keyType: DataType } {
  const lt = left.get(plan.leftOn) ?? fail(`unknown left key ${plan.leftOn}`);
  const rt = right.get(plan.rightOn) ?? fail(`unknown right key ${plan.rightOn}`);
  if (!ON_TYPES.includes(lt) || !ON_TYPES.includes(rt)) fail(`an as-of key must be numeric or temporal, got ${lt} and ${rt}`);
  const keyType = commonType(lt, rt);
  plan.byLeft.forEach((l, i) => {
    const r = plan.byRight[i]!;
    commonType(left.get(l) ?? fail(`unknown left by ${l}`), right.get(r) ?? fail(`unknown right by ${r}`));
  });
  const cols: OutColumn[] = [...left].map(([n, t]) => ({ name: n, dtype: t, side: 'l', source: n }));
  const taken = new Set(cols.map((c) => c.name));
  for (const [n, t] of right) {
    if (plan.byRight.includes(n) || (n === plan.rightOn && plan.rightOn === plan.leftOn)) continue;
    cols.push({ name: taken.has(n) ? n + plan.suffix : n, dtype: t, side: 'r', source: n });
  }
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name)) fail(`duplicate output column "${c.name}"`);
    seen.add(c.name);
  }
  return { cols, keyType };
}

/**
 * The as-of join's output schema by the reference's rules.
 *
 * @example
 * refAsofSchema(plan, leftSchema, rightSchema); // Map { 't' => 'Int32', 'v' => 'Float64' }
 */
export function refAsofSchema(plan: AsofNode, left: RefSchema, right: RefSchema): RefSchema {
  return new Map(outColumns(plan, left, right).cols.map((c) => [c.name, c.dtype]));
}

/**
 * The right row a left row matches, by definition rather than by merge: among the right rows of
 * its `by` group with a non-null key, backward takes the largest key <= the left key (the last
 * such row on a tie), forward the smallest key >= it (the first row on a tie), nearest the
 * smallest distance (the last row on a tie); `allowExactMatches: false` leaves out equal keys;
 * a pick farther than the tolerance is no match.
 */
function matchOf(plan: AsofNode, l: Row, rightRows: readonly Row[], keyType: DataType): Row | null {
  const lk = keyOf(l[plan.leftOn] ?? null, keyType);
  if (lk === null) return null;
  let best: Row | null = null;
  let bestKey: number | bigint | null = null;
  for (const r of rightRows) {
    if (!plan.byLeft.every((b, i) => keyEquals(l[b] ?? null, r[plan.byRight[i]!] ?? null))) continue;
    const rk = keyOf(r[plan.rightOn] ?? null, keyType);
    if (rk === null) continue;
    const c = compareValues(rk, lk);
    if (c === 0 && !plan.allowExactMatches) continue;
    if (plan.strategy === 'backward') {
      if (c <= 0 && (bestKey === null || compareValues(rk, bestKey) >= 0)) [best, bestKey] = [r, rk];
    } else if (plan.strategy === 'forward') {
      if (c >= 0 && (bestKey === null || compareValues(rk, bestKey) < 0)) [best, bestKey] = [r, rk];
    } else {
      const d = distance(rk, lk);
      if (bestKey === null) [best, bestKey] = [r, rk];
      else {
        const bd = distance(bestKey, lk);
        // the last row among the nearest: a later row takes over at an equal distance
        if (d <= bd) [best, bestKey] = [r, rk];
      }
    }
  }
  if (best === null || bestKey === null) return null;
  // a bigint distance compares with a number tolerance exactly
  if (plan.tolerance !== null && distance(bestKey, lk) > plan.tolerance) return null;
  return best;
}

/**
 * As-of joins rows one left row at a time, scanning every right row for each; left order kept.
 *
 * @example
 * refAsof(plan, leftRows, rightRows, leftSchema, rightSchema);
 */
export function refAsof(plan: AsofNode, leftRows: readonly Row[], rightRows: readonly Row[], left: RefSchema, right: RefSchema): Row[] {
  const { cols, keyType } = outColumns(plan, left, right);
  return leftRows.map((l) => {
    const r = matchOf(plan, l, rightRows, keyType);
    return Object.fromEntries(cols.map((c) => [c.name, (c.side === 'l' ? l[c.source] : r?.[c.source]) ?? null]));
  });
}
