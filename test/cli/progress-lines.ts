/** stderr of a CLI run without the load-progress lines a slow (busy) machine may add to it. */

/** A plain progress line of `cli/load-progress.ts`: `<file>: 40% (...)` or `<file>: done (...)`. */
const PROGRESS_LINE = /^[^\n:]+: (\d+%|done) \(\d+(\/\d+)? MB, [\d,]+ rows, \d+ MB\/s\)\n/gm;

/**
 * `stderr` with every load-progress line removed: a load that happens to take longer than the
 * quiet period reports itself, which is output for people, not an error.
 *
 * @example
 * expect(withoutProgress(result.stderr)).toBe('');
 */
export function withoutProgress(stderr: string): string {
  return stderr.replace(PROGRESS_LINE, '');
}
