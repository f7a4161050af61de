/** Progress of a CSV load for people watching: a bar on a terminal, plain lines in logs, nothing for quick loads. */
import cliProgress from 'cli-progress';
import type { ScanProgress } from '../src/index.js';

/** What a load reports to, and how it says it is over. */
export interface LoadProgress {
  /** Pass as `onProgress` to readCsv or collect. */
  readonly onProgress: (p: ScanProgress) => void;
  /** The load is over: finish the bar (or the lines) if any was shown. */
  done(): void;
}

/** Loads shorter than this show nothing: a bar that flashes past is noise. */
const QUIET_MS = 400;
/** Plain lines at most this often, so a log stays short. */
const LINE_EVERY_MS = 2000;

/**
 * A progress display for one load: a cli-progress bar when `stream` (default stderr) is a
 * terminal, else a plain line every couple of seconds; nothing at all for loads that end within a
 * moment. `now` replaces the clock (tests).
 *
 * @example
 * const progress = loadProgress('G1_1e7_1e2_0_0.csv');
 * const df = await readCsv(path, { onProgress: progress.onProgress });
 * progress.done();
 */
export function loadProgress(label: string, options: { stream?: NodeJS.WriteStream; now?: () => number } = {}): LoadProgress {
  const stream = options.stream ?? process.stderr;
  const clock = options.now ?? (() => performance.now());
  const started = clock();
  let bar: cliProgress.SingleBar | null = null;
  let lastLine = started;
  let last: ScanProgress | null = null;
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(0);
  const fields = (p: ScanProgress) => {
    const seconds = Math.max(1e-3, (clock() - started) / 1000);
    return {
      mb: mb(p.bytes),
      totalMb: mb(p.totalBytes),
      rows: p.rows.toLocaleString('en-US'),
      speed: (p.bytes / 1e6 / seconds).toFixed(0),
    };
  };
  return {
    onProgress(p) {
      last = p;
      const now = clock();
      if (now - started < QUIET_MS) return;
      if (stream.isTTY) {
        if (bar === null) {
          bar = new cliProgress.SingleBar(
            { format: `${label} [{bar}] {percentage}% | {mb}/{totalMb} MB | {rows} rows | {speed} MB/s`, stream, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.totalBytes, p.bytes, fields(p));
        } else bar.update(p.bytes, fields(p));
      } else if (now - lastLine >= LINE_EVERY_MS) {
        lastLine = now;
        const f = fields(p);
        stream.write(
          `${label}: ${((100 * p.bytes) / Math.max(1, p.totalBytes)).toFixed(0)}% (${f.mb}/${f.totalMb} MB, ${f.rows} rows, ${f.speed} MB/s)\n`,
        );
      }
    },
    done() {
      if (bar !== null) {
        if (last !== null) bar.update(last.bytes, fields(last));
        bar.stop();
      } else if (!stream.isTTY && last !== null && clock() - started >= QUIET_MS) {
        const f = fields(last);
        stream.write(`${label}: done (${f.mb} MB, ${f.rows} rows, ${f.speed} MB/s)\n`);
      }
    },
  };
}
