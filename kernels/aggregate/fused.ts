/**
 * Fused dense loops: one pass per batch that marks first rows and folds every simple aggregation
 * (sum, mean, count, len, min, max) at once, and one pass per partial that merges them, instead
 * of one pass per aggregation.
 * The loop is generated per combination of aggregations, input kinds and null patterns, from
 * fixed code fragments with numeric indexes only (no names or values from the query), and cached.
 */
import { KernelInvariantError } from '../errors.js';
import type { KeyField } from '../hash/keys.js';
import type { Vec } from '../vec.js';
import { COUNT_STATE } from './count.js';
import { MEAN_STATE } from './mean.js';
import { MINMAX_STATE } from './minmax.js';
import type { AggKernelSpec, AggState } from './state.js';
import { SUM_CARRY_AT, SUM_STATE } from './sum.js';

/** Whether the fused loop can run this aggregation (the rest keep their own kernels). */
export function fusable(spec: AggKernelSpec): boolean {
  switch (spec.op) {
    case 'sum':
      return spec.kind === 'f64' || spec.kind === 'i32' || spec.kind === 'bool';
    case 'mean':
      return spec.kind === 'f64' || spec.kind === 'i32';
    case 'count':
    case 'len':
      return true;
    case 'min':
    case 'max':
      return spec.kind === 'f64' || spec.kind === 'i32';
    default:
      return false;
  }
}

type Loop = (
  slots: Int32Array | null,
  keys: readonly (Int32Array | Uint8Array)[],
  keyValid: readonly (Uint8Array | null)[],
  fields: readonly KeyField[],
  size: number,
  first: Int32Array,
  seen: Int32Array,
  base: number,
  sel: Int32Array | null,
  rows: number,
  x: readonly (Vec['values'] | null)[],
  valid: readonly (Uint8Array | null)[],
  acc: readonly (Float64Array | Int32Array | null)[],
  cnt: readonly (Int32Array | Uint8Array | Float64Array | null)[],
  unseen: number,
  rowsPerSlot: Int32Array,
) => number;

const cache = new Map<string, Loop>();

/**
 * Counts that are one per row (`len`, and `count` or `mean` over an input without nulls) are all
 * the same number per slot: with two or more of them, the loop counts rows once per slot in this
 * scratch and adds the counts to each state after the batch (then zeroes what it used). Worth it
 * when the slots are few against the rows: the H2O q4 (three means over 100 groups) does four
 * read-modify-writes per row instead of six. Per thread, grown on demand, all zero between batches.
 */
let rowsPerSlot = new Int32Array(1024);

/** Whether aggregation k counts exactly one per row. */
function countsEveryRow(spec: AggKernelSpec, hasNulls: boolean): boolean {
  return spec.op === 'len' || ((spec.op === 'count' || spec.op === 'mean') && !hasNulls);
}

/**
 * Where a batch's rows go: a ready slot per row, or the packed key vectors whose slot the loop
 * computes itself (saving a pass that writes and re-reads a slot array).
 */
export type SlotSource = { readonly slots: Int32Array } | { readonly keys: readonly Vec[]; readonly fields: readonly KeyField[] };

/**
 * Fold rows [0, rows) into the states of the fusable aggregations `specs[k]` (inputs `inputs[k]`)
 * and mark first rows, in one pass over `size` slots. `unseen` counts the slots no row has hit
 * yet; once it reaches 0 the rest of the rows skip the first-row test (with a few groups that is
 * after a few hundred rows, and the test costs about a third of the loop). Returns the slots
 * still unseen. Throws when a computed slot leaves [0, size), which only planning with wrong key
 * bounds could cause.
 *
 * @example
 * unseen = fusedUpdate([{ op: 'sum', kind: 'i32' }], [v1], [state], { slots }, size, first, seen, unseen, rows, 0, null);
 */
