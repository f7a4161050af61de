/** Shared test fixtures: a small H2O-shaped frame and a fluent plan builder that needs no executor. */
import type { Expr } from '../../src/expr/expr.js';
import {
  aggregatePlan,
  distinctPlan,
  dropPlan,
  filterPlan,
  groupHeadPlan,
  groupKeys,
  renamePlan,
  scanFramePlan,
  selectPlan,
  slicePlan,
  sortPlan,
  withColumnsPlan,
  type IntoExpr,
  type IntoExprs,
  type SortOptions,
  type UniqueOptions,
} from '../../src/plan/builder.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { schemaOf } from '../../src/plan/schema.js';
import { Table } from '../../src/table/table.js';

/** Nine columns like the H2O groupby table: three Utf8 ids, three Int32 ids, v1/v2 Int32, v3 Float64. */
export function h2oFrame(): Table {
  return Table.fromColumns({
    id1: ['id001', 'id002', 'id001', null, 'id003', 'id002'],
    id2: ['id010', 'id010', 'id020', 'id020', null, 'id010'],
    id3: ['id0000001', 'id0000002', 'id0000003', 'id0000001', 'id0000002', 'id0000003'],
    id4: [1, 2, 3, 1, 2, null],
    id5: [10, 20, 30, 10, 20, 30],
    id6: [100, 200, 300, 100, 200, 300],
    v1: [1, 2, 3, 4, null, 5],
    v2: [5, 4, 3, 2, 1, null],
    v3: [1.5, 2.5, null, 4.5, 5.5, 6.5],
  });
}

/** A fluent wrapper over the plan builders, standing in for LazyFrame in planner-only tests. */
export class Q {
  constructor(readonly plan: LogicalPlan) {}
  static scan(df: Table = h2oFrame()): Q {
    return new Q(scanFramePlan(df));
  }
  select(...items: IntoExprs): Q {
    return new Q(selectPlan(this.plan, items));
  }
  withColumns(...items: IntoExprs): Q {
    return new Q(withColumnsPlan(this.plan, items));
  }
  filter(...predicates: Expr[]): Q {
    return new Q(filterPlan(this.plan, predicates));
  }
  groupBy(...keys: IntoExprs): { agg: (...aggs: IntoExprs) => Q; head: (n: number) => Q } {
    const k = groupKeys(this.plan, keys);
    return {
      agg: (...aggs) => new Q(aggregatePlan(this.plan, k, aggs)),
      head: (n) => new Q(groupHeadPlan(this.plan, k, n)),
    };
  }
  agg(...aggs: IntoExprs): Q {
    return new Q(aggregatePlan(this.plan, [], aggs));
  }
  sort(by: IntoExpr | readonly IntoExpr[], options?: SortOptions): Q {
    return new Q(sortPlan(this.plan, by, options));
  }
  limit(n: number): Q {
    return new Q(slicePlan(this.plan, 0, n));
  }
  slice(offset: number, n: number): Q {
    return new Q(slicePlan(this.plan, offset, n));
  }
  unique(options?: UniqueOptions): Q {
    return new Q(distinctPlan(this.plan, options));
  }
  rename(mapping: Record<string, string>): Q {
    return new Q(renamePlan(this.plan, mapping));
  }
  drop(...names: string[]): Q {
    return new Q(dropPlan(this.plan, names));
  }
  get schema(): string {
    return schemaOf(this.plan).toString();
  }
  toString(): string {
    return planToString(this.plan);
  }
}
