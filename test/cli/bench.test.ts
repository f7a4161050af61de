/** `volley bench` through the dispatcher: the benchmark from a clone, one line and exit code 1 where it is not installed. */
import { describe, expect, it, vi } from 'vitest';
import { BENCH_NEEDS_CLONE, runBench } from '../../cli/bench.js';

/** An error shaped like Node's for an import that cannot be resolved. */
function missing(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /x/dist/bench/report/charts.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

describe('volley bench', () => {
  it('says in one line what it needs when the bench code or a dev dependency is missing', async () => {
    for (const specifier of ['/x/dist/bench/command.js', 'vega']) {
      let err = '';
      const code = await runBench(
        ['--quick'],
        (t) => void (err += t),
        () => Promise.reject(missing(specifier)),
      );
      expect(code).toBe(1);
      expect(err).toBe(BENCH_NEEDS_CLONE);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).toContain('npm ci && npm run bench');
    }
  });

  it('hands the arguments to the benchmark and returns its exit code when it is there', async () => {
    const runBenchCommand = vi.fn(async () => 0);
    const code = await runBench(
      ['--quick', '--rows', '2000'],
      () => undefined,
      async () => ({ runBenchCommand }),
    );
    expect(code).toBe(0);
    expect(runBenchCommand).toHaveBeenCalledWith(['--quick', '--rows', '2000']);
  });

  it('lets any other failure of the import through, so a real bug is not hidden', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(
      runBench(
        [],
        () => undefined,
        () => Promise.reject(broken),
      ),
    ).rejects.toBe(broken);
  });

  it('loads the real benchmark from a clone: its --help lists the bench options', async () => {
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      expect(await runBench(['--help'], () => undefined)).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(out).toContain('volley bench');
    expect(out).toContain('--quick');
  });
});
