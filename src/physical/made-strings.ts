/**
 * Utf8 made per row (a cast to Utf8, concatStr, Utf8 + Utf8): which expressions make them, and
 * the plan rewrite that gives each one a projection of its own. Such strings depend on the data,
 * so no dictionary exists when the expression is lowered; a projection whose expressions make
 * them at their roots ends a pipeline (planner.ts), its tasks return each morsel's strings, and
 * the calling thread numbers them in row order (src/exec/assemble.ts). Whatever reads the made
 * column (a comparison, a string function, a group key, a sort) runs above, over a column with
 * an ordinary dictionary.
 */
import type { ExprNode } from '../expr/ast.js';
import { columnsUsed, containsAgg, outputName } from '../expr/names.js';
import { typeOfNullable } from '../expr/typecheck.js';
import { children, withChildren } from '../expr/visit.js';
import type { LogicalPlan } from '../plan/nodes.js';
import { schemaOf } from '../plan/schema.js';
import type { Schema } from '../types/schema.js';

/** The prefix of the hidden columns that hold made strings (and aggregates read by them) between stages. */
export const MADE_PREFIX = '__volley_made_';

/**
 * A literal, whose text lowering makes at plan time. Only a bare literal: a cast of one is not
 * always folded to a constant (a cast of text, say), and a made string that lowering cannot make
 * at plan time must be staged.
 */
const isConstant = (n: ExprNode): boolean => n.kind === 'lit';

const isUtf8Cast = (n: ExprNode): n is Extract<ExprNode, { kind: 'cast' }> => n.kind === 'cast' && n.to === 'Utf8';

/**
 * Whether `node` itself makes Utf8 per row over rows of `schema`: a cast to Utf8 of a number,
 * Date or Timestamp (a Boolean maps to a fixed dictionary), concatStr, or "+" of Utf8 values,
 * unless every input is a literal (then the text is known at plan time).
 *
 * @example
 * makesStrings(col('v1').cast('Utf8').node, schema); // true
 * makesStrings(col('id1').cast('Utf8').node, schema); // false: already Utf8
 */
export function makesStrings(node: ExprNode, schema: Schema): boolean {
  switch (node.kind) {
    case 'cast': {
      if (node.to !== 'Utf8' || isConstant(node.arg)) return false;
      const t = typeOfNullable(node.arg, schema);
      return t !== null && t !== 'Utf8' && t !== 'Boolean';
    }
    case 'concatStr':
      return !node.args.every(isConstant);
    case 'dtStrftime':
      return !isConstant(node.arg);
    case 'binary':
      return node.op === 'add' && !(isConstant(node.left) && isConstant(node.right)) && typeOfNullable(node, schema) === 'Utf8';
    default:
      return false;
  }
}

/** The inputs a made node formats itself: a cast to Utf8 directly inside concatStr or "+" is formatted in place. */
function inputsOf(node: ExprNode, schema: Schema): ExprNode[] {
  if (node.kind === 'concatStr' || (node.kind === 'binary' && makesStrings(node, schema)))
    return children(node).map((c) => (isUtf8Cast(c) ? c.arg : c));
  return children(node);
}

function containsMade(node: ExprNode, schema: Schema): boolean {
  return makesStrings(node, schema) || inputsOf(node, schema).some((c) => containsMade(c, schema));
}

/** Whether a projection makes strings at the root of an expression (what ends a pipeline). */
export function projectMakesStrings(exprs: readonly ExprNode[], schema: Schema): boolean {
  return exprs.some((e) => makesStrings(e.kind === 'alias' ? e.arg : e, schema));
}

/** Hidden column names, numbered through one rewrite of a plan. */
class Names {
  private n = 0;
  next(): string {
    return `${MADE_PREFIX}${this.n++}`;
  }
}

/**
 * `plan` with every made string computed by a projection of its own below the node that reads
 * it (nested ones in stages, innermost first), and aggregates that a made string reads computed
 * first, the made string in a projection above the aggregation. Hidden columns never reach the
 * output. A projection keeps made strings that stand at the roots of its own expressions.
 *
 * @example
 * stageMadeStrings(lf.filter(col('v1').cast('Utf8').eq('5')).plan);
 * // filter(col("__volley_made_0") == "5") over project(*, col("v1").cast("Utf8")), hidden column dropped
 */
export function stageMadeStrings(plan: LogicalPlan): LogicalPlan {
  return stage(plan, new Names());
}

