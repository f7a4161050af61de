/** The query boundary: kernel invariants become InternalErrors, file system errors IO_ERRORs, everything else passes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KernelInvariantError } from '../../kernels/errors.js';
import { InternalError, VolleyError } from '../../src/errors.js';
import { atQueryBoundary } from '../../src/exec/boundary.js';
import { PlanError } from '../../src/plan/errors.js';

function fsError(): Error {
  try {
    readFileSync('/no/such/dir/file.csv');
  } catch (e) {
    return e as Error;
  }
  throw new Error('the file exists');
}

describe('atQueryBoundary', () => {
  it('reports a kernel invariant as an InternalError caused by it', () => {
    const k = new KernelInvariantError('a group key is outside its planned range (4 slots)');
    const e = atQueryBoundary(k);
    expect(e).toBeInstanceOf(InternalError);
    expect([(e as InternalError).code, (e as InternalError).cause]).toEqual(['INTERNAL', k]);
  });

  it("reports a file system error as IO_ERROR, keeping Node's error (code, path) as the cause", () => {
    const io = fsError();
    const e = atQueryBoundary(io);
    expect(e).toBeInstanceOf(VolleyError);
    expect((e as VolleyError).code).toBe('IO_ERROR');
    expect((e as VolleyError).cause).toBe(io);
    expect([(io as NodeJS.ErrnoException).code, (io as NodeJS.ErrnoException).path]).toEqual(['ENOENT', '/no/such/dir/file.csv']);
  });

  it('passes VolleyErrors, abort reasons and other values through unchanged', () => {
    const plan = new PlanError('select() needs at least one column or expression');
    const abort = new DOMException('The operation was aborted', 'AbortError');
    const odd = { code: 'ENOENT', syscall: 'open' };
    for (const x of [plan, abort, odd, 'text']) expect(atQueryBoundary(x)).toBe(x);
  });
});
