/** The public entry point: the curated exports, DataFrame's own eager methods, and the example query. */
import { describe, expect, it } from 'vitest';
import * as volley from '../../src/index.js';
import { col, corr, DataFrame, len, lit, readCsvString, when } from '../../src/index.js';

describe('public API', () => {
  it('exports the documented names', () => {
    for (const name of [
      'DataFrame',
      'LazyFrame',
      'GroupBy',
      'readCsv',
      'readCsvString',
      'scanCsv',
      'col',
      'lit',
      'when',
      'corr',
      'len',
      'Expr',
      'Schema',
      'ColumnNotFoundError',
      'ExprTypeError',
      'PlanError',
      'OptimizerError',
      'CsvError',
      'WorkerDiedError',
      'shutdownPool',
    ]) {
      expect(volley, name).toHaveProperty(name);
    }
  });

  it('gives DataFrame its eager methods as its own, and returns a DataFrame from every reader', async () => {
    for (const m of [
      'lazy',
      'select',
      'filter',
      'withColumns',
      'withColumn',
      'groupBy',
      'agg',
      'sort',
      'limit',
      'head',
      'tail',
      'slice',
      'unique',
      'rename',
      'drop',
      'explain',
    ]) {
      expect(Object.hasOwn(DataFrame.prototype, m), m).toBe(true);
    }
    expect(await readCsvString('a\n1\n')).toBeInstanceOf(DataFrame);
  });

  it('runs the example query of the issue', async () => {
    const df = await readCsvString(
      ['id1,id2,id4,v1,v2,v3', 'a,x,1,3,1,1.5', 'a,x,2,4,2,2.5', 'b,y,3,5,3,3.5', 'a,y,1,1,4,4.5', 'b,y,4,6,5,5.5', 'a,x,1,7,6,'].join(
        '\n',
      ),
    );
    const lf = df
      .lazy()
      .filter(
        col('v1')
          .gt(2)
          .and(col('id4').isIn([1, 2, 3])),
      )
      .withColumns(col('v3').mul(2).alias('v3x2'), when(col('v2').gt(3)).then(lit('hi')).otherwise(lit('lo')).alias('band'))
      .groupBy('id1', 'id2')
      .agg(col('v1').sum().alias('v1'), col('v3').mean(), col('v3').std().alias('sd_v3'), col('v1').count().alias('n'), len())
      .sort('v1', { descending: true })
      .limit(10);
    expect(lf.explain()).toContain('PROJECT 5/6 COLUMNS: ["id1","id2","id4","v1","v3"]');
    const out = await lf.collect({ threads: 1 });
    expect(out.toRecords()).toEqual([
      { id1: 'a', id2: 'x', v1: 14n, v3: 2, sd_v3: Math.SQRT1_2, n: 3, len: 3 },
      { id1: 'b', id2: 'y', v1: 5n, v3: 3.5, sd_v3: null, n: 1, len: 1 },
    ]);
  });

  it('answers the regression question with corr', async () => {
    const df = DataFrame.fromColumns({ k: ['a', 'a', 'a', 'b', 'b'], v1: [1, 2, 3, 1, 2], v2: [2, 4, 6, 5, 1] });
    const out = await df.groupBy('k').agg(corr(col('v1'), col('v2')).pow(2).alias('r2'));
    expect(out.getColumn('k').toArray()).toEqual(['a', 'b']);
    expect(out.getColumn('r2').toArray()).toEqual([1, 1]);
  });
});
