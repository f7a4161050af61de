/** Real CSV files from vega-datasets: found through the package, read at 1 and 2 threads, and queried with DuckDB as the oracle. */
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRPORT_QUERIES } from '../../bench/real-world-queries.js';
import { REAL_WORLD_CSVS, REAL_WORLD_PACKAGE, packageRoot, realWorldCsv } from '../../datasets/real-world.js';
import { col, len, readCsv, scanCsv, shutdownPool, type DataFrame, type LazyFrame } from '../../src/index.js';
import { bitDifference } from '../differential/compare.js';
import { openDuckDB, type SqlOracle } from '../h2o/duckdb.js';
import { diffMultisets } from '../h2o/multiset.js';

const THREADS = [1, 2] as const;

function answer(df: DataFrame) {
  return { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
}

/** Collects `lf` at one and two threads, checks the two are bit-identical, and returns the answer. */
async function collectBoth(lf: LazyFrame): Promise<DataFrame> {
  const [one, two] = await Promise.all(THREADS.map((threads) => lf.collect({ threads, morselSize: 1000 })));
  expect(bitDifference(answer(two!), answer(one!)), 'threads 2 vs threads 1').toBeNull();
  return one!;
}

afterAll(() => shutdownPool());

describe('locating the files', () => {
  it('resolves each CSV inside the installed package', () => {
    for (const name of Object.keys(REAL_WORLD_CSVS) as (keyof typeof REAL_WORLD_CSVS)[]) {
      const path = realWorldCsv(name);
      expect(existsSync(path), path).toBe(true);
      expect(path.endsWith(`${sep}${REAL_WORLD_PACKAGE}${sep}data${sep}${REAL_WORLD_CSVS[name].file}`), path).toBe(true);
    }
  });

  it('names the package and `npm ci` when a package is missing', () => {
    expect(() => packageRoot('volley-no-such-package')).toThrow(/"volley-no-such-package" is not installed.*`npm ci`/);
  });

  it('rejects an unknown name', () => {
    expect(() => realWorldCsv('nope' as never)).toThrow(/unknown real-world CSV "nope"; known: airports, birdstrikes/);
  });
});

describe('airports.csv', () => {
  const path = realWorldCsv('airports');
  const options = { nullValues: [...REAL_WORLD_CSVS.airports.nullValues] };
  let df: DataFrame;
  let duck: SqlOracle;

  beforeAll(async () => {
    const loads = await Promise.all(THREADS.map((threads) => readCsv(path, { ...options, threads, chunkSize: 1000 })));
    expect(bitDifference(answer(loads[1]!), answer(loads[0]!)), 'readCsv threads 2 vs 1').toBeNull();
    df = loads[0]!;
    duck = await openDuckDB(path);
    // DuckDB reads "NA" as text; the Volley side reads it as null.
    await duck.query("CREATE OR REPLACE TABLE x AS SELECT * REPLACE (nullif(city, 'NA') AS city, nullif(state, 'NA') AS state) FROM x");
  });

  afterAll(() => duck?.close());

  it('has the schema, the height and the nulls of the file', async () => {
    expect(df.schema.toString()).toBe(
      '{iata: Utf8, name: Utf8, city: Utf8, state: Utf8, country: Utf8, latitude: Float64, longitude: Float64}',
    );
    expect(df.height).toBe(REAL_WORLD_CSVS.airports.rows);
    const nulls = await collectBoth(
      df.lazy().agg(len().alias('rows'), col('city').count().alias('city'), col('state').count().alias('state')),
    );
    expect(nulls.toRecords()).toEqual([{ rows: 3376, city: 3364, state: 3364 }]);
    const [sql] = await duck.query('SELECT count(*) AS rows, count(city) AS city, count(state) AS state FROM x');
    expect(sql).toEqual({ rows: 3376n, city: 3364n, state: 3364n });
  });

  it('reads quoted fields with commas and doubled quotes', async () => {
    const quoted = await collectBoth(
      df
        .lazy()
        .filter(col('iata').isIn(['DBN', 'N25', 'PUW']))
        .select('iata', 'name', 'city'),
    );
    expect(quoted.toRecords()).toEqual([
      { iata: 'DBN', name: 'W. H. "Bud" Barron', city: 'Dublin' },
      { iata: 'N25', name: 'Westport', city: 'Westport, NY' },
      { iata: 'PUW', name: 'Pullman/Moscow Regional', city: 'Pullman/Moscow,ID' },
    ]);
  });

  it('counts every state and averages its position as DuckDB does', async () => {
    const got = await collectBoth(
      df.lazy().groupBy('state').agg(len().alias('n'), col('latitude').mean().alias('lat'), col('longitude').mean().alias('lon')),
    );
    expect(got.height).toBe(57);
    const want = await duck.query('SELECT state, count(*) AS n, avg(latitude) AS lat, avg(longitude) AS lon FROM x GROUP BY state');
    expect(diffMultisets(got.toRecords(), want, ['state', 'n', 'lat', 'lon'])).toBeNull();
  });

  it.each(AIRPORT_QUERIES.map((q) => [q.id, q] as const))('%s: the same answer as DuckDB, in memory and from scanCsv', async (_id, q) => {
    const inMemory = await collectBoth(q.query(df.lazy()));
    const scanned = await collectBoth(q.query(scanCsv(path, options)));
    expect(bitDifference(answer(scanned), answer(inMemory)), 'scanCsv vs readCsv').toBeNull();
    const want = await duck.query(q.sql);
    expect(inMemory.height).toBeGreaterThan(0);
    expect(diffMultisets(inMemory.toRecords(), want, inMemory.schema.names)).toBeNull();
    // The questions sort with tie-breaks, so the order must match too.
    const key = inMemory.schema.names[0]!;
    expect(inMemory.toRecords().map((r) => r[key])).toEqual(want.map((r) => r[key]));
  });
});

describe('birdstrikes.csv', () => {
  const path = realWorldCsv('birdstrikes');
  let df: DataFrame;
  let duck: SqlOracle;

  beforeAll(async () => {
    const loads = await Promise.all(THREADS.map((threads) => readCsv(path, { threads, tryParseDates: true, chunkSize: 1000 })));
    expect(bitDifference(answer(loads[1]!), answer(loads[0]!)), 'readCsv threads 2 vs 1').toBeNull();
    df = loads[0]!;
    duck = await openDuckDB(path);
  });

  afterAll(() => duck?.close());

  it('reads CRLF rows, names with spaces, dates and empty fields', async () => {
    expect(df.height).toBe(REAL_WORLD_CSVS.birdstrikes.rows);
    expect(df.schema.fields.map((f) => `${f.name}: ${f.dtype}`)).toEqual([
      'Airport Name: Utf8',
      'Aircraft Make Model: Utf8',
      'Effect Amount of damage: Utf8',
      'Flight Date: Date',
      'Aircraft Airline Operator: Utf8',
      'Origin State: Utf8',
      'Phase of flight: Utf8',
      'Wildlife Size: Utf8',
      'Wildlife Species: Utf8',
      'Time of day: Utf8',
      'Cost Other: Int32',
      'Cost Repair: Int32',
      'Cost Total $: Int32',
      'Speed IAS in knots: Int32',
    ]);
    const last = (await df.tail(1)).toRecords()[0]!;
    expect(last['Airport Name']).toBe('GREATER PITTSBURGH');
    expect(last['Speed IAS in knots']).toBe(140);
  });

  it('sums costs and averages speeds per state as DuckDB does, empty speeds skipped', async () => {
    const got = await collectBoth(
      df
        .lazy()
        .groupBy('Origin State')
        .agg(
          len().alias('strikes'),
          col('Cost Total $').sum().alias('cost'),
          col('Speed IAS in knots').count().alias('with_speed'),
          col('Speed IAS in knots').mean().alias('speed'),
          col('Flight Date').max().alias('last'),
        ),
    );
    const want = await duck.query(
      'SELECT "Origin State", count(*) AS strikes, sum("Cost Total $") AS cost, count("Speed IAS in knots") AS with_speed, ' +
        'avg("Speed IAS in knots") AS speed, max("Flight Date") AS last FROM x GROUP BY "Origin State"',
    );
    expect(got.height).toBe(want.length);
    expect(diffMultisets(got.toRecords(), want, ['Origin State', 'strikes', 'cost', 'with_speed', 'speed', 'last'])).toBeNull();
    const nulls = await collectBoth(df.lazy().filter(col('Speed IAS in knots').isNull()).agg(len().alias('n')));
    expect(nulls.toRecords()).toEqual([{ n: 2836 }]);
  });
});
