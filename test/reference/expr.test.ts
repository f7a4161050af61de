/** The reference evaluator's row expressions on hand-computed cases: arithmetic, nulls, logic, casts, strings, dates. */
import { describe, expect, it } from 'vitest';
import type { ExprNode } from '../../src/expr/ast.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { evalExprRow, refOutputName, refTypeOf, RefTypeError } from './evaluate.js';
import { agg, alias, bin, c, l, un } from './nodes.js';

const types = new Map<string, DataType>([
  ['i', 'Int32'],
  ['j', 'Int32'],
  ['big', 'Int64'],
  ['f', 'Float64'],
  ['b', 'Boolean'],
  ['s', 'Utf8'],
  ['d', 'Date'],
  ['t', 'Timestamp'],
]);

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Evaluates `node` over a row holding only `row`'s cells (the rest null). */
function ev(node: ExprNode, row: Record<string, Scalar> = {}): Scalar {
  const full: Record<string, Scalar> = {};
  for (const k of types.keys()) full[k] = row[k] ?? null;
  return evalExprRow(node, full, types);
}

describe('arithmetic follows the numeric supertype and Polars integer rules', () => {
  it('wraps Int32 and Int64 on overflow', () => {
    expect(ev(bin('add', c('i'), l(1)), { i: 2147483647 })).toBe(-2147483648);
    expect(ev(bin('mul', c('i'), c('j')), { i: 65536, j: 65536 })).toBe(0);
    expect(ev(bin('mul', c('i'), c('j')), { i: 46341, j: 46341 })).toBe(-2147479015);
    expect(ev(bin('add', c('big'), l('1', 'Int64')), { big: 2n ** 63n - 1n })).toBe(-(2n ** 63n));
  });

  it('takes floored modulo, null for an integer divisor of zero, NaN for a float one', () => {
    expect(ev(bin('mod', c('i'), l(3)), { i: -7 })).toBe(2);
    expect(ev(bin('mod', c('i'), l(-3)), { i: 7 })).toBe(-2);
    expect(ev(bin('mod', c('i'), c('j')), { i: 7, j: 0 })).toBeNull();
    expect(ev(bin('mod', c('big'), l('0', 'Int64')), { big: 7n })).toBeNull();
    expect(ev(bin('mod', c('f'), l(2)), { f: -7.5 })).toBe(0.5);
    expect(ev(bin('mod', c('f'), l(0)), { f: 1 })).toBeNaN();
  });

  it('divides truly, in Float64, even for integers', () => {
    expect(ev(bin('div', c('i'), l(2)), { i: 7 })).toBe(3.5);
    expect(ev(bin('div', c('i'), c('j')), { i: 1, j: 0 })).toBe(Infinity);
    expect(ev(bin('div', c('i'), c('j')), { i: 0, j: 0 })).toBeNaN();
    expect(refTypeOf(bin('div', c('i'), c('j')), types)).toBe('Float64');
  });

  it('widens mixed operands: Int32 with Int64 gives bigint, with Float64 a double', () => {
    expect(ev(bin('add', c('i'), c('big')), { i: 2, big: 3n })).toBe(5n);
    expect(ev(bin('sub', c('i'), c('f')), { i: 2, f: 0.5 })).toBe(1.5);
    expect(refTypeOf(bin('add', c('i'), c('big')), types)).toBe('Int64');
  });

  it('propagates nulls, and an untyped null literal adopts the other side', () => {
    expect(ev(bin('add', c('i'), l(1)), {})).toBeNull();
    expect(ev(bin('mul', c('f'), l(null)), { f: 2 })).toBeNull();
    expect(refTypeOf(bin('add', c('i'), l(null)), types)).toBe('Int32');
  });
});

