/** Random aggregation expressions for `groupBy(...).agg(...)` and `agg(...)`, built through the public API. */
import fc from 'fast-check';
import { col, corr, len } from '../../src/index.js';
import type { DataType } from '../../src/types/dtype.js';
import { exprArbs, freshNames, gen, type ColumnsByType, type Gen } from './exprs.js';

const STATS = ['sum', 'mean', 'var', 'std', 'median', 'min', 'max'] as const;
const ANY = ['first', 'last', 'count', 'nUnique'] as const;
const ORDERED: readonly DataType[] = ['Utf8', 'Date', 'Timestamp', 'Boolean'];

function method(g: Gen, name: string, ...args: unknown[]): Gen {
  const fn = (g.e as unknown as Record<string, (...xs: unknown[]) => Gen['e']>)[name]!;
  return gen(fn.apply(g.e, args), `${g.code}.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
}

/** The columns whose expressions stay well-conditioned: small ints, quarter-step floats, booleans. */
const SAFE_COLUMNS = new Set(['i', 'k', 'g', 'b']);

/**
 * Inputs of floating-point statistics (sum, mean, var, std, corr, ...): any numeric or Boolean
 * column, or a shallow expression over the well-conditioned columns. Expressions over the huge
 * Int64 and Float64 values could mix huge values of both signs (`col("f").mul(col("i"))`), whose
 * cancellation makes every float summation order-dependent far beyond the 1e-9 tolerance; exact
 * aggregations (min, max, first, count, ...) take any expression instead.
 */
function statisticInput(cols: ColumnsByType): fc.Arbitrary<Gen> {
  const plain = (['Int32', 'Int64', 'Float64', 'Boolean'] as const).flatMap((t) =>
    (cols[t] ?? []).map((n) => gen(col(n), `col(${JSON.stringify(n)})`)),
  );
  const safe: Partial<Record<DataType, string[]>> = {};
  for (const [t, names] of Object.entries(cols) as [DataType, readonly string[]][]) {
    const kept = names.filter((n) => SAFE_COLUMNS.has(n));
    if (kept.length > 0) safe[t] = kept;
  }
  const arbs = exprArbs(safe, 1);
  const shallow = fc.oneof(arbs.Int32, arbs.Float64, arbs.Boolean);
  return plain.length === 0 ? shallow : fc.oneof({ arbitrary: fc.constantFrom(...plain), weight: 4 }, { arbitrary: shallow, weight: 1 });
}

/**
 * One aggregation expression (not yet aliased) over the columns: a statistic of a numeric or
 * Boolean input, first/last/count/nUnique of anything, min/max of ordered types, a quantile,
 * `len()`, `corr(a, b)`, or a small expression over aggregations (max − min, sum / len, corr²).
 * Inputs are mostly plain columns and sometimes shallow expressions.
 */
export function aggArb(cols: ColumnsByType): fc.Arbitrary<Gen> {
  const arbs = exprArbs(cols, 1);
  const numeric = statisticInput(cols);
  const anyType = fc.oneof(arbs.Int32, arbs.Int64, arbs.Float64, arbs.Boolean, arbs.Utf8, arbs.Date, arbs.Timestamp);
  const ordered = fc.oneof(...ORDERED.map((t) => arbs[t]));
  const lenGen = gen(len(), 'len()');
  return fc.oneof(
    { arbitrary: fc.tuple(numeric, fc.constantFrom(...STATS)).map(([g, fn]) => method(g, fn)), weight: 6 },
    { arbitrary: fc.tuple(anyType, fc.constantFrom(...ANY)).map(([g, fn]) => method(g, fn)), weight: 3 },
    { arbitrary: fc.tuple(ordered, fc.constantFrom('min', 'max')).map(([g, fn]) => method(g, fn)), weight: 2 },
    { arbitrary: fc.tuple(numeric, fc.constantFrom(0, 0.1, 0.25, 0.5, 0.9, 1)).map(([g, q]) => method(g, 'quantile', q)), weight: 1 },
    { arbitrary: fc.constant(lenGen), weight: 1 },
    {
      arbitrary: fc.tuple(numeric, numeric).map(([a, b]) => gen(corr(a.e, b.e), `corr(${a.code}, ${b.code})`)),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(fc.oneof(arbs.Int32, arbs.Float64), fc.oneof(arbs.Int32, arbs.Float64)).map(([a, b]) => {
        const hi = method(a, 'max');
        const lo = method(b, 'min');
        return gen(hi.e.sub(lo.e), `${hi.code}.sub(${lo.code})`);
      }),
      weight: 1,
    },
    {
      arbitrary: numeric.map((a) => {
        const s = method(a, 'sum');
        return gen(s.e.div(len()), `${s.code}.div(len())`);
      }),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(numeric, numeric).map(([a, b]) => gen(corr(a.e, b.e).pow(2), `corr(${a.code}, ${b.code}).pow(2)`)),
      weight: 1,
    },
  );
}

/** 1 to `max` aggregations, aliased a0, a1, ... (skipping `taken` names) so they never clash with each other or with keys. */
export function aggListArb(cols: ColumnsByType, taken: Iterable<string>, max = 4): fc.Arbitrary<Gen[]> {
  const avoid = [...taken];
  return fc.array(aggArb(cols), { minLength: 1, maxLength: max }).map((list) => {
    const names = freshNames('a', avoid, list.length);
    return list.map((g, i) => gen(g.e.alias(names[i]!), `${g.code}.alias(${JSON.stringify(names[i])})`));
  });
}
