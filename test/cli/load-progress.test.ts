/** The load progress display: quiet for quick loads, plain lines off a terminal, a bar on one. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadProgress } from '../../cli/load-progress.js';

/** A stream that records what is written, posing as a terminal or not. */
function sink(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = new Writable({
    write(chunk, _enc, done) {
      s.text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  s.text = '';
  Object.assign(s, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return s;
}

const step = (bytes: number, rows: number) => ({ bytes, totalBytes: 1_000_000_000, rows, columns: ['id1', 'v1'] });

describe('loadProgress', () => {
  it('shows nothing for a load that ends within a moment', () => {
    const stream = sink(false);
    let t = 0;
    const p = loadProgress('quick.csv', { stream, now: () => t });
    p.onProgress(step(500_000_000, 1000));
    t = 100;
    p.onProgress(step(1_000_000_000, 2000));
    p.done();
    expect(stream.text).toBe('');
  });

  it('writes plain lines with percent, megabytes and rows when not on a terminal', () => {
    const stream = sink(false);
    let t = 0;
    const p = loadProgress('G1.csv', { stream, now: () => t });
    t = 2500;
    p.onProgress(step(250_000_000, 5_000_000));
    t = 2600;
    p.onProgress(step(300_000_000, 6_000_000)); // too soon for another line
    t = 5000;
    p.onProgress(step(1_000_000_000, 20_000_000));
    p.done();
    const lines = stream.text.trim().split('\n');
    expect(lines).toEqual([
      'G1.csv: 25% (250/1000 MB, 5,000,000 rows, 100 MB/s)',
      'G1.csv: 100% (1000/1000 MB, 20,000,000 rows, 200 MB/s)',
      'G1.csv: done (1000 MB, 20,000,000 rows, 200 MB/s)',
    ]);
  });

  it('draws a bar on a terminal', () => {
    const stream = sink(true);
    let t = 0;
    const p = loadProgress('G1.csv', { stream, now: () => t });
    t = 1000;
    p.onProgress(step(500_000_000, 10_000_000));
    p.done();
    expect(stream.text).toContain('G1.csv [');
    expect(stream.text).toContain('1000 MB | 10,000,000 rows');
  });
});
