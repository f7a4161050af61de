/** `when(cond).then(x).when(...).then(...).otherwise(y)`: conditional expressions. */
import type { ExprNode } from './ast.js';
import { Expr, toNode, type ExprInput } from './expr.js';

type Branch = { readonly when: ExprNode; readonly then: ExprNode };

const NULL: ExprNode = { kind: 'lit', value: null, dtype: null };

/**
 * A condition waiting for its value: call `.then(value)`.
 *
 * @example
 * when(col('v1').gt(2)).then('big'); // a Then
 */
export class When {
  readonly #done: readonly Branch[];
  readonly #condition: ExprNode;

  constructor(done: readonly Branch[], condition: ExprNode) {
    this.#done = done;
    this.#condition = condition;
  }

  /** The value where this condition is the first to hold. */
  then(value: ExprInput): Then {
    return new Then([...this.#done, { when: this.#condition, then: toNode(value) }]);
  }
}

/**
 * A finished branch. It is already an expression (null where no condition holds); chain
 * `.when(...)` for another branch or `.otherwise(value)` for the fallback.
 *
 * @example
 * when(col('v1').gt(2)).then('big').when(col('v1').gt(0)).then('small').otherwise('none');
 */
export class Then extends Expr {
  readonly #branches: readonly Branch[];

  constructor(branches: readonly Branch[]) {
    super({ kind: 'when', branches, otherwise: NULL });
    this.#branches = branches;
  }

  /** Another condition, tried after the earlier ones. */
  when(condition: ExprInput): When {
    return new When(this.#branches, toNode(condition));
  }

  /** The value where no condition holds (null when omitted). */
  otherwise(value: ExprInput): Expr {
    return new Expr({ kind: 'when', branches: this.#branches, otherwise: toNode(value) });
  }
}

/**
 * Starts a conditional expression. Conditions are Boolean; a null condition counts as false.
 * The branches share one type (their supertype). Plain values in `then`/`otherwise` are
 * literals, so a string is a string: write `col('name')` for a column.
 *
 * @example
 * when(col('v1').gt(2)).then(col('v1')).otherwise(0).alias('v1_or_0');
 */
export function when(condition: ExprInput): When {
  return new When([], toNode(condition));
}
