/** Progress reporting for long benchmark runs: a bar on a terminal, one plain line per step everywhere else. */

import cliProgress from 'cli-progress';

/** What a benchmark phase reports while it works. */
export interface Progress {
  /** Starts a phase of `total` steps (the suites, the scaling run, the peers). */
  begin(phase: string, total: number): void;
  /** One step of the current phase is about to run. */
  step(label: string): void;
  /** A line of output that must stay visible (a result, a warning). */
  log(line: string): void;
  /** The current phase is over. */
  end(): void;
}

/**
 * A bar on a TTY, where redrawing in place is possible; plain numbered lines otherwise, so
 * that CI logs and redirected output stay readable.
 *
 * @example
 * const progress = createProgress();
 * progress.begin('scaling', 30);
 * progress.step('q1 threads=2');
 * progress.end();
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

/** A progress reporter that prints nothing, for library callers that only want the report. */
export const SILENT_PROGRESS: Progress = { begin() {}, step() {}, log() {}, end() {} };

function lineProgress(stream: NodeJS.WritableStream): Progress {
  let phase = '';
  let total = 0;
  let done = 0;
  let started = performance.now();
  return {
    begin(name, steps) {
      phase = name;
      total = steps;
      done = 0;
      started = performance.now();
    },
    step(label) {
      done++;
      // Elapsed time since the phase began, so a log shows where a slow run spent its time.
      const elapsed = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(`[${phase} ${done}/${total} +${elapsed} s] ${label}\n`);
    },
    log: (line) => void stream.write(`${line}\n`),
    end() {},
  };
}

function barProgress(stream: NodeJS.WritableStream): Progress {
  let bars: cliProgress.MultiBar | null = null;
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  return {
    begin(phase, total) {
      bars = new cliProgress.MultiBar(
        { format: `${phase.padEnd(8)} [{bar}] {value}/{total} {label}`, stream, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      done = 0;
      bar = bars.create(total, 0, { label: '' });
    },
    step(label) {
      // The bar shows the step now running, so it advances on the next step or at the end.
      bar?.update(done++, { label });
    },
    log(line) {
      if (bars === null) stream.write(`${line}\n`);
      else bars.log(`${line}\n`);
    },
    end() {
      bar?.update(done, { label: 'done' });
      bars?.stop();
      bars = null;
      bar = null;
    },
  };
}