describe('comparisons use the total order', () => {
  it('treats NaN as equal to itself and above every number', () => {
    expect(ev(bin('eq', c('f'), l('NaN', 'Float64')), { f: NaN })).toBe(true);
    expect(ev(bin('gt', c('f'), l(Infinity, 'Float64')), { f: NaN })).toBe(true);
    expect(ev(bin('lt', c('f'), l(1)), { f: NaN })).toBe(false);
    expect(ev(bin('eq', c('f'), l(0)), { f: -0 })).toBe(true);
  });

  it('compares across numeric types, strings by code unit, dates by instant', () => {
    expect(ev(bin('eq', c('i'), c('f')), { i: 1, f: 1 })).toBe(true);
    expect(ev(bin('lt', c('big'), c('f')), { big: 2n, f: 2.5 })).toBe(true);
    expect(ev(bin('lt', c('s'), l('a')), { s: 'B' })).toBe(true);
    expect(ev(bin('gte', c('d'), l(19782, 'Date')), { d: day('2024-02-29') })).toBe(true);
    expect(ev(bin('neq', c('i'), l(1)), {})).toBeNull();
  });

  it('rejects incomparable types', () => {
    expect(() => refTypeOf(bin('gt', c('s'), l(1)), types)).toThrow(RefTypeError);
    expect(() => refTypeOf(bin('eq', c('d'), c('b')), types)).toThrow(RefTypeError);
    expect(refTypeOf(bin('eq', c('d'), c('t')), types)).toBe('Boolean');
  });
});

describe('three-valued logic', () => {
  const values: Scalar[] = [true, false, null];
  const and: Scalar[][] = [
    [true, false, null],
    [false, false, false],
    [null, false, null],
  ];
  const or: Scalar[][] = [
    [true, true, true],
    [true, false, null],
    [true, null, null],
  ];

  it('matches the SQL truth tables for and/or, and not keeps null', () => {
    values.forEach((a, x) =>
      values.forEach((b, y) => {
        const row = { b: a, s: null };
        const other = l(b as boolean | null, 'Boolean');
        expect(ev(bin('and', c('b'), other), row)).toBe(and[x]![y]);
        expect(ev(bin('or', c('b'), other), row)).toBe(or[x]![y]);
      }),
    );
    expect(ev(un('not', c('b')), { b: true })).toBe(false);
    expect(ev(un('not', c('b')), {})).toBeNull();
  });
});

describe('null functions, isIn and between', () => {
  it('isNull/isNotNull are never null; fillNull takes the supertype', () => {
    expect(ev(un('isNull', c('i')), {})).toBe(true);
    expect(ev(un('isNotNull', c('i')), { i: 0 })).toBe(true);
    expect(ev({ kind: 'fillNull', arg: c('i'), fill: l(0.5) }, {})).toBe(0.5);
    expect(ev({ kind: 'fillNull', arg: c('i'), fill: c('big') }, { i: 3, big: 9n })).toBe(3n);
    expect(ev({ kind: 'fillNull', arg: c('f'), fill: l(1) }, { f: NaN })).toBeNaN();
  });

  it('isIn matches by total equality and gives null for a null argument', () => {
    const node: ExprNode = { kind: 'isIn', arg: c('i'), values: [1, 2, 2.5] };
    expect(ev(node, { i: 2 })).toBe(true);
    expect(ev(node, { i: 3 })).toBe(false);
    expect(ev(node, {})).toBeNull();
    expect(ev({ kind: 'isIn', arg: c('f'), values: ['NaN'] }, { f: NaN })).toBe(true);
    expect(ev({ kind: 'isIn', arg: c('s'), values: ['x', 'y'] }, { s: 'y' })).toBe(true);
    expect(ev({ kind: 'isIn', arg: c('big'), values: [5, '9007199254740993'] }, { big: 9007199254740993n })).toBe(true);
    expect(ev({ kind: 'isIn', arg: c('d'), values: ['2024-02-29'] }, { d: day('2024-02-29') })).toBe(true);
  });

  it('between is inclusive and three-valued', () => {
    const node = (lo: ExprNode, hi: ExprNode): ExprNode => ({ kind: 'between', arg: c('i'), lower: lo, upper: hi });
    expect(ev(node(l(1), l(5)), { i: 5 })).toBe(true);
    expect(ev(node(l(1), l(5)), { i: 0 })).toBe(false);
    expect(ev(node(l(null), l(5)), { i: 9 })).toBe(false);
    expect(ev(node(l(null), l(5)), { i: 3 })).toBeNull();
    expect(ev(node(l(1), l(5)), {})).toBeNull();
  });
});

