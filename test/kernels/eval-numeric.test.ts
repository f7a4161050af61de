/** The numeric rules the kernels chose, one example each: wrapping, floored modulo, NaN order, rounding, casts. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../kernels/eval/evaluate.js';
import type { ArithFn, CmpFn, PhysExpr } from '../../kernels/ir.js';
import type { VecKind } from '../../kernels/vec.js';
import { input, konst } from './support/build.js';
import { I32_MAX, I32_MIN, I64_MAX, I64_MIN } from './support/gen.js';
import { run } from './support/run.js';

const arith = (fn: ArithFn, kind: VecKind, left: PhysExpr, right: PhysExpr): PhysExpr => ({ op: 'arith', fn, kind, left, right });
const cmp = (fn: CmpFn, left: PhysExpr, right: PhysExpr): PhysExpr => ({ op: 'cmp', fn, left, right });
const a32 = input(0, 'i32');
const b32 = input(1, 'i32');
const x = input(0, 'f64');
const y = input(1, 'f64');

describe('arith', () => {
  it('wraps Int32 overflow like Polars', () => {
    expect(run(arith('add', 'i32', a32, b32), ['i32', [I32_MAX, I32_MIN]], ['i32', [1, -1]])).toEqual([I32_MIN, I32_MAX]);
    expect(run(arith('mul', 'i32', a32, konst('i32', 65536)), ['i32', [65536, -3]])).toEqual([0, -196608]);
    expect(run(arith('sub', 'i32', konst('i32', 0), a32), ['i32', [I32_MIN]])).toEqual([I32_MIN]);
  });

  it('wraps Int64 overflow', () => {
    const a = input(0, 'i64');
    expect(run(arith('add', 'i64', a, konst('i64', '1')), ['i64', [I64_MAX, -1n]])).toEqual([I64_MIN, 0n]);
  });

  it('takes the divisor sign for integer modulo (floored, as Polars and Python)', () => {
    const cols: [VecKind, number[]][] = [
      ['i32', [7, -7, 7, -7, 6]],
      ['i32', [3, 3, -3, -3, -3]],
    ];
    expect(run(arith('mod', 'i32', a32, b32), ...cols)).toEqual([1, 2, -2, -1, 0]);
    expect(run(arith('div', 'i32', a32, b32), ...cols)).toEqual([2, -3, -3, 2, -2]);
    const a = input(0, 'i64');
    expect(run(arith('mod', 'i64', a, konst('i64', '-3')), ['i64', [7n, -7n]])).toEqual([-2n, -1n]);
  });

  it('gives null for integer division and modulo by zero, in every operand shape', () => {
    expect(run(arith('mod', 'i32', a32, b32), ['i32', [5, 5, null]], ['i32', [0, 2, 0]])).toEqual([null, 1, null]);
    expect(run(arith('mod', 'i32', a32, konst('i32', 0)), ['i32', [5, 6]])).toEqual([null, null]);
    expect(run(arith('div', 'i32', konst('i32', 9), a32), ['i32', [0, 2]])).toEqual([null, 4]);
    const a = input(0, 'i64');
    expect(run(arith('div', 'i64', a, input(1, 'i64')), ['i64', [5n, -5n]], ['i64', [0n, 2n]])).toEqual([null, -3n]);
  });

  it('follows IEEE 754 for f64 division by zero', () => {
    expect(run(arith('div', 'f64', x, y), ['f64', [1, -1, 0, 1]], ['f64', [0, 0, 0, -0]])).toEqual([Infinity, -Infinity, NaN, -Infinity]);
  });

  it('floors f64 modulo, with the divisor sign on zero results', () => {
    const got = run(arith('mod', 'f64', x, y), ['f64', [5.5, -5.5, -1, 1, 1]], ['f64', [2, 2, 1, -1, 0]]);
    expect(got).toEqual([1.5, 0.5, 0, -0, NaN]);
    expect(Object.is(got[2], 0)).toBe(true);
    expect(Object.is(got[3], -0)).toBe(true);
  });

  it('makes every row null when one operand is a null constant', () => {
    expect(run(arith('add', 'f64', x, konst('f64', null)), ['f64', [1, 2]])).toEqual([null, null]);
  });
});

describe('cmp', () => {
  it('orders NaN above every number and equal to itself (Polars), -0 equal to 0', () => {
    const cols: [VecKind, number[]][] = [
      ['f64', [NaN, NaN, 1, Infinity, -0]],
      ['f64', [NaN, Infinity, NaN, NaN, 0]],
    ];
    expect(run(cmp('eq', x, y), ...cols)).toEqual([true, false, false, false, true]);
    expect(run(cmp('gt', x, y), ...cols)).toEqual([false, true, false, false, false]);
    expect(run(cmp('lt', x, y), ...cols)).toEqual([false, false, true, true, false]);
    expect(run(cmp('gte', x, konst('f64', NaN)), ['f64', [NaN, 1]])).toEqual([true, false]);
  });

  it('mirrors a constant on the left', () => {
    expect(run(cmp('lt', konst('i32', 2), a32), ['i32', [1, 2, 3]])).toEqual([false, false, true]);
    expect(run(cmp('gt', konst('f64', 2), x), ['f64', [1, NaN, 3]])).toEqual([true, false, false]);
  });

  it('compares i64 and bool operands', () => {
    expect(run(cmp('lt', input(0, 'i64'), konst('i64', '-1')), ['i64', [I64_MIN, 0n]])).toEqual([true, false]);
    expect(run(cmp('gt', input(0, 'bool'), input(1, 'bool')), ['bool', [true, false]], ['bool', [false, false]])).toEqual([true, false]);
  });

  it('is null where either side is null', () => {
    expect(run(cmp('eq', a32, b32), ['i32', [1, null]], ['i32', [null, 1]])).toEqual([null, null]);
  });
});

describe('math, round and pow', () => {
  it('keeps integer kinds for neg/abs/floor/ceil and gives f64 for sqrt/log/exp', () => {
    expect(run({ op: 'math', fn: 'abs', kind: 'i32', arg: a32 }, ['i32', [I32_MIN, -3]])).toEqual([I32_MIN, 3]);
    expect(run({ op: 'math', fn: 'sqrt', kind: 'i32', arg: a32 }, ['i32', [9, -1]])).toEqual([3, NaN]);
    expect(run({ op: 'math', fn: 'log', kind: 'f64', arg: x }, ['f64', [0, Math.E]])).toEqual([-Infinity, 1]);
    expect(run({ op: 'math', fn: 'neg', kind: 'i64', arg: input(0, 'i64') }, ['i64', [I64_MIN, 5n]])).toEqual([I64_MIN, -5n]);
  });

  it('rounds half away from zero and keeps the sign of zero', () => {
    const r = (digits: number, vals: number[]) => run({ op: 'round', digits, kind: 'f64', arg: x }, ['f64', vals]);
    expect(r(0, [0.5, -0.5, 2.5, -2.5, 0.49999999999999994, 1e300, NaN])).toEqual([1, -1, 3, -3, 0, 1e300, NaN]);
    expect(Object.is(r(0, [-0.4])[0], -0)).toBe(true);
    expect(r(1, [2.25, -2.25, 1.96])).toEqual([2.3, -2.3, 2]);
    expect(r(-2, [1250, -149])).toEqual([1300, -100]);
    expect(r(3, [1.7976931348623157e308])).toEqual([1.7976931348623157e308]);
    expect(run({ op: 'round', digits: 2, kind: 'i32', arg: a32 }, ['i32', [7]])).toEqual([7]);
  });

  it('uses IEEE pow corners: 1 ** NaN and (-1) ** Infinity are 1', () => {
    const p: PhysExpr = { op: 'pow', base: x, exponent: y };
    expect(run(p, ['f64', [1, -1, 2, NaN, -8]], ['f64', [NaN, Infinity, 10, 0, 1 / 3]])).toEqual([1, 1, 1024, 1, NaN]);
    expect(run({ op: 'pow', base: a32, exponent: konst('f64', 0.5) }, ['i32', [16]])).toEqual([4]);
  });
});

describe('cast', () => {
  const cast = (to: VecKind, arg: PhysExpr): PhysExpr => ({ op: 'cast', to, arg });

  it('truncates f64 toward zero and nulls NaN and out-of-range values', () => {
    expect(run(cast('i32', x), ['f64', [2.9, -2.9, NaN, 2147483647.5, 2147483648, -2147483648.9, -2147483649, Infinity]])).toEqual([
      2,
      -2,
      null,
      I32_MAX,
      null,
      I32_MIN,
      null,
      null,
    ]);
    expect(run(cast('i64', x), ['f64', [-1.5, 9.3e18, -(2 ** 63), 2 ** 63]])).toEqual([-1n, null, I64_MIN, null]);
  });

  it('nulls i64 values outside Int32', () => {
    expect(run(cast('i32', input(0, 'i64')), ['i64', [2n ** 31n, -(2n ** 31n), 5n]])).toEqual([null, I32_MIN, 5]);
  });

  it('maps bool to 0/1 and numbers to != 0 (NaN is true)', () => {
    expect(run(cast('f64', input(0, 'bool')), ['bool', [true, false, null]])).toEqual([1, 0, null]);
    expect(run(cast('i64', input(0, 'bool')), ['bool', [true]])).toEqual([1n]);
    expect(run(cast('bool', x), ['f64', [0, -0, NaN, 0.1]])).toEqual([false, false, true, true]);
    expect(run(cast('bool', input(0, 'i64')), ['i64', [0n, -4n]])).toEqual([false, true]);
  });

  it('returns the input itself for a cast to its own kind', () => {
    const v = { kind: 'f64' as const, length: 1, values: Float64Array.of(1), valid: null };
    expect(evaluate(cast('f64', x), [v], 1)).toBe(v);
  });
});