function stage(plan: LogicalPlan, names: Names): LogicalPlan {
  switch (plan.kind) {
    case 'scan': {
      if (plan.predicate === null || !containsMade(plan.predicate, plan.schema)) return plan;
      // the predicate reads a made string: read without it, then filter (and limit) above
      const wanted = plan.projection ?? plan.schema.names;
      const need = new Set([...wanted, ...columnsUsed(plan.predicate)]);
      const read = plan.schema.names.filter((n) => need.has(n));
      const scan: LogicalPlan = { ...plan, predicate: null, limit: null, projection: read };
      let out: LogicalPlan = { kind: 'filter', input: scan, predicate: plan.predicate };
      if (read.length !== wanted.length || read.some((n, i) => n !== wanted[i]))
        out = { kind: 'project', input: out, exprs: wanted.map((name): ExprNode => ({ kind: 'col', name })) };
      if (plan.limit !== null) out = { kind: 'limit', input: out, n: plan.limit, offset: 0 };
      return stage(out, names);
    }
    case 'filter': {
      const input = stage(plan.input, names);
      const h = hoist([plan.predicate], input, names, false);
      return dropHidden({ kind: 'filter', input: h.input, predicate: h.exprs[0]! }, input);
    }
    case 'project': {
      const input = stage(plan.input, names);
      const h = hoist(plan.exprs, input, names, true);
      return { kind: 'project', input: h.input, exprs: h.exprs.map((e, i) => named(e, plan.exprs[i]!)) };
    }
    case 'aggregate': {
      const input = stage(plan.input, names);
      const split = splitAggregates(plan, input, names);
      if (split !== null) return stage(split, names);
      const h = hoist([...plan.keys, ...plan.aggs], input, names, false);
      const all = h.exprs.map((e, i) => named(e, i < plan.keys.length ? plan.keys[i]! : plan.aggs[i - plan.keys.length]!));
      return { kind: 'aggregate', input: h.input, keys: all.slice(0, plan.keys.length), aggs: all.slice(plan.keys.length) };
    }
    case 'sort': {
      const input = stage(plan.input, names);
      const h = hoist(plan.by, input, names, false);
      return dropHidden({ ...plan, input: h.input, by: h.exprs }, input);
    }
    case 'groupHead': {
      const input = stage(plan.input, names);
      const h = hoist(plan.keys, input, names, false);
      return dropHidden({ ...plan, input: h.input, keys: h.exprs.map((e, i) => named(e, plan.keys[i]!)) }, input);
    }
    case 'limit':
    case 'distinct':
      return { ...plan, input: stage(plan.input, names) };
    case 'join':
    case 'asof':
      return { ...plan, input: stage(plan.input, names), right: stage(plan.right, names) };
    case 'union':
    case 'hconcat':
      return { ...plan, input: stage(plan.input, names), rest: plan.rest.map((p) => stage(p, names)) };
  }
}

/**
 * Moves every made string out of `exprs` into projections below `input`, innermost first, each
 * replaced by its hidden column. With `keepRoots`, a made string at the root of an expression
 * whose inputs make none stays (the projection itself makes it).
 */
function hoist(
  exprs: readonly ExprNode[],
  input: LogicalPlan,
  names: Names,
  keepRoots: boolean,
): { exprs: readonly ExprNode[]; input: LogicalPlan } {
  let cur = exprs;
  let inp = input;
  for (;;) {
    const schema = schemaOf(inp);
    const made: ExprNode[] = [];
    const rewrite = (n: ExprNode, root: boolean): ExprNode => {
      if (makesStrings(n, schema) && !containsAgg(n) && !inputsOf(n, schema).some((c) => containsMade(c, schema))) {
        if (root && keepRoots) return n;
        const name = names.next();
        made.push({ kind: 'alias', arg: n, name });
        return { kind: 'col', name };
      }
      return withChildren(
        n,
        children(n).map((c) => rewrite(c, root && n.kind === 'alias')),
      );
    };
    const next = cur.map((e) => rewrite(e, true));
    if (made.length === 0) return { exprs: cur, input: inp };
    inp = { kind: 'project', input: inp, exprs: [...schema.names.map((name): ExprNode => ({ kind: 'col', name })), ...made] };
    cur = next;
  }
}

/** `e` named as `original` is. */
function named(e: ExprNode, original: ExprNode): ExprNode {
  const name = outputName(original);
  return outputName(e) === name ? e : { kind: 'alias', arg: e, name };
}

/** `node` with only the columns of `before` (the hidden ones dropped), when it has more. */
function dropHidden(node: LogicalPlan, before: LogicalPlan): LogicalPlan {
  const keep = schemaOf(before).names;
  if (schemaOf(node).names.length === keep.length) return node;
  return { kind: 'project', input: node, exprs: keep.map((name): ExprNode => ({ kind: 'col', name })) };
}

/**
 * An aggregation whose output expressions make strings from aggregates (`col("v").sum().cast("Utf8")`):
 * the aggregates computed by the aggregation into hidden columns, and the expressions over them
 * in a projection above. Null when no output needs it.
 */
function splitAggregates(plan: Extract<LogicalPlan, { kind: 'aggregate' }>, input: LogicalPlan, names: Names): LogicalPlan | null {
  const schema = schemaOf(input);
  const needs = (e: ExprNode): boolean => {
    const made = (n: ExprNode): boolean => (makesStrings(n, schema) && containsAgg(n)) || children(n).some(made);
    return made(e);
  };
  if (!plan.aggs.some(needs)) return null;
  const hidden: ExprNode[] = [];
  const lift = (n: ExprNode): ExprNode => {
    if (n.kind === 'agg') {
      const name = names.next();
      hidden.push({ kind: 'alias', arg: n, name });
      return { kind: 'col', name };
    }
    return withChildren(n, children(n).map(lift));
  };
  const outs = plan.aggs.map((e) => (needs(e) ? named(lift(e), e) : null));
  const kept = plan.aggs.filter((_, i) => outs[i] === null);
  const agg: LogicalPlan = { kind: 'aggregate', input, keys: plan.keys, aggs: [...kept, ...hidden] };
  const col = (name: string): ExprNode => ({ kind: 'col', name });
  return {
    kind: 'project',
    input: agg,
    exprs: [...plan.keys.map((k) => col(outputName(k))), ...plan.aggs.map((e, i) => outs[i] ?? col(outputName(e)))],
  };
}
