/** predicate-pushdown through joins: which side each part goes to for every join type, and when it is copied across the keys. */
import { describe, expect, it } from 'vitest';
import { exprToString } from '../../src/expr/display.js';
import { col, lit } from '../../src/expr/index.js';
import { comparesByValue, exactKeyPair } from '../../src/optimizer/key-casts.js';
import { rejectsNulls } from '../../src/optimizer/null-rejection.js';
import { predicatePushdown } from '../../src/optimizer/rules/predicate-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import type { Expr } from '../../src/expr/expr.js';
import type { JoinOptions } from '../../src/plan/join.js';
import { Q } from '../plan/fixtures.js';
import { joined, people, scansOf } from './join-fixtures.js';

const pushed = (q: Q) => predicatePushdown.apply(q.plan);
const rewritten = (q: Q) => planToString(pushed(q));
/** The two scans' predicates after pushdown, as text ('-' for none). */
function selections(q: Q): string[] {
  return scansOf(pushed(q)).map((s) => (s.predicate === null ? '-' : exprToString(s.predicate)));
}
/** The join type after pushdown, and the predicate of the filter left above it ('-' for none). */
function above(q: Q): string {
  const p = pushed(q);
  const join = p.kind === 'filter' ? p.input : p;
  return `${join.kind === 'join' ? join.how : join.kind}: ${p.kind === 'filter' ? exprToString(p.predicate) : '-'}`;
}

