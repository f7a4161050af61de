/** The text of `volley help`: the commands, then the options of `volley query`. */
import { QUERY_USAGE } from './query/options.js';

/**
 * What `volley help` prints. `volley bench` is listed but its options are not: they live with the
 * benchmark code, which an installed package does not carry (`volley bench --help` prints them
 * from a clone).
 *
 * @example
 * process.stdout.write(USAGE);
 */
export const USAGE = `usage: volley <command> [options]

commands:
  query    run one query on a CSV file: filter, group, aggregate, sort, limit; print the answer or the plan
  bench    time Volley's operations and the H2O groupby and join questions, single-thread vs parallel vs peers
           (from a clone of the repository: npm ci && npm run bench; volley bench --help lists its options)
  help     show this text

${QUERY_USAGE}`;
