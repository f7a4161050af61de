/** The string dictionary behind a Utf8 column: codes in the chunks index into it. */
import { sharedBytes, sharedInt32 } from './buffers.js';

/**
 * An append-only list of distinct strings. Codes are positions in `values`.
 * The Arrow Utf8 layout (offsets + bytes in shared memory) is built on demand for `toArrow()`.
 */
export class Dictionary {
  readonly values: string[];
  private readonly lookup: Map<string, number>;
  private arrow: { offsets: Int32Array; data: Uint8Array; size: number } | null = null;

  constructor(values: readonly string[] = []) {
    this.values = [];
    this.lookup = new Map();
    for (const v of values) this.intern(v);
  }

  get size(): number {
    return this.values.length;
  }

  /** The code of `s`, adding it when new. */
  intern(s: string): number {
    let code = this.lookup.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      this.lookup.set(s, code);
    }
    return code;
  }

  /** The code of `s`, or -1 when absent. */
  codeOf(s: string): number {
    return this.lookup.get(s) ?? -1;
  }

  get(code: number): string {
    const v = this.values[code];
    if (v === undefined) throw new RangeError(`dictionary code ${code} out of range (size ${this.values.length})`);
    return v;
  }

  /** Arrow Utf8 buffers for the current values (rebuilt when the dictionary grew). */
  toArrowBuffers(): { offsets: Int32Array; data: Uint8Array } {
    if (this.arrow && this.arrow.size === this.values.length) return this.arrow;
    const enc = new TextEncoder();
    const parts = this.values.map((v) => enc.encode(v));
    const offsets = sharedInt32(parts.length + 1);
    let total = 0;
    parts.forEach((p, i) => {
      offsets[i] = total;
      total += p.length;
    });
    offsets[parts.length] = total;
    const data = sharedBytes(total);
    parts.forEach((p, i) => data.set(p, offsets[i]!));
    this.arrow = { offsets, data, size: this.values.length };
    return this.arrow;
  }
}