export function fusedUpdate(
  specs: readonly AggKernelSpec[],
  inputs: readonly (Vec | null)[],
  states: readonly AggState[],
  where: SlotSource,
  size: number,
  first: Int32Array,
  seen: Int32Array,
  unseen: number,
  rows: number,
  base: number,
  sel: Int32Array | null,
): number {
  const nulls = inputs.map((v) => v !== null && v.valid !== null);
  const keys = 'keys' in where ? where.keys : [];
  const keyShape = 'keys' in where ? keys.map((k) => (k.valid !== null ? 'n' : 'v')).join('') : 'slots';
  const perRow = specs.filter((spec, k) => countsEveryRow(spec, nulls[k]!)).length;
  // sharing costs a pass over the slots after the batch: only with few slots against the rows
  const share = perRow >= 2 && size * 4 <= rows;
  if (share && rowsPerSlot.length < size) rowsPerSlot = new Int32Array(Math.max(size, 2 * rowsPerSlot.length));
  const key = `${sel === null ? 'r' : 's'}|${keyShape}|${share ? 'shared' : 'own'}|${specs.map((s, k) => `${s.op}:${s.kind}:${nulls[k] ? 'n' : 'v'}`).join(',')}`;
  let loop = cache.get(key);
  if (loop === undefined) {
    loop = compile(specs, nulls, sel !== null, 'keys' in where ? keys.map((k) => k.valid !== null) : null, share);
    cache.set(key, loop);
  }
  const x = inputs.map((v) => (v === null ? null : v.values));
  const valid = inputs.map((v) => (v === null ? null : v.valid));
  const acc = states.map((s, k) => accOf(specs[k]!, s));
  const cnt = states.map((s, k) => cntOf(specs[k]!, s));
  const slots = 'slots' in where ? where.slots : null;
  const fields = 'fields' in where ? where.fields : [];
  const left = loop(
    slots,
    keys.map((k) => k.values as Int32Array | Uint8Array),
    keys.map((k) => k.valid),
    fields,
    size,
    first,
    seen,
    base,
    sel,
    rows,
    x,
    valid,
    acc,
    cnt,
    unseen,
    rowsPerSlot,
  );
  if (left < 0) throw new KernelInvariantError(`a group key is outside its planned range (${size} slots)`);
  return left;
}

/** The array the loop adds or folds values into, from each kernel's own state layout (fusable kinds only: no Int64). */
function accOf(spec: AggKernelSpec, s: AggState): Float64Array | Int32Array | null {
  switch (spec.op) {
    case 'sum':
      return SUM_STATE.total(s);
    case 'mean':
      return MEAN_STATE.sum(s);
    case 'min':
    case 'max':
      return spec.kind === 'f64' ? MINMAX_STATE.f64(s) : MINMAX_STATE.i32(s);
    default:
      return null;
  }
}

/** The array the loop counts into (or, for min and max, marks a held value in), from each kernel's own state layout. */
function cntOf(spec: AggKernelSpec, s: AggState): Int32Array | Uint8Array | Float64Array | null {
  switch (spec.op) {
    case 'sum':
      return spec.kind === 'i32' ? SUM_STATE.carry(s) : null;
    case 'mean':
      return MEAN_STATE.count(s);
    case 'count':
    case 'len':
      return COUNT_STATE.count(s);
    case 'min':
    case 'max':
      return MINMAX_STATE.has(s);
    default:
      return null;
  }
}

/**
 * Build the loop. Every fragment is fixed text and every index a number; values from the data
 * (key bounds, shifts) arrive as arguments, so nothing from the query or the data reaches the source.
 */
