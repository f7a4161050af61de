/** Command-line options of `volley query`: the file, the query's parts as text, threads and CSV reading options. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** A `volley query` invocation, the query parts still as text (they are parsed against the file's schema later). */
export interface QueryOptions {
  file: string;
  filter: string | null;
  select: string | null;
  groupBy: string | null;
  agg: string | null;
  sort: string | null;
  limit: number | null;
  threads: number;
  explain: boolean;
  /** How to read the CSV: passed to `scanCsv`. */
  csv: { nullValues?: string[]; delimiter?: string; tryParseDates?: boolean };
}

/** Help text for `volley query`. */
export const QUERY_USAGE = `usage: volley query <file.csv> [options]

  --filter EXPR      keep the rows where EXPR is true: "state == 'TX' and latitude > 30"
  --group-by KEYS    group by these columns or expressions: state,country
  --agg AGGS         aggregates per group, or over all rows without --group-by:
                     "count(), mean(latitude) as lat, max(v1)" (unnamed ones are called
                     count, v1_max, ...); --group-by alone counts the rows of each group
  --select ITEMS     only these columns or expressions: "iata, name, round(latitude, 1) as lat"
  --sort KEYS        sort the result; "-" before a key or "desc" after it is descending: -count,state
  --limit N          only the first N rows of the result (all of them are printed; default: 20 shown)
  --threads N        worker threads (default: every core); 1 runs on the main thread
  --null-values A,B  field texts read as null besides empty fields: NA,N/A
  --delimiter C      the field separator (default: detected among , ; tab |)
  --try-parse-dates  read ISO dates and timestamps as Date and Timestamp columns
  --explain          print the optimized logical plan and the physical plan instead of running

expressions: columns by name (in "double quotes" when they hold spaces or are keywords),
'strings' ('' or \\' for a quote), numbers, true, false, null, date '2020-01-31';
+ - * / %; == != < <= > >= (= and <> too); and, or, not; x is [not] null (x == null too);
x [not] in (1, 2); x [not] between 1 and 2; parentheses.
aggregates: count() len() sum mean avg min max n_unique first last var std median
quantile(x, q) corr(x, y). functions: abs round(x, digits) floor ceil sqrt log exp pow(x, y)
upper lower length contains(x, 'text') starts_with ends_with year month day weekday
fill_null(x, value) coalesce(x, value).
`;

/** Options that take a value; `--sort -count` is read as `--sort=-count`. */
const VALUE_OPTIONS = new Set([
  '--filter',
  '--group-by',
  '--agg',
  '--select',
  '--sort',
  '--limit',
  '--threads',
  '--null-values',
  '--delimiter',
]);

/**
 * `--opt value` as `--opt=value`, so that a value starting with "-" (`--sort -n`, `--filter "-x > 1"`)
 * is taken as the value and not as another option.
 */
function joinValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const value = argv[i + 1];
    if (VALUE_OPTIONS.has(a) && value !== undefined) {
      out.push(`${a}=${value}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new RangeError(`--${name} takes a whole number${min > 0 ? ` of at least ${min}` : ' >= 0'}, got "${text}"`);
  }
  return n;
}

const text = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s);

/**
 * Parses `volley query` arguments (everything after `query`). Throws a RangeError or Node's
 * argument error with a message fit for the user.
 *
 * @example
 * parseQueryArgs(['airports.csv', '--group-by', 'state', '--sort', '-count', '--limit', '5']);
 * // { file: 'airports.csv', groupBy: 'state', sort: '-count', limit: 5, threads: <cores>, ... }
 */
export function parseQueryArgs(argv: readonly string[], cores: number = availableParallelism()): QueryOptions {
  const { values, positionals } = parseArgs({
    args: joinValues(argv),
    options: {
      filter: { type: 'string' },
      'group-by': { type: 'string' },
      agg: { type: 'string' },
      select: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      threads: { type: 'string' },
      'null-values': { type: 'string' },
      delimiter: { type: 'string' },
      'try-parse-dates': { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw new RangeError('which file? usage: volley query <file.csv> [options]');
  if (extra.length > 0)
    throw new RangeError(`one file at a time; also got ${extra.map((e) => `"${e}"`).join(', ')} (quote expressions that contain spaces)`);
  const options: QueryOptions = {
    file,
    filter: text(values.filter),
    select: text(values.select),
    groupBy: text(values['group-by']),
    agg: text(values.agg),
    sort: text(values.sort),
    limit: values.limit === undefined ? null : count('limit', values.limit, 0),
    threads: values.threads === undefined ? cores : count('threads', values.threads, 1),
    explain: values.explain ?? false,
    csv: {},
  };
  if (options.select !== null && (options.groupBy !== null || options.agg !== null)) {
    throw new RangeError('--select picks columns of the rows; with --group-by or --agg, name the outputs in --agg (… as name) instead');
  }
  if (values['null-values'] !== undefined) options.csv.nullValues = values['null-values'].split(',');
  if (values.delimiter !== undefined) {
    const d = values.delimiter === '\\t' || values.delimiter === 'tab' ? '\t' : values.delimiter;
    if (d.length !== 1) throw new RangeError(`--delimiter takes one character (or \\t), got "${values.delimiter}"`);
    options.csv.delimiter = d;
  }
  if (values['try-parse-dates'] === true) options.csv.tryParseDates = true;
  return options;
}
