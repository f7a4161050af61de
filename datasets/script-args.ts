/** A standalone script's command line: `--help` prints its usage; a bad option or value ends it with one line and the usage, not a stack trace. */

/** What reading a script's arguments came to: its options, or the text to print and the exit code to end with. */
export type ScriptArgs<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: 0 | 2; readonly text: string };

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Reads a script's arguments with `parse` (which calls `node:util` parseArgs and checks the
 * values). Everything `parse` throws is taken as the user's mistake, as it only reads the command
 * line: the result is then exit code 2 and `<script>: <first line of the message>` above the usage.
 * `--help` or `-h` anywhere gives the usage and exit code 0, as `volley bench --help` does.
 *
 * @example
 * readScriptArgs('gen', 'usage: gen <rows>', ['--nope'], parse); // { ok: false, code: 2, text: "gen: Unknown option '--nope'..." }
 */
export function readScriptArgs<T>(script: string, usage: string, argv: readonly string[], parse: (argv: string[]) => T): ScriptArgs<T> {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: false, code: 0, text: withNewline(usage) };
  try {
    return { ok: true, value: parse([...argv]) };
  } catch (err) {
    // parseArgs explains an unknown option over several sentences on one line; a value check may append the usage itself.
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    return { ok: false, code: 2, text: `${script}: ${message}\n\n${withNewline(usage)}` };
  }
}

/**
 * `readScriptArgs` on this process's arguments, ending the process where they say so: the usage on
 * stdout and exit 0 for `--help`, the complaint and the usage on stderr and exit 2 for a bad one.
 *
 * @example
 * const { rows } = parseScriptArgs('join-threads', USAGE, (argv) => readOptions(argv));
 */
export function parseScriptArgs<T>(
  script: string,
  usage: string,
  parse: (argv: string[]) => T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  const read = readScriptArgs(script, usage, argv, parse);
  if (read.ok) return read.value;
  // Writes to a pipe or a file are synchronous here, so nothing is lost by exiting at once.
  (read.code === 0 ? process.stdout : process.stderr).write(read.text);
  process.exit(read.code);
}

/**
 * The whole number an option was given (`1e6`, `1_000`, `5`), at least `min`; throws a RangeError naming the option otherwise.
 *
 * @example
 * wholeOption('runs', '5');       // 5
 * wholeOption('warmup', '0', 0);  // 0
 * wholeOption('runs', 'five');    // throws: --runs takes a whole number of at least 1, got "five"
 */
export function wholeOption(option: string, text: string, min = 1): number {
  const clean = text.trim().replace(/_/g, '');
  const n = clean === '' ? Number.NaN : Number(clean);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`--${option} takes a whole number of at least ${min}, got "${text}"`);
  return n;
}