function compile(
  specs: readonly AggKernelSpec[],
  nulls: readonly boolean[],
  withSel: boolean,
  keyNulls: readonly boolean[] | null,
  share: boolean,
): Loop {
  const head: string[] = [];
  const body: string[] = [];
  // with `share`, the one-per-row counts become one row count per slot, added to each after the batch
  const after: string[] = [];
  const counted = (k: number): boolean => share && countsEveryRow(specs[k]!, nulls[k]!);
  if (share) body.push('R[s]++;');
  let slot = 'slots[i]';
  if (keyNulls !== null) {
    const parts: string[] = [];
    keyNulls.forEach((hasNulls, k) => {
      head.push(
        `const K${k} = keys[${k}], V${k} = keyValid[${k}], L${k} = fields[${k}].lo, R${k} = fields[${k}].range, S${k} = fields[${k}].shift;`,
      );
      const value = hasNulls ? `(V${k}[i] === 0 ? R${k} : K${k}[i] - L${k})` : `(K${k}[i] - L${k})`;
      parts.push(`(${value} << S${k})`);
    });
    slot = parts.length === 0 ? '0' : parts.join(' | ');
  }
  specs.forEach((spec, k) => {
    head.push(`const X${k} = x[${k}], N${k} = valid[${k}], A${k} = acc[${k}], C${k} = cnt[${k}];`);
    const ok = nulls[k] ? `N${k}[i] !== 0` : 'true';
    switch (spec.op) {
      case 'sum':
        body.push(spec.kind === 'i32' ? `if (${ok}) { ${exactAdd(k, 's', `X${k}[i]`)} }` : `if (${ok}) A${k}[s] += X${k}[i];`);
        break;
      case 'mean':
        body.push(counted(k) ? `A${k}[s] += X${k}[i];` : `if (${ok}) { A${k}[s] += X${k}[i]; C${k}[s]++; }`);
        break;
      case 'count':
        if (!counted(k)) body.push(`if (${ok}) C${k}[s]++;`);
        break;
      case 'len':
        if (!counted(k)) body.push(`C${k}[s]++;`);
        break;
      case 'min':
      case 'max': {
        const better = spec.op === 'min' ? '<' : '>';
        // NaN is skipped unless a group holds nothing else (as the min/max kernel)
        const nan = spec.kind === 'f64' ? ' || c !== c' : '';
        body.push(`if (${ok}) { const v = X${k}[i]; ${foldMinMax(k, 's', better, nan)} }`);
        break;
      }
      default:
        throw new KernelInvariantError(`fused loop: ${spec.op} is not fusable`);
    }
  });
  specs.forEach((_, k) => {
    if (counted(k)) after.push(`C${k}[s] += r;`);
  });
  const row = withSel ? 'base + sel[i]' : 'base + i';
  // a computed slot outside the states would be dropped silently by typed-array writes: flag it
  const check = keyNulls === null ? '' : 'if (s >>> 0 >= size) { bad = true; continue; }';
  // while some slot is unseen every row tests for a first row; then the rest run without the test
  const source = `${head.join('\n')}
let bad = false;
let left = unseen;
let i = 0;
for (; i < rows && left > 0; i++) {
  const s = ${slot};
  ${check}
  const bit = 1 << (s & 31);
  if ((seen[s >>> 5] & bit) === 0) { seen[s >>> 5] |= bit; first[s] = ${row}; left--; }
  ${body.join('\n  ')}
}
for (; i < rows; i++) {
  const s = ${slot};
  ${check}
  ${body.join('\n  ')}
}
${
  after.length === 0
    ? ''
    : `for (let s = 0; s < size; s++) {
  const r = R[s];
  if (r !== 0) {
    ${after.join('\n    ')}
    R[s] = 0;
  }
}`
}
return bad ? -1 : left;`;
  return new Function(
    'slots',
    'keys',
    'keyValid',
    'fields',
    'size',
    'first',
    'seen',
    'base',
    'sel',
    'rows',
    'x',
    'valid',
    'acc',
    'cnt',
    'unseen',
    'R',
    source,
  ) as Loop;
}

type MergeLoop = (
  first: Int32Array,
  srcFirst: Int32Array,
  s0: number,
  n: number,
  acc: readonly (Float64Array | Int32Array | null)[],
  cnt: readonly (Int32Array | Uint8Array | Float64Array | null)[],
  srcAcc: readonly (Float64Array | Int32Array | null)[],
  srcCnt: readonly (Int32Array | Uint8Array | Float64Array | null)[],
) => void;

const mergeCache = new Map<string, MergeLoop>();

