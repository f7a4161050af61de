/** fast-check arbitraries for well-typed PhysExpr trees over a fixed set of generated input columns. */
import fc from 'fast-check';
import type { ArithFn, CmpFn, DatePart, MathFn, PhysExpr } from '../../../kernels/ir.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';
import { genVec, I32_MAX, I32_MIN, pick, randInt, rng } from './gen.js';

/** The input columns every generated expression may read, by index. */
export const INPUT_KINDS: readonly VecKind[] = ['i32', 'f64', 'i64', 'bool', 'i32', 'i64', 'i32'];
const DAYS = 4;
const MS = 5;
const CODE = 6;
const TABLE_SIZE = 10;

/** Columns for `INPUT_KINDS`: general values, then dates in days, timestamps in ms and dictionary codes. */
export function genInputs(seed: number, n: number, nullRate: number, offset: boolean): Vec[] {
  const rand = rng(seed);
  const opts = { nullRate, offset };
  return [
    genVec('i32', n, rand, opts),
    genVec('f64', n, rand, opts),
    genVec('i64', n, rand, opts),
    genVec('bool', n, rand, opts),
    genVec('i32', n, rand, {
      ...opts,
      value: (r) => (r() < 0.1 ? pick(r, [I32_MIN, I32_MAX, -719_468, 0, 59, -1]) : randInt(r, -800_000, 800_000)),
    }),
    genVec('i64', n, rand, { ...opts, value: (r) => BigInt(Math.round((r() - 0.5) * 1.7e16)) }),
    genVec('i32', n, rand, { ...opts, value: (r) => randInt(r, -2, TABLE_SIZE + 1) }),
  ];
}

const NUMERIC: readonly VecKind[] = ['i32', 'i64', 'f64'];
const ALL: readonly VecKind[] = ['i32', 'i64', 'f64', 'bool'];

const i32Value = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(I32_MIN, I32_MAX, 0, -1), fc.integer());
const f64Value = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(NaN, -0, Infinity, -Infinity, 0.5, -2.5), fc.double());
const i64Value = fc
  .oneof(
    fc.bigInt({ min: -10n, max: 10n }),
    fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  )
  .map(String);

function valueArb(kind: VecKind): fc.Arbitrary<number | string | boolean> {
  switch (kind) {
    case 'i32':
      return i32Value;
    case 'f64':
      return f64Value;
    case 'i64':
      return i64Value;
    case 'bool':
      return fc.boolean();
  }
}

function inputArb(kind: VecKind): fc.Arbitrary<PhysExpr> {
  const idx = INPUT_KINDS.flatMap((k, i) => (k === kind ? [i] : []));
  return fc.constantFrom(...idx).map((index): PhysExpr => ({ op: 'input', index, kind }));
}

function constArb(kind: VecKind): fc.Arbitrary<PhysExpr> {
  return fc.option(valueArb(kind), { freq: 6 }).map((value): PhysExpr => ({ op: 'const', kind, value }));
}

function leafArb(kind: VecKind): fc.Arbitrary<PhysExpr> {
  return fc.oneof({ arbitrary: inputArb(kind), weight: 3 }, { arbitrary: constArb(kind), weight: 1 });
}

const arithFn = fc.constantFrom<ArithFn>('add', 'sub', 'mul', 'div', 'mod');
const cmpFn = fc.constantFrom<CmpFn>('eq', 'neq', 'lt', 'lte', 'gt', 'gte');
const datePart = fc.constantFrom<DatePart>('year', 'month', 'day', 'weekday');
/** Truncation windows as the planner sends them: months, weeks from a Monday, or fixed ms from the epoch. */
const truncation = fc.oneof(
  fc.integer({ min: 1, max: 24 }).map((months) => ({ months, ms: 0, originMs: 0 })),
  fc.integer({ min: 1, max: 3 }).map((w) => ({ months: 0, ms: w * 7 * 86_400_000, originMs: 4 * 86_400_000 })),
  fc.constantFrom(1, 1000, 60_000, 900_000, 3_600_000, 86_400_000, 3 * 86_400_000).map((ms) => ({ months: 0, ms, originMs: 0 })),
);
const dateInput = (unit: 'days' | 'ms'): PhysExpr =>
  unit === 'days' ? { op: 'input', index: DAYS, kind: 'i32' } : { op: 'input', index: MS, kind: 'i64' };

function tableArb(kind: 'i32' | 'f64' | 'bool'): fc.Arbitrary<PhysExpr & { op: 'lookup' }> {
  const values = fc.array(kind === 'bool' ? fc.constantFrom(0, 1) : kind === 'i32' ? i32Value : f64Value, {
    minLength: TABLE_SIZE,
    maxLength: TABLE_SIZE,
  });
  const valid = fc.option(fc.array(fc.constantFrom(0, 1, 1), { minLength: TABLE_SIZE, maxLength: TABLE_SIZE }));
  return fc.record({ values, valid }).map(({ values: v, valid: m }) => ({
    op: 'lookup' as const,
    kind,
    arg: { op: 'input', index: CODE, kind: 'i32' } as PhysExpr,
    values: kind === 'f64' ? Float64Array.from(v) : kind === 'i32' ? Int32Array.from(v) : Uint8Array.from(v),
    valid: m === null ? null : Uint8Array.from(m),
  }));
}

