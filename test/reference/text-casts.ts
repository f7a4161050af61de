/** The reference's own text casts: parsing by regular expressions and formatting as Polars prints, written apart from the engine's kernels. */
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import { MS_PER_DAY, type RefType } from './values.js';

const TRIM = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const INT = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$/;

/** Days of a valid calendar date, or null. */
function days(y: string, m: string, d: string): number | null {
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not
  back.setUTCFullYear(Number(y), Number(m) - 1, Number(d));
  if (back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) return null;
  return Math.round(back.getTime() / MS_PER_DAY);
}

/** Text as `to`, or null when it does not parse (the contract: surrounding whitespace dropped, integers without decimals). */
export function parseRef(text: string, to: DataType): Scalar {
  const s = text.replace(TRIM, '');
  switch (to) {
    case 'Int32':
    case 'Int64': {
      if (!INT.test(s)) return null;
      const b = BigInt(s);
      if (to === 'Int32') return b >= -(2n ** 31n) && b < 2n ** 31n ? Number(b) : null;
      return b >= -(2n ** 63n) && b < 2n ** 63n ? b : null;
    }
    case 'Float64':
      if (s === 'NaN' || s === 'nan') return Number.NaN;
      if (/^[+-]?(inf|Infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      return FLOAT.test(s) ? Number(s) : null;
    case 'Boolean':
      return /^true$/i.test(s) ? true : /^false$/i.test(s) ? false : null;
    case 'Date': {
      const m = DATE.exec(s);
      const d = m === null ? null : days(m[1]!, m[2]!, m[3]!);
      return d === null ? null : new Date(d * MS_PER_DAY);
    }
    case 'Timestamp': {
      const m = TIMESTAMP.exec(s);
      if (m === null) return null;
      const d = days(m[1]!, m[2]!, m[3]!);
      const [hh, mm, ss] = [m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [number, number, number];
      if (d === null || hh > 23 || mm > 59 || ss > 59) return null;
      const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
      let offset = 0;
      const z = m[8];
      if (z !== undefined && z !== 'Z') {
        const digits = z.slice(1).replace(':', '');
        const oh = Number(digits.slice(0, 2));
        const om = Number(digits.slice(2) || '0');
        if (oh > 23 || om > 59) return null;
        offset = (z.startsWith('-') ? -1 : 1) * (oh * 60 + om);
      }
      return new Date(d * MS_PER_DAY + ((hh * 60 + mm - offset) * 60 + ss) * 1000 + ms);
    }
    case 'Utf8':
      return text;
  }
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A year as chrono prints it: four digits at least, a sign before negative years and years past 9999. */
function year(y: number): string {
  if (y < 0) return `-${pad(-y, 4)}`;
  return y > 9999 ? `+${y}` : pad(y, 4);
}

function dateText(ms: number): string {
  const d = new Date(ms);
  return `${year(d.getUTCFullYear())}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** A Float64 as Polars' cast to Utf8 prints it: shortest round-trip digits, ".0" on whole numbers, exponent form from 1e16. */
function floatText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  if (Math.abs(x) >= 1e16) return x.toExponential();
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A non-null value of type `from` as text. */
export function formatRef(v: Exclude<Scalar, null>, from: RefType): string {
  switch (from) {
    case 'Float64':
      return floatText(v as number);
    case 'Date':
      return dateText((v as Date).getTime());
    case 'Timestamp': {
      const ms = (v as Date).getTime();
      const t = new Date(ms);
      return `${dateText(ms)} ${pad(t.getUTCHours(), 2)}:${pad(t.getUTCMinutes(), 2)}:${pad(t.getUTCSeconds(), 2)}.${pad(t.getUTCMilliseconds(), 3)}`;
    }
    default:
      return String(v);
  }
}
