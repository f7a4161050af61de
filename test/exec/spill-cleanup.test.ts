/** The spill folder is removed after a query succeeds, fails (in the partials or in the merge) or is aborted; a bad spillDir is refused up front. */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { totalmem } from 'node:os';
import { spillBudgetOf } from '../../src/exec/spill.js';
import type { ExecContext } from '../../src/exec/context.js';
import { col, len, VolleyError, type LazyFrame } from '../../src/index.js';
import { SpillError, SpillFiles } from '../../src/io/spill-file.js';
import { resolveOptions } from '../../src/physical/options.js';
import { spillFrame, spillTestDir } from './spill-data.js';

const df = spillFrame();
const dir = spillTestDir();

const byI = (): LazyFrame => df.lazy().groupBy('i').agg(col('v').sum().alias('v'), len().alias('n'));
const spilling = (threads: number) => ({ threads, morselSize: 1_000, spillBudget: 0, spillDir: dir });

/** Run `q`, expecting a rejection, and give the error. */
async function failure(q: Promise<unknown>): Promise<unknown> {
  return q.then(
    () => {
      throw new Error('the query should have failed');
    },
    (e: unknown) => e,
  );
}

/** The spill folder while the query runs (from the first write), and how many records went to disk. */
function watchFolder(): { folders: Set<string>; writes: () => number } {
  const folders = new Set<string>();
  const original = SpillFiles.prototype.append;
  const append = vi.spyOn(SpillFiles.prototype, 'append').mockImplementation(function (this: SpillFiles, file, data) {
    original.call(this, file, data);
    folders.add(this.path!);
  });
  return { folders, writes: () => append.mock.calls.length };
}

