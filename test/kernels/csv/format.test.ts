/** The CSV formatting kernel against the JS engine's own text: numbers as String gives them, dates as Date's UTC fields. */
import { describe, expect, it } from 'vitest';
import { formatCsvRows, type CsvFormatColumn, type CsvFormatSpec } from '../../../kernels/csv/format.js';
import type { ChunkDesc } from '../../../kernels/vec.js';

const enc = new TextEncoder();
const SPEC: CsvFormatSpec = {
  delimiter: enc.encode(','),
  lineTerminator: enc.encode('\n'),
  nullValue: new Uint8Array(0),
  quoteStyle: 'necessary',
  floatPrecision: null,
  dateFormat: [{ field: 'Y' }, { text: enc.encode('-') }, { field: 'm' }, { text: enc.encode('-') }, { field: 'd' }],
  datetimeFormat: [
    { field: 'Y' },
    { field: 'm' },
    { field: 'd' },
    { text: enc.encode('T') },
    { field: 'H' },
    { field: 'M' },
    { field: 'S' },
    { field: '3f' },
  ],
};

const chunk = (values: ChunkDesc['values'], length: number): ChunkDesc => ({ length, nullCount: 0, values, validity: null });

/** The lines of one column formatted, split in two ranges to check that a range starts at its row. */
function lines(column: CsvFormatColumn, n: number): string[] {
  const half = n >> 1;
  const text = [0, half].map((start, k) =>
    new TextDecoder().decode(formatCsvRows({ type: 'csvFormat', spec: SPEC, columns: [column], start, end: k === 0 ? half : n })),
  );
  return text.join('').split('\n').slice(0, n);
}

/** A small seeded generator (the tests must not depend on Math.random). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('formatCsvRows', () => {
  it('writes every Float64 as String does: short decimals without a string, the rest through one', () => {
    const n = 200_000;
    const rnd = random(7);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const mode = i % 6;
      if (mode === 0) values[i] = Math.round(rnd() * 1e8) / 10 ** (1 + (i % 6));
      else if (mode === 1) values[i] = (rnd() - 0.5) * 10 ** ((i % 24) - 10);
      else if (mode === 2) values[i] = Math.round((rnd() - 0.5) * 2e9 * 1e6) / 1e6;
      else if (mode === 3) values[i] = Math.round(rnd() * 100 * 1e6) / 1e6;
      else if (mode === 4) values[i] = (i % 1000) / 1000 - 0.5 + 1e-6 * (i % 7);
      else values[i] = [0, -0, 1e-6, 999_999_999.999999, 1e9, 2 ** 53, 2 ** 53 + 2, 1e21, 5e-324, -1e-7][i % 10]!;
    }
    const want = Array.from(values, (x) => (Object.is(x, -0) ? '-0' : String(x)));
    expect(lines({ kind: 'f64', chunks: [chunk(values, n)], first: 0 }, n)).toEqual(want);
  });

  it('writes Int32 and Int64 as their digits, across chunks of several sizes', () => {
    const ints = Int32Array.from([0, -1, 7, 10, 99, 100, -2147483648, 2147483647, 1000000, -10]);
    const big = BigInt64Array.from([0n, -(2n ** 63n), 2n ** 63n - 1n, 10n, -99n, 2n ** 53n + 1n, 5n, 6n, 7n, 8n]);
    const chunks = (v: Int32Array | BigInt64Array): ChunkDesc[] => [
      chunk(v.subarray(0, 3), 3),
      chunk(v.subarray(3, 4), 1),
      chunk(v.subarray(4), 6),
    ];
    expect(lines({ kind: 'i32', chunks: chunks(ints), first: 0 }, 10)).toEqual(Array.from(ints, String));
    expect(lines({ kind: 'i64', chunks: chunks(big), first: 0 }, 10)).toEqual(Array.from(big, String));
  });

  it('writes dates and times in UTC as Date reads them, before 1970 and past 9999 too', () => {
    const rnd = random(11);
    const n = 5_000;
    const days = Int32Array.from({ length: n }, (_, i) => Math.floor((rnd() - 0.5) * 2 * 3_000_000) + (i % 3));
    const ms = BigInt64Array.from({ length: n }, (_, i) => BigInt(Math.floor((rnd() - 0.5) * 2 * 2e14) - (i % 1000)));
    const pad = (x: number, w: number): string => (x < 0 ? '-' : '') + String(Math.abs(x)).padStart(w, '0');
    const ymd = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
    expect(lines({ kind: 'date', chunks: [chunk(days, n)], first: 0 }, n)).toEqual(Array.from(days, (x) => ymd(new Date(x * 86_400_000))));
    const stamp = (d: Date): string =>
      `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}${pad(d.getUTCMilliseconds(), 3)}`;
    expect(lines({ kind: 'timestamp', chunks: [chunk(ms, n)], first: 0 }, n)).toEqual(Array.from(ms, (x) => stamp(new Date(Number(x)))));
  });
});