describe('casts', () => {
  const cast = (arg: ExprNode, to: DataType, strict = false): ExprNode => ({ kind: 'cast', arg, to, strict });

  it('truncates floats toward zero and nulls what does not fit when not strict', () => {
    expect(ev(cast(c('f'), 'Int32'), { f: 2.7 })).toBe(2);
    expect(ev(cast(c('f'), 'Int32'), { f: -2.7 })).toBe(-2);
    expect(ev(cast(c('f'), 'Int32'), { f: NaN })).toBeNull();
    expect(ev(cast(c('f'), 'Int32'), { f: 3e9 })).toBeNull();
    expect(ev(cast(c('f'), 'Int64'), { f: 3e9 })).toBe(3000000000n);
    expect(ev(cast(c('big'), 'Int32'), { big: 3000000000n })).toBeNull();
    expect(ev(cast(c('big'), 'Float64'), { big: -4n })).toBe(-4);
  });

  it('maps booleans to 0/1 and numbers to != 0', () => {
    expect(ev(cast(c('b'), 'Int32'), { b: true })).toBe(1);
    expect(ev(cast(c('b'), 'Float64'), { b: false })).toBe(0);
    expect(ev(cast(c('i'), 'Boolean'), { i: 0 })).toBe(false);
    expect(ev(cast(c('f'), 'Boolean'), { f: NaN })).toBe(true);
  });

  it('moves between Date and Timestamp, flooring to the day, and reads Int32 as days', () => {
    expect(ev(cast(c('d'), 'Timestamp'), { d: day('2024-02-29') })).toEqual(day('2024-02-29'));
    expect(ev(cast(c('t'), 'Date'), { t: new Date(-1) })).toEqual(day('1969-12-31'));
    expect(ev(cast(c('t'), 'Date'), { t: new Date('2024-02-29T23:59:59Z') })).toEqual(day('2024-02-29'));
    expect(ev(cast(c('i'), 'Date'), { i: 1 })).toEqual(day('1970-01-02'));
  });

  it('fails a strict cast that loses a value', () => {
    expect(() => ev(cast(c('f'), 'Int32', true), { f: 3e9 })).toThrow('reference: strict cast of 3000000000 to Int32 failed');
    expect(() => ev(cast(c('s'), 'Date', true), { s: 'x' })).toThrow('reference: strict cast of x to Date failed');
  });

  it('parses text: integers without decimals, floats, Booleans in any case, ISO dates and timestamps, whitespace dropped', () => {
    expect(ev(cast(c('s'), 'Int32'), { s: ' 12 ' })).toBe(12);
    expect(ev(cast(c('s'), 'Int32'), { s: '1.5' })).toBeNull();
    expect(ev(cast(c('s'), 'Int32'), { s: '' })).toBeNull();
    expect(ev(cast(c('s'), 'Int64'), { s: '-9223372036854775808' })).toBe(-(2n ** 63n));
    expect(ev(cast(c('s'), 'Float64'), { s: '1e3' })).toBe(1000);
    expect(ev(cast(c('s'), 'Boolean'), { s: 'TRUE' })).toBe(true);
    expect(ev(cast(c('s'), 'Date'), { s: '2024-02-29' })).toEqual(day('2024-02-29'));
    expect(ev(cast(c('s'), 'Date'), { s: '2023-02-29' })).toBeNull();
    expect(ev(cast(c('s'), 'Timestamp'), { s: '2024-02-29T01:02:03.4567+01:00' })).toEqual(new Date('2024-02-29T00:02:03.456Z'));
  });

  it('formats values as Polars prints them', () => {
    expect(ev(cast(c('f'), 'Utf8'), { f: 1 })).toBe('1.0');
    expect(ev(cast(c('f'), 'Utf8'), { f: 1e20 })).toBe('1e+20');
    expect(ev(cast(c('f'), 'Utf8'), { f: -0 })).toBe('-0.0');
    expect(ev(cast(c('f'), 'Utf8'), { f: -Infinity })).toBe('-inf');
    expect(ev(cast(c('big'), 'Utf8'), { big: 2n ** 63n - 1n })).toBe('9223372036854775807');
    expect(ev(cast(c('d'), 'Utf8'), { d: day('0099-02-03') })).toBe('0099-02-03');
    expect(ev(cast(c('t'), 'Utf8'), { t: new Date(-1) })).toBe('1969-12-31 23:59:59.999');
  });

  it('reads Dates as days and Timestamps as ms', () => {
    expect(ev(cast(c('d'), 'Int32'), { d: day('1969-12-31') })).toBe(-1);
    expect(ev(cast(c('t'), 'Int64'), { t: new Date(1234) })).toBe(1234n);
    expect(ev(cast(c('big'), 'Date'), { big: 2n ** 40n })).toBeNull();
  });

  it('refuses casts outside the contract', () => {
    expect(() => refTypeOf(cast(c('f'), 'Date'), types)).toThrow(RefTypeError);
    expect(() => refTypeOf(cast(c('d'), 'Float64'), types)).toThrow(RefTypeError);
  });
});

