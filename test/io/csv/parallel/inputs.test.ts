/** Every input kind (path, text, Buffer, Uint8Array, Node Readable, web ReadableStream) reads the same frame, or fails with the same CsvError fields, at threads 1 and 2. */
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvString, shutdownPool, type CsvReadOptions } from '../../../../src/index.js';
import { readCsvReport } from '../../../../src/io/csv/parallel/read.js';
import type { DataFrame } from '../../../../src/frame/frames.js';
import type { Table } from '../../../../src/table/table.js';
import { int, rng } from '../../../kernels/csv/helpers.js';
import { outcome, randomFile, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(async () => {
  await shutdownPool();
  tmp.cleanup();
});

/** `bytes` cut into pieces of random sizes, so records and UTF-8 characters straddle the chunks of a stream. */
function pieces(bytes: Uint8Array, rnd: () => number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = int(rnd, 1, 64);
    out.push(bytes.slice(at, at + n));
    at += n;
  }
  return out;
}

function webStream(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < parts.length) controller.enqueue(parts[i++]!);
      else controller.close();
    },
  });
}

/** Reads of one file through every input kind, each naming the file as the path read does. */
function readers(path: string, text: string, rnd: () => number): [string, (o: CsvReadOptions) => Promise<Table | DataFrame>][] {
  const bytes = Buffer.from(text);
  const named = (o: CsvReadOptions): CsvReadOptions => ({ ...o, sourceName: path });
  return [
    ['string', (o) => readCsvString(text, named(o))],
    ['Buffer', (o) => readCsv(bytes, named(o))],
    ['Uint8Array', (o) => readCsv(new Uint8Array(bytes), named(o))],
    ['Readable', (o) => readCsv(Readable.from(pieces(bytes, rnd)), named(o))],
    ['ReadableStream', (o) => readCsv(webStream(pieces(bytes, rnd)), named(o))],
  ];
}

describe('readCsv input kinds', () => {
  it('agree with the path read on random files, errors included, at threads 1 and 2', async () => {
    const rnd = rng(9001);
    let errors = 0;
    for (let f = 0; f < 120; f++) {
      const { text, options } = randomFile(rnd, 60);
      const path = tmp.file(`i${f}.csv`, text);
      for (const threads of [1, 2]) {
        const o = { ...options, threads, rangeSize: int(rnd, 8, 400) };
        const expected = await outcome(() => readCsv(path, o));
        if (threads === 1 && (expected as { error?: string }).error !== undefined) errors++;
        for (const [kind, read] of readers(path, text, rnd)) {
          expect(
            await outcome(() => read(o)),
            `file ${f}, ${kind}, threads ${threads}: ${JSON.stringify(text)} ${JSON.stringify(o)}`,
          ).toEqual(expected);
        }
      }
    }
    expect(errors).toBeGreaterThan(3);
  });

  it('a stream that fails is a CsvError naming the stream', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(readCsv(broken)).rejects.toMatchObject({
      name: 'CsvError',
      code: 'IO_ERROR',
      file: '<stream>',
      reason: 'cannot read stream: connection reset',
      cause: expect.objectContaining({ message: 'connection reset' }),
    });
  });

  it('a stream of text chunks is read as its UTF-8 bytes', async () => {
    const df = await readCsv(Readable.from(['a,b\n', '1,é\n']), { threads: 1 });
    expect(df.toRecords()).toEqual([{ a: 1, b: 'é' }]);
  });

  it('an input of another kind is refused', async () => {
    await expect(readCsv(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('a stray quote in the middle of a large input', () => {
  // rows 0..1999; row 1200's name holds a quote inside an unquoted field, and quoted fields with
  // newlines come before and after it, so the split's quote parity would go wrong past it
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    id: i,
    name: i === 1200 ? `large 14" pizza` : i % 3 === 0 ? `q\n${i % 5}` : `n${i % 7}`,
    v: i % 11,
  }));
  const text = `id,name,v\n${rows.map((r) => `${r.id},${r.name.includes('\n') ? `"${r.name}"` : r.name},${r.v}`).join('\n')}\n`;

  it('every input kind, at threads 1 and 2, reads every row as written', async () => {
    const path = tmp.file('stray.csv', text);
    const report = await readCsvReport(path, { rangeSize: 1000 });
    // the split stopped at the range holding the stray quote, before the record that holds it
    expect(report.onePieceFrom).toBeGreaterThan(0);
    expect(report.onePieceFrom).toBeLessThanOrEqual(text.indexOf('large 14"'));
    const rnd = rng(5);
    for (const threads of [1, 2]) {
      const o = { threads, rangeSize: 1000 };
      const df = await readCsv(path, o);
      expect(df.toRecords()).toEqual(rows);
      for (const [kind, read] of readers(path, text, rnd)) expect((await read(o)).toRecords(), kind).toEqual(rows);
    }
  });

  it('nRows before and after the stray quote', async () => {
    for (const nRows of [5, 1199, 1200, 1201, 1500]) {
      const df = await readCsvString(text, { threads: 2, rangeSize: 700, nRows });
      expect(df.toRecords()).toEqual(rows.slice(0, nRows));
    }
  });

  it('a scan with a pushed-down filter and a limit past the stray quote', async () => {
    const path = tmp.file('stray-scan.csv', text);
    const { col, scanCsv } = await import('../../../../src/index.js');
    const got = await scanCsv(path, { rangeSize: 900 }).filter(col('v').gt(8)).limit(300).collect({ threads: 2 });
    expect(got.toRecords()).toEqual(rows.filter((r) => r.v > 8).slice(0, 300));
  });
});
