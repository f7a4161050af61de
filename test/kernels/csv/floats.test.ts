/** Float parsing from bytes must be bit-for-bit Number(text), on tricky and random inputs. */
import { describe, expect, it } from 'vitest';
import { isNanLiteral, parseFloat64Bytes } from '../../../kernels/csv/floats.js';
import { scanDecimal } from '../../../kernels/csv/scan.js';
import { randomFloatText, rng, utf8 } from './helpers.js';

/** Parses `text` placed inside a larger buffer, so stray reads past the field would show. */
function parse(text: string): number {
  const bytes = utf8(`-9e${text}5.`);
  return parseFloat64Bytes(bytes, 3, 3 + utf8(text).length);
}

/** What the grammar promises: Number() for decimal text, plus the string reader's special spellings. */
function expected(text: string): number {
  if (text === 'NaN' || text === 'nan') return NaN;
  const inf = /^([+-]?)(inf|Infinity)$/.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return Number(text);
}

/** The fused tokenizer path: a value only when it scanned the whole text. */
function scanned(text: string): number | null {
  const bytes = utf8(`${text},`);
  const out = new Float64Array(1);
  const stop = scanDecimal(bytes, 0, bytes.length, out);
  return stop === bytes.length - 1 && out[0] === out[0] ? out[0]! : null;
}

describe('parseFloat64Bytes', () => {
  it('equals Number() on tricky inputs', () => {
    const cases = [
      '0',
      '-0',
      '+0',
      '0.0',
      '-0.0',
      '0e5',
      '-0e-5',
      '1',
      '1.',
      '.1',
      '-.1',
      '+.1',
      '1e0',
      '1E+0',
      '1e-0',
      '0.1',
      '0.2',
      '0.3',
      '1e22',
      '1e23',
      '1e-22',
      '1e-23',
      '9007199254740991',
      '9007199254740992',
      '9007199254740993',
      '123456789012345',
      '1234567890123456',
      '999999999999999',
      '9999999999999999',
      '0.000000000000000000001',
      '100000000000000000000000',
      '2.2250738585072011e-308',
      '2.2250738585072014e-308',
      '2.225073858507201e-308',
      '4.9e-324',
      '5e-324',
      '2.4703282292062327e-324',
      '2.4703282292062328e-324',
      '1.7976931348623157e308',
      '1.7976931348623158e308',
      '1.7976931348623159e308',
      '1e308',
      '1e309',
      '-1e309',
      '1e-324',
      '1e-400',
      '1e400',
      '12e25',
      '123456789012345e8',
      '123456789012345e22',
      '1e37',
      '99e36',
      '7.743712',
      '87.378022',
      '95.638451',
      '00000000000000000000001.5',
      '1.50000000000000000000000',
      '0.1000000000000000055511151231257827',
      '1.00000000000000011102230246251565404236316680908203125',
      '1.00000000000000011102230246251565404236316680908203124',
      '1.00000000000000011102230246251565404236316680908203126',
      '9007199254740993.0000000000000000001',
      '1e0000000000000000000005',
      '1e-99999999999',
      '1e99999999999',
      '3.',
      '-3.e2',
      'Infinity',
      '-Infinity',
      '+Infinity',
      'inf',
      '-inf',
      '+inf',
      'NaN',
      'nan',
    ];
    for (const text of cases) expect(Object.is(parse(text), expected(text)), text).toBe(true);
  });

  it('equals Number() on 200k random spellings', () => {
    const rnd = rng(7);
    for (let k = 0; k < 200_000; k++) {
      const text = randomFloatText(rnd);
      const got = parse(text);
      if (!Object.is(got, expected(text))) expect({ text, got }).toEqual({ text, got: expected(text) });
    }
  });

  it('equals Number() on the shortest text of random doubles, and on neighbours', () => {
    const rnd = rng(11);
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    for (let k = 0; k < 100_000; k++) {
      u[0] = (rnd() * 2 ** 32) >>> 0;
      u[1] = (rnd() * 2 ** 32) >>> 0;
      const x = f[0]!;
      if (!Number.isFinite(x)) continue;
      for (const text of [String(x), x.toPrecision(17), x.toExponential(16), x.toPrecision(15)]) {
        const got = parse(text);
        if (!Object.is(got, Number(text))) expect({ text, got }).toEqual({ text, got: Number(text) });
      }
    }
  });

  it('rejects what is not a float, with NaN that isNanLiteral tells apart', () => {
    const bad = [
      '',
      '-',
      '+',
      '.',
      '-.',
      'e5',
      '.e5',
      '1e',
      '1e+',
      '1e-',
      '1.2.3',
      '1e5.5',
      ' 1',
      '1 ',
      '0x10',
      '1_000',
      'infinit',
      'nanx',
      '--1',
      '+-1',
      '1,5',
      'Infinityy',
      '1d',
      '١',
      // spellings the string reader rejects too: letter case and signs on NaN matter
      'INF',
      'Inf',
      'infinity',
      '+infinity',
      '-NaN',
      '+nan',
      'NAN',
      'Nan',
    ];
    for (const text of bad) {
      const bytes = utf8(text);
      expect(parseFloat64Bytes(bytes, 0, bytes.length), text).toBeNaN();
      expect(isNanLiteral(bytes, 0, bytes.length), text).toBe(false);
    }
    for (const text of ['NaN', 'nan']) expect(isNanLiteral(utf8(text), 0, text.length)).toBe(true);
  });
});

describe('scanDecimal (the tokenizer fast path)', () => {
  it('either declines or equals Number()', () => {
    const rnd = rng(13);
    let taken = 0;
    for (let k = 0; k < 100_000; k++) {
      const text = k % 2 === 0 ? randomFloatText(rnd) : (rnd() * 1000).toFixed(Math.floor(rnd() * 8));
      const got = scanned(text);
      if (got === null) continue;
      taken++;
      if (!Object.is(got, Number(text))) expect({ text, got }).toEqual({ text, got: Number(text) });
    }
    expect(taken).toBeGreaterThan(40_000);
  });

  it('covers H2O-style values and -0', () => {
    for (const text of ['7.743712', '87.378022', '0.000001', '100', '-0', '-0.0', '5.', '123456789012345']) {
      expect(Object.is(scanned(text), Number(text)), text).toBe(true);
    }
    for (const text of ['1234567890123456', '-', '.', '']) expect(scanned(text)).toBeNull();
  });
});
