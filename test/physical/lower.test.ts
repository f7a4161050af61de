/** Lowering to kernel IR, checked by evaluating the IR: strings through dictionaries, casts, dates. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../kernels/eval/evaluate.js';
import type { Vec } from '../../kernels/vec.js';
import { col, lit, when } from '../../src/index.js';
import type { Expr } from '../../src/expr/expr.js';
import { lowerAggregate } from '../../src/physical/aggregate.js';
import { keyBounds, lowerExpr, type ColumnInfo } from '../../src/physical/lower.js';
import { Dictionary } from '../../src/table/dictionary.js';

const sDict = new Dictionary(['pear', 'apple', 'fig']);
const tDict = new Dictionary(['fig', 'kiwi', 'apple']);
const columns: ColumnInfo[] = [
  { name: 's', dtype: 'Utf8', dict: sDict, nullable: true },
  { name: 't', dtype: 'Utf8', dict: tDict, nullable: false },
  { name: 'd', dtype: 'Date', dict: null, nullable: false },
  { name: 'i', dtype: 'Int32', dict: null, nullable: false, bounds: [3, 9] },
];
// rows: s = pear, apple, null, fig; t = kiwi, apple, fig, fig; d = 0, 1, 18262, -1; i = 3, 4, 5, 9
const inputs: Vec[] = [
  { kind: 'i32', length: 4, values: Int32Array.of(0, 1, 0, 2), valid: Uint8Array.of(1, 1, 0, 1) },
  { kind: 'i32', length: 4, values: Int32Array.of(1, 2, 0, 0), valid: null },
  { kind: 'i32', length: 4, values: Int32Array.of(0, 1, 18262, -1), valid: null },
  { kind: 'i32', length: 4, values: Int32Array.of(3, 4, 5, 9), valid: null },
];

/** The values an expression gives on the four rows; Utf8 results decoded through their dictionary. */
function run(e: Expr): unknown[] {
  const l = lowerExpr(e.node, columns);
  const v = evaluate(l.expr, inputs, 4);
  return Array.from({ length: 4 }, (_, r) => {
    if (v.valid !== null && v.valid[r] === 0) return null;
    const x = v.values[r]!;
    if (l.dtype === 'Utf8') return l.dict!.get(x as number);
    if (l.dtype === 'Boolean') return x === 1;
    return typeof x === 'bigint' ? x : x;
  });
}

describe('lowering strings to dictionary codes', () => {
  it('compares with a string: equality by code (absent strings match nothing), order by table', () => {
    expect(run(col('s').eq('apple'))).toEqual([false, true, null, false]);
    expect(run(col('s').eq('zzz'))).toEqual([false, false, null, false]);
    expect(run(col('s').neq('zzz'))).toEqual([true, true, null, true]);
    expect(run(col('s').lt('b'))).toEqual([false, true, null, false]);
    expect(run(lit('b').gt(col('s')))).toEqual([false, true, null, false]);
    expect(run(col('s').gte('fig'))).toEqual([true, false, null, true]);
  });

  it('compares two columns with different dictionaries by rank in their union', () => {
    expect(run(col('s').eq(col('t')))).toEqual([false, true, null, true]);
    expect(run(col('s').lt(col('t')))).toEqual([false, false, null, false]);
    expect(run(col('s').gt(col('t')))).toEqual([true, false, null, false]);
  });

  it('runs string functions as per-entry tables', () => {
    expect(run(col('s').str.toUpperCase())).toEqual(['PEAR', 'APPLE', null, 'FIG']);
    expect(run(col('s').str.length())).toEqual([4, 5, null, 3]);
    expect(run(col('s').str.contains('pp'))).toEqual([false, true, null, false]);
    expect(run(col('s').str.slice(-2))).toEqual(['ar', 'le', null, 'ig']);
    expect(run(col('s').isIn(['fig', 'pear']))).toEqual([true, false, null, true]);
  });

  it('merges dictionaries where strings meet: fillNull and when/then', () => {
    expect(run(col('s').fillNull('none'))).toEqual(['pear', 'apple', 'none', 'fig']);
    expect(run(col('s').fillNull(col('t')))).toEqual(['pear', 'apple', 'fig', 'fig']);
    expect(run(when(col('i').gt(4)).then(col('t')).otherwise(lit('small')))).toEqual(['small', 'small', 'fig', 'fig']);
  });

  it('converts dates to timestamps in ms and compares within a type', () => {
    expect(run(col('d').cast('Timestamp'))).toEqual([0n, 86_400_000n, 1_577_836_800_000n, -86_400_000n]);
    expect(run(col('d').cast('Timestamp').cast('Date'))).toEqual([0, 1, 18262, -1]);
    expect(run(col('i').between(4, 5))).toEqual([false, true, true, false]);
  });
});

describe('group key bounds', () => {
  it('knows the range of dictionary codes and of Int32 columns with bounds, not of computed keys', () => {
    expect(keyBounds(lowerExpr(col('s').node, columns), columns)).toEqual([0, 2]);
    expect(keyBounds(lowerExpr(col('i').node, columns), columns)).toEqual([3, 9]);
    expect(keyBounds(lowerExpr(col('i').add(1).node, columns), columns)).toBeNull();
  });

  it('packs bounded keys into bit fields', () => {
    const la = lowerAggregate([col('s').node, col('i').node], [col('i').sum().node], columns);
    expect(la.layout.fields?.map((f) => [f.lo, f.range, f.nullable, f.bits])).toEqual([
      [0, 3, true, 2],
      // starting at 0 would cost a fourth bit, so the field stores i - 3
      [3, 7, false, 3],
    ]);
    expect(la.layout.width).toBe(1);
  });

  it('rewrites aggregations over keys into post expressions, one state per distinct aggregation', () => {
    const la = lowerAggregate(
      [col('i').node],
      [col('t').min().alias('lo').node, col('i').add(col('i').count()).alias('x').node, col('i').count().alias('c').node],
      columns,
    );
    expect(la.aggs.map((a) => a.spec.op)).toEqual(['min', 'count']);
    expect(la.outputs.map((o) => [o.name, o.dtype])).toEqual([
      ['i', 'Int32'],
      ['lo', 'Utf8'],
      ['x', 'Int32'],
      ['c', 'Int32'],
    ]);
    // min of a string runs over ranks; its result dictionary is the sorted one
    expect(la.outputs[1]!.dict!.values).toEqual(['apple', 'fig', 'kiwi']);
  });
});
