/** Every user-facing error is a VolleyError with a stable code and its details in fields, whatever the message says. */
import { describe, expect, it } from 'vitest';
import {
  col,
  ColumnNotFoundError,
  CsvError,
  DataFrame,
  DuplicateColumnError,
  ExprTypeError,
  InternalError,
  InvalidArgumentError,
  lit,
  MemoryLimitError,
  OptimizerError,
  ParseValueError,
  PlanError,
  readCsvString,
  Schema,
  VolleyError,
  WorkerDiedError,
} from '../src/index.js';

/** The error `fn` throws (or its promise rejects with); fails the test when there is none. */
async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

const df = DataFrame.fromColumns({ a: Int32Array.of(1, 2, 3), s: ['x', 'y', 'z'] }, { dtypes: { a: 'Int32' } });

describe('error codes', () => {
  it('COLUMN_NOT_FOUND: the unknown name and the known ones', async () => {
    const e = await caught(() => df.lazy().select(col('nope')).collect({ threads: 1 }));
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect(e).toBeInstanceOf(VolleyError);
    expect([(e as ColumnNotFoundError).code, (e as ColumnNotFoundError).column, (e as ColumnNotFoundError).known]).toEqual([
      'COLUMN_NOT_FOUND',
      'nope',
      ['a', 's'],
    ]);
  });

  it('DUPLICATE_COLUMN: two outputs of one verb, two fields of one schema, a rename onto an existing name', async () => {
    for (const fn of [
      () => df.lazy().withColumns(col('a').add(1), col('a').add(2)),
      () => df.lazy().select('a', col('s').alias('a')),
      () => df.lazy().rename({ s: 'a' }),
      () =>
        new Schema([
          { name: 'a', dtype: 'Int32' },
          { name: 'a', dtype: 'Utf8' },
        ]),
    ]) {
      const e = await caught(fn);
      expect(e).toBeInstanceOf(DuplicateColumnError);
      expect([(e as DuplicateColumnError).code, (e as DuplicateColumnError).column]).toEqual(['DUPLICATE_COLUMN', 'a']);
    }
  });

  it('LENGTH_MISMATCH: columns of different lengths', async () => {
    const e = await caught(() => DataFrame.fromColumns({ a: [1, 2], b: [1] }));
    expect(e).toBeInstanceOf(VolleyError);
    expect((e as VolleyError).code).toBe('LENGTH_MISMATCH');
  });

  it('TYPE_ERROR: an expression that does not fit its types, with the expression as a field', async () => {
    const e = await caught(() => df.lazy().select(col('s').add(1)));
    expect(e).toBeInstanceOf(ExprTypeError);
    expect([(e as ExprTypeError).code, (e as ExprTypeError).expr]).toEqual(['TYPE_ERROR', '(col("s") + 1)']);
  });

  it('TYPE_ERROR: a literal that cannot hold its value, a column that mixes kinds of values', async () => {
    for (const fn of [() => lit(1.5, 'Int32'), () => DataFrame.fromColumns({ a: [1, 'x'] })]) {
      const e = await caught(fn);
      expect(e).toBeInstanceOf(VolleyError);
      expect((e as VolleyError).code).toBe('TYPE_ERROR');
    }
  });

  it('PLAN_ERROR: a verb no plan can express', async () => {
    const e = await caught(() => df.lazy().select());
    expect(e).toBeInstanceOf(PlanError);
    expect((e as PlanError).code).toBe('PLAN_ERROR');
  });

  it('INVALID_ARGUMENT: exec options out of range, with the option and the value given', async () => {
    for (const [options, argument, value] of [
      [{ threads: 0 }, 'threads', 0],
      [{ threads: 1.5 }, 'threads', 1.5],
      [{ morselSize: 0 }, 'morselSize', 0],
      [{ morselSize: -3 }, 'morselSize', -3],
    ] as const) {
      const e = await caught(() => df.lazy().collect(options));
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect([(e as InvalidArgumentError).code, (e as InvalidArgumentError).argument, (e as InvalidArgumentError).value]).toEqual([
        'INVALID_ARGUMENT',
        argument,
        value,
      ]);
    }
  });

  it('INVALID_ARGUMENT: builder arguments out of their domain', async () => {
    for (const [fn, argument, value] of [
      [() => col('a').round(-1), 'round() digits', -1],
      [() => col('a').quantile(2), 'quantile() q', 2],
      [() => col('s').str.slice(-1, -2), 'str.slice() length', -2],
      [() => col(7 as never), 'col() name', 7],
      [() => col('a').isIn([1, null as never]), 'isIn() values', null],
      [() => DataFrame.fromColumns({ a: [1] }, { chunkSize: 0 }), 'chunkSize', 0],
      [() => df.getColumn('a').get(3), 'row', 3],
      [() => DataFrame.fromColumns({ a: [1] }, { dtypes: { a: 'Int8' as never } }), 'dtypes', 'Int8'],
      [() => lit('x', 'Text' as never), 'dtype', 'Text'],
    ] as const) {
      const e = await caught(fn);
      expect(e, argument).toBeInstanceOf(InvalidArgumentError);
      expect([(e as InvalidArgumentError).code, (e as InvalidArgumentError).argument, (e as InvalidArgumentError).value]).toEqual([
        'INVALID_ARGUMENT',
        argument,
        value,
      ]);
    }
  });

  it('CSV_PARSE: malformed CSV, located by file, line and column', async () => {
    const e = await caught(() => readCsvString('a\n1\nx', { inferSchemaLength: 1 }));
    expect(e).toBeInstanceOf(CsvError);
    expect([(e as CsvError).code, (e as CsvError).line, (e as CsvError).column]).toEqual(['CSV_PARSE', 3, 'a']);
  });

  it('PARSE_ERROR: a value a strict parse cannot read, with the value, its row and its column', async () => {
    const e = await caught(() => df.lazy().select(col('s').str.toDate('%Y-%m-%d')).collect());
    expect(e).toBeInstanceOf(ParseValueError);
    expect(e).toMatchObject({ code: 'PARSE_ERROR', value: 'x', row: 0, column: 'column "s"' });
  });

  it('MEMORY_LIMIT: a query past its memoryLimit stops with the limit and what the process held', async () => {
    const e = await caught(() => df.lazy().select(col('a')).collect({ threads: 1, memoryLimit: 1 }));
    expect(e).toBeInstanceOf(MemoryLimitError);
    expect(e).toMatchObject({ code: 'MEMORY_LIMIT', limit: 1 });
    expect((e as MemoryLimitError).rss).toBeGreaterThan(1);
    await expect(df.lazy().collect({ memoryLimit: -5 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('WORKER_DIED and INTERNAL: the classes carry their codes, an optimizer bug is internal', () => {
    const died = new WorkerDiedError(new Error('exit 1'));
    expect([died.code, died instanceof VolleyError, (died.cause as Error).message]).toEqual(['WORKER_DIED', true, 'exit 1']);
    const bug = new OptimizerError('pushdown', 'changed the output schema');
    expect(bug).toBeInstanceOf(InternalError);
    expect([bug.code, bug.rule]).toEqual(['INTERNAL', 'pushdown']);
  });
});
