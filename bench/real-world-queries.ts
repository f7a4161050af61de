/** Questions about the real airports.csv, each as a Volley query and as the DuckDB SQL that must give the same answer. */
import { col, len, type LazyFrame } from '../src/index.js';

/** One question: a Volley query over the airports table and the same question in SQL over table `x`. */
export interface AirportQuery {
  readonly id: string;
  readonly title: string;
  /** Builds the query over the airports table, read with `nullValues: ['NA']`. */
  readonly query: (airports: LazyFrame) => LazyFrame;
  /** The same question for DuckDB, over a table `x` in which "NA" cities and states are NULL. */
  readonly sql: string;
}

/**
 * The airports questions: a count per state, mean positions, a filter on a string column, and
 * the rows whose state is missing. Every sort has a tie-break, so each answer has one order.
 *
 * @example
 * const df = await readCsv(realWorldCsv('airports'), { nullValues: ['NA'] });
 * for (const q of AIRPORT_QUERIES) console.log(q.title, (await q.query(df.lazy()).collect()).toString());
 */
export const AIRPORT_QUERIES: readonly AirportQuery[] = [
  {
    id: 'per-state',
    title: 'airports per state, top 10',
    query: (a) =>
      a
        .groupBy('state')
        .agg(len().alias('airports'))
        .sort(['airports', 'state'], { descending: [true, false] })
        .limit(10),
    sql: 'SELECT state, count(*) AS airports FROM x GROUP BY state ORDER BY airports DESC, state LIMIT 10',
  },
  {
    id: 'northernmost',
    title: 'mean position per state, the 5 northernmost',
    query: (a) =>
      a
        .groupBy('state')
        .agg(len().alias('airports'), col('latitude').mean().alias('mean_lat'), col('longitude').mean().alias('mean_lon'))
        .sort('mean_lat', { descending: true })
        .limit(5),
    sql:
      'SELECT state, count(*) AS airports, avg(latitude) AS mean_lat, avg(longitude) AS mean_lon ' +
      'FROM x GROUP BY state ORDER BY mean_lat DESC LIMIT 5',
  },
  {
    id: 'international',
    title: 'airports with International in the name, per state, top 5',
    query: (a) =>
      a
        .filter(col('name').str.contains('International'))
        .groupBy('state')
        .agg(len().alias('airports'), col('latitude').max().alias('max_lat'))
        .sort(['airports', 'state'], { descending: [true, false] })
        .limit(5),
    sql:
      "SELECT state, count(*) AS airports, max(latitude) AS max_lat FROM x WHERE contains(name, 'International') " +
      'GROUP BY state ORDER BY airports DESC, state LIMIT 5',
  },
  {
    id: 'outside-usa',
    title: 'airports outside the USA per country',
    query: (a) =>
      a
        .filter(col('country').neq('USA'))
        .groupBy('country')
        .agg(len().alias('airports'), col('state').count().alias('with_state'), col('iata').min().alias('first_iata'))
        .sort('country'),
    sql:
      "SELECT country, count(*) AS airports, count(state) AS with_state, min(iata) AS first_iata FROM x WHERE country <> 'USA' " +
      'GROUP BY country ORDER BY country',
  },
  {
    id: 'no-state',
    title: 'airports whose state is missing (NA in the file)',
    query: (a) =>
      a.filter(col('state').isNull()).select('iata', 'name', 'city', 'country', col('latitude').round(2).alias('lat')).sort('iata'),
    sql: 'SELECT iata, name, city, country, round(latitude, 2) AS lat FROM x WHERE state IS NULL ORDER BY iata',
  },
];
