/** Row-choosing and null-aware kernels: three-valued logic, null handling, when, isIn, lookup, date parts. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../kernels/eval/evaluate.js';
import type { PhysExpr } from '../../kernels/ir.js';
import { input, konst } from './support/build.js';
import { I32_MAX, I32_MIN } from './support/gen.js';
import { run } from './support/run.js';
import type { JsValue } from './support/values.js';

const p = input(0, 'bool');
const q = input(1, 'bool');

describe('three-valued logic', () => {
  // Every pair of (true, false, null), row by row.
  const left: JsValue[] = [true, true, true, false, false, false, null, null, null];
  const right: JsValue[] = [true, false, null, true, false, null, true, false, null];

  it('AND: false wins over null', () => {
    expect(run({ op: 'and', left: p, right: q }, ['bool', left], ['bool', right])).toEqual([
      true,
      false,
      null,
      false,
      false,
      false,
      null,
      false,
      null,
    ]);
  });

  it('OR: true wins over null', () => {
    expect(run({ op: 'or', left: p, right: q }, ['bool', left], ['bool', right])).toEqual([
      true,
      true,
      true,
      true,
      false,
      null,
      true,
      null,
      null,
    ]);
  });

  it('NOT keeps nulls', () => {
    expect(run({ op: 'not', arg: p }, ['bool', [true, false, null]])).toEqual([false, true, null]);
  });

  it('works when neither side has nulls', () => {
    expect(run({ op: 'and', left: p, right: q }, ['bool', [true, true, false]], ['bool', [true, false, false]])).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('null handling', () => {
  it('isNull / isNotNull are never null', () => {
    const a = input(0, 'f64');
    expect(run({ op: 'isNull', arg: a }, ['f64', [1, null, NaN]])).toEqual([false, true, false]);
    expect(run({ op: 'isNotNull', arg: a }, ['f64', [1, null]])).toEqual([true, false]);
    expect(run({ op: 'isNull', arg: konst('i32', null) }, ['f64', [1, 2]])).toEqual([true, true]);
  });

  it('fillNull takes the fill row or constant where the value is null', () => {
    const a = input(0, 'i32');
    expect(run({ op: 'fillNull', arg: a, fill: konst('i32', -1) }, ['i32', [1, null, 3]])).toEqual([1, -1, 3]);
    expect(run({ op: 'fillNull', arg: a, fill: input(1, 'i32') }, ['i32', [null, null]], ['i32', [7, null]])).toEqual([7, null]);
    expect(run({ op: 'fillNull', arg: konst('i64', null), fill: konst('i64', '9') }, ['i32', [0, 0]])).toEqual([9n, 9n]);
  });
});

describe('when', () => {
  it('takes the first true branch; a null condition counts as false', () => {
    const a = input(0, 'i32');
    const expr: PhysExpr = {
      op: 'when',
      kind: 'i32',
      branches: [
        { when: { op: 'cmp', fn: 'gt', left: a, right: konst('i32', 10) }, then: konst('i32', 2) },
        { when: { op: 'cmp', fn: 'gt', left: a, right: konst('i32', 0) }, then: konst('i32', 1) },
      ],
      otherwise: konst('i32', null),
    };
    expect(run(expr, ['i32', [20, 5, -5, null]])).toEqual([2, 1, null, null]);
  });

  it('reads branch values row by row, nulls included', () => {
    const expr: PhysExpr = { op: 'when', kind: 'f64', branches: [{ when: p, then: input(1, 'f64') }], otherwise: input(2, 'f64') };
    expect(run(expr, ['bool', [true, false, true, null]], ['f64', [1, 2, null, 4]], ['f64', [-1, -2, -3, null]])).toEqual([
      1,
      -2,
      null,
      null,
    ]);
  });
});

describe('isIn', () => {
  it('uses a table for a small i32 range and a set for a sparse one, with the same answers', () => {
    const a = input(0, 'i32');
    const rows: JsValue[] = [1, 2, 3, 4, null, I32_MIN, I32_MAX, -5];
    expect(run({ op: 'isIn', arg: a, values: [1, 3, -5] }, ['i32', rows])).toEqual([true, false, true, false, null, false, false, true]);
    expect(run({ op: 'isIn', arg: a, values: [1, 3, I32_MAX] }, ['i32', rows])).toEqual([
      true,
      false,
      true,
      false,
      null,
      false,
      true,
      false,
    ]);
  });

  it('matches NaN and ±0 in f64 lists, bigints in i64 lists, and booleans', () => {
    expect(run({ op: 'isIn', arg: input(0, 'f64'), values: [NaN, 0] }, ['f64', [NaN, -0, 1]])).toEqual([true, true, false]);
    expect(
      run({ op: 'isIn', arg: input(0, 'i64'), values: ['9007199254740993'] }, ['i64', [9007199254740993n, 9007199254740992n]]),
    ).toEqual([true, false]);
    expect(run({ op: 'isIn', arg: p, values: [false] }, ['bool', [true, false, null]])).toEqual([false, true, null]);
  });

  it('gives all false for an empty list', () => {
    expect(run({ op: 'isIn', arg: input(0, 'i32'), values: [] }, ['i32', [0, 1]])).toEqual([false, false]);
  });
});

describe('lookup', () => {
  it('maps codes through the table; null entries and codes outside it give null', () => {
    const expr: PhysExpr = {
      op: 'lookup',
      kind: 'i32',
      arg: input(0, 'i32'),
      values: Int32Array.of(10, 20, 30),
      valid: Uint8Array.of(1, 0, 1),
    };
    expect(run(expr, ['i32', [0, 1, 2, 3, -1, null]])).toEqual([10, null, 30, null, null, null]);
    const flags: PhysExpr = { op: 'lookup', kind: 'bool', arg: input(0, 'i32'), values: Uint8Array.of(1, 0), valid: null };
    expect(run(flags, ['i32', [1, 0]])).toEqual([false, true]);
  });
});

describe('datePart', () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const parts = (unit: 'days' | 'ms', kind: 'i32' | 'i64', v: JsValue[]) =>
    (['year', 'month', 'day', 'weekday'] as const).map((part) => run({ op: 'datePart', part, unit, arg: input(0, kind) }, [kind, v]));

  it('splits days since the epoch, leap days and days before 1970 included', () => {
    expect(parts('days', 'i32', [day('2024-02-29'), day('1969-12-31'), day('2000-03-01'), 0, day('1600-02-29'), null])).toEqual([
      [2024, 1969, 2000, 1970, 1600, null],
      [2, 12, 3, 1, 2, null],
      [29, 31, 1, 1, 29, null],
      [4, 3, 3, 4, 2, null],
    ]);
  });

  it('gives ISO weekdays, Sunday = 7', () => {
    expect(parts('days', 'i32', [day('2024-06-09'), day('2024-06-10')])[3]).toEqual([7, 1]);
  });

  it('floors timestamps before the epoch to the previous day', () => {
    expect(parts('ms', 'i64', [-1n, 86_399_999n, BigInt(Date.parse('2021-07-04T23:59:59.999Z'))])).toEqual([
      [1969, 1970, 2021],
      [12, 1, 7],
      [31, 1, 4],
      [3, 4, 7],
    ]);
  });
});

describe('evaluate', () => {
  it('broadcasts a constant-only expression, typed nulls included', () => {
    expect(run(konst('i64', '12345678901234567'), ['i32', [0, 0]])).toEqual([12345678901234567n, 12345678901234567n]);
    expect(run(konst('f64', null), ['i32', [0, 0]])).toEqual([null, null]);
    expect(run({ op: 'cmp', fn: 'lt', left: konst('i32', 1), right: konst('i32', 2) }, ['i32', [0]])).toEqual([true]);
  });

  it('returns a bare input as is, without copying', () => {
    const v = { kind: 'i32' as const, length: 2, values: Int32Array.of(1, 2), valid: null };
    expect(evaluate(input(0, 'i32'), [v], 2)).toBe(v);
  });

  it('rejects plans that do not match the inputs', () => {
    const v = { kind: 'i32' as const, length: 2, values: Int32Array.of(1, 2), valid: null };
    expect(() => evaluate(input(1, 'i32'), [v], 2)).toThrow(/no input 1/);
    expect(() => evaluate(input(0, 'f64'), [v], 2)).toThrow(/is i32, the plan expects f64/);
    expect(() => evaluate(input(0, 'i32'), [v], 3)).toThrow(/has 2 rows, expected 3/);
    expect(() => evaluate({ op: 'arith', fn: 'add', kind: 'bool', left: input(0, 'i32'), right: input(0, 'i32') }, [v], 2)).toThrow(/bool/);
  });

  it('handles empty morsels', () => {
    expect(run({ op: 'arith', fn: 'mod', kind: 'i32', left: input(0, 'i32'), right: konst('i32', 0) }, ['i32', []])).toEqual([]);
  });
});