/**
 * Merge slots [s0, s0 + n) of a source partial's fusable states into destination states indexed
 * from 0 (a slot range), first rows included, in one pass.
 *
 * @example
 * fusedMerge(specs, dstStates, dstFirst, srcStates, srcFirst, 0, size);
 */
export function fusedMerge(
  specs: readonly AggKernelSpec[],
  dst: readonly AggState[],
  first: Int32Array,
  src: readonly AggState[],
  srcFirst: Int32Array,
  s0: number,
  n: number,
): void {
  const key = specs.map((s) => `${s.op}:${s.kind}`).join(',');
  let loop = mergeCache.get(key);
  if (loop === undefined) {
    loop = compileMerge(specs);
    mergeCache.set(key, loop);
  }
  loop(
    first,
    srcFirst,
    s0,
    n,
    dst.map((s, k) => accOf(specs[k]!, s)),
    dst.map((s, k) => cntOf(specs[k]!, s)),
    src.map((s, k) => accOf(specs[k]!, s)),
    src.map((s, k) => cntOf(specs[k]!, s)),
  );
}

/**
 * The fused form of `addExactI32` (sum.ts): add `value` to accumulator k at `slot`, moving its
 * multiples of 2^32 into the carry (`C`) once it reaches 2^52. Fixed text, numbers only.
 */
function exactAdd(k: number, slot: string, value: string): string {
  return `const t${k} = A${k}[${slot}] + ${value}; if (t${k} < ${SUM_CARRY_AT} && t${k} > -${SUM_CARRY_AT}) A${k}[${slot}] = t${k}; else { const h${k} = Math.trunc(t${k} / 4294967296); C${k}[${slot}] += h${k}; A${k}[${slot}] = t${k} - h${k} * 4294967296; }`;
}

function compileMerge(specs: readonly AggKernelSpec[]): MergeLoop {
  const head: string[] = [];
  const body: string[] = [];
  specs.forEach((spec, k) => {
    head.push(`const A${k} = acc[${k}], C${k} = cnt[${k}], SA${k} = srcAcc[${k}], SC${k} = srcCnt[${k}];`);
    switch (spec.op) {
      case 'sum':
        body.push(spec.kind === 'i32' ? `C${k}[j] += SC${k}[e]; ${exactAdd(k, 'j', `SA${k}[e]`)}` : `A${k}[j] += SA${k}[e];`);
        break;
      case 'mean':
        body.push(`A${k}[j] += SA${k}[e]; C${k}[j] += SC${k}[e];`);
        break;
      case 'count':
      case 'len':
        body.push(`C${k}[j] += SC${k}[e];`);
        break;
      case 'min':
      case 'max': {
        const better = spec.op === 'min' ? '<' : '>';
        const nan = spec.kind === 'f64' ? ' || c !== c' : '';
        body.push(`if (SC${k}[e] !== 0) { const v = SA${k}[e]; ${foldMinMax(k, 'j', better, nan)} }`);
        break;
      }
      default:
        throw new KernelInvariantError(`fused merge: ${spec.op} is not fusable`);
    }
  });
  const source = `${head.join('\n')}
for (let j = 0; j < n; j++) {
  const e = s0 + j;
  const f = srcFirst[e];
  if (f < 0) continue;
  if (first[j] < 0) first[j] = f;
  ${body.join('\n  ')}
}`;
  return new Function('first', 'srcFirst', 's0', 'n', 'acc', 'cnt', 'srcAcc', 'srcCnt', source) as MergeLoop;
}

/**
 * The code that folds value `v` into min/max state k at index `at`: a group's first value is
 * taken as it is; after that `v` replaces the held value when `better` (or when the held one is NaN).
 */
function foldMinMax(k: number, at: string, better: string, nan: string): string {
  return `if (C${k}[${at}] === 0) { C${k}[${at}] = 1; A${k}[${at}] = v; } else { const c = A${k}[${at}]; if (v ${better} c${nan}) A${k}[${at}] = v; }`;
}
