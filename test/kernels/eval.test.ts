/** Differential tests: `evaluate` against the row-at-a-time reference on random expressions and data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../kernels/eval/evaluate.js';
import type { PhysExpr } from '../../kernels/ir.js';
import type { VecKind } from '../../kernels/vec.js';
import { exprArb, genInputs } from './support/exprs.js';
import { refEvaluate } from './support/reference.js';
import { firstMismatch, snapshot, toJs } from './support/values.js';

const data = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  length: fc.oneof(fc.constantFrom(0, 1, 2, 7, 8, 9), fc.integer({ min: 0, max: 300 })),
  nullRate: fc.constantFrom(0, 0.2, 0.9),
  offset: fc.boolean(),
});

function check(expr: PhysExpr, kind: VecKind, d: { seed: number; length: number; nullRate: number; offset: boolean }): void {
  const inputs = genInputs(d.seed, d.length, d.nullRate, d.offset);
  const before = inputs.map(snapshot);
  const out = evaluate(expr, inputs, d.length);
  expect(out.kind).toBe(kind);
  expect(out.length).toBe(d.length);
  expect(out.values.length).toBeGreaterThanOrEqual(d.length);
  if (out.valid !== null) expect(out.valid.length).toBeGreaterThanOrEqual(d.length);
  if (kind === 'bool') for (let i = 0; i < d.length; i++) expect(out.values[i] === 0 || out.values[i] === 1).toBe(true);
  const got = toJs(out);
  const want = refEvaluate(expr, inputs.map(toJs), d.length);
  const at = firstMismatch(got, want);
  if (at >= 0) {
    const inputRow = inputs.map((v) => toJs(v)[at]);
    expect.fail(
      `row ${at}: got ${show(got[at])}, want ${show(want[at])}; inputs ${inputRow.map(show).join(', ')}; expr ${stringify(expr)}`,
    );
  }
  // Kernels may share input arrays in their result but must never write into them.
  expect(inputs.map(snapshot)).toEqual(before);
}

function show(v: unknown): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function stringify(e: PhysExpr): string {
  return JSON.stringify(e, (_, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
}

describe('evaluate agrees with the reference evaluator', () => {
  for (const kind of ['f64', 'i32', 'i64', 'bool'] as const) {
    it(`on random ${kind} expressions`, () => {
      fc.assert(
        fc.property(exprArb(kind, 3), data, (expr, d) => check(expr, kind, d)),
        { numRuns: 400, seed: 20240607 + kind.length },
      );
    });
  }

  it('on long vectors, where loops run past small-size special cases', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<VecKind>('f64', 'i32', 'i64', 'bool').chain((k) => fc.tuple(fc.constant(k), exprArb(k, 2))),
        fc.integer({ min: 0, max: 1e6 }),
        ([kind, expr], seed) => check(expr, kind, { seed, length: 4099, nullRate: 0.1, offset: true }),
      ),
      { numRuns: 30, seed: 7 },
    );
  });
});
