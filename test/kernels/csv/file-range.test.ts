/** Range tasks over a file reached only through positional reads: quote counts, boundaries, long records, filters. */
import { describe, expect, it } from 'vitest';
import { countQuotes } from '../../../kernels/csv/boundaries.js';
import { countRangeQuotes, parseFileRange, type RangeParseOutcome, type ReadAt } from '../../../kernels/csv/file-range.js';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import type { CsvParseSpec } from '../../../kernels/csv/spec.js';
import { concatColumns, decode, rng, int, utf8 } from './helpers.js';

/** A reader over `bytes` that returns at most `max` bytes per call, as a slow file might. */
function reader(bytes: Uint8Array, max = Infinity): ReadAt & { calls: number; read: number } {
  const r = ((target: Uint8Array, position: number) => {
    r.calls++;
    const n = Math.max(0, Math.min(target.length, max, bytes.length - position));
    target.set(bytes.subarray(position, position + n));
    r.read += n;
    return n;
  }) as ReadAt & { calls: number; read: number };
  r.calls = 0;
  r.read = 0;
  return r;
}

const spec: CsvParseSpec = {
  dialect: { delimiter: 44, quote: 34, comment: null },
  columns: [{ kind: 'int32' }, { kind: 'utf8' }],
  chunkSize: 3,
};

/** Parse `bytes` as ranges cut every `size` bytes, with exact quote parity, as the reader does. */
function parseInRanges(bytes: Uint8Array, size: number, read: ReadAt, s: CsvParseSpec = spec): RangeParseOutcome[] {
  const out: RangeParseOutcome[] = [];
  let quotes = 0;
  for (let start = 0; start < bytes.length; start += size) {
    const end = Math.min(bytes.length, start + size);
    const q = countRangeQuotes(read, { start, end, quote: 34 });
    expect(q).toBe(countQuotes(bytes, start, end, 34));
    out.push(
      parseFileRange(read, {
        start,
        end,
        size: bytes.length,
        startsRecord: start === 0,
        inQuotesAtStart: quotes % 2 === 1,
        inQuotesAtEnd: (quotes + q) % 2 === 1,
        spec: s,
      }),
    );
    quotes += q;
  }
  return out;
}

describe('parseFileRange', () => {
  it('tiles the file: consecutive ranges own consecutive records, at every range size, with short reads', () => {
    const text = '1,"a\nb"\n2,"x,""y"""\n3,\n4,"\n\n"\n5,e';
    const bytes = utf8(text);
    const whole = decode(parseCsvRange(bytes, 0, bytes.length, spec));
    for (let size = 1; size <= bytes.length; size++) {
      const results = parseInRanges(bytes, size, reader(bytes, 5));
      let at = 0;
      for (const r of results) {
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        if (r.rows > 0) {
          expect(r.recordStart).toBe(at);
          at = r.recordEnd;
        }
      }
      expect(at).toBe(bytes.length);
      const parts = results.map((r) => (r.ok ? decode({ rows: r.rows, end: 0, columns: r.columns }) : []));
      expect(concatColumns(parts, 2), `range size ${size}`).toEqual(whole);
    }
  });

  it('reads on past its range for a last record longer than the look-ahead', () => {
    const long = 'x'.repeat(200_000);
    const text = `1,a\n2,"${long}\n${long}"\n3,b\n`;
    const bytes = utf8(text);
    const owning = parseInRanges(bytes, 10, reader(bytes)).filter((r) => r.ok && r.rows > 0) as Extract<RangeParseOutcome, { ok: true }>[];
    expect(owning.map((r) => r.rows)).toEqual([2, 1]);
    expect(decode({ rows: 2, end: 0, columns: owning[0]!.columns })[1]![1]).toBe(`${long}\n${long}`);
  });

  it('reads its own bytes and a bounded look-ahead, not the whole file', () => {
    const bytes = utf8(Array.from({ length: 100_000 }, (_, i) => `${i},v${i % 13}`).join('\n'));
    const read = reader(bytes);
    const start = 500_000;
    const r = parseFileRange(read, {
      start,
      end: start + 1000,
      size: bytes.length,
      startsRecord: false,
      inQuotesAtStart: false,
      inQuotesAtEnd: false,
      spec,
    });
    expect(r.ok && r.rows).toBeGreaterThan(50);
    expect(read.read).toBeLessThanOrEqual(1001 + 64 * 1024);
  });

  it('reports an error at its file offset, as data', () => {
    const bytes = utf8('1,a\n2,b\nx,c\n');
    const results = parseInRanges(bytes, 4, reader(bytes));
    const failed = results.find((r) => !r.ok);
    expect(failed).toMatchObject({ ok: false, error: { kind: 'invalid-value', offset: 8, column: 0, raw: 'x' } });
  });

  it('applies a pushed-down filter to the rows it parsed', () => {
    const rnd = rng(17);
    const rows = Array.from({ length: 50 }, (_, i) => `${int(rnd, -5, 5)},s${i % 7}`);
    const bytes = utf8(`${rows.join('\n')}\n`);
    const filter = {
      predicate: { op: 'cmp', fn: 'gt', left: { op: 'input', index: 0, kind: 'i32' }, right: { op: 'const', kind: 'i32', value: 0 } },
      inputs: [0],
    } as const;
    const kept: number[] = [];
    let parsed = 0;
    // no quotes in this file: every range boundary lies outside quotes
    for (let start = 0; start < bytes.length; start += 40) {
      const end = Math.min(bytes.length, start + 40);
      const r = parseFileRange(reader(bytes), {
        start,
        end,
        size: bytes.length,
        startsRecord: start === 0,
        inQuotesAtStart: false,
        inQuotesAtEnd: false,
        spec,
        filter,
      });
      if (!r.ok) throw new Error('unexpected error');
      parsed += r.parsed;
      kept.push(...(decode({ rows: r.rows, end: 0, columns: r.columns })[0] as number[]));
    }
    expect(parsed).toBe(50);
    expect(kept).toEqual(rows.map((r) => Number(r.split(',')[0])).filter((v) => v > 0));
  });
});

