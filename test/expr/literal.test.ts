/** Literal encoding into the AST's JSON-safe form, decoding back, and isIn value conversion. */
import { describe, expect, test } from 'vitest';
import { isInValuesFor, isValidLitValue, litNode, litToConst, litToScalar, parseIsoMs } from '../../src/expr/index.js';

const DAY = 86_400_000;

describe('litNode', () => {
  test('non-finite floats are stored as strings so the node stays JSON-safe', () => {
    expect(litNode(Number.NaN)).toEqual({ kind: 'lit', value: 'NaN', dtype: 'Float64' });
    expect(litNode(Infinity).value).toBe('Infinity');
    expect(litNode(-Infinity, 'Float64').value).toBe('-Infinity');
  });

  test('-0 becomes the Int32 zero', () => {
    expect(Object.is(litNode(-0).value, 0)).toBe(true);
    expect(litNode(-0).dtype).toBe('Int32');
  });

  test('Int32 and Int64 check their ranges', () => {
    expect(litNode(2147483647, 'Int32').value).toBe(2147483647);
    expect(() => litNode(2147483648, 'Int32')).toThrow('cannot make a Int32 literal from 2147483648: needs an integer between');
    expect(() => litNode(1.5, 'Int32')).toThrow(expect.objectContaining({ name: 'VolleyError', code: 'TYPE_ERROR' }));
    expect(litNode(12, 'Int64').value).toBe('12');
    expect(litNode('-9223372036854775808', 'Int64').value).toBe('-9223372036854775808');
    expect(() => litNode(2n ** 63n, 'Int64')).toThrow('needs an integer in the 64-bit range');
    expect(() => litNode('1e3', 'Int64')).toThrow(expect.objectContaining({ name: 'VolleyError', code: 'TYPE_ERROR' }));
    expect(litNode(7n, 'Int32').value).toBe(7);
    expect(litNode(7n, 'Float64').value).toBe(7);
  });

  test('Date literals hold days since the epoch, from numbers, Dates or ISO text', () => {
    expect(litNode(18263, 'Date').value).toBe(18263);
    expect(litNode('2020-01-02', 'Date').value).toBe(18263);
    expect(litNode(new Date(Date.UTC(2020, 0, 2, 23)), 'Date').value).toBe(18263);
    expect(litNode(new Date(-1), 'Date').value).toBe(-1);
    expect(() => litNode('2020-02-30', 'Date')).toThrow('needs whole days since 1970-01-01, a Date or an ISO date string');
    expect(() => litNode(new Date(Number.NaN))).toThrow('invalid Date');
  });

  test('Timestamp literals hold ms since the epoch', () => {
    expect(litNode('2020-01-02T00:00:01Z', 'Timestamp').value).toBe(18263 * DAY + 1000);
    expect(litNode(5, 'Timestamp').value).toBe(5);
    expect(litNode(5n, 'Timestamp').value).toBe(5);
    expect(() => litNode(0.5, 'Timestamp')).toThrow(expect.objectContaining({ name: 'VolleyError', code: 'TYPE_ERROR' }));
  });

  test('mismatched values are rejected with the reason', () => {
    expect(() => litNode('x', 'Boolean')).toThrow('cannot make a Boolean literal from "x"');
    expect(() => litNode(1, 'Utf8')).toThrow('cannot make a Utf8 literal from 1: cast to Utf8 is not supported yet');
    expect(() => litNode(1, 'Nope' as 'Int32')).toThrow('unknown data type "Nope"');
  });
});

describe('parseIsoMs', () => {
  test('reads dates and date-times as UTC unless a zone is given', () => {
    expect(parseIsoMs('1970-01-01')).toBe(0);
    expect(parseIsoMs('1970-01-01T00:00:00.5')).toBe(500);
    expect(parseIsoMs('1970-01-01 01:00')).toBe(3_600_000);
    expect(parseIsoMs('1970-01-01T01:00:00+01:00')).toBe(0);
    expect(parseIsoMs('1969-12-31T23:00:00-0100')).toBe(0);
  });

  test('rejects malformed or impossible dates', () => {
    for (const s of ['2020-13-01', '2021-02-29', '2020-01-01T24:00', 'yesterday', '2020/01/01']) {
      expect(parseIsoMs(s)).toBeUndefined();
    }
  });
});

describe('decoding', () => {
  test('litToScalar gives the values users see', () => {
    expect(litToScalar('5', 'Int64')).toBe(5n);
    expect(litToScalar('NaN', 'Float64')).toBeNaN();
    expect(litToScalar(1, 'Date')).toEqual(new Date(DAY));
    expect(litToScalar(1, 'Timestamp')).toEqual(new Date(1));
    expect(litToScalar('s', 'Utf8')).toBe('s');
    expect(litToScalar(null, 'Int32')).toBeNull();
  });

  test('litToConst gives the kernel const form (i64 as decimal strings)', () => {
    expect(litToConst(1000, 'Timestamp')).toBe('1000');
    expect(litToConst('5', 'Int64')).toBe('5');
    expect(litToConst('-Infinity', 'Float64')).toBe(-Infinity);
    expect(litToConst(3, 'Date')).toBe(3);
    expect(litToConst(true, 'Boolean')).toBe(true);
  });

  test('isValidLitValue checks the JSON-safe form per type', () => {
    expect(isValidLitValue(1, 'Int32')).toBe(true);
    expect(isValidLitValue(1.5, 'Int32')).toBe(false);
    expect(isValidLitValue('1', 'Int64')).toBe(true);
    expect(isValidLitValue(1, 'Int64')).toBe(false);
    expect(isValidLitValue('NaN', 'Float64')).toBe(true);
    expect(isValidLitValue('nan', 'Float64')).toBe(false);
    expect(isValidLitValue(null, null)).toBe(true);
    expect(isValidLitValue(1, null)).toBe(false);
    expect(isValidLitValue(1.5, 'Timestamp')).toBe(false);
  });
});

describe('isInValuesFor', () => {
  test('converts to the kernel form of the argument type and drops values nothing can equal', () => {
    expect(isInValuesFor([1, 2.5, '7'], 'Int64')).toEqual(['1', '7']);
    expect(isInValuesFor([1, '2'], 'Int32')).toEqual([1, 2]);
    expect(isInValuesFor([1, 'Infinity'], 'Float64')).toEqual([1, Infinity]);
    expect(isInValuesFor(['2020-01-02', 18264, 1.5], 'Date')).toEqual([18263, 18264]);
    expect(isInValuesFor(['2020-01-02T00:00:00.001Z', 5], 'Timestamp')).toEqual([String(18263 * DAY + 1), '5']);
    expect(isInValuesFor(['a'], 'Utf8')).toEqual(['a']);
    expect(isInValuesFor([true], 'Boolean')).toEqual([true]);
  });

  test('throws on values of another type', () => {
    expect(() => isInValuesFor(['x'], 'Int32')).toThrow('isIn value "x" does not match type Int32');
    expect(() => isInValuesFor([1], 'Utf8')).toThrow(expect.objectContaining({ name: 'VolleyError', code: 'TYPE_ERROR' }));
  });
});
