/** Formats peer results and verdicts as a Markdown table of times and memory, followed by any problems. */

import type { EngineVerdict, PeerResult } from './check.js';
import { failureLabel } from './child.js';
import { QUESTIONS } from './questions.js';

const seconds = (s: number | null | undefined): string => (s === null || s === undefined ? '-' : s.toFixed(3));
const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * One row per engine: load time, each question's median time, and peak RSS. A question whose
 * answer disagrees with the reference is marked `!`, one the engine failed shows why in a few
 * words (`out of memory`, `killed by SIGKILL`, `timed out`, `not run`, `error`); the whole
 * reasons are listed under the table.
 *
 * @example
 * process.stdout.write(formatReport(results, checkAnswers(results)));
 */
export function formatReport(results: readonly PeerResult[], verdicts: readonly EngineVerdict[]): string {
  const header = ['engine', 'version', 'threads', 'rows', 'load', ...QUESTIONS.map((q) => q.id), 'peak RSS'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const notes: string[] = [];
  for (const result of results) {
    const out = result.output;
    const verdict = verdicts.find((v) => v.engine === result.engine);
    if (result.error !== undefined) notes.push(`- ${result.engine}: ${result.error}`);
    if (out === undefined) {
      const label = failureLabel(result.error ?? 'no output');
      lines.push(`| ${result.engine} | | | | ${label} | ${QUESTIONS.map(() => label).join(' | ')} | |`);
      continue;
    }
    const cells = QUESTIONS.map((q) => {
      const answer = out.questions.find((a) => a.id === q.id);
      const v = verdict?.questions.find((x) => x.id === q.id);
      if (v !== undefined && v.verdict !== 'agree' && v.verdict !== 'reference' && v.details.length > 0) {
        notes.push(`- ${result.engine} ${q.id} ${v.verdict}: ${v.details.join('; ')}`);
      }
      if (answer?.error !== undefined) return failureLabel(answer.error);
      return `${seconds(answer?.seconds)}${v?.verdict === 'mismatch' ? ' !' : ''}`;
    });
    const row = [out.engine, out.version, out.threads, out.rows, seconds(out.load.seconds), ...cells, mebibytes(out.peakRssBytes)];
    lines.push(`| ${row.join(' | ')} |`);
  }
  const tail = notes.length === 0 ? 'All answers agree with the reference.' : notes.join('\n');
  return `${lines.join('\n')}\n\nSeconds: median of the timed runs, after one untimed run of each question. ${tail}\n`;
}
