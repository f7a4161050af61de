/** Runs the peer orchestrator (`bench/peers/run.ts`) in a lean process of its own, so each peer's peak memory is its own. */

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EngineVerdict, PeerResult } from './peers/check.js';
import { type ColdMode, defaultScriptDir } from './peers/run.js';

/** What to run; the same choices `runPeers` takes. */
export interface PeerProcessOptions {
  csv: string;
  engines: readonly string[];
  runs: number;
  threads: number;
  /** Where each question's cold run happens: a fresh process per question, or the first run in one process per engine. */
  cold: ColdMode;
  /** Limit of one runner process, past which it is killed and reported as timed out. */
  timeoutSeconds: number;
  nodeArgs: readonly string[];
  /** Called as each engine starts. */
  onStart: (engine: string) => void;
}

/**
 * Spawns `run.js` and reads back its JSON. Why a separate process: Linux keeps a process's peak
 * RSS across `exec`, so a runner spawned straight from a benchmark holding a loaded table
 * would report at least that table's memory as its own. The orchestrator process is small,
 * below any engine's own footprint, so it leaves the figures alone.
 *
 * @example
 * const { results, verdicts } = await runPeerProcess({ csv, engines: ['volley', 'duckdb'], runs: 3, threads: 2, cold: 'process', ... });
 */
export async function runPeerProcess(options: PeerProcessOptions): Promise<{ results: PeerResult[]; verdicts: EngineVerdict[] }> {
  const args = [
    ...['--csv', options.csv, '--engines', options.engines.join(','), '--runs', String(options.runs)],
    ...['--threads', String(options.threads), '--timeout', String(options.timeoutSeconds), '--cold', options.cold],
    ...options.nodeArgs.map((flag) => `--node-arg=${flag}`),
  ];
  return runOrchestrator('run.js', args, options.onStart);
}

/**
 * Spawns an orchestrator script of the compiled peers folder with `args` and `--json <file>`,
 * and resolves to the JSON it wrote there. Its `running <engine>...` lines on stderr call
 * `onStart`; a run that wrote no JSON rejects with the tail of its stderr.
 *
 * @example
 * const { results } = await runOrchestrator<{ results: PeerResult[] }>('join-run.js', args, (label) => progress.step(label));
 */
export async function runOrchestrator<T>(script: string, args: readonly string[], onStart: (label: string) => void): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'volley-peers-'));
  const json = join(dir, 'peers.json');
  try {
    const stderr = await new Promise<string[]>((resolve, reject) => {
      const child = spawn(process.execPath, [join(defaultScriptDir(), script), ...args, '--json', json], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const tail: string[] = [];
      createInterface({ input: child.stderr }).on('line', (line) => {
        const started = /^running (\S+)\.\.\.$/.exec(line);
        if (started?.[1] !== undefined) onStart(started[1]);
        else tail.push(line);
      });
      child.on('error', reject);
      // Exit code 1 means some answer disagreed, which the JSON records; only its absence fails.
      child.on('close', () => resolve(tail.slice(-20)));
    });
    try {
      return JSON.parse(await readFile(json, 'utf8')) as T;
    } catch {
      throw new Error(`peer orchestrator wrote no report:\n${stderr.join('\n')}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
