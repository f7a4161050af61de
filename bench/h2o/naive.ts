/**
 * The plain loops a user could write by hand for H2O q1-q5: one pass over a run of chunks into
 * per-key arrays. They read plain typed arrays only, so a worker thread can run them over shared
 * chunks, and their results merge by adding arrays: the baseline beside Volley's threads 1 and N.
 */

/** The columns the loops read, chunk by chunk (no nulls in the generated data sets). */
export interface NaiveColumns {
  readonly id1: Int32Array[];
  readonly id2: Int32Array[];
  readonly id3: Int32Array[];
  readonly id4: Int32Array[];
  readonly id6: Int32Array[];
  readonly v1: Int32Array[];
  readonly v2: Int32Array[];
  readonly v3: Float64Array[];
}

/** Array sizes, one per key: dictionary sizes for id1-id3, largest value + 1 for id4 and id6. */
export interface NaiveSizes {
  readonly id1: number;
  readonly id2: number;
  readonly id3: number;
  readonly id4: number;
  readonly id6: number;
}

/** The questions that have a hand-written loop. */
export type NaiveQuestion = 'q1' | 'q2' | 'q3' | 'q4' | 'q5';

/** One loop: chunks [c0, c1) into fresh arrays, which add up across runs of chunks. */
type NaiveLoop = (x: NaiveColumns, n: NaiveSizes, c0: number, c1: number) => Float64Array[];

/**
 * @example
 * const [sums] = NAIVE.q1(columns, sizes, 0, columns.id1.length);
 */
export const NAIVE: Readonly<Record<NaiveQuestion, NaiveLoop>> = {
  q1(x, n, c0, c1) {
    const sum = new Float64Array(n.id1);
    for (let c = c0; c < c1; c++) {
      const id = x.id1[c]!;
      const v = x.v1[c]!;
      for (let i = 0; i < id.length; i++) sum[id[i]!]! += v[i]!;
    }
    return [sum];
  },
  q2(x, n, c0, c1) {
    const n2 = n.id2;
    const sum = new Float64Array(n.id1 * n2);
    for (let c = c0; c < c1; c++) {
      const a = x.id1[c]!;
      const b = x.id2[c]!;
      const v = x.v1[c]!;
      for (let i = 0; i < a.length; i++) sum[a[i]! * n2 + b[i]!]! += v[i]!;
    }
    return [sum];
  },
  q3(x, n, c0, c1) {
    const s1 = new Float64Array(n.id3);
    const s3 = new Float64Array(n.id3);
    const cnt = new Float64Array(n.id3);
    for (let c = c0; c < c1; c++) {
      const id = x.id3[c]!;
      const v1 = x.v1[c]!;
      const v3 = x.v3[c]!;
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s3[g]! += v3[i]!;
        cnt[g]!++;
      }
    }
    return [s1, s3, cnt];
  },
  q4(x, n, c0, c1) {
    const s1 = new Float64Array(n.id4);
    const s2 = new Float64Array(n.id4);
    const s3 = new Float64Array(n.id4);
    const cnt = new Float64Array(n.id4);
    for (let c = c0; c < c1; c++) {
      const id = x.id4[c]!;
      const v1 = x.v1[c]!;
      const v2 = x.v2[c]!;
      const v3 = x.v3[c]!;
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s2[g]! += v2[i]!;
        s3[g]! += v3[i]!;
        cnt[g]!++;
      }
    }
    return [s1, s2, s3, cnt];
  },
  q5(x, n, c0, c1) {
    const s1 = new Float64Array(n.id6);
    const s2 = new Float64Array(n.id6);
    const s3 = new Float64Array(n.id6);
    for (let c = c0; c < c1; c++) {
      const id = x.id6[c]!;
      const v1 = x.v1[c]!;
      const v2 = x.v2[c]!;
      const v3 = x.v3[c]!;
      for (let i = 0; i < id.length; i++) {
        const g = id[i]!;
        s1[g]! += v1[i]!;
        s2[g]! += v2[i]!;
        s3[g]! += v3[i]!;
      }
    }
    return [s1, s2, s3];
  },
};

/** Adds `b` into `a`, array by array: how runs of chunks combine. */
export function addInto(a: Float64Array[], b: readonly Float64Array[]): void {
  a.forEach((arr, k) => {
    const src = b[k]!;
    for (let i = 0; i < arr.length; i++) arr[i]! += src[i]!;
  });
}
