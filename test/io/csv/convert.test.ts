/** Field parsers (the tokenizer's, the only ones the reader has): the exact strings each type accepts and rejects. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseBooleanBytes } from '../../../kernels/csv/booleans.js';
import { isNanLiteral, parseFloat64Bytes } from '../../../kernels/csv/floats.js';
import { parseInt32Bytes, parseInt64Bytes } from '../../../kernels/csv/ints.js';
import { parseDateBytes, parseTimestampBytes } from '../../../kernels/csv/temporal.js';

/** A byte parser as a parser of strings: undefined where the text does not parse. */
const bytes = (s: string): [Uint8Array, number, number] => {
  const b = new TextEncoder().encode(s);
  return [b, 0, b.length];
};
const parseInt32 = (s: string): number | undefined => {
  const v = parseInt32Bytes(...bytes(s));
  return v === v ? v : undefined;
};
const parseInt64 = (s: string): bigint | undefined => parseInt64Bytes(...bytes(s)) ?? undefined;
const parseFloat64 = (s: string): number | undefined => {
  const v = parseFloat64Bytes(...bytes(s));
  return v === v || isNanLiteral(...bytes(s)) ? v : undefined;
};
const parseBoolean = (s: string): boolean | undefined => {
  const v = parseBooleanBytes(...bytes(s));
  return v < 0 ? undefined : v === 1;
};
const parseDate = (s: string): number | undefined => {
  const v = parseDateBytes(...bytes(s));
  return v === v ? v : undefined;
};
const parseTimestamp = (s: string): bigint | undefined => {
  const v = parseTimestampBytes(...bytes(s));
  return v === v ? BigInt(v) : undefined;
};

describe('parseInt32', () => {
  test('reads signed integers up to the Int32 limits', () => {
    expect(['0', '-0', '+7', '-42', '007', '2147483647', '-2147483648'].map(parseInt32)).toEqual([
      0, 0, 7, -42, 7, 2147483647, -2147483648,
    ]);
  });
  test('rejects overflow and anything but digits', () => {
    for (const s of ['', '-', '+', '2147483648', '-2147483649', '99999999999', '1.0', ' 1', '1 ', '1e3', '0x1', 'a'])
      expect(parseInt32(s), s).toBeUndefined();
  });
});

describe('parseInt64', () => {
  test('reads the full Int64 range exactly', () => {
    expect(parseInt64('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseInt64('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseInt64('+12')).toBe(12n);
  });
  test('rejects overflow, hex and blanks that BigInt() would take', () => {
    for (const s of ['9223372036854775808', '-9223372036854775809', '0x10', ' 1', '', '1.5']) expect(parseInt64(s), s).toBeUndefined();
  });
});

describe('parseFloat64', () => {
  test('reads decimals and exponents', () => {
    expect(['1', '-1.5', '+.5', '1e5', '1E-3', '1.', '007.5', '0.5'].map(parseFloat64)).toEqual([1, -1.5, 0.5, 1e5, 1e-3, 1, 7.5, 0.5]);
  });
  test('reads the special values in their common spellings', () => {
    expect(['NaN', 'nan', 'inf', '+inf', '-inf', 'Infinity', '+Infinity', '-Infinity'].map(parseFloat64)).toEqual([
      NaN,
      NaN,
      Infinity,
      Infinity,
      -Infinity,
      Infinity,
      Infinity,
      -Infinity,
    ]);
  });
  test('rounds exactly like Number() on any plain decimal, short or long', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,20}$/), fc.option(fc.stringMatching(/^\d{0,20}$/)))
      .map(([sign, int, frac]) => sign + int + (frac === null ? '' : `.${frac}`))
      .filter((s) => /\d/.test(s));
    fc.assert(
      fc.property(decimal, (s) => Object.is(parseFloat64(s), Number(s))),
      { numRuns: 2000 },
    );
  });

  test('rejects what Number() would accept but CSV readers do not', () => {
    for (const s of ['', ' 1', '1 ', '0x10', '0b1', '0o7', '1_000', 'Nan', 'INF', '.', '-', '1e', 'e1', '1,5'])
      expect(parseFloat64(s), s).toBeUndefined();
  });
});

describe('parseBoolean', () => {
  test('reads true and false in any case only', () => {
    expect(['true', 'TRUE', 'True', 'false', 'FaLsE'].map(parseBoolean)).toEqual([true, true, true, false, false]);
    for (const s of ['1', '0', 'yes', 't', 'truee', '']) expect(parseBoolean(s), s).toBeUndefined();
  });
});

describe('parseDate', () => {
  test('gives days since 1970-01-01', () => {
    expect(['1970-01-01', '1970-01-02', '1969-12-31', '2000-03-01', '2024-02-29'].map(parseDate)).toEqual([
      0,
      1,
      -1,
      Date.UTC(2000, 2, 1) / 86_400_000,
      Date.UTC(2024, 1, 29) / 86_400_000,
    ]);
  });
  test('rejects impossible dates and other shapes', () => {
    for (const s of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-02', '20240102', '2024-01-02T00:00']) {
      expect(parseDate(s), s).toBeUndefined();
    }
  });
});

describe('parseTimestamp', () => {
  test('reads ISO 8601 with T or space, seconds optional, as UTC ms', () => {
    expect(parseTimestamp('2024-01-02T03:04:05Z')).toBe(BigInt(Date.UTC(2024, 0, 2, 3, 4, 5)));
    expect(parseTimestamp('2024-01-02 03:04:05.123')).toBe(BigInt(Date.UTC(2024, 0, 2, 3, 4, 5, 123)));
    expect(parseTimestamp('2024-01-02T03:04')).toBe(BigInt(Date.UTC(2024, 0, 2, 3, 4)));
    expect(parseTimestamp('2024-01-02')).toBe(BigInt(Date.UTC(2024, 0, 2)));
  });
  test('applies offsets and keeps milliseconds of longer fractions', () => {
    expect(parseTimestamp('2024-01-02 03:04:05+01:00')).toBe(1704161045000n);
    expect(parseTimestamp('2024-01-02T03:04:05-0230')).toBe(BigInt(Date.UTC(2024, 0, 2, 5, 34, 5)));
    expect(parseTimestamp('2024-01-02T03:04:05+01')).toBe(BigInt(Date.UTC(2024, 0, 2, 2, 4, 5)));
    expect(parseTimestamp('1970-01-01T00:00:01.5Z')).toBe(1500n);
    expect(parseTimestamp('1970-01-01T00:00:00.123456789Z')).toBe(123n);
    expect(parseTimestamp('1969-12-31T23:59:59Z')).toBe(-1000n);
  });
  test('rejects out-of-range fields and other shapes', () => {
    for (const s of [
      '2024-01-02T24:00:00',
      '2024-01-02T10:60',
      '2024-02-30T00:00',
      '2024-01-02Z',
      '2024-01-02T03',
      '2024/01/02 03:04',
      'now',
    ]) {
      expect(parseTimestamp(s), s).toBeUndefined();
    }
  });
});
