/** nUnique: exact distinct values per group (null counts as one value, as Polars' n_unique). */
import type { Vec } from '../vec.js';
import { allocValues } from '../alloc.js';
import { hashWord, hashWords } from '../hash/hash.js';
import { encodeRows, makeKeyLayout, wordsOf } from '../hash/keys.js';
import type { AggKernel } from './kernel.js';
import { gatherOffsets, forEachSlice, recordSource, csr } from './lists.js';
import { newState, type AggState } from './state.js';

/** nUnique's state: a byte per group that says whether it has a null (the distinct values themselves are gathered lists). */
export const NUNIQUE_STATE = {
  hasNull: (s: AggState): Uint8Array => s.u[0]!,
};

/**
 * Number of distinct values per group. Each morsel keeps its distinct (group, value) pairs; the
 * merge deduplicates them again per final group. Values compare by their key words, so f64 `-0`
 * equals `0` and all NaNs are one value.
 *
 * @example
 * // values 1, 1, null, 2 in one group → 3
 */
export const nUniqueKernel: AggKernel = {
  init(_spec, groups) {
    return newState('nUnique', groups, 0, 0, 0, 1);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    const width = wordsOf(v.kind);
    const words = new Int32Array(rows * width);
    encodeRows([{ ...v, valid: null }], makeKeyLayout([v.kind], [false], [null]), rows, words);
    const hasNull = NUNIQUE_STATE.hasNull(s);
    const valid = v.valid;
    let cap = 16;
    while (cap < rows * 2) cap <<= 1;
    const table = new Int32Array(cap);
    const mask = cap - 1;
    const keep = new Int32Array(rows);
    const counts = new Int32Array(s.size);
    let kept = 0;
    for (let i = 0; i < rows; i++) {
      const g = gids[i]!;
      if (valid !== null && valid[i] === 0) {
        hasNull[g] = 1;
        continue;
      }
      const h = pairHash(g, words, i * width, width);
      let slot = h & mask;
      let found = false;
      for (;;) {
        const t = table[slot]!;
        if (t === 0) break;
        const r = t - 1;
        if (gids[r] === g && sameWords(words, r * width, words, i * width, width)) {
          found = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (found) continue;
      table[slot] = i + 1;
      keep[kept++] = i;
      counts[g]!++;
    }
    const { offsets, cursor } = csr(counts, s.size);
    const out = new Int32Array(new SharedArrayBuffer(kept * width * 4));
    for (let j = 0; j < kept; j++) {
      const i = keep[j]!;
      const at = cursor[gids[i]!]!++ * width;
      for (let w = 0; w < width; w++) out[at + w] = words[i * width + w]!;
    }
    // offsets count words, so one CSR layout serves every value width
    for (let g = 0; g <= s.size; g++) offsets[g] = offsets[g]! * width;
    s.parts.push({ offsets, f: new Float64Array(0), i: out, u: new Uint8Array(0) });
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    const d = NUNIQUE_STATE.hasNull(dst);
    const x = NUNIQUE_STATE.hasNull(src);
    for (let j = 0; j < n; j++) if (x[srcStart + j] !== 0) d[dstIdx[j]!] = 1;
    recordSource(dst, src, dstIdx, srcStart, n);
  },
  finalize(spec, s, groups, shared): Vec {
    const width = wordsOf(spec.kind!);
    const offsets = gatherOffsets(s, groups, 1);
    const total = offsets[groups]! / width;
    let cap = 16;
    while (cap < total * 2) cap <<= 1;
    const table = new Int32Array(cap);
    const mask = cap - 1;
    const seenWords = new Int32Array(total * width);
    const seenGroup = new Int32Array(total);
    let n = 0;
    const out = allocValues('i32', groups, shared) as Int32Array;
    forEachSlice(s, (g, part, a, b) => {
      for (let p = a; p < b; p += width) {
        const h = pairHash(g, part.i, p, width);
        let slot = h & mask;
        let found = false;
        for (;;) {
          const t = table[slot]!;
          if (t === 0) break;
          if (seenGroup[t - 1] === g && sameWords(seenWords, (t - 1) * width, part.i, p, width)) {
            found = true;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (found) continue;
        for (let w = 0; w < width; w++) seenWords[n * width + w] = part.i[p + w]!;
        seenGroup[n] = g;
        table[slot] = ++n;
        out[g]!++;
      }
    });
    const hasNull = NUNIQUE_STATE.hasNull(s);
    for (let g = 0; g < groups; g++) out[g]! += hasNull[g]!;
    return { kind: 'i32', length: groups, values: out, valid: null };
  },
};

function pairHash(g: number, words: Int32Array, at: number, width: number): number {
  return hashWord(hashWords(words, at, width) ^ Math.imul(g, 0x9e3779b1));
}

function sameWords(a: Int32Array, ai: number, b: Int32Array, bi: number, width: number): boolean {
  for (let w = 0; w < width; w++) if (a[ai + w] !== b[bi + w]) return false;
  return true;
}
