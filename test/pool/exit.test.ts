/** A script that runs a query on the pool exits by itself: idle workers never hold the process open. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const index = fileURLToPath(new URL('../../dist/src/index.js', import.meta.url));

describe('process lifetime', () => {
  it('exits on its own after a multi-threaded query', () => {
    const script = `
      import { DataFrame, col } from ${JSON.stringify(index)};
      const n = 50000;
      const df = DataFrame.fromColumns({ k: Array.from({ length: n }, (_, i) => i % 7), v: Array.from({ length: n }, (_, i) => i) });
      const out = await df.lazy().groupBy('k').agg(col('v').sum().alias('s')).sort('k').collect({ threads: 2, morselSize: 1000 });
      console.log(JSON.stringify(out.toRecords().map((r) => [r.k, String(r.s)])));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout.trim()) as [number, string][];
    expect(rows).toHaveLength(7);
    const want = (k: number): string => {
      let s = 0;
      for (let i = k; i < 50000; i += 7) s += i;
      return String(s);
    };
    expect(rows).toEqual(rows.map(([k]) => [k, want(k)]));
  });
});
