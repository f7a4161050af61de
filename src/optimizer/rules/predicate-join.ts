/** Where each part of a filter above a join may go: into the left input, the right input, across the keys, or nowhere. */
import type { ExprNode } from '../../expr/ast.js';
import { columnsUsed } from '../../expr/names.js';
import { typeOf } from '../../expr/typecheck.js';
import { type JoinColumn, type JoinHow, joinColumns } from '../../plan/join.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';
import type { Schema } from '../../types/schema.js';
import { substituteColumns } from '../exprs.js';
import { readsKeysByClass } from '../key-classes.js';
import { comparesByValue, exactKeyPair } from '../key-casts.js';
import { rejectsNulls } from '../null-rejection.js';

type Join = Extract<LogicalPlan, { kind: 'join' }>;
type Side = 'left' | 'right';

/**
 * The sides that a part reading only that side's columns may move into. A left join pads
 * unmatched left rows with nulls on the right: a right-side part above it sees those nulls, below
 * it would turn a dropped match into a padded row. A full join pads both sides.
 */
const INTO: Readonly<Record<JoinHow, readonly Side[]>> = {
  inner: ['left', 'right'],
  left: ['left'],
  right: ['right'],
  full: [],
  semi: ['left'],
  anti: ['left'],
  cross: ['left', 'right'],
};

/**
 * The sides from which a moved part on key columns is also copied to the other side's keys:
 * only where every output row that part keeps comes from a key match (the other side's rows it
 * drops could only have matched rows the part drops anyway). A left join's right side, a right
 * join's left side; semi and anti joins only ask whether a match exists, which the copy keeps
 * for every left row the part keeps.
 */
const ACROSS: Readonly<Record<JoinHow, readonly Side[]>> = {
  inner: ['left', 'right'],
  left: ['left'],
  right: ['right'],
  full: [],
  semi: ['left'],
  anti: ['left'],
  cross: [],
};

/**
 * What becomes of a filter's parts at a join: those to apply to each input (in the input's
 * column names), those that stay above, and the join type, which a null-rejecting part may
 * narrow (`left` to `inner`, `full` to `left` or `inner`).
 *
 * @example
 * const { left, right, stay, how } = splitAtJoin(joinNode, conjuncts(predicate));
 */
export interface JoinSplit {
  readonly left: ExprNode[];
  readonly right: ExprNode[];
  readonly stay: ExprNode[];
  readonly how: JoinHow;
}

/** The sides a validating join checks for unique keys: nothing may filter those rows first. */
function validated(plan: Join): Side[] {
  switch (plan.validate) {
    case '1:m':
      return ['left'];
    case 'm:1':
      return ['right'];
    case '1:1':
      return ['left', 'right'];
    default:
      return [];
  }
}

/** The output columns that come from one side only: null on the rows padded on that side. */
function outputsOf(columns: readonly JoinColumn[], side: Side): Set<string> {
  return new Set(columns.filter((c) => c.side === side).map((c) => c.name));
}

/**
 * The join type once `parts` are applied above it: a part that is never true where one side's
 * columns are all null drops every row padded on that side, so the join need not pad it. Only
 * where the narrower join gives the same columns and the same row order: `left` keeps its
 * matched rows in inner order; a `full` join's left-padded rows come last, after the rows of a
 * left join (with coalesced keys only where each key pair has one type: otherwise the
 * coalesced key has the common type, the left join's the left one's). A `right` join stays:
 * its rows are in right order, an inner join's in left order. A join that validates keys keeps
 * its type (kept simple: the check sees the same inputs).
 */
function narrowed(plan: Join, columns: readonly JoinColumn[], parts: readonly ExprNode[], left: Schema, right: Schema): JoinHow {
  if (plan.validate !== 'm:m') return plan.how;
  const rejects = (side: Side) => {
    const nulls = outputsOf(columns, side);
    return parts.some((p) => rejectsNulls(p, nulls));
  };
  if (plan.how === 'left') return rejects('right') ? 'inner' : 'left';
  // coalesced keys of one type per pair are laid out and typed as a left join's left keys, and
  // hold the left key wherever a left row took part
  const sameTypes = plan.leftOn.every((l, i) => left.get(l).dtype === right.get(plan.rightOn[i]!).dtype);
  if (plan.how === 'full' && (!plan.coalesce || sameTypes) && rejects('left')) return rejects('right') ? 'inner' : 'left';
  return plan.how;
}

/** The one side all of `names` come from (through `columns`), or null: mixed sides, or a coalesced key. */
function sideOf(names: readonly string[], columns: ReadonlyMap<string, JoinColumn>, into: readonly Side[]): Side | null {
  if (names.length === 0) return into[0] ?? null;
  const sides = new Set(names.map((n) => columns.get(n)?.side));
  if (sides.size !== 1) return null;
  const side = [...sides][0];
  return side === 'left' || side === 'right' ? side : null;
}

