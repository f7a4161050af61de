/** The naive baselines and the workload picker: the hand-written loops compute what the engine operations compute. */

import { describe, expect, it } from 'vitest';
import { columnMean, naiveFilter, naiveGroupSum, naiveProject, naiveSort } from '../../bench/suites/naive.js';
import { pickWorkload } from '../../bench/suites/workload.js';
import { DataFrame } from '../../src/frame/frames.js';

// Two chunks of three rows, so every loop has to cross a chunk boundary.
const df = DataFrame.fromColumns(
  {
    id1: ['a', 'b', 'a', 'c', 'a', 'b'],
    id3: ['x1', 'x2', 'x3', 'x4', 'x5', 'x1'],
    v1: [1, 5, 3, null, 2, 4],
    v2: [10, 20, 30, 40, 50, 60],
    v3: [0.5, 2.5, 1.5, 3.5, null, 2.5],
  },
  { chunkSize: 3 },
);

const flat = (parts: ArrayLike<number>[]): number[] => parts.flatMap((p) => Array.from(p));

describe('naive loops', () => {
  it('filter keeps the rows above the threshold in every column, nulls dropped', () => {
    const chunks = naiveFilter(df, 'v1', 2);
    const v1 = flat(chunks.map((c) => c[2] as Int32Array));
    const v2 = flat(chunks.map((c) => c[3] as Int32Array));
    expect(v1).toEqual([5, 3, 4]);
    expect(v2).toEqual([20, 30, 60]);
    expect(chunks.map((c) => c.length)).toEqual([5, 5]);
  });

  it('project computes a * b + c with NaN where an input is null', () => {
    expect(flat(naiveProject(df, ['v1', 'v3', 'v2']))).toEqual([10.5, 32.5, 34.5, NaN, NaN, 70]);
  });

  it('group sum adds the valid values per dictionary code', () => {
    const codes = df.getColumn('id1').dictionary!;
    const sums = naiveGroupSum(df, 'id1', 'v1');
    expect([sums[codes.codeOf('a')], sums[codes.codeOf('b')], sums[codes.codeOf('c')]]).toEqual([6, 9, 0]);
  });

  it('sort orders rows by the column descending, stable on ties, nulls last, and gathers every column', () => {
    const columns = naiveSort(df, 'v3');
    expect(Array.from(columns[4] as Float64Array).slice(0, 5)).toEqual([3.5, 2.5, 2.5, 1.5, 0.5]);
    expect(Array.from(columns[3] as Int32Array)).toEqual([40, 20, 60, 30, 10, 50]);
  });

  it('mean skips nulls', () => {
    expect(columnMean(df.getColumn('v1'))).toBe(3);
  });
});

describe('pickWorkload', () => {
  it('uses the H2O columns when present', () => {
    const h2o = DataFrame.fromColumns({ id1: ['a'], id2: ['b'], id3: ['c'], v1: [1], v2: [2], v3: [0.5] });
    expect(pickWorkload(h2o)).toEqual({
      filterColumn: 'v1',
      project: ['v1', 'v3', 'v2'],
      fewKey: 'id1',
      manyKey: 'id3',
      sum: 'v1',
      sortBy: 'v3',
    });
  });

  it('picks numeric columns and the smallest and largest dictionaries from any other table', () => {
    const other = DataFrame.fromColumns({
      city: ['p', 'q', 'r', 's'],
      state: ['u', 'u', 'v', 'u'],
      flag: [true, false, true, true],
      lat: [1.5, 2.5, 3.5, 4.5],
      pop: [10, 20, 30, 40],
    });
    expect(pickWorkload(other)).toEqual({
      filterColumn: 'lat',
      project: ['lat', 'pop', 'lat'],
      fewKey: 'state',
      manyKey: 'city',
      sum: 'lat',
      sortBy: 'pop',
    });
  });

  it('leaves roles empty that the table cannot fill', () => {
    const strings = DataFrame.fromColumns({ name: ['a', 'b'] });
    expect(pickWorkload(strings)).toEqual({ filterColumn: null, project: null, fewKey: 'name', manyKey: null, sum: null, sortBy: null });
  });
});
