/** Many CSV files as one table: a list or a glob expanded to paths, and the one schema they share. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { InvalidArgumentError } from '../../errors.js';
import { numericSupertype, type DataType } from '../../types/dtype.js';
import { Schema } from '../../types/schema.js';
import { CsvError } from './errors.js';
import type { CsvReadOptions } from './options.js';
import { withFile } from './parallel/file.js';
import { sampleCsv } from './parallel/sample.js';
import { resolveOptions } from './resolve.js';

/**
 * Whether `path` is a glob: it holds `*`, `?` or `[` and names no existing file (so a file
 * really called `data[1].csv` is read as a path).
 *
 * @example
 * isGlob('data/part-*.csv'); // true
 */
export function isGlob(path: string): boolean {
  return /[*?[]/.test(path) && !existsSync(path);
}

/**
 * The files `input` names: a path as it is; a glob's matching files sorted by full path (byte
 * order of the UTF-8 names), where `*` matches any run of characters within a name, `?` one
 * character, `[abc]`, `[a-z]` and `[!abc]` one character of a set, and a whole `**` segment any
 * number of directories (symbolic links to directories are not followed there); a name starting
 * with `.` is matched only by a pattern starting with `.`. A list expands each item in turn and
 * keeps the list's order. A glob matching no file is a `CsvError` (`IO_ERROR`) naming it; an
 * empty list an `INVALID_ARGUMENT`.
 *
 * @example
 * expandCsvPaths('data/part-*.csv');      // ['data/part-1.csv', 'data/part-2.csv']
 * expandCsvPaths(['b.csv', 'a.csv']);     // ['b.csv', 'a.csv']
 */
export function expandCsvPaths(input: string | readonly string[]): string[] {
  const items: readonly unknown[] = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(items) || items.length === 0)
    throw new InvalidArgumentError('path', input, 'a CSV scan needs a path, a glob or a non-empty list of them');
  return items.flatMap((p) => {
    if (typeof p !== 'string') throw new InvalidArgumentError('path', input, `CSV paths are strings, got ${typeof p}`);
    if (!isGlob(p)) return [p];
    const found = globFiles(p);
    if (found.length === 0) throw new CsvError(p, null, null, `no file matches the pattern ${JSON.stringify(p)}`, { code: 'IO_ERROR' });
    return found;
  });
}

/** Files matching `pattern`, sorted by the bytes of their paths. */
function globFiles(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  // the fixed directories before the first segment with a wildcard
  let k = 0;
  while (k < parts.length - 1 && !/[*?[]/.test(parts[k]!)) k++;
  const fixed = parts.slice(0, k);
  const base = fixed.length === 0 ? '' : fixed.join(sep) === '' ? sep : fixed.join(sep);
  const out: string[] = [];
  walk(base, parts.slice(k), out);
  return [...new Set(out)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function walk(dir: string, segments: readonly string[], out: string[]): void {
  const [seg, ...rest] = segments;
  if (seg === undefined) return;
  if (seg === '**') {
    // zero directories, then one more directory and '**' again
    walk(dir, rest, out);
    for (const e of entries(dir)) if (e.dir && !e.name.startsWith('.')) walk(join(dir, e.name), segments, out);
    return;
  }
  const re = segmentRegex(seg);
  for (const e of entries(dir)) {
    if (!re.test(e.name) || (e.name.startsWith('.') && !seg.startsWith('.'))) continue;
    const path = dir === '' ? e.name : join(dir, e.name);
    if (rest.length === 0) {
      if (e.file) out.push(path);
    } else if (e.dir) walk(path, rest, out);
  }
}

/** A directory's entries (none when it cannot be read), symbolic links judged by their target. */
function entries(dir: string): { name: string; file: boolean; dir: boolean }[] {
  let list: import('node:fs').Dirent[];
  try {
    list = readdirSync(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return list.map((d) => {
    if (!d.isSymbolicLink()) return { name: d.name, file: d.isFile(), dir: d.isDirectory() };
    try {
      return { name: d.name, file: statSync(join(dir === '' ? '.' : dir, d.name)).isFile(), dir: false };
    } catch {
      return { name: d.name, file: false, dir: false };
    }
  });
}

/** One path segment's wildcards as an anchored regular expression. */
function segmentRegex(seg: string): RegExp {
  let src = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) {
        src += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      src += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else src += c.replace(/[.+^${}()|\\]/g, (m) => `\\${m}`);
  }
  return new RegExp(`^${src}$`, 'su');
}

/**
 * The one schema of several CSV files read as one table, each inferred as `readCsv` would infer
 * it alone. Every file must have the first file's columns, in its order; a difference is a
 * `CsvError` naming both files and the first differing column. Types are unified: a column
 * whose sample in some file held no value (all empty, or no records at all) takes the others'
 * type; numbers widen as `concat`'s `vertical_relaxed` does (Int32 → Int64 → Float64, Int32 →
 * Float64), so every file is then parsed straight into the wider type; any other disagreement
 * (Int32 and Utf8, Date and Utf8) is a `CsvError` naming both files, the column and both types
 * (set `dtypes` to read the column as one type everywhere).
 *
 * @example
 * inferCsvFilesSchema(['a.csv', 'b.csv'], {}).names; // ['id', 'v']
 */
export function inferCsvFilesSchema(paths: readonly string[], options: CsvReadOptions): Schema {
  let names: string[] = [];
  let types: (DataType | null)[] = [];
  // which file gave each column its type so far, for the message
  let from: string[] = [];
  paths.forEach((path, f) => {
    const o = resolveOptions(options, path);
    const survey = withFile(path, (file) => sampleCsv(file, o).survey);
    const own = survey.slots.map((s) => s.name);
    if (f === 0) {
      names = own;
      types = survey.dtypes.map((t, k) => (survey.typed[k] ? t : null));
      from = own.map(() => path);
      return;
    }
    const first = paths[0]!;
    for (let k = 0; k < Math.max(names.length, own.length); k++) {
      if (names[k] === own[k]) continue;
      const expected = names[k] ?? null;
      const found = own[k] ?? null;
      throw new CsvError(
        path,
        null,
        found ?? expected,
        `the columns differ from those of ${first}: column ${k + 1} is ${show(found)} here but ${show(expected)} in ${first} (every file of one scan needs the same header)`,
        { expected, found },
      );
    }
    survey.dtypes.forEach((t, k) => {
      if (!survey.typed[k]) return;
      const before = types[k] ?? null;
      if (before === null || before === t) {
        if (before === null) from[k] = path;
        types[k] = t;
        return;
      }
      const wider = numericSupertype(before, t);
      if (wider === null)
        throw new CsvError(
          path,
          null,
          names[k]!,
          `column "${names[k]}" is ${t} here but ${before} in ${from[k]} (set dtypes to read it as one type in every file)`,
          { expected: before, found: t },
        );
      types[k] = wider;
    });
  });
  return new Schema(names.map((name, k) => ({ name, dtype: types[k] ?? 'Utf8' })));
}

function show(name: string | null): string {
  return name === null ? 'missing' : JSON.stringify(name);
}