describe('parseFileRange with a seed', () => {
  const bytesSpec: CsvParseSpec = { ...spec, chunkSize: 1024, dictionaries: 'bytes' };
  /** The entries a range reports for column 1 and its codes, as text. */
  function reported(r: RangeParseOutcome): { base: number; entries: string[]; codes: number[] } {
    if (!r.ok) throw new Error('unexpected error');
    const e = r.columns[1]!.encoded!;
    const text = new TextDecoder();
    const entries = Array.from({ length: e.offsets.length - 1 }, (_, c) => text.decode(e.bytes.subarray(e.offsets[c]!, e.offsets[c + 1]!)));
    const codes = r.columns[1]!.chunks.flatMap((ch) => Array.from(ch.values as Int32Array).slice(0, ch.length));
    return { base: e.base, entries, codes };
  }

  it('numbers the values of the first records as one parse does, on a thread whose first range is later in the file', () => {
    // keys k0..k49 turn up in the first 50 records, in that order (quoted); later rows take them at random
    const rnd = rng(5);
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i < 50 ? `"k${i}"` : `k${int(rnd, 0, 49)}`}`);
    const bytes = utf8(`${rows.join('\n')}\n`);
    const offsets = rows.map((_, i) => rows.slice(0, i).reduce((n, r) => n + r.length + 1, 0));
    const keyOf = (i: number): number => Number(rows[i]!.split(',')[1]!.replaceAll('"', '').slice(1));
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    // the seed ends inside the quoted key of record 45: its first 45 records seed the dictionaries
    const seed = { start: 0, end: offsets[45]! + 5 };
    expect(countQuotes(bytes, 0, seed.end, 34) % 2).toBe(1);
    const later = {
      start: 20_000,
      end: 25_000,
      size: bytes.length,
      startsRecord: false,
      inQuotesAtStart: false,
      inQuotesAtEnd: false,
      spec: bytesSpec,
    };
    const owned = offsets.map((_o, i) => i).filter((i) => offsets[i]! >= later.start && offsets[i]! < later.end);
    const first = reported(parseFileRange(reader(bytes), { ...later, scan: 'seeded', seed }));
    // the seed's 45 values first, numbered as in the file, then what the range adds
    expect(first.base).toBe(0);
    expect(first.entries.slice(0, 45)).toEqual(keys.slice(0, 45));
    expect(first.codes.map((c) => first.entries[c])).toEqual(owned.map((i) => `k${keyOf(i)}`));
    expect(first.codes.filter((c) => c < 45)).toEqual(owned.map(keyOf).filter((k) => k < 45));
    // the thread's next range reports only what is new to it
    const next = reported(parseFileRange(reader(bytes), { ...later, start: 25_000, end: 30_000, scan: 'seeded', seed }));
    expect(next.base).toBe(first.entries.length);
    // without a seed the thread numbers the values in the order its range meets them
    const unseeded = reported(parseFileRange(reader(bytes), { ...later, scan: 'unseeded' }));
    expect(unseeded.entries.slice(0, 45)).not.toEqual(keys.slice(0, 45));
  });
});

describe('ranges read with stray quotes as data', () => {
  const lax: CsvParseSpec = { ...spec, dialect: { ...spec.dialect, strayQuotes: true } };
  // stray quotes, quoted newlines and a CRLF, so a piece's end falls everywhere
  const text = '1,14" pizza\n2,"a\nb"\n3,x"y"z\r\n4,"q"\n5,"""\n\n"\n6,end"';

  it('pieces, each from where the one before ended, equal one parse of the whole input, at every piece size', () => {
    const bytes = utf8(text);
    const whole = parseCsvRange(bytes, 0, bytes.length, lax);
    const expected = decode(whole);
    for (let size = 1; size <= bytes.length; size++) {
      const read = reader(bytes, 5);
      const parts = [];
      for (let at = 0; at < bytes.length; ) {
        const r = parseFileRange(read, {
          start: at,
          end: Math.min(bytes.length, at + size),
          size: bytes.length,
          startsRecord: true,
          inQuotesAtStart: false,
          inQuotesAtEnd: false,
          spec: lax,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(r.recordEnd, `size ${size}`).toBeGreaterThan(at);
        parts.push(decode({ rows: r.rows, end: 0, columns: r.columns }));
        at = r.recordEnd;
      }
      expect(concatColumns(parts, 2), `size ${size}`).toEqual(expected);
    }
    expect(expected[1]).toEqual(['14" pizza', 'a\nb', 'x"y"z', 'q', '"\n\n', 'end"']);
  });

  it('a real quote error is reported at its file offset', () => {
    const bytes = utf8('1,a\n2,"x"y\n');
    const r = parseFileRange(reader(bytes), {
      start: 4,
      end: bytes.length,
      size: bytes.length,
      startsRecord: true,
      inQuotesAtStart: false,
      inQuotesAtEnd: false,
      spec: lax,
    });
    expect(r).toMatchObject({ ok: false, recordStart: 4, error: { kind: 'unexpected-quote', offset: 4, at: 6 } });
  });
});
