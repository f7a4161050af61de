/** Readable, Polars-like display of logical plans for explain() and snapshot tests. */
import type { ExprNode } from '../expr/ast.js';
import { exprToString } from '../expr/display.js';
import { outputName } from '../expr/names.js';
import type { LogicalPlan } from './nodes.js';
import { schemaOf } from './schema.js';
import { inputsOf } from './visit.js';

function list(exprs: readonly ExprNode[]): string {
  return `[${exprs.map(exprToString).join(', ')}]`;
}

function scanLine(plan: Extract<LogicalPlan, { kind: 'scan' }>): string {
  const total = plan.schema.length;
  const source = plan.source.type === 'frame' ? 'frame' : `${plan.source.type} ${JSON.stringify(plan.source.path)}`;
  let line = `SCAN ${source} [${total} cols]`;
  if (plan.projection !== null) line += ` PROJECT ${plan.projection.length}/${total} COLUMNS: ${JSON.stringify(plan.projection)}`;
  if (plan.predicate !== null) line += ` SELECTION: ${exprToString(plan.predicate)}`;
  if (plan.limit !== null) line += ` LIMIT ${plan.limit}`;
  return line;
}

/**
 * The expressions a projection adds or replaces when it keeps every input column in place (the
 * shape `withColumns` builds), or null when it is a general projection.
 */
function withColumnsPart(plan: Extract<LogicalPlan, { kind: 'project' }>): ExprNode[] | null {
  const names = schemaOf(plan.input).names;
  if (plan.exprs.length < names.length) return null;
  const changed: ExprNode[] = [];
  let kept = 0;
  for (const [i, e] of plan.exprs.entries()) {
    const name = names[i];
    if (name !== undefined && outputName(e) !== name) return null;
    if (name !== undefined && e.kind === 'col' && e.name === name) kept++;
    else changed.push(e);
  }
  return kept > 0 && changed.length > 0 ? changed : null;
}

/** A join's line shows only the options that differ from their defaults (coalescing is the default except for full joins). */
function joinLine(plan: Extract<LogicalPlan, { kind: 'join' }>): string {
  let line = `${plan.how.toUpperCase()} JOIN`;
  if (plan.how !== 'cross') line += ` ON ${JSON.stringify(plan.leftOn)} = ${JSON.stringify(plan.rightOn)}`;
  const keyed = plan.how !== 'semi' && plan.how !== 'anti' && plan.how !== 'cross';
  if (keyed && plan.coalesce !== (plan.how !== 'full')) line += plan.coalesce ? ' COALESCE' : ' NO COALESCE';
  if (plan.suffix !== '_right') line += ` SUFFIX ${JSON.stringify(plan.suffix)}`;
  if (plan.validate !== 'm:m') line += ` VALIDATE ${plan.validate}`;
  return line;
}

/** An as-of join's line shows its key, groups, strategy, and the options that differ from their defaults. */
function asofLine(plan: Extract<LogicalPlan, { kind: 'asof' }>): string {
  let line = `ASOF JOIN ${plan.strategy.toUpperCase()} ON ${JSON.stringify(plan.leftOn)} = ${JSON.stringify(plan.rightOn)}`;
  if (plan.byLeft.length > 0) line += ` BY ${JSON.stringify(plan.byLeft)} = ${JSON.stringify(plan.byRight)}`;
  if (plan.tolerance !== null) line += ` TOLERANCE ${plan.tolerance}`;
  if (!plan.allowExactMatches) line += ' NO EXACT MATCHES';
  if (!plan.checkSorted) line += ' UNCHECKED ORDER';
  if (plan.suffix !== '_right') line += ` SUFFIX ${JSON.stringify(plan.suffix)}`;
  return line;
}

/**
 * One node, without its input.
 *
 * @example
 * nodeToString(filterNode); // 'FILTER (col("v1") > 2)'
 */
export function nodeToString(plan: LogicalPlan): string {
  switch (plan.kind) {
    case 'scan':
      return scanLine(plan);
    case 'filter':
      return `FILTER ${exprToString(plan.predicate)}`;
    case 'project': {
      const added = withColumnsPart(plan);
      return added === null ? `SELECT ${list(plan.exprs)}` : `WITH COLUMNS ${list(added)}`;
    }
    case 'aggregate':
      return plan.keys.length === 0 ? `AGGREGATE ${list(plan.aggs)}` : `AGGREGATE ${list(plan.aggs)} BY ${list(plan.keys)}`;
    case 'sort': {
      const keys = plan.by.map((b, i) => {
        let s = exprToString(b);
        if (plan.descending[i]) s += ' DESC';
        if (plan.nullsLast[i] === false) s += ' NULLS FIRST';
        return s;
      });
      return `SORT BY [${keys.join(', ')}]`;
    }
    case 'limit':
      return plan.offset === 0 ? `LIMIT ${plan.n}` : `SLICE OFFSET ${plan.offset} LIMIT ${plan.n}`;
    case 'groupHead':
      return `GROUP HEAD ${plan.n} BY ${list(plan.keys)}`;
    case 'distinct':
      return plan.subset === null ? 'UNIQUE' : `UNIQUE ON ${JSON.stringify(plan.subset)}`;
    case 'join':
      return joinLine(plan);
    case 'asof':
      return asofLine(plan);
    case 'union':
      return `UNION ${plan.rest.length + 1} INPUTS (rows in input order)`;
    case 'hconcat':
      return `HCONCAT ${plan.rest.length + 1} INPUTS (side by side${plan.strict ? ', equal heights' : '; shorter inputs padded with nulls'})`;
  }
}

/**
 * The plan as an indented tree, root first, one node per line, each input two spaces deeper.
 * Sort keys show `DESC` and `NULLS FIRST` where they differ from the default; a projection that
 * keeps every input column in place and adds or replaces some shows as `WITH COLUMNS [changes]`.
 *
 * @example
 * planToString(lf.filter(col('v1').gt(2)).groupBy('id1').agg(col('v1').sum()).plan);
 * // AGGREGATE [col("v1").sum()] BY [col("id1")]
 * //   FILTER (col("v1") > 2)
 * //     SCAN frame [9 cols]
 */
export function planToString(plan: LogicalPlan): string {
  const lines: string[] = [];
  const walk = (p: LogicalPlan, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}${nodeToString(p)}`);
    // a join's two sides (left first) and a union's inputs (in order) sit one level deeper
    for (const input of inputsOf(p)) walk(input, depth + 1);
  };
  walk(plan, 0);
  return lines.join('\n');
}