/**
 * `part` (over `from`'s key columns, in `from`'s names) rewritten over the other side's keys, or
 * null where it reads anything else, or where it could tell apart key values that the join
 * matches: Float64 `-0` and `0`, or NaNs (`readsKeysByClass`); and, for a key pair of two types,
 * anything but the key compared with literals, and any pair but Int32 with Int64 or Float64
 * (`key-casts.ts`). A copy that would not type-check on the other side is not made.
 */
function acrossKeys(part: ExprNode, fromKeys: readonly string[], toKeys: readonly string[], from: Schema, to: Schema): ExprNode | null {
  const used = columnsUsed(part);
  if (used.length === 0) return null;
  const map = new Map<string, ExprNode>();
  const floats = new Set<string>();
  const cast = new Set<string>();
  for (const c of used) {
    const i = fromKeys.indexOf(c);
    if (i < 0) return null;
    const target = toKeys[i]!;
    const dtype = from.get(c).dtype;
    const other = to.get(target).dtype;
    if (dtype !== other && !exactKeyPair(dtype, other)) return null;
    if (dtype !== other) cast.add(c);
    if (dtype === 'Float64') floats.add(c);
    map.set(c, { kind: 'col', name: target });
  }
  if (!readsKeysByClass(part, floats) || !comparesByValue(part, cast)) return null;
  const copy = substituteColumns(part, map);
  if (cast.size === 0) return copy;
  try {
    return typeOf(copy, to) === 'Boolean' ? copy : null;
  } catch {
    return null;
  }
}

/**
 * Splits `parts` (a filter's `&` chain over the join's output) at the join `plan`: each part
 * that reads one side's columns only goes into that side where the join type allows it (renamed
 * from the output names, suffixes and all, to the input's), and a part on key columns is also
 * copied to the other side's keys where that is legal. Coalesced key columns of a full join hold
 * either side's key, so parts reading them stay above; so do parts mixing both sides.
 *
 * Before (predicate-pushdown calls this at each join it meets):
 * ```
 * FILTER ((((col("id") < 3) & (col("v_right") > 7)) & (col("score") > 1)) & (col("amount") > col("score")))
 *   LEFT JOIN ON ["id"] = ["id"]
 *     SCAN frame [5 cols]
 *     SCAN frame [5 cols]
 * ```
 * After (`score > 1` is never true on a null-padded row, so the left join is an inner one):
 * ```
 * FILTER (col("amount") > col("score"))
 *   INNER JOIN ON ["id"] = ["id"]
 *     SCAN frame [5 cols] SELECTION: (col("id") < 3)
 *     SCAN frame [5 cols] SELECTION: (((col("id") < 3) & (col("v") > 7)) & (col("score") > 1))
 * ```
 *
 * @example
 * splitAtJoin(innerJoinOnId, [col('id').lt(5).node]); // left: [id < 5], right: [id < 5], stay: []
 */
export function splitAtJoin(plan: Join, parts: readonly ExprNode[]): JoinSplit {
  const leftSchema = schemaOf(plan.input);
  const rightSchema = schemaOf(plan.right);
  const how = narrowed(plan, joinColumns(leftSchema, rightSchema, plan), parts, leftSchema, rightSchema);
  // the narrower join's columns: the same names, but a full join's coalesced keys become left keys
  const columns = new Map(joinColumns(leftSchema, rightSchema, { ...plan, how }).map((c) => [c.name, c]));
  const blocked = validated(plan);
  const into = INTO[how].filter((s) => !blocked.includes(s));
  const across = ACROSS[how].filter((s) => !blocked.includes(s === 'left' ? 'right' : 'left'));
  const out: Record<Side, ExprNode[]> = { left: [], right: [] };
  const stay: ExprNode[] = [];
  for (const p of parts) {
    const used = columnsUsed(p);
    const side = sideOf(used, columns, into);
    if (side === null || !into.includes(side)) {
      stay.push(p);
      continue;
    }
    const below = substituteColumns(p, new Map(used.map((n): [string, ExprNode] => [n, { kind: 'col', name: columns.get(n)!.source }])));
    out[side].push(below);
    if (!across.includes(side)) continue;
    const copy =
      side === 'left'
        ? acrossKeys(below, plan.leftOn, plan.rightOn, leftSchema, rightSchema)
        : acrossKeys(below, plan.rightOn, plan.leftOn, rightSchema, leftSchema);
    if (copy !== null) out[side === 'left' ? 'right' : 'left'].push(copy);
  }
  return { left: out.left, right: out.right, stay, how };
}
