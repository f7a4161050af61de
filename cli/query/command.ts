/** `volley query`: one query over a CSV file, built from command-line text, printed with its time or its plan. */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { ColumnNotFoundError, DuplicateColumnError, len, scanCsv, type Expr, type LazyFrame } from '../../src/index.js';
import { loadProgress, type LoadProgress } from '../load-progress.js';
import { QueryParseError } from './error.js';
import { tokenize } from './lexer.js';
import { parseQueryArgs, QUERY_USAGE, type QueryOptions } from './options.js';
import { parseExpression, parseList, parseSortKeys } from './parse.js';

/** Where the command writes: the answer to `out`, problems to `err`. */
export interface QueryIO {
  out(text: string): void;
  err(text: string): void;
  /** The display of the file's load; `loadProgress` on stderr when not given. */
  progress?: (label: string) => LoadProgress;
}

const PROCESS_IO: QueryIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Rows printed when no `--limit` is given: the first and last ten. */
const DEFAULT_SHOWN = 20;

/** An error in one option: `label` names it, `text` is what the user wrote there. */
class OptionError extends Error {
  constructor(
    readonly label: string,
    readonly text: string,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }

  /** The message, with the caret under the text for a parse error and a hint for a "quoted" string. */
  format(): string {
    if (this.error instanceof QueryParseError) return this.error.format(this.label);
    let message = `${this.label}: ${this.message}`;
    if (this.error instanceof ColumnNotFoundError) {
      const column = this.error.column;
      const quoted = safeTokens(this.text).some((t) => t.kind === 'name' && t.quoted && t.value === column);
      if (quoted) message += `\n  (double quotes name a column; a string takes single quotes: '${column.replace(/'/g, "''")}')`;
    }
    // Volley's advice is written for the API; here a name is given with `as`.
    if (this.error instanceof DuplicateColumnError) message += '\n  (name an output with `... as name`)';
    return message;
  }
}

function safeTokens(text: string): ReturnType<typeof tokenize> {
  try {
    return tokenize(text);
  } catch {
    return [];
  }
}

/** Runs `build` and labels whatever it throws with the option and its text. */
function step<T>(label: string, text: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    throw new OptionError(label, text, err);
  }
}

/** Adds the sort keys of `text` to `lf`. */
function sorted(lf: LazyFrame, text: string): LazyFrame {
  const keys = parseSortKeys(text);
  return lf.sort(
    keys.map((k) => k.expr),
    { descending: keys.map((k) => k.descending) },
  );
}

/**
 * The LazyFrame a `volley query` invocation describes: scan, then filter, then select or
 * group-by/agg, then sort and limit. As in SQL, `--sort` may name a column that `--select`
 * dropped: when the keys are not all in the selected columns, the rows are sorted before the
 * selection (which keeps their order). Each part is parsed, then checked by Volley against the
 * schema as it is added, so a mistake is reported against the option that holds it.
 *
 * @example
 * buildQuery(parseQueryArgs(['airports.csv', '--group-by', 'state', '--sort', '-count'])).explain();
 */
export function buildQuery(options: QueryOptions): LazyFrame {
  let lf = scanCsv(options.file, options.csv);
  const { filter, select, groupBy, agg, sort, limit } = options;
  if (filter !== null) lf = step('--filter', filter, () => lf.filter(parseExpression(filter)));
  if (select !== null) {
    const items = step('--select', select, () => parseList(select).map((i) => i.expr));
    const input = lf;
    lf = step('--select', select, () => input.select(...items));
    if (sort !== null) {
      const selected = lf;
      lf = step('--sort', sort, () => {
        try {
          return sorted(selected, sort);
        } catch (err) {
          if (!(err instanceof ColumnNotFoundError)) throw err;
          try {
            return sorted(input, sort).select(...items);
          } catch {
            throw err;
          }
        }
      });
    }
  } else if (groupBy !== null || agg !== null) {
    const keys: Expr[] = groupBy === null ? [] : step('--group-by', groupBy, () => parseList(groupBy).map((i) => i.expr));
    const aggs =
      agg === null
        ? [len().alias('count')]
        : step('--agg', agg, () =>
            parseList(agg, { aggregates: true }).map((i) => (i.alias !== null ? i.expr : i.expr.alias(i.label ?? i.text))),
          );
    const input = lf;
    lf = step(agg === null ? '--group-by' : '--agg', agg ?? groupBy ?? '', () =>
      keys.length === 0 ? input.agg(...aggs) : input.groupBy(...keys).agg(...aggs),
    );
  }
  if (sort !== null && select === null) {
    const input = lf;
    lf = step('--sort', sort, () => sorted(input, sort));
  }
  if (limit !== null) lf = lf.limit(limit);
  return lf;
}

function checkFile(path: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new Error(`no such file: ${path}`);
  }
  if (!isFile) throw new Error(`not a file: ${path}`);
}

function describeError(err: unknown): string {
  if (err instanceof OptionError) return err.format();
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs `volley query` (the arguments after `query`) and resolves to the exit code: 0 with the
 * answer (or the plan, with `--explain`) on `out`; 1 with a message and no stack trace on `err`
 * for a bad option, a parse error (the text with a caret under the column), an unknown column
 * (Volley's message, which lists the known ones), a type error or a bad file.
 *
 * @example
 * await runQuery(['airports.csv', '--group-by', 'state', '--sort', '-count', '--limit', '3']);
 * // shape: (3, 2) … │ "AK" ┆ 263 │ …
 * // 3 rows in 31.2 ms (threads: 2)
 */
export async function runQuery(argv: readonly string[], io: QueryIO = PROCESS_IO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(QUERY_USAGE);
    return 0;
  }
  let options: QueryOptions;
  try {
    options = parseQueryArgs(argv);
  } catch (err) {
    io.err(`volley query: ${describeError(err)}\n(volley query --help lists the options)\n`);
    return 1;
  }
  try {
    checkFile(options.file);
    const start = performance.now();
    const lf = buildQuery(options);
    if (options.explain) {
      io.out(`${lf.explain({ threads: options.threads })}\n`);
      return 0;
    }
    // A large file shows how far its read has come on stderr; a quick one shows nothing.
    const progress = (io.progress ?? loadProgress)(basename(options.file));
    const df = await lf.collect({ threads: options.threads, onProgress: progress.onProgress }).finally(() => progress.done());
    const ms = performance.now() - start;
    const rows = `${df.height.toLocaleString('en-US')} row${df.height === 1 ? '' : 's'}`;
    io.out(`${df.toString({ maxRows: options.limit ?? DEFAULT_SHOWN })}\n${rows} in ${ms.toFixed(1)} ms (threads: ${options.threads})\n`);
    return 0;
  } catch (err) {
    io.err(`volley query: ${describeError(err)}\n`);
    return 1;
  }
}
