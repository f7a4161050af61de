/** Join keys brought to the type they compare as: integer widening, floats, and string codes renumbered into one dictionary. */
import type { Vec } from '../vec.js';

/** What a key column needs before encoding: nothing, a widening cast, or a code map into the unified dictionary. */
export type KeyCast =
  | { readonly kind: 'none' }
  | { readonly kind: 'i64' }
  | { readonly kind: 'f64' }
  /** Codes into one side's dictionary mapped through `map` to the unified dictionary's codes. */
  | { readonly kind: 'codes'; readonly map: Int32Array };

/**
 * `v` cast as `cast` says. Int32 widens to Int64, any integer to Float64; a code map renumbers
 * string codes (a null row's code is arbitrary, so it is kept in range and its validity says null).
 *
 * @example
 * castKey({ kind: 'i32', length: 1, values: Int32Array.of(3), valid: null }, { kind: 'f64' }); // values Float64Array [3]
 */
export function castKey(v: Vec, cast: KeyCast): Vec {
  const n = v.length;
  switch (cast.kind) {
    case 'none':
      return v;
    case 'i64': {
      if (v.kind === 'i64') return v;
      const src = v.values as Int32Array;
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = BigInt(src[i]!);
      return { kind: 'i64', length: n, values: out, valid: v.valid };
    }
    case 'f64': {
      if (v.kind === 'f64') return v;
      const out = new Float64Array(n);
      if (v.values instanceof BigInt64Array) for (let i = 0; i < n; i++) out[i] = Number(v.values[i]!);
      else for (let i = 0; i < n; i++) out[i] = v.values[i]!;
      return { kind: 'f64', length: n, values: out, valid: v.valid };
    }
    case 'codes': {
      const map = cast.map;
      const src = v.values as Int32Array;
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const c = src[i]!;
        out[i] = c >= 0 && c < map.length ? map[c]! : 0;
      }
      return { kind: 'i32', length: n, values: out, valid: v.valid };
    }
  }
}
