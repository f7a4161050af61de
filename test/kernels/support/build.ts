/** Terse builders for hand-written PhysExpr trees in tests. */
import type { PhysExpr } from '../../../kernels/ir.js';
import type { VecKind } from '../../../kernels/vec.js';

export function input(index: number, kind: VecKind): PhysExpr {
  return { op: 'input', index, kind };
}

export function konst(kind: VecKind, value: number | string | boolean | null): PhysExpr {
  return { op: 'const', kind, value };
}
