/** Join fixtures for the optimizer tests: two small frames that share a key and a clashing column name. */
import { joinPlan } from '../../src/plan/builder.js';
import type { JoinOptions } from '../../src/plan/join.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { Table } from '../../src/table/table.js';
import { Q } from '../plan/fixtures.js';

/** Left side: id (Int32 key), f (Float64 key), name, v (clashes with the right's v), amount. */
export function people(): Table {
  return Table.fromColumns(
    { id: [1, 2, 3, null], f: [0, -0, 1.5, null], name: ['ann', 'bob', 'cy', 'dee'], v: [1, 2, 3, 4], amount: [10, 20, 30, 40] },
    { dtypes: { id: 'Int32', f: 'Float64', name: 'Utf8', v: 'Int32', amount: 'Float64' } },
  );
}

/** Right side: id (Int32 key), id64 (Int64 key), f (Float64 key), v (clashes), score. */
export function orders(): Table {
  return Table.fromColumns(
    { id: [2, 2, 3, 9], id64: [2n, 2n, 3n, 9n], f: [0, 0, NaN, 2], v: [7, 8, 9, 10], score: [0.5, 1.5, 2.5, 3.5] },
    { dtypes: { id: 'Int32', id64: 'Int64', f: 'Float64', v: 'Int32', score: 'Float64' } },
  );
}

/** `left` joined with `right` (default: the two fixture frames), as a plan-only query. */
export function joined(options: JoinOptions, left: Q = Q.scan(people()), right: Q = Q.scan(orders())): Q {
  return new Q(joinPlan(left.plan, right.plan, options));
}

/** Every scan of a plan, left before right. */
export function scansOf(plan: LogicalPlan): Extract<LogicalPlan, { kind: 'scan' }>[] {
  if (plan.kind === 'scan') return [plan];
  return [...scansOf(plan.input), ...(plan.kind === 'join' ? scansOf(plan.right) : [])];
}