/** A random well-typed expression whose result has `kind`, at most `depth` levels deep. */
export function exprArb(kind: VecKind, depth: number): fc.Arbitrary<PhysExpr> {
  const key = `${kind}:${depth}`;
  let arb = memo.get(key);
  if (arb === undefined) {
    arb = buildExprArb(kind, depth);
    memo.set(key, arb);
  }
  return arb;
}

/** Built once per kind and depth: the tree of arbitraries otherwise grows exponentially with depth. */
const memo = new Map<string, fc.Arbitrary<PhysExpr>>();

function buildExprArb(kind: VecKind, depth: number): fc.Arbitrary<PhysExpr> {
  if (depth <= 0) return leafArb(kind);
  const sub = (k: VecKind) => exprArb(k, depth - 1);
  const anyKind = fc.constantFrom(...ALL);
  const options: fc.Arbitrary<PhysExpr>[] = [leafArb(kind)];
  options.push(
    anyKind.chain((from) => sub(from).map((arg): PhysExpr => ({ op: 'cast', to: kind, arg }))),
    fc.record({ arg: sub(kind), fill: sub(kind) }).map((r): PhysExpr => ({ op: 'fillNull', ...r })),
    fc
      .record({
        branches: fc.array(fc.record({ when: sub('bool'), then: sub(kind) }), { minLength: 1, maxLength: 3 }),
        otherwise: sub(kind),
      })
      .map((r): PhysExpr => ({ op: 'when', kind, ...r })),
  );
  if (kind !== 'bool') {
    options.push(
      fc.record({ fn: arithFn, left: sub(kind), right: sub(kind) }).map((r): PhysExpr => ({ op: 'arith', kind, ...r })),
      fc
        .record({ fn: fc.constantFrom<MathFn>('neg', 'abs', 'floor', 'ceil'), arg: sub(kind) })
        .map((r): PhysExpr => ({ op: 'math', kind, ...r })),
      fc.record({ digits: fc.integer({ min: -2, max: 4 }), arg: sub(kind) }).map((r): PhysExpr => ({ op: 'round', kind, ...r })),
    );
  }
  if (kind === 'f64') {
    options.push(
      fc
        .record({ fn: fc.constantFrom<MathFn>('sqrt', 'log', 'exp'), argKind: fc.constantFrom(...NUMERIC) })
        .chain(({ fn, argKind }) => sub(argKind).map((arg): PhysExpr => ({ op: 'math', fn, kind: argKind, arg }))),
      fc
        .tuple(fc.constantFrom(...NUMERIC), fc.constantFrom(...NUMERIC))
        .chain(([a, b]) => fc.record({ base: sub(a), exponent: sub(b) }))
        .map((r): PhysExpr => ({ op: 'pow', ...r })),
      tableArb('f64'),
    );
  }
  if (kind === 'i32') {
    options.push(
      fc.record({ part: datePart, arg: sub('i32') }).map((r): PhysExpr => ({ op: 'datePart', unit: 'days', ...r })),
      datePart.map((part): PhysExpr => ({ op: 'datePart', unit: 'ms', part, arg: { op: 'input', index: MS, kind: 'i64' } })),
      datePart.map((part): PhysExpr => ({ op: 'datePart', unit: 'days', part, arg: { op: 'input', index: DAYS, kind: 'i32' } })),
      tableArb('i32'),
      // date arithmetic on the day and ms columns (the planner only ever sends those kinds)
      fc.constantFrom('days' as const, 'ms' as const).map((unit): PhysExpr => ({ op: 'epoch', unit, to: 'd', arg: dateInput(unit) })),
      truncation.map((w): PhysExpr => ({ op: 'dateTruncate', unit: 'days', ...w, arg: dateInput('days') })),
      fc
        .tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -400, max: 400 }))
        .map(([months, days]): PhysExpr => ({ op: 'dateOffset', unit: 'days', months, ms: days * 86_400_000, arg: dateInput('days') })),
    );
  }
  if (kind === 'i64') {
    options.push(
      fc
        .tuple(fc.constantFrom('days' as const, 'ms' as const), fc.constantFrom('s' as const, 'ms' as const))
        .map(([unit, to]): PhysExpr => ({ op: 'epoch', unit, to, arg: dateInput(unit) })),
      truncation.map((w): PhysExpr => ({ op: 'dateTruncate', unit: 'ms', ...w, arg: dateInput('ms') })),
      fc
        .tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -1e10, max: 1e10 }))
        .map(([months, ms]): PhysExpr => ({ op: 'dateOffset', unit: 'ms', months, ms, arg: dateInput('ms') })),
    );
  }
  if (kind === 'bool') {
    options.push(
      anyKind.chain((k) => fc.record({ fn: cmpFn, left: sub(k), right: sub(k) })).map((r): PhysExpr => ({ op: 'cmp', ...r })),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: sub('bool'), right: sub('bool') }).map((r): PhysExpr => r),
      sub('bool').map((arg): PhysExpr => ({ op: 'not', arg })),
      fc
        .record({ op: fc.constantFrom('isNull' as const, 'isNotNull' as const), k: anyKind })
        .chain(({ op, k }) => sub(k).map((arg): PhysExpr => ({ op, arg }))),
      anyKind.chain((k) =>
        fc.record({ arg: sub(k), values: fc.array(valueArb(k), { maxLength: 6 }) }).map((r): PhysExpr => ({ op: 'isIn', ...r })),
      ),
      tableArb('bool'),
    );
  }
  return fc.oneof(...options);
}