describe('predicate-pushdown through joins', () => {
  it('splits a filter over an inner join: each side gets its parts, the key part goes to both, mixed parts stay', () => {
    const q = joined({ on: 'id' }).filter(col('id').lt(3), col('name').neq('bob'), col('score').gt(1), col('amount').gt(col('score')));
    expect(q.toString()).toMatchInlineSnapshot(`
      "FILTER ((((col("id") < 3) & (col("name") != "bob")) & (col("score") > 1)) & (col("amount") > col("score")))
        INNER JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols]
          SCAN frame [5 cols]"
    `);
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER (col("amount") > col("score"))
        INNER JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols] SELECTION: ((col("id") < 3) & (col("name") != "bob"))
          SCAN frame [5 cols] SELECTION: ((col("id") < 3) & (col("score") > 1))"
    `);
  });

  it('does what the doc comment of splitAtJoin shows', () => {
    const q = joined({ on: 'id', how: 'left' }).filter(
      col('id').lt(3),
      col('v_right').gt(7),
      col('score').gt(1),
      col('amount').gt(col('score')),
    );
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER (col("amount") > col("score"))
        INNER JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols] SELECTION: (col("id") < 3)
          SCAN frame [5 cols] SELECTION: (((col("id") < 3) & (col("v") > 7)) & (col("score") > 1))"
    `);
  });

  it('maps suffixed names back to the right input', () => {
    const q = joined({ on: 'id' }).filter(col('v_right').gt(7), col('v').gt(1));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "INNER JOIN ON ["id"] = ["id"]
        SCAN frame [5 cols] SELECTION: (col("v") > 1)
        SCAN frame [5 cols] SELECTION: (col("v") > 7)"
    `);
  });

  it('sends each part where the join type allows, and copies key parts across only where every kept row matched', () => {
    const filter: Expr[] = [col('id').lt(3), col('name').neq('bob'), col('score').isNull()];
    const rows: Record<string, string[]> = {};
    for (const how of ['inner', 'left', 'right', 'full', 'semi', 'anti'] as const) {
      const parts =
        how === 'semi' || how === 'anti' ? filter.slice(0, 2) : how === 'right' ? [col('id').lt(3), col('score').isNull()] : filter;
      const q = joined({ on: 'id', how }).filter(...parts);
      rows[how] = [...selections(q), above(q)];
    }
    expect(rows).toMatchInlineSnapshot(`
      {
        "anti": [
          "((col("id") < 3) & (col("name") != "bob"))",
          "(col("id") < 3)",
          "anti: -",
        ],
        "full": [
          "((col("id") < 3) & (col("name") != "bob"))",
          "(col("id") < 3)",
          "left: col("score").isNull()",
        ],
        "inner": [
          "((col("id") < 3) & (col("name") != "bob"))",
          "((col("id") < 3) & col("score").isNull())",
          "inner: -",
        ],
        "left": [
          "((col("id") < 3) & (col("name") != "bob"))",
          "(col("id") < 3)",
          "left: col("score").isNull()",
        ],
        "right": [
          "(col("id") < 3)",
          "((col("id") < 3) & col("score").isNull())",
          "right: -",
        ],
        "semi": [
          "((col("id") < 3) & (col("name") != "bob"))",
          "(col("id") < 3)",
          "semi: -",
        ],
      }
    `);
  });

  it('pushes both sides of a cross join, and nothing of a full join with coalesced keys', () => {
    const cross = joined({ how: 'cross' }).filter(col('name').eq('ann'), col('score').gt(1), col('v').lt(col('v_right')));
    expect(rewritten(cross)).toMatchInlineSnapshot(`
      "FILTER (col("v") < col("v_right"))
        CROSS JOIN
          SCAN frame [5 cols] SELECTION: (col("name") == "ann")
          SCAN frame [5 cols] SELECTION: (col("score") > 1)"
    `);
    const full = joined({ on: 'id', how: 'full', coalesce: true }).filter(col('id').lt(3), col('name').isNull().or(col('score').isNull()));
    expect(rewritten(full)).toMatchInlineSnapshot(`
      "FILTER ((col("id") < 3) & (col("name").isNull() | col("score").isNull()))
        FULL JOIN ON ["id"] = ["id"] COALESCE
          SCAN frame [5 cols]
          SCAN frame [5 cols]"
    `);
  });

  it('turns a left join into an inner join when a part drops every null-padded row', () => {
    const q = joined({ on: 'id', how: 'left' }).filter(col('score').gt(1), col('id').lt(3));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "INNER JOIN ON ["id"] = ["id"]
        SCAN frame [5 cols] SELECTION: (col("id") < 3)
        SCAN frame [5 cols] SELECTION: ((col("score") > 1) & (col("id") < 3))"
    `);
    // isNull keeps the padded rows: the join stays left and the part above
    const kept = joined({ on: 'id', how: 'left' }).filter(col('score').isNull().or(col('score').gt(1)));
    expect(rewritten(kept)).toMatchInlineSnapshot(`
      "FILTER (col("score").isNull() | (col("score") > 1))
        LEFT JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols]
          SCAN frame [5 cols]"
    `);
  });

  it('turns a full join without coalescing into a left join, or an inner one, by which sides are null-rejected', () => {
    const toLeft = joined({ on: 'id', how: 'full' }).filter(col('name').neq('x'));
    expect(rewritten(toLeft)).toMatchInlineSnapshot(`
      "LEFT JOIN ON ["id"] = ["id"] NO COALESCE
        SCAN frame [5 cols] SELECTION: (col("name") != "x")
        SCAN frame [5 cols]"
    `);
    const toInner = joined({ on: 'id', how: 'full' }).filter(col('name').neq('x'), col('score').gt(0));
    expect(rewritten(toInner)).toMatchInlineSnapshot(`
      "INNER JOIN ON ["id"] = ["id"] NO COALESCE
        SCAN frame [5 cols] SELECTION: (col("name") != "x")
        SCAN frame [5 cols] SELECTION: (col("score") > 0)"
    `);
    // coalesced keys: only where the key types agree (the coalesced key has the common type)
    const coalesced = joined({ on: 'id', how: 'full', coalesce: true }).filter(col('name').neq('x'), col('id').lt(3));
    expect(rewritten(coalesced)).toMatchInlineSnapshot(`
      "LEFT JOIN ON ["id"] = ["id"]
        SCAN frame [5 cols] SELECTION: ((col("name") != "x") & (col("id") < 3))
        SCAN frame [5 cols] SELECTION: (col("id") < 3)"
    `);
    const cast = joined({ leftOn: 'id', rightOn: 'id64', how: 'full', coalesce: true }).filter(col('name').neq('x'));
    expect(above(cast)).toBe('full: (col("name") != "x")');
    // right-rejected only: the rows left would be in full-join order, which no narrower join gives
    const stays = joined({ on: 'id', how: 'full' }).filter(col('score').gt(0));
    expect(rewritten(stays)).toMatchInlineSnapshot(`
      "FILTER (col("score") > 0)
        FULL JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols]
          SCAN frame [5 cols]"
    `);
  });

  it('copies a key part across cast keys only as comparisons with literals, and for Float64 keys only when it cannot tell -0 from 0', () => {
    const copies = (options: JoinOptions, p: Expr) => selections(joined(options).filter(p))[1];
    // Int32 with Int64 or Float64: a matched pair is one number
    expect(copies({ leftOn: 'id', rightOn: 'id64' }, col('id').lt(3))).toBe('(col("id64") < 3)');
    expect(copies({ leftOn: 'id', rightOn: 'id64' }, col('id').isIn([1, 2]).or(col('id').isNull()))).toBe(
      '(col("id64").isIn([1, 2]) | col("id64").isNull())',
    );
    expect(copies({ leftOn: 'id', rightOn: 'f' }, col('id').between(1, 2.5))).toBe('col("f").between(1, 2.5)');
    // arithmetic wraps in Int32, not in Int64; Int64 with Float64 rounds past 2^53
    expect(copies({ leftOn: 'id', rightOn: 'id64' }, col('id').add(1).lt(3))).toBe('-');
    expect(copies({ leftOn: 'id', rightOn: 'id64' }, col('id').lt(lit(3n)))).toBe('-');
    expect(copies({ leftOn: 'f', rightOn: 'id64' }, col('f').lt(3))).toBe('-');
    const blind = joined({ on: 'f' }).filter(col('f').gte(0));
    expect(selections(blind)).toEqual(['(col("f") >= 0)', '(col("f") >= 0)']);
    const telling = joined({ on: 'f' }).filter(lit(1).div(col('f')).gt(0));
    expect(selections(telling)).toEqual(['((1 / col("f")) > 0)', '-']);
  });

  it('transfers nothing on expression keys, and moves nothing into a side whose keys the join validates', () => {
    const expr = joined({ leftOn: col('id').add(1), rightOn: 'id' }).filter(col('id').lt(3));
    expect(rewritten(expr)).toMatchInlineSnapshot(`
      "SELECT [col("id"), col("f"), col("name"), col("v"), col("amount"), col("id_right"), col("id64"), col("f_right"), col("v_right"), col("score")]
        INNER JOIN ON ["__join_left_key0"] = ["__join_right_key0"] NO COALESCE
          WITH COLUMNS [(col("id") + 1).alias("__join_left_key0")]
            SCAN frame [5 cols] SELECTION: (col("id") < 3)
          WITH COLUMNS [col("id").alias("__join_right_key0")]
            SCAN frame [5 cols]"
    `);
    const validated = (validate: JoinOptions['validate']) =>
      selections(joined({ on: 'id', how: 'left', validate }).filter(col('id').lt(3), col('score').gt(1)));
    expect(validated('m:m')).toEqual(['(col("id") < 3)', '((col("id") < 3) & (col("score") > 1))']);
    expect(validated('1:m')).toEqual(['-', '-']);
    expect(validated('m:1')).toEqual(['(col("id") < 3)', '-']);
  });

  it('keeps each side its own filters, and settles: a second pass changes nothing', () => {
    const q = joined({ on: 'id' }, Q.scan(people()).filter(col('v').gt(0))).filter(col('score').gt(1));
    const once = pushed(q);
    expect(planToString(once)).toMatchInlineSnapshot(`
      "INNER JOIN ON ["id"] = ["id"]
        SCAN frame [5 cols] SELECTION: (col("v") > 0)
        SCAN frame [5 cols] SELECTION: (col("score") > 1)"
    `);
    expect(predicatePushdown.apply(once)).toEqual(once);
  });
});

