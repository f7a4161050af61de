/** Byte-level parsers for ints, booleans, dates and timestamps, against direct JS references. */
import { describe, expect, it } from 'vitest';
import { parseBooleanBytes } from '../../../kernels/csv/booleans.js';
import { parseBigIntBytes, parseInt32Bytes, parseInt64Bytes, parseSafeIntBytes } from '../../../kernels/csv/ints.js';
import { scanInt32 } from '../../../kernels/csv/scan.js';
import { daysFromCivil, parseDateBytes, parseTimestampBytes } from '../../../kernels/csv/temporal.js';
import { int, referenceValue, rng, utf8 } from './helpers.js';

/** Runs a byte parser on `text` embedded between digits, so reads past the field would show. */
function at<T>(fn: (b: Uint8Array, s: number, e: number) => T, text: string): T {
  const bytes = utf8(`99${text}99`);
  return fn(bytes, 2, 2 + utf8(text).length);
}

describe('int parsing', () => {
  it('parses int32 with leading zeros and signs, and rejects overflow and junk', () => {
    const ok: [string, number][] = [
      ['0', 0],
      ['-0', 0],
      ['+7', 7],
      ['007', 7],
      ['-007', -7],
      ['2147483647', 2147483647],
      ['-2147483648', -2147483648],
      ['000000000000000000002147483647', 2147483647],
    ];
    for (const [text, v] of ok) expect(at(parseInt32Bytes, text), text).toBe(v);
    for (const text of ['', '-', '+', '2147483648', '-2147483649', '99999999999', '1.0', '1e3', ' 1', '1 ', '--1', '0x1', 'abc', '١']) {
      expect(at(parseInt32Bytes, text), text).toBeNaN();
    }
  });

  it('parses int64 exactly, with BigInt only past 15 digits', () => {
    const rnd = rng(3);
    for (let k = 0; k < 20_000; k++) {
      const v = BigInt.asIntN(64, (BigInt(int(rnd, 0, 2 ** 32 - 1)) << BigInt(int(rnd, 0, 32))) ^ BigInt(int(rnd, 0, 2 ** 32 - 1)));
      const text = (k % 7 === 0 && v >= 0n ? '+' : '') + String(v).replace(/^(-?)/, k % 5 === 0 ? '$100' : '$1');
      expect(at(parseInt64Bytes, text), text).toBe(v);
    }
    expect(at(parseInt64Bytes, '9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(at(parseInt64Bytes, '-9223372036854775808')).toBe(-(2n ** 63n));
    expect(at(parseInt64Bytes, `${'0'.repeat(5000)}12`)).toBe(12n);
    for (const text of ['9223372036854775808', '-9223372036854775809', '1'.repeat(30), '', '-', '1.5', '12a']) {
      expect(at(parseInt64Bytes, text), text).toBeNull();
    }
    expect(at(parseSafeIntBytes, '999999999999999')).toBe(999999999999999);
    expect(at(parseSafeIntBytes, '1000000000000000')).toBeNaN();
    expect(at(parseBigIntBytes, '1000000000000000')).toBe(1000000000000000n);
  });

  it('fused int32 scan agrees with parseInt32Bytes wherever it takes a value', () => {
    const rnd = rng(5);
    const out = new Float64Array(1);
    for (let k = 0; k < 50_000; k++) {
      const text = String(Math.floor((rnd() - 0.5) * 2 ** int(rnd, 1, 36)));
      const bytes = utf8(`${text},`);
      const stop = scanInt32(bytes, 0, bytes.length, out);
      expect(stop).toBe(text.length);
      const slow = parseInt32Bytes(bytes, 0, text.length);
      if (out[0] === out[0]) expect(out[0]).toBe(slow);
      else expect(slow).toBeNaN();
    }
  });
});

describe('boolean parsing', () => {
  it('accepts true/false in any case only', () => {
    for (const t of ['true', 'TRUE', 'True', 'tRuE']) expect(at(parseBooleanBytes, t)).toBe(1);
    for (const t of ['false', 'FALSE', 'False']) expect(at(parseBooleanBytes, t)).toBe(0);
    for (const t of ['', 't', 'f', '1', '0', 'yes', 'truee', 'fals', ' true', 'tru3']) expect(at(parseBooleanBytes, t), t).toBe(-1);
  });
});

describe('date and timestamp parsing', () => {
  it('daysFromCivil matches Date for every day over 1600-2400 and around year 1', () => {
    for (let days = daysFromCivil(1600, 1, 1); days <= daysFromCivil(2400, 12, 31); days += 1) {
      const d = new Date(days * 86_400_000);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(days);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
  });

  it('parses YYYY-MM-DD and rejects impossible dates', () => {
    expect(at(parseDateBytes, '1970-01-01')).toBe(0);
    expect(at(parseDateBytes, '2024-02-29')).toBe(19782);
    expect(at(parseDateBytes, '1969-12-31')).toBe(-1);
    for (const t of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-04-31',
      '2024-1-01',
      '24-01-01',
      '2024/01/01',
      '2024-01-01T00:00',
      ' 2024-01-01',
    ]) {
      expect(at(parseDateBytes, t), t).toBeNaN();
    }
  });

  it('parses ISO 8601 timestamps like the reference', () => {
    const cases = [
      '2024-03-05',
      '2024-03-05T10:20',
      '2024-03-05 10:20:30',
      '2024-03-05T10:20:30,5',
      '2024-03-05T10:20:30.123456789Z',
      '2024-03-05T10:20:30+01:00',
      '2024-03-05T10:20:30-0530',
      '2024-03-05T10:20:30+14',
      '1969-12-31T23:59:59.999Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999-23:59',
      '1970-01-01T00:00:00.1Z',
    ];
    for (const t of cases) {
      expect(at(parseTimestampBytes, t), t).toBe(referenceValue('timestamp', t));
      if (/Z$|[+-]\d\d:\d\d$/.test(t) && t.length > 10)
        expect(at(parseTimestampBytes, t), t).toBe(Date.parse(t.replace(' ', 'T').replace(',', '.')));
    }
    const bad = [
      '2024-03-05T',
      '2024-03-05T10',
      '2024-03-05T24:00',
      '2024-03-05T10:60',
      '2024-03-05T10:20:60',
      '2024-03-05T10:20:30.',
      '2024-03-05T10:20:30.1234567890',
      '2024-03-05T10:20:30+1',
      '2024-03-05T10:20:30+01:0',
      '2024-03-05T10:20:30+24:00',
      '2024-03-05T10:20:30Zx',
      '2024-03-05X10:20',
      '2024-02-30T00:00',
      '2024-03-05T10:20:30 Z',
      // lower-case letters are refused, as the string reader refuses them
      '2024-03-05t10:20:30',
      '2024-03-05T10:20:30z',
    ];
    for (const t of bad) expect(at(parseTimestampBytes, t), t).toBeNaN();
  });
});
