/**
 * Streaming keeps memory bounded: summing every column of a CSV file whose columns take twice the
 * file's size raises resident memory by a fraction of that with streaming, and by all of it
 * when the scan is read whole. Each run is a fresh process, so no other test's memory counts.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../io/csv/parallel/helpers.js';
import { rng } from '../kernels/csv/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const child = fileURLToPath(new URL('./stream-memory-child.mjs', import.meta.url));

/** 4 million rows of 30 one-digit columns: 120 MB of CSV, 480 MB as Int32 columns. */
function wideFile(): string {
  const path = join(tmp.dir, 'wide.csv');
  const rnd = rng(1);
  const block = `${Array.from({ length: 10_000 }, () => Array.from({ length: 30 }, () => Math.floor(rnd() * 10)).join(',')).join('\n')}\n`;
  const fd = openSync(path, 'w');
  writeSync(fd, `${Array.from({ length: 30 }, (_, i) => `c${i}`).join(',')}\n`);
  for (let k = 0; k < 200; k++) writeSync(fd, block);
  closeSync(fd);
  return path;
}

function measure(path: string, mode: 'streaming' | 'whole', threads: number): { grew: number; answer: string[] } {
  const out = execFileSync(process.execPath, [child, path, mode, String(threads)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { grew: number; answer: string[] };
}

describe('streaming memory', () => {
  const path = wideFile();
  const size = statSync(path).size;

  it.each([1, 2])(
    'with %i thread(s), memory grows by a fraction of what reading the scan whole takes',
    (threads) => {
      const streaming = measure(path, 'streaming', threads);
      const whole = measure(path, 'whole', threads);
      expect(streaming.answer).toEqual(whole.answer);
      expect(streaming.answer.length).toBe(10);
      // reading whole holds the columns: more than the file itself
      expect(whole.grew).toBeGreaterThan(size);
      // streaming holds a few parsed ranges per thread and the group states, whatever the file's size
      const figures = `streaming grew ${streaming.grew} bytes, whole ${whole.grew}, file ${size}`;
      expect(streaming.grew, figures).toBeLessThan(whole.grew / 2);
      expect(streaming.grew, figures).toBeLessThan(threads * size * 0.75);
    },
    120_000,
  );
});