describe('rejectsNulls', () => {
  const nulls = new Set(['a']);
  it('proves comparisons, arithmetic and and-chains of a null column never true, and nothing that reads nulls', () => {
    expect(rejectsNulls(col('a').add(1).gt(0).node, nulls)).toBe(true);
    expect(rejectsNulls(col('a').abs().cast('Float64').lt(col('b')).node, nulls)).toBe(true);
    expect(rejectsNulls(col('b').gt(0).and(col('a').eq(1)).node, nulls)).toBe(true);
    expect(rejectsNulls(col('a').gt(0).or(col('a').lt(-1)).node, nulls)).toBe(true);
    expect(rejectsNulls(col('a').gt(0).not().node, nulls)).toBe(true);
    expect(rejectsNulls(col('a').gt(0).or(col('b').gt(0)).node, nulls)).toBe(false);
    expect(rejectsNulls(col('a').isNull().node, nulls)).toBe(false);
    expect(rejectsNulls(col('a').isNull().not().node, nulls)).toBe(false);
    expect(rejectsNulls(col('a').fillNull(0).gt(-1).node, nulls)).toBe(false);
    expect(rejectsNulls(col('a').isIn([1]).node, nulls)).toBe(false);
    expect(rejectsNulls(col('b').gt(0).node, nulls)).toBe(false);
  });
});

describe('key casts', () => {
  it('match Int32 exactly with Int64 and Float64, nothing else', () => {
    expect(exactKeyPair('Int32', 'Int64')).toBe(true);
    expect(exactKeyPair('Float64', 'Int32')).toBe(true);
    expect(exactKeyPair('Int64', 'Float64')).toBe(false);
    expect(exactKeyPair('Int32', 'Int32')).toBe(false);
    expect(exactKeyPair('Int32', 'Utf8')).toBe(false);
  });

  it('let through only the key compared with Int32 or Float64 literals, and anything that does not read the key', () => {
    const keys = new Set(['k']);
    expect(comparesByValue(col('k').gte(0.5).and(col('k').isNotNull().not()).node, keys)).toBe(true);
    expect(
      comparesByValue(
        lit(2)
          .lt(col('k'))
          .or(col('v').mul(col('v')).gt(1)).node,
        keys,
      ),
    ).toBe(true);
    expect(comparesByValue(col('k').mul(2).lt(3).node, keys)).toBe(false);
    expect(comparesByValue(col('k').lt(col('v')).node, keys)).toBe(false);
    expect(comparesByValue(col('k').cast('Float64').lt(3).node, keys)).toBe(false);
    expect(comparesByValue(col('k').fillNull(0).lt(3).node, keys)).toBe(false);
  });
});
