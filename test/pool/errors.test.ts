/** Errors across threads: a worker's VolleyError comes back as its class with its code and fields; other errors stay Errors. */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { afterAll, describe, expect, it } from 'vitest';
import { KernelInvariantError } from '../../kernels/errors.js';
import { InternalError, InvalidArgumentError, VolleyError } from '../../src/errors.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { CsvError } from '../../src/io/csv/errors.js';
import { PlanError } from '../../src/plan/errors.js';
import { runOnPool, shutdownPool } from '../../src/pool/pool.js';
import type { TaskReply } from '../../src/pool/protocol.js';
import { rebuildError } from '../../src/pool/rebuild.js';
import { describeError } from '../../src/pool/tasks/errors.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';

// two threads, as a query with threads: 2 has; the fixture throws in the worker what the task names
const pool = new Piscina({
  filename: fileURLToPath(new URL('./fixtures/throwing-worker.mjs', import.meta.url)),
  minThreads: 2,
  maxThreads: 2,
});

async function thrownInWorker(kind: string): Promise<Error> {
  const reply = (await pool.run(kind)) as TaskReply;
  if (reply.ok) throw new Error('the fixture always fails');
  return rebuildError(reply.error);
}

afterAll(async () => {
  await pool.close({ force: true });
  await shutdownPool();
});

describe('errors thrown in a worker', () => {
  it('a CsvError comes back as a CsvError with its code and location fields', async () => {
    const e = await thrownInWorker('csv');
    expect(e).toBeInstanceOf(CsvError);
    expect(e).toBeInstanceOf(VolleyError);
    const c = e as CsvError;
    expect([c.code, c.name, c.file, c.line, c.column, c.reason]).toEqual([
      'CSV_PARSE',
      'CsvError',
      'a.csv',
      3,
      'v',
      'cannot read "x" as Int32',
    ]);
    expect([c.expected, c.found]).toEqual(['Int32', 'x']);
    expect(c.message).toBe('a.csv, line 3, column "v": cannot read "x" as Int32');
  });

  it('an ExprTypeError, a ColumnNotFoundError and a PlanError keep their class, code and fields', async () => {
    const t = await thrownInWorker('type');
    expect(t).toBeInstanceOf(ExprTypeError);
    expect([(t as ExprTypeError).code, (t as ExprTypeError).expr]).toEqual(['TYPE_ERROR', '(col("s") + 1)']);
    const c = await thrownInWorker('column');
    expect(c).toBeInstanceOf(ColumnNotFoundError);
    expect([(c as ColumnNotFoundError).code, (c as ColumnNotFoundError).column, (c as ColumnNotFoundError).known]).toEqual([
      'COLUMN_NOT_FOUND',
      'nope',
      ['a', 'b'],
    ]);
    const p = await thrownInWorker('plan');
    expect(p).toBeInstanceOf(PlanError);
    expect((p as PlanError).code).toBe('PLAN_ERROR');
  });

  it('an InvalidArgumentError keeps the argument and its value; an InternalError its cause', async () => {
    const a = await thrownInWorker('argument');
    expect(a).toBeInstanceOf(InvalidArgumentError);
    expect([(a as InvalidArgumentError).code, (a as InvalidArgumentError).argument, (a as InvalidArgumentError).value]).toEqual([
      'INVALID_ARGUMENT',
      'threads',
      0,
    ]);
    const i = await thrownInWorker('internal');
    expect(i).toBeInstanceOf(InternalError);
    expect((i as InternalError).code).toBe('INTERNAL');
    expect(i.cause).toBeInstanceOf(RangeError);
    expect((i.cause as Error).message).toBe('deep');
  });

  it('an error of a class the main thread does not know stays an Error, with its name and fields', async () => {
    const e = await thrownInWorker('strange');
    expect(e).not.toBeInstanceOf(VolleyError);
    expect(e.constructor).toBe(Error);
    expect([e.name, e.message, (e as unknown as { detail: unknown }).detail]).toEqual(['StrangeError', 'odd', { n: 1 }]);
  });

  it("a file system error keeps Node's code, syscall and path", async () => {
    const e = (await thrownInWorker('fs')) as NodeJS.ErrnoException;
    expect(e).not.toBeInstanceOf(VolleyError);
    expect([e.code, e.syscall, e.path]).toEqual(['ENOENT', 'open', '/no/such/file.csv']);
  });

  it('a broken invariant in a production task reaches the caller as KernelInvariantError (threads 2)', async () => {
    const err = await runOnPool(2, { type: 'pipeline', steps: [], sink: { kind: 'collect', limit: null }, morsels: [] } as never).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KernelInvariantError);
    expect((err as Error).message).toBe('a collect task takes exactly one morsel, got 0');
  });
});

describe('describeError', () => {
  it('keeps own fields and replaces what structured clone refuses by its string form', () => {
    const e = Object.assign(new Error('x'), { code: 'E1', fn: () => 1 });
    const d = describeError(e);
    expect(d.fields).toEqual({ code: 'E1', fn: '() => 1' });
    expect(structuredClone(d).fields).toEqual({ code: 'E1', fn: '() => 1' });
  });
});