describe('math and rounding', () => {
  it('keeps the type for abs/neg/floor/ceil (integers wrap) and gives Float64 otherwise', () => {
    expect(ev(un('abs', c('i')), { i: -2147483648 })).toBe(-2147483648);
    expect(ev(un('neg', c('i')), { i: -2147483648 })).toBe(-2147483648);
    expect(ev(un('abs', c('big')), { big: -5n })).toBe(5n);
    expect(ev(un('floor', c('f')), { f: -1.5 })).toBe(-2);
    expect(ev(un('ceil', c('f')), { f: -1.5 })).toBe(-1);
    expect(ev(un('floor', c('i')), { i: 7 })).toBe(7);
    expect(ev(un('sqrt', c('i')), { i: 9 })).toBe(3);
    expect(ev(un('sqrt', c('f')), { f: -1 })).toBeNaN();
    expect(ev(un('log', c('i')), { i: 0 })).toBe(-Infinity);
    expect(ev(un('exp', c('i')), { i: 0 })).toBe(1);
    expect(ev({ kind: 'pow', base: c('i'), exponent: l(10) }, { i: 2 })).toBe(1024);
    expect(refTypeOf(un('sqrt', c('i')), types)).toBe('Float64');
  });

  it('rounds half away from zero, by the stored value, and leaves integers alone', () => {
    const round = (digits: number): ExprNode => ({ kind: 'round', arg: c('f'), digits });
    expect(ev(round(0), { f: 2.5 })).toBe(3);
    expect(ev(round(0), { f: -2.5 })).toBe(-3);
    expect(ev(round(0), { f: 0.49999999999999994 })).toBe(0);
    expect(ev(round(1), { f: 2.25 })).toBe(2.3);
    expect(ev(round(2), { f: 1.005 })).toBe(1);
    expect(ev(round(-1), { f: 15 })).toBe(20);
    expect(ev({ kind: 'round', arg: c('i'), digits: 0 }, { i: 7 })).toBe(7);
  });
});

describe('when/then/otherwise', () => {
  const node: ExprNode = {
    kind: 'when',
    branches: [
      { when: bin('gt', c('i'), l(10)), then: l(1) },
      { when: bin('gt', c('i'), l(5)), then: c('f') },
    ],
    otherwise: l(null),
  };

  it('takes the first true branch, counts a null condition as false, and joins branch types', () => {
    expect(ev(node, { i: 11, f: 0.5 })).toBe(1);
    expect(ev(node, { i: 6, f: 0.5 })).toBe(0.5);
    expect(ev(node, { i: 1 })).toBeNull();
    expect(ev(node, { f: 0.5 })).toBeNull();
    expect(refTypeOf(node, types)).toBe('Float64');
  });

  it('widens an Int32 branch to bigint when another branch is Int64', () => {
    const wide: ExprNode = { kind: 'when', branches: [{ when: c('b'), then: c('i') }], otherwise: c('big') };
    expect(ev(wide, { b: true, i: 4, big: 1n })).toBe(4n);
  });
});

