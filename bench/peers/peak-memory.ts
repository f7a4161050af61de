/** Peak resident memory of one stretch of a runner process: the high-water mark reset before it and read after it. */

import { readFileSync, writeFileSync } from 'node:fs';

/**
 * How a peak was measured. `vmhwm`: Linux's VmHWM after writing "5" to /proc/self/clear_refs,
 * which resets the mark to the current RSS, so each stretch gets its own peak. `maxrss`: the
 * process's peak so far (getrusage), where clear_refs is not writable: it never falls from one
 * stretch to the next, so a small question after a big one shows the big one's peak.
 */
export type PeakMethod = 'vmhwm' | 'maxrss';

/** Resets the high-water mark when the kernel lets us; returns how the next `peakBytes` reads it. */
export function resetPeak(): PeakMethod {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return 'vmhwm';
  } catch {
    return 'maxrss';
  }
}

function vmhwmBytes(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** The peak RSS in bytes since the last reset (`vmhwm`) or since the process started (`maxrss`). */
export function peakBytes(method: PeakMethod): number {
  const hwm = method === 'vmhwm' ? vmhwmBytes() : null;
  return hwm ?? process.resourceUsage().maxRSS * 1024;
}

/**
 * Runs `work` and measures its peak RSS: the mark is reset before and read after, so the figure
 * is the highest the process's memory stood while `work` ran (what was resident before counts
 * too: a question's peak includes the loaded table).
 *
 * @example
 * const { value: df, peak } = await measurePeak(() => readCsv(path));
 * peak.bytes; // e.g. 912_000_000, peak.method: 'vmhwm'
 */
export async function measurePeak<T>(work: () => Promise<T>): Promise<{ value: T; peak: { bytes: number; method: PeakMethod } }> {
  const method = resetPeak();
  const value = await work();
  return { value, peak: { bytes: peakBytes(method), method } };
}
