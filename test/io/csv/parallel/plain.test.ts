/** Near-unique string columns read plain: the same values, keyed dictionaries and answers as a dictionary read, keyed only when codes are compared. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { col, InternalError, readCsv, scanCsv, shutdownPool, type DataFrame } from '../../../../src/index.js';
import { Dictionary } from '../../../../src/table/dictionary.js';
import { PLAIN_MIN_VALUES } from '../../../../kernels/tuning.js';
import { int, rng } from '../../../kernels/csv/helpers.js';
import { fingerprint, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

/**
 * `rows` rows: `n` the row number, `u` new on every row but now and then a repeat of an earlier
 * value (97% distinct or more), `k` one of 500 values, `w` new on every row with nulls, non-ASCII
 * values and long ones that spill out of a dictionary slot.
 */
function nearUnique(seed: number, rows: number): string {
  const rnd = rng(seed);
  const lines = ['n,u,k,w'];
  for (let i = 0; i < rows; i++) {
    const u = rnd() < 0.01 && i > 0 ? `id${int(rnd, 0, i - 1)}` : `id${i}`;
    const w = rnd() < 0.05 ? '' : rnd() < 0.02 ? `é-${i}` : rnd() < 0.1 ? `a-value-long-enough-to-spill-out-of-its-slot-${i}` : `w${i}`;
    lines.push(`${i},${u},k${int(rnd, 0, 499)},${w}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether each Utf8 column of `df` is stored plain. */
function plainColumns(df: DataFrame): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const c of df.getColumns()) if (c.dtype === 'Utf8') out[c.name] = c.stored.dictionary!.distinct === false;
  return out;
}

describe('readCsv of near-unique string columns', () => {
  const path = tmp.file('near-unique.csv', nearUnique(1, 12_000));

  it('stores the near-unique columns plain and the repeating one as a dictionary', async () => {
    const df = await readCsv(path, { threads: 2 });
    expect(plainColumns(df)).toEqual({ u: true, k: false, w: true });
    // a scan inside a query keeps dictionaries
    expect(plainColumns(await scanCsv(path).collect({ threads: 2 }))).toEqual({ u: false, k: false, w: false });
  });

  it('reads the values and keyed dictionaries a dictionary read gives, for every thread count and range size', async () => {
    const expected = fingerprint(await scanCsv(path).collect({ threads: 1 }));
    for (const threads of [1, 2, 4]) {
      for (const rangeSize of [10_000, 40_000, 1 << 20]) {
        const df = await readCsv(path, { threads, rangeSize });
        expect(plainColumns(df), `threads ${threads}, range size ${rangeSize}`).toEqual({ u: true, k: false, w: true });
        // fingerprint reads each column's keyed dictionary: strings in order of first appearance
        expect(fingerprint(df), `threads ${threads}, range size ${rangeSize}`).toEqual(expected);
      }
    }
  });

  it('keys a plain column only for a query that compares its codes, with the answers of a dictionary read', async () => {
    const plain = await readCsv(path, { threads: 2 });
    const dict = await scanCsv(path).collect({ threads: 2 });
    const right = await readCsv(Buffer.from(`n,tag\n${Array.from({ length: 200 }, (_, i) => `${i * 37},t${i % 7}`).join('\n')}\n`));
    const joined = await plain.lazy().join(right, { on: 'n' }).collect({ threads: 2 });
    // gathered, not keyed: the output holds codes into the same plain dictionary
    expect(joined.getColumn('u').unkeyed).toBe(true);
    expect(joined.getColumn('w').stored.dictionary).toBe(plain.getColumn('w').stored.dictionary);
    expect(plain.getColumn('u').unkeyed).toBe(true);
    expect(joined.toRecords()).toEqual((await dict.lazy().join(right, { on: 'n' }).collect({ threads: 2 })).toRecords());
    expect(joined.toString()).toEqual((await dict.lazy().join(right, { on: 'n' }).collect({ threads: 2 })).toString());
    const v = plain.getColumn('u').get(1234);
    const queries: [string, (df: DataFrame) => Promise<DataFrame>][] = [
      ['filter', (df) => df.lazy().filter(col('u').eq(v)).collect()],
      ['group', (df) => df.lazy().groupBy('u').agg(col('n').count().alias('c')).sort('c', { descending: true }).limit(20).collect()],
      ['sort', (df) => df.lazy().sort(['w', 'n']).limit(50).collect()],
      ['unique', (df) => df.lazy().select('u').unique().collect()],
      ['strings', (df) => df.lazy().filter(col('w').str.contains('é')).select(col('w').str.toUpperCase()).collect()],
      ['join on it', (df) => df.lazy().join(df.lazy().select('u', 'k'), { on: 'u' }).sort('n').limit(100).collect()],
    ];
    for (const [name, run] of queries) {
      for (const threads of [1, 2])
        expect((await run(plain)).toRecords(), `${name}, threads ${threads}`).toEqual((await run(dict)).toRecords());
    }
    expect(plain.getColumn('u').unkeyed).toBe(false);
  });

  it('keys a column that looked unique in the sample but repeats over the file, as a dictionary read does', async () => {
    // unique over the first 20,000 rows (the sample), then 1,000 of those values over and over
    const rows = 150_000;
    const lines = ['n,u'];
    for (let i = 0; i < rows; i++) lines.push(`${i},${i < 20_000 ? `id${i}` : `id${(i * 7919) % 1000}`}`);
    const repeating = tmp.file('repeats-later.csv', `${lines.join('\n')}\n`);
    const df = await readCsv(repeating, { threads: 2 });
    expect(plainColumns(df)).toEqual({ u: true });
    const expected = await scanCsv(repeating).collect({ threads: 1 });
    expect(fingerprint(df)).toEqual(fingerprint(expected));
    expect(df.getColumn('u').dictionary!.size).toBe(20_000);
    const counts = await df.lazy().groupBy('u').agg(col('n').count().alias('c')).sort('u').collect({ threads: 2 });
    const want = await expected.lazy().groupBy('u').agg(col('n').count().alias('c')).sort('u').collect({ threads: 1 });
    expect(counts.height).toBe(20_000);
    expect(counts.toRecords()).toEqual(want.toRecords());
  });

  it('keys invalid UTF-8 that decodes to one string as one value', async () => {
    // 0xff and 0xfe are not UTF-8: both decode to U+FFFD, which the column then holds once
    const lines: (string | Uint8Array)[] = ['s\n'];
    for (let i = 0; i < 6_000; i++)
      lines.push(i % 1000 === 1 ? Uint8Array.of(0xff, 0x0a) : i % 1000 === 2 ? Uint8Array.of(0xfe, 0x0a) : `v${i}\n`);
    const file = tmp.file('invalid.csv', Buffer.concat(lines.map((l) => (typeof l === 'string' ? Buffer.from(l) : l))));
    const plain = await readCsv(file, { threads: 2 });
    expect(plainColumns(plain)).toEqual({ s: true });
    const dict = await scanCsv(file).collect({ threads: 2 });
    expect(fingerprint(plain)).toEqual(fingerprint(dict));
    expect(plain.getColumn('s').dictionary!.values.filter((v) => v === '\ufffd')).toHaveLength(1);
    // written out, both hold U+FFFD where the file had bytes that were not UTF-8, as they read
    const [a, b] = [tmp.file('plain-out.csv', ''), tmp.file('dict-out.csv', '')];
    await plain.writeCsv(a, { threads: 2 });
    await dict.writeCsv(b, { threads: 2 });
    expect(readFileSync(a)).toEqual(readFileSync(b));
    const head = Buffer.from('s\nv0\n\ufffd\n');
    expect(readFileSync(a).subarray(0, head.length)).toEqual(head);
  });

  it('keeps dictionaries for small inputs and for columns with few values', async () => {
    const small = await readCsv(Buffer.from(`s\n${Array.from({ length: PLAIN_MIN_VALUES - 1 }, (_, i) => `v${i}`).join('\n')}\n`));
    expect(plainColumns(small)).toEqual({ s: false });
    const sparse = `s\n${Array.from({ length: 3 * PLAIN_MIN_VALUES }, (_, i) => (i % 4 === 0 ? `v${i}` : '')).join('\n')}\n`;
    expect(plainColumns(await readCsv(Buffer.from(sparse)))).toEqual({ s: false });
  });
});

describe('a plain dictionary', () => {
  it('is never searched by string', () => {
    const d = Dictionary.plain();
    d.appendEncoded(Uint8Array.of(0x61, 0x61), Int32Array.of(0, 1, 2));
    expect(d.values).toEqual(['a', 'a']);
    expect(d.get(1)).toBe('a');
    expect(() => d.codeOf('a')).toThrow(InternalError);
    expect(() => d.intern('b')).toThrow(InternalError);
    expect(() => new Dictionary().appendEncoded(Uint8Array.of(), Int32Array.of(0))).toThrow(InternalError);
  });
});
