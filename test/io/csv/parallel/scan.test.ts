/** The range scan's controls: progress in file order, abort, a filter in the parse tasks, a limit, and a consumer that stops. */
import { afterAll, describe, expect, it } from 'vitest';
import type { RangeFilter } from '../../../../kernels/csv/filter.js';
import { RangeFrames } from '../../../../src/io/csv/parallel/assemble.js';
import { planCsvRead, readCsvRanges } from '../../../../src/io/csv/parallel/read.js';
import { planRanges } from '../../../../src/io/csv/parallel/ranges.js';
import { scanRanges, type RangePlan } from '../../../../src/io/csv/parallel/scan.js';
import { inlineRunner, type CsvRunner, type CsvTask } from '../../../../src/io/csv/parallel/tasks.js';
import type { ScanProgress } from '../../../../src/io/csv/options.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ROWS = 2000;
const text = `id,name,v\n${Array.from({ length: ROWS }, (_, i) => `${i},n${i % 37},${(i % 11) - 5}.5`).join('\n')}\n`;
const path = tmp.file('scan.csv', text);
const size = Buffer.byteLength(text);

/** An inline runner that records every task it is asked to make. */
function countingRunner(made: CsvTask[]): CsvRunner {
  const inner = inlineRunner();
  return <T>(count: number, make: (i: number) => CsvTask) =>
    inner<T>(count, (i) => {
      const t = make(i);
      made.push(t);
      return t;
    });
}

function shapes(plan: RangePlan) {
  return plan.survey.slots.map((s, k) => ({ name: s.name, dtype: plan.survey.dtypes[k]! }));
}

describe('progress', () => {
  it('reports bytes and rows after each range, in file order, ending at the file size', async () => {
    const seen: ScanProgress[] = [];
    const df = await readCsvRanges(path, { rangeSize: 4096, onProgress: (p) => seen.push(p) });
    // the ranges start after the 10-byte header
    expect(seen.length).toBe(planRanges(10, size, 4096).length);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytes).toBeGreaterThan(seen[i - 1]!.bytes);
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)).toEqual({ bytes: size, totalBytes: size, rows: ROWS, columns: ['id', 'name', 'v'] });
    expect(df.height).toBe(ROWS);
  });
});

describe('abort', () => {
  it('an already aborted signal rejects before anything is read', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(readCsvRanges(path, { signal: controller.signal })).rejects.toThrow('stop now');
  });

  it('stops between ranges once the signal fires, with an AbortError', async () => {
    const controller = new AbortController();
    let calls = 0;
    const read = readCsvRanges(path, {
      rangeSize: 512,
      signal: controller.signal,
      onProgress: () => {
        calls++;
        controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });
});

describe('filter and limit', () => {
  const positive: RangeFilter = {
    // v > 0, with v the third materialized column
    predicate: { op: 'cmp', fn: 'gt', left: { op: 'input', index: 0, kind: 'f64' }, right: { op: 'const', kind: 'f64', value: 0 } },
    inputs: [2],
  };

  it('the parse tasks drop the rows the filter rejects', async () => {
    const plan = planCsvRead(path, { rangeSize: 2048 }) as RangePlan;
    const frames = new RangeFrames(shapes(plan));
    const batches = [];
    for await (const b of scanRanges(plan, inlineRunner(), frames, { filter: positive })) batches.push(b.frame);
    const ids = frames.concat(batches).getColumn('id').toArray();
    expect(ids).toEqual(Array.from({ length: ROWS }, (_, i) => i).filter((i) => (i % 11) - 5 + 0.5 > 0));
  });

  it('a limit stops the scan once enough rows passed, and cuts the last range', async () => {
    const plan = planCsvRead(path, { rangeSize: 1024 }) as RangePlan;
    const frames = new RangeFrames(shapes(plan));
    const made: CsvTask[] = [];
    const batches = [];
    for await (const b of scanRanges(plan, countingRunner(made), frames, { filter: positive, limit: 10 })) batches.push(b.frame);
    expect(frames.concat(batches).getColumn('id').toArray()).toEqual([5, 6, 7, 8, 9, 10, 16, 17, 18, 19]);
    expect(made.filter((t) => t.type === 'csvRange').length).toBe(1);
  });

  it('a consumer that stops asking stops the tasks', async () => {
    const plan = planCsvRead(path, { rangeSize: 512 }) as RangePlan;
    const made: CsvTask[] = [];
    for await (const b of scanRanges(plan, countingRunner(made), new RangeFrames(shapes(plan)))) {
      expect(b.frame.height).toBeGreaterThan(0);
      if (b.progress.rows > 100) break;
    }
    expect(plan.ranges.length).toBeGreaterThan(20);
    expect(made.filter((t) => t.type === 'csvRange').length).toBeLessThan(5);
  });
});
