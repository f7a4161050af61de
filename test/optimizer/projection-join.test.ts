/** projection-pushdown through joins: both inputs read only what the consumers and the keys need; two CSV scans read fewer columns. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { col, len } from '../../src/expr/index.js';
import { scanCsv } from '../../src/frame/scan.js';
import { shutdownPool } from '../../src/index.js';
import { optimize } from '../../src/optimizer/optimize.js';
import { projectionPushdown } from '../../src/optimizer/rules/projection-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import { schemaOf } from '../../src/plan/schema.js';
import { Q } from '../plan/fixtures.js';
import { joined, orders, people, scansOf } from './join-fixtures.js';

const dir = mkdtempSync(joinPath(tmpdir(), 'volley-projection-join-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownPool();
});

const pruned = (q: Q) => projectionPushdown.apply(q.plan);
const projections = (q: Q) => scansOf(pruned(q)).map((s) => s.projection);

describe('projection-pushdown through joins', () => {
  it('prunes both inputs to the columns read above plus the keys', () => {
    const q = joined({ on: 'id' }).select('name', col('score').mul(2).alias('s2'));
    expect(q.toString()).toMatchInlineSnapshot(`
      "SELECT [col("name"), (col("score") * 2).alias("s2")]
        INNER JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols]
          SCAN frame [5 cols]"
    `);
    expect(planToString(pruned(q))).toMatchInlineSnapshot(`
      "SELECT [col("name"), (col("score") * 2).alias("s2")]
        INNER JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","name"]
          SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","score"]"
    `);
  });

  it('keeps the left column a needed suffixed right column clashes with, so the suffix stays', () => {
    const q = joined({ on: 'id' }).select('v_right');
    expect(projections(q)).toEqual([
      ['id', 'v'],
      ['id', 'v'],
    ]);
    expect(schemaOf(pruned(q)).names).toEqual(['v_right']);
    // without the suffixed column, the left v is not needed and the right v is not read
    expect(projections(joined({ on: 'id' }).select('amount'))).toEqual([['id', 'amount'], ['id']]);
  });

  it('reads only the keys of the right input of a semi or anti join', () => {
    for (const how of ['semi', 'anti'] as const) {
      const q = joined({ on: ['id', 'f'], how });
      expect(projections(q)).toEqual([null, ['id', 'f']]);
    }
  });

  it('keeps one column of a side nothing is read from, so a cross join keeps its row count', () => {
    const q = joined({ how: 'cross' }).agg(len());
    expect(projections(q)).toEqual([['id'], ['id']]);
    expect(projections(joined({ how: 'cross' }).select('score'))).toEqual([['id'], ['score']]);
  });

  it('needs both key columns of a full join, coalesced or not, and the right join keeps its left keys', () => {
    expect(projections(joined({ on: 'id', how: 'full', coalesce: true }).select('id'))).toEqual([['id'], ['id']]);
    expect(projections(joined({ on: 'id', how: 'full' }).select('id_right'))).toEqual([['id'], ['id']]);
    expect(projections(joined({ on: 'id', how: 'right' }).select('score'))).toEqual([['id'], ['id', 'score']]);
  });

  it('prunes through the hidden key columns of expression keys', () => {
    const q = joined({ leftOn: col('id').add(1), rightOn: 'id' }).select('name', 'score');
    expect(planToString(pruned(q))).toMatchInlineSnapshot(`
      "SELECT [col("name"), col("score")]
        SELECT [col("name"), col("score")]
          INNER JOIN ON ["__join_left_key0"] = ["__join_right_key0"] NO COALESCE
            SELECT [col("name"), (col("id") + 1).alias("__join_left_key0")]
              SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","name"]
            SELECT [col("score"), col("id").alias("__join_right_key0")]
              SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","score"]"
    `);
  });

  it('leaves a join whose every output column is read as it is, and settles', () => {
    const q = joined({ on: 'id', how: 'left' });
    expect(pruned(q)).toBe(q.plan);
    const once = pruned(joined({ on: 'id' }, Q.scan(people()), Q.scan(orders()).filter(col('v').gt(1))).select('name'));
    expect(projectionPushdown.apply(once)).toEqual(once);
  });
});

describe('a join of two CSV scans', () => {
  it('reads only the needed columns of each file, with the predicates pushed into each scan', async () => {
    const a = joinPath(dir, 'people.csv');
    const b = joinPath(dir, 'orders.csv');
    writeFileSync(a, 'id,name,age,city\n1,ann,30,Oslo\n2,bob,40,Lima\n3,cy,50,Rome\n');
    writeFileSync(b, 'order,id,amount,note\n10,2,5.5,x\n11,3,7.5,y\n12,2,1.5,z\n13,9,2.5,w\n');
    const lf = scanCsv(a).join(scanCsv(b), { on: 'id' }).filter(col('amount').gt(2), col('age').lt(45)).select('name', 'amount');
    const plan = optimize(lf.plan).plan;
    expect(scansOf(plan).map((s) => [s.projection, s.predicate !== null])).toEqual([
      [['id', 'name', 'age'], true],
      [['id', 'amount'], true],
    ]);
    const shown = lf.explain().replaceAll(dir, '<dir>');
    expect(shown.split('== physical plan ==')[0]).toMatchInlineSnapshot(`
      "== optimized logical plan ==
      SELECT [col("name"), col("amount")]
        INNER JOIN ON ["id"] = ["id"]
          SCAN csv "<dir>/people.csv" [4 cols] PROJECT 3/4 COLUMNS: ["id","name","age"] SELECTION: (col("age") < 45)
          SCAN csv "<dir>/orders.csv" [4 cols] PROJECT 2/4 COLUMNS: ["id","amount"] SELECTION: (col("amount") > 2)

      "
    `);
    // the physical scans are asked for those columns only
    expect(shown).toContain('SCAN csv "<dir>/people.csv" [4 cols] READ 3/4 COLUMNS: ["id","name","age"]');
    expect(shown).toContain('SCAN csv "<dir>/orders.csv" [4 cols] READ 2/4 COLUMNS: ["id","amount"]');
    for (const threads of [1, 2]) expect((await lf.collect({ threads })).toRecords()).toEqual([{ name: 'bob', amount: 5.5 }]);
  });
});
