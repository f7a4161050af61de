/** The expression evaluator: walks a PhysExpr over one morsel's input vectors, one kernel per node. */
import { KernelInvariantError } from '../errors.js';
import type { PhysExpr } from '../ir.js';
import type { Vec } from '../vec.js';
import { arith } from './arith.js';
import { cast } from './cast.js';
import { compare } from './compare.js';
import { datePart } from './datepart.js';
import { dateOffset, dateTruncate, epoch, strictParse } from './temporal.js';
import { isIn } from './isin.js';
import { logic, not } from './logic.js';
import { lookup } from './lookup.js';
import { math } from './math.js';
import { fillNull, nullness } from './nulls.js';
import { constScalar, materialize, type Operand } from './operand.js';
import { pow } from './pow.js';
import { round } from './round.js';
import { when } from './when.js';

/**
 * Evaluate `expr` over `length` rows whose columns are `inputs` (indexed by `input` nodes).
 * Constants stay scalars inside the tree and are only broadcast if the result itself is constant.
 * The result may share arrays with the inputs (a bare column, a cast to the same kind): treat
 * vectors as immutable.
 *
 * @example
 * const v1 = chunkToVec(chunk, 'f64');
 * const gt2 = evaluate({ op: 'cmp', fn: 'gt', left: { op: 'input', index: 0, kind: 'f64' },
 *   right: { op: 'const', kind: 'f64', value: 2 } }, [v1], v1.length);
 */
export function evaluate(expr: PhysExpr, inputs: readonly Vec[], length: number): Vec {
  return materialize(operand(expr, inputs, length), length);
}

function operand(e: PhysExpr, inputs: readonly Vec[], n: number): Operand {
  switch (e.op) {
    case 'input': {
      const v = inputs[e.index];
      if (v === undefined) throw new KernelInvariantError(`evaluate: no input ${e.index} (have ${inputs.length})`);
      if (v.kind !== e.kind) throw new KernelInvariantError(`evaluate: input ${e.index} is ${v.kind}, the plan expects ${e.kind}`);
      if (v.length !== n) throw new KernelInvariantError(`evaluate: input ${e.index} has ${v.length} rows, expected ${n}`);
      return v;
    }
    case 'const':
      return constScalar(e.kind, e.value);
    case 'arith':
      return arith(e.fn, e.kind, operand(e.left, inputs, n), operand(e.right, inputs, n), n);
    case 'cmp':
      return compare(e.fn, operand(e.left, inputs, n), operand(e.right, inputs, n), n);
    case 'and':
    case 'or':
      return logic(e.op, evaluate(e.left, inputs, n), evaluate(e.right, inputs, n), n);
    case 'not':
      return not(evaluate(e.arg, inputs, n), n);
    case 'isNull':
    case 'isNotNull':
      return nullness(e.op, operand(e.arg, inputs, n), n);
    case 'math':
      return math(e.fn, e.kind, evaluate(e.arg, inputs, n), n);
    case 'round':
      return round(evaluate(e.arg, inputs, n), e.digits, n);
    case 'pow':
      return pow(operand(e.base, inputs, n), operand(e.exponent, inputs, n), n);
    case 'cast':
      return cast(evaluate(e.arg, inputs, n), e.to, n, e.strict ?? null);
    case 'fillNull':
      return fillNull(operand(e.arg, inputs, n), operand(e.fill, inputs, n), n);
    case 'isIn':
      return isIn(evaluate(e.arg, inputs, n), e.values, n);
    case 'lookup':
      return lookup(evaluate(e.arg, inputs, n), e.kind, e.values, e.valid, n, e.strict ?? null);
    case 'when':
      return when(
        e.kind,
        e.branches.map((b) => evaluate(b.when, inputs, n)),
        e.branches.map((b) => operand(b.then, inputs, n)),
        operand(e.otherwise, inputs, n),
        n,
      );
    case 'datePart':
      return datePart(evaluate(e.arg, inputs, n), e.part, e.unit, n);
    case 'strictParse':
      return strictParse(evaluate(e.arg, inputs, n), e.failures, e.texts, e.column, e.what, n);
    case 'epoch':
      return epoch(evaluate(e.arg, inputs, n), e.unit, e.to, n);
    case 'dateTruncate':
      return dateTruncate(evaluate(e.arg, inputs, n), e.unit, e.months, e.ms, e.originMs, n);
    case 'dateOffset':
      return dateOffset(evaluate(e.arg, inputs, n), e.unit, e.months, e.ms, n);
    case 'makeStr':
      throw new KernelInvariantError("made strings run only at the root of a pipeline's last projection");
  }
}
