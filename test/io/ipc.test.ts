/** Arrow IPC in and out: every type with nulls through both formats and every input kind, shared memory on the way in, clear errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnNotFoundError, DataFrame, IpcError, readIpc, readIpcStream, shutdownPool, type Scalar } from '../../src/index.js';
import { asPlainStrings } from '../differential/plain.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-ipc-'));
afterAll(async () => {
  await shutdownPool();
  rmSync(dir, { recursive: true, force: true });
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Every type Volley has, with nulls, NaN, ±Infinity, -0, Int64 beyond 2^53, empty and non-ASCII strings, in chunks of 3. */
function everyType(): DataFrame {
  return DataFrame.fromColumns(
    {
      i: [1, null, -2147483648, 2147483647, 0, 7, null],
      big: [2n ** 62n, -(2n ** 53n) - 1n, null, 0n, 1n, null, -1n],
      f: [1.5, Number.NaN, null, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, 1e-300],
      b: [true, false, null, true, true, false, null],
      s: ['a', '', null, 'Zürich', '😀 emoji', 'e\u0301', 'a'],
      d: [day('2024-02-29'), null, day('1969-12-31'), day('2000-01-01'), null, day('2024-02-29'), day('1970-01-01')],
      t: [new Date('2024-01-01T12:34:56.789Z'), null, new Date(0), new Date(-1), null, new Date('2038-01-19T03:14:08Z'), new Date(1)],
    },
    { dtypes: { i: 'Int32', big: 'Int64', f: 'Float64', b: 'Boolean', s: 'Utf8', d: 'Date', t: 'Timestamp' }, chunkSize: 3 },
  );
}

/** Rows with -0 and NaN told apart from 0 and from each other's absence. */
function rows(df: DataFrame): Record<string, unknown>[] {
  const tag = (v: Scalar): unknown => (typeof v === 'number' && Object.is(v, -0) ? '-0' : v instanceof Date ? `date:${v.getTime()}` : v);
  return df.toRecords().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, tag(v)])));
}

function fields(df: DataFrame): string[] {
  return df.schema.fields.map((f) => `${f.name}:${f.dtype}`);
}

async function collected(write: (out: PassThrough) => Promise<void>): Promise<Uint8Array> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  await write(out);
  out.end();
  return new Uint8Array(Buffer.concat(parts));
}

describe('Arrow IPC', () => {
  it('round-trips every type with nulls through both formats, a path, bytes and streams', async () => {
    for (const source of [everyType(), asPlainStrings(everyType())]) {
      const want = rows(source);
      const file = join(dir, 'every.arrow');
      await source.writeIpc(file);
      const fromPath = await readIpc(file);
      expect(fields(fromPath)).toEqual(fields(source));
      expect(rows(fromPath)).toEqual(want);
      const fileBytes = await collected((out) => source.writeIpc(out));
      expect(rows(await readIpc(fileBytes))).toEqual(want);
      const streamBytes = await collected((out) => source.writeIpcStream(out));
      expect(rows(await readIpcStream(streamBytes))).toEqual(want);
      expect(rows(await readIpcStream(Readable.from([streamBytes.subarray(0, 10), streamBytes.subarray(10)])))).toEqual(want);
      const streamFile = join(dir, 'every.arrows');
      await source.writeIpcStream(streamFile);
      expect(rows(await readIpcStream(streamFile))).toEqual(want);
    }
  });

  it('reads into shared memory, number columns as views of the one buffer read', async () => {
    const file = join(dir, 'numbers.arrow');
    await everyType().writeIpc(file);
    const df = await readIpc(file);
    const buffers = new Set<ArrayBufferLike>();
    for (const name of ['i', 'big', 'f', 'd', 't']) {
      for (const chunk of df.getColumn(name).chunks) {
        expect(chunk.values.buffer).toBeInstanceOf(SharedArrayBuffer);
        buffers.add(chunk.values.buffer);
      }
    }
    expect(buffers.size).toBe(1);
  });

  it('reads what apache-arrow writes, a projection of it, and answers queries over it', async () => {
    const table = tableFromArrays({ id: Int32Array.of(3, 1, 2), v: Float64Array.of(0.5, 1.5, 2.5), name: ['c', 'a', 'b'] });
    const file = join(dir, 'arrow-js.arrow');
    writeFileSync(file, tableToIPC(table, 'file'));
    const df = await readIpc(file, { columns: ['name', 'v'] });
    expect(df.toRecords()).toEqual([
      { name: 'c', v: 0.5 },
      { name: 'a', v: 1.5 },
      { name: 'b', v: 2.5 },
    ]);
    expect((await df.lazy().sort('name').collect({ threads: 2 })).getColumn('v').toArray()).toEqual([1.5, 2.5, 0.5]);
    await expect(readIpc(file, { columns: ['nope'] })).rejects.toBeInstanceOf(ColumnNotFoundError);
  });

  it('fails with an IpcError for a missing file, bytes that are not IPC, and an unwritable path', async () => {
    await expect(readIpc(join(dir, 'missing.arrow'))).rejects.toMatchObject({ name: 'IpcError', code: 'IO_ERROR' });
    const junk = join(dir, 'junk.arrow');
    writeFileSync(junk, 'id,v\n1,2\n');
    await expect(readIpc(junk)).rejects.toBeInstanceOf(IpcError);
    await expect(everyType().writeIpc(join(dir, 'no', 'such', 'dir.arrow'))).rejects.toBeInstanceOf(IpcError);
  });
});