describe('spill folder', () => {
  for (const threads of [1, 2]) {
    it(`is made in spillDir and removed after success (threads ${threads})`, async () => {
      const w = watchFolder();
      const got = await byI().collect(spilling(threads));
      expect(got.height).toBe(1_500);
      expect(w.writes()).toBeGreaterThan(0);
      expect([...w.folders].every((f) => f.startsWith(join(dir, 'volley-spill-')))).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when a late morsel fails (threads ${threads})`, async () => {
      const w = watchFolder();
      // the last row's value does not fit Int32: the cast fails in the last morsel
      const e = await failure(df.lazy().groupBy('i').agg(col('big').cast('Int32').sum().alias('s')).collect(spilling(threads)));
      expect(e).toBeInstanceOf(VolleyError);
      expect((e as VolleyError).code).toBe('CAST_ERROR');
      // on one thread the morsels run in order, so every earlier partial was written first; on
      // two, the failing task can finish before the first batch of morsels, and then the query
      // fails with nothing written (the merge failure below always writes first)
      if (threads === 1) expect(w.writes()).toBeGreaterThan(0);
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when finishing a merged bucket fails (threads ${threads})`, async () => {
      const w = watchFolder();
      // the group of the last row sums past Int32: the cast fails while its bucket is finished
      const e = await failure(df.lazy().groupBy('i').agg(col('big').sum().cast('Int32').alias('s')).collect(spilling(threads)));
      expect((e as VolleyError).code).toBe('CAST_ERROR');
      expect(w.writes()).toBeGreaterThan(0);
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when writing fails part way, as a full disk would (threads ${threads})`, async () => {
      const original = SpillFiles.prototype.append;
      let calls = 0;
      vi.spyOn(SpillFiles.prototype, 'append').mockImplementation(function (this: SpillFiles, file, data) {
        if (++calls > 100) throw new SpillError(this.path!, 'cannot write spill file: ENOSPC');
        original.call(this, file, data);
      });
      const e = await failure(byI().collect(spilling(threads)));
      expect(e).toBeInstanceOf(SpillError);
      expect((e as Error).message).toContain('ENOSPC');
      expect(calls).toBeGreaterThan(100);
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when reading it back fails (threads ${threads})`, async () => {
      watchFolder();
      vi.spyOn(SpillFiles.prototype, 'read').mockImplementation(function (this: SpillFiles) {
        throw new SpillError(this.path!, 'cannot read spill file: EIO');
      });
      const e = await failure(byI().collect(spilling(threads)));
      expect(e).toBeInstanceOf(SpillError);
      expect((e as SpillError).code).toBe('IO_ERROR');
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when the query is aborted while spilling (threads ${threads})`, async () => {
      const controller = new AbortController();
      const original = SpillFiles.prototype.append;
      vi.spyOn(SpillFiles.prototype, 'append').mockImplementation(function (this: SpillFiles, file, data) {
        original.call(this, file, data);
        controller.abort();
      });
      const e = await failure(byI().collect({ ...spilling(threads), signal: controller.signal }));
      expect((e as Error).name).toBe('AbortError');
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`is removed when the query is aborted while merging (threads ${threads})`, async () => {
      const controller = new AbortController();
      const original = SpillFiles.prototype.read;
      const read = vi.spyOn(SpillFiles.prototype, 'read').mockImplementation(function (this: SpillFiles, file) {
        controller.abort(new Error('enough'));
        return original.call(this, file);
      });
      const e = await failure(byI().collect({ ...spilling(threads), signal: controller.signal }));
      expect((e as Error).message).toBe('enough');
      expect(read).toHaveBeenCalled();
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('leaves the pool usable after failures', async () => {
    const got = await byI().collect(spilling(2));
    const want = await byI().collect({ threads: 2, morselSize: 1_000 });
    expect(got.toRecords()).toEqual(want.toRecords());
  });
});

describe('spill options', () => {
  it('refuses a spillDir that is not a writable folder, before anything runs', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      for (const spillDir of [join(dir, 'missing'), file, '']) {
        const e = await failure(byI().collect({ spillBudget: 0, spillDir }));
        expect(e).toBeInstanceOf(VolleyError);
        expect((e as VolleyError).code).toBe('INVALID_ARGUMENT');
        expect((e as Error).message).toMatch(/^spillDir must be an existing folder this process can write in/);
      }
    } finally {
      rmSync(file);
    }
  });

  it('refuses a budget that is not a number of bytes >= 0', () => {
    for (const spillBudget of [-1, Number.NaN, '1' as unknown as number])
      expect(() => resolveOptions({ spillBudget })).toThrow(/spillBudget must be a number of bytes >= 0/);
    expect(resolveOptions({ spillBudget: 0 }).spillBudget).toBe(0);
  });

  it('takes a default budget from memoryLimit (half the room below it), else from the machine (an eighth of its free room)', () => {
    const ctx = (o: Parameters<typeof resolveOptions>[0]): ExecContext => ({ options: resolveOptions(o) }) as unknown as ExecContext;
    const machine = spillBudgetOf(ctx({}))!;
    expect(machine).toBeGreaterThanOrEqual(Math.max(256 * 2 ** 20, (totalmem() - process.memoryUsage.rss()) / 8 - 2 ** 26));
    expect(machine).toBeLessThanOrEqual(Math.max(256 * 2 ** 20, totalmem() / 8));
    expect(spillBudgetOf(ctx({ spillBudget: 5 }))).toBe(5);
    expect(spillBudgetOf(ctx({ spillBudget: Infinity, memoryLimit: 1 }))).toBeNull();
    // a limit the process is already past leaves no room: everything spills
    expect(spillBudgetOf(ctx({ memoryLimit: 1 }))).toBe(0);
    const room = spillBudgetOf(ctx({ memoryLimit: process.memoryUsage.rss() + 2 ** 32 }))!;
    expect(room).toBeGreaterThan(2 ** 30);
    expect(room).toBeLessThanOrEqual(2 ** 31);
  });

  it('says which folder failed when one cannot be made', () => {
    const files = new SpillFiles(join(dir, 'gone'), 2);
    const e = (() => {
      try {
        files.append(0, new Uint8Array(8));
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(SpillError);
    expect((e as SpillError).code).toBe('IO_ERROR');
    expect((e as SpillError).dir).toBe(join(dir, 'gone'));
    expect((e as Error).message).toContain('cannot make a spill folder in');
    files.remove();
  });
});
