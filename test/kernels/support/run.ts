/** Evaluate an expression over columns given as JS values, and read the result back as JS values. */
import { evaluate } from '../../../kernels/eval/evaluate.js';
import type { PhysExpr } from '../../../kernels/ir.js';
import type { VecKind } from '../../../kernels/vec.js';
import { fromJs, toJs, type JsValue } from './values.js';

export function run(expr: PhysExpr, ...cols: [VecKind, readonly JsValue[]][]): JsValue[] {
  const inputs = cols.map(([k, v]) => fromJs(k, v));
  const n = cols[0]?.[1].length ?? 1;
  return toJs(evaluate(expr, inputs, n));
}
