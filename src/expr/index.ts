/** The expression front-end: builders, the Expr API, type checking, display and tree helpers. */
export type { ExprNode, ExprKind, LitValue, ArithOp, CompareOp, LogicOp, BinaryOp, UnaryOp, AggFn } from './ast.js';
export { Expr, toNode, type ExprInput } from './expr.js';
export { col, lit, len, corr } from './builders.js';
export { when, When, Then } from './when.js';
export { StrNamespace, DtNamespace } from './namespaces.js';
export {
  litNode,
  litToScalar,
  litToConst,
  isValidLitValue,
  isInValuesFor,
  parseIsoMs,
  type LiteralInput,
  type LitNode,
} from './literal.js';
export { typeOf, typeOfNullable } from './typecheck.js';
export { outputName, columnsUsed, containsAgg } from './names.js';
export { checkAggContext, checkNoAgg } from './context.js';
export { resolveNullLiterals } from './resolve.js';
export { supertype, comparable, canCast, type MaybeType } from './coercion.js';
export { exprToString } from './display.js';
export { children, withChildren, mapChildren, transformUp, transformDown, forEachNode, anyNode } from './visit.js';
export { exprEquals, exprKey } from './equals.js';
export { validateExprNode } from './validate.js';
export { ExprTypeError } from './errors.js';