describe('strings and dates', () => {
  const slice = (offset: number, length: number | null): ExprNode => ({ kind: 'strSlice', arg: c('s'), offset, length });

  it('matches regular expressions, or substrings literally, and maps case and length', () => {
    expect(ev({ kind: 'strMatch', op: 'contains', arg: c('s'), pattern: '.b', literal: true }, { s: 'a.b' })).toBe(true);
    expect(ev({ kind: 'strMatch', op: 'contains', arg: c('s'), pattern: '.b', literal: true }, { s: 'acb' })).toBe(false);
    // without literal, a regular expression
    expect(ev({ kind: 'strMatch', op: 'contains', arg: c('s'), pattern: '.b' }, { s: 'acb' })).toBe(true);
    expect(ev({ kind: 'strMatch', op: 'contains', arg: c('s'), pattern: '^b' }, { s: 'ab' })).toBe(false);
    expect(ev({ kind: 'strMatch', op: 'startsWith', arg: c('s'), pattern: 'ab' }, { s: 'abc' })).toBe(true);
    expect(ev({ kind: 'strMatch', op: 'endsWith', arg: c('s'), pattern: 'ab' }, { s: 'abc' })).toBe(false);
    expect(ev({ kind: 'strMatch', op: 'endsWith', arg: c('s'), pattern: 'x' }, {})).toBeNull();
    expect(ev(un('str.toUpperCase', c('s')), { s: 'straße' })).toBe('STRASSE');
    expect(ev(un('str.toLowerCase', c('s')), { s: 'ÀB' })).toBe('àb');
    expect(ev(un('str.length', c('s')), { s: 'héllo' })).toBe(5);
  });

  it('slices by a window clamped to the string, offsets from the end when negative', () => {
    expect(ev(slice(1, 3), { s: 'hello' })).toBe('ell');
    expect(ev(slice(-3, null), { s: 'hello' })).toBe('llo');
    expect(ev(slice(-10, 7), { s: 'hello' })).toBe('he');
    expect(ev(slice(10, 2), { s: 'hello' })).toBe('');
    expect(ev(slice(0, 0), { s: 'hello' })).toBe('');
    expect(ev(slice(-5, 3), { s: 'abc' })).toBe('a');
  });

  it('takes UTC date parts with ISO weekdays', () => {
    const leap = { d: day('2024-02-29'), t: new Date(-1) };
    expect(ev(un('dt.year', c('d')), leap)).toBe(2024);
    expect(ev(un('dt.month', c('d')), leap)).toBe(2);
    expect(ev(un('dt.day', c('d')), leap)).toBe(29);
    expect(ev(un('dt.weekday', c('d')), leap)).toBe(4);
    expect(ev(un('dt.weekday', c('t')), leap)).toBe(3);
    expect(ev(un('dt.year', c('t')), leap)).toBe(1969);
    expect(ev(un('dt.weekday', c('d')), { d: day('2024-03-03') })).toBe(7);
  });
});

describe('types and names', () => {
  it('types aggregations per the contract', () => {
    expect(refTypeOf(agg('sum', c('i')), types)).toBe('Int64');
    expect(refTypeOf(agg('sum', c('b')), types)).toBe('Int64');
    expect(refTypeOf(agg('sum', c('f')), types)).toBe('Float64');
    expect(refTypeOf(agg('mean', c('i')), types)).toBe('Float64');
    expect(refTypeOf(agg('min', c('s')), types)).toBe('Utf8');
    expect(refTypeOf(agg('first', c('d')), types)).toBe('Date');
    expect(refTypeOf(agg('count', c('s')), types)).toBe('Int32');
    expect(refTypeOf(agg('len', null), types)).toBe('Int32');
    expect(refTypeOf(agg('corr', c('i'), { arg2: c('f') }), types)).toBe('Float64');
  });

  it('rejects sums of strings, nested aggregations and unknown columns (listing the known ones)', () => {
    expect(() => refTypeOf(agg('sum', c('s')), types)).toThrow(RefTypeError);
    expect(() => refTypeOf(agg('sum', agg('max', c('i'))), types)).toThrow(/nested/);
    expect(() => refTypeOf(c('nope'), types)).toThrow(ColumnNotFoundError);
    expect(() => refTypeOf(c('nope'), types)).toThrow(/"i", "j", "big"/);
  });

  it('names a column by its first alias or column, "len" for len(), a when by its first then', () => {
    expect(refOutputName(alias(bin('add', c('i'), c('j')), 'x'))).toBe('x');
    expect(refOutputName(bin('add', l(1), c('j')))).toBe('j');
    expect(refOutputName(agg('sum', c('f')))).toBe('f');
    expect(refOutputName(bin('add', l(1), l(2)))).toBe('literal');
    expect(refOutputName(agg('len', null))).toBe('len');
    expect(refOutputName({ kind: 'when', branches: [{ when: c('b'), then: l(1) }], otherwise: c('i') })).toBe('literal');
    expect(refOutputName({ kind: 'when', branches: [{ when: c('b'), then: c('j') }], otherwise: c('i') })).toBe('j');
  });

  it('infers column types from the row when no schema is given', () => {
    expect(evalExprRow(bin('add', c('a'), l(1)), { a: 2147483647 })).toBe(-2147483648);
    expect(evalExprRow(bin('add', c('a'), l(1)), { a: 0.5 })).toBe(1.5);
    expect(evalExprRow(bin('add', c('a'), l(1)), { a: 5n })).toBe(6n);
  });
});
