/** What the parser knows about a parsed sub-expression besides the Volley expression it built. */
import type { Expr, LiteralInput } from '../../src/index.js';

/**
 * A parsed sub-expression: the Volley `Expr`, where it sits in the text, and facts the parser
 * needs later (is it an aggregate, a bare column, a constant; the default output name of an
 * aggregate call such as `v1_sum`).
 *
 * @example
 * // `sum(v1)` parses to
 * // { expr: col('v1').sum(), start: 0, end: 7, aggregate: true, column: null, literal: undefined, label: 'v1_sum' }
 */
export interface Operand {
  readonly expr: Expr;
  readonly start: number;
  readonly end: number;
  /** Whether an aggregate function occurs anywhere inside. */
  readonly aggregate: boolean;
  /** The column name when the operand is a bare column reference. */
  readonly column: string | null;
  /** The value when the operand is a constant (`null` included), for `in (...)` lists and null tests. */
  readonly literal?: { readonly value: LiteralInput };
  /** The default output name of an aggregate call: `v1_sum`, `count`, `a_b_corr`. */
  readonly label: string | null;
}
