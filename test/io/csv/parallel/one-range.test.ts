/** An input of one byte range parses on the calling thread whatever the thread count: no pool is started for it, and the frame is the same. */
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, shutdownPool } from '../../../../src/index.js';
import { poolThreadIds } from '../../../../src/pool/pool.js';
import { fingerprint } from './helpers.js';

afterAll(async () => {
  await shutdownPool();
});

const text = `id,v,s\n${Array.from({ length: 5_000 }, (_, i) => `${i},${(i * 7) % 13},name${i % 101}`).join('\n')}\n`;

describe('a CSV input of one range', () => {
  it('is parsed on the calling thread at two threads, with the frame one thread gives', async () => {
    await shutdownPool();
    const two = await readCsv(Buffer.from(text), { threads: 2 });
    expect(poolThreadIds(2)).toEqual([]);
    const one = await readCsv(Buffer.from(text), { threads: 1 });
    expect(fingerprint(two)).toEqual(fingerprint(one));
    // several ranges still go to the pool
    const several = await readCsv(Buffer.from(text), { threads: 2, rangeSize: 16_384 });
    expect(poolThreadIds(2)).toHaveLength(2);
    expect(fingerprint(several)).toEqual(fingerprint(one));
  });
});
