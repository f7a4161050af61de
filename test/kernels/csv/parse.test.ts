/** parseCsvRange rules, one at a time: newlines, quoting, nulls, skipping, blank and comment lines, ragged lines, chunks. */
import { KernelInvariantError } from '../../../kernels/errors.js';
import { describe, expect, it } from 'vitest';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import type { CsvColumnKind, CsvParseSpec } from '../../../kernels/csv/spec.js';
import { checkChunks, decode, simpleSpec, utf8 } from './helpers.js';

function run(text: string, spec: CsvParseSpec) {
  const bytes = utf8(text);
  const result = parseCsvRange(bytes, 0, bytes.length, spec);
  checkChunks(result, spec.chunkSize);
  return { result, cols: decode(result) };
}

function cols(text: string, kinds: CsvColumnKind[], extra: Partial<CsvParseSpec> = {}) {
  return run(text, simpleSpec(kinds, extra)).cols;
}

describe('parseCsvRange', () => {
  it('parses an H2O-shaped file into typed columns with per-range dictionaries', () => {
    const text =
      'id016,id039,id0000095832,23,74,95832,5,4,7.743712\nid010,id053,id0000073336,61,65,69135,4,3,87.378022\nid016,id053,id0000095832,1,2,3,4,5,0.000001\n';
    const kinds: CsvColumnKind[] = ['utf8', 'utf8', 'utf8', 'int32', 'int32', 'int32', 'int32', 'int32', 'float64'];
    const { result, cols: c } = run(text, simpleSpec(kinds, { chunkSize: 2 }));
    expect(result.rows).toBe(3);
    expect(result.end).toBe(utf8(text).length);
    expect(c).toEqual([
      ['id016', 'id010', 'id016'],
      ['id039', 'id053', 'id053'],
      ['id0000095832', 'id0000073336', 'id0000095832'],
      [23, 61, 1],
      [74, 65, 2],
      [95832, 69135, 3],
      [5, 4, 4],
      [4, 3, 5],
      [7.743712, 87.378022, 0.000001],
    ]);
    expect(result.columns[0]!.dictionary).toEqual(['id016', 'id010']);
    expect(Array.from(result.columns[0]!.chunks[0]!.values as Int32Array)).toEqual([0, 1]);
    expect(result.columns[0]!.chunks.map((ch) => ch.length)).toEqual([2, 1]);
  });

  it('reads every kind, including int64 past 2^53, negative timestamps and packed booleans', () => {
    const text = [
      '1,9007199254740993,1.5,true,x,2024-02-29,1969-12-31T23:59:59.999Z',
      '-2,-9223372036854775808,-inf,FALSE,y,1970-01-01,2024-01-01 00:00:00+01:00',
      '3,123,NaN,True,x,0001-01-01,1970-01-01',
    ].join('\n');
    const c = cols(text, ['int32', 'int64', 'float64', 'boolean', 'utf8', 'date', 'timestamp']);
    expect(c).toEqual([
      [1, -2, 3],
      [9007199254740993n, -(2n ** 63n), 123n],
      [1.5, -Infinity, NaN],
      [true, false, true],
      ['x', 'y', 'x'],
      [19782, 0, -719162],
      [-1, Date.UTC(2023, 11, 31, 23), 0],
    ]);
  });

  it('packs booleans across bytes and chunks', () => {
    const values = Array.from({ length: 21 }, (_, i) => i % 3 === 0);
    const c = cols(values.map((v) => (v ? 'true' : 'false')).join('\n'), ['boolean'], { chunkSize: 10 });
    expect(c[0]).toEqual(values);
  });

  it('accepts LF and CRLF, with or without a final newline; a lone CR is data', () => {
    for (const nl of ['\n', '\r\n']) {
      expect(cols(`a,1${nl}b,2${nl}`, ['utf8', 'int32'])).toEqual([
        ['a', 'b'],
        [1, 2],
      ]);
      expect(cols(`a,1${nl}b,2`, ['utf8', 'int32'])).toEqual([
        ['a', 'b'],
        [1, 2],
      ]);
      expect(cols(`a,1.5${nl}"b",2e3${nl}`, ['utf8', 'float64'])).toEqual([
        ['a', 'b'],
        [1.5, 2000],
      ]);
    }
    expect(cols('a\rb,c\r\n', ['utf8', 'utf8'])).toEqual([['a\rb'], ['c']]);
    expect(cols('x,y\r', ['utf8', 'utf8'])).toEqual([['x'], ['y\r']]);
  });

  it('unquotes fields with delimiters, newlines and doubled quotes, for every kind', () => {
    const text = '"a,b","say ""hi""\r\nthere","12","1.5"\n"""","","-7","nan"\r\n';
    expect(cols(text, ['utf8', 'utf8', 'int32', 'float64'])).toEqual([
      ['a,b', '"'],
      ['say "hi"\r\nthere', null],
      [12, -7],
      [1.5, NaN],
    ]);
  });

  it('makes empty fields and per-column null values null, quoted or not', () => {
    const spec: CsvParseSpec = {
      ...simpleSpec(['utf8', 'int32', 'float64']),
      columns: [
        { kind: 'utf8', nullValues: [utf8('NA'), utf8('')] },
        { kind: 'int32', nullValues: [utf8('-999')] },
        { kind: 'float64', nullValues: [utf8('NA')] },
      ],
    };
    const { cols: c } = run('NA,-999,NA\n"NA",,\n,"-999",1\n"",5,""\nNAN,-9990,2\n"N""A",1,nan', spec);
    expect(c).toEqual([
      [null, null, null, null, 'NAN', 'N"A'],
      [null, null, null, 5, -9990, 1],
      [null, null, 1, null, 2, NaN],
    ]);
  });

  it('does not materialize skipped columns and does not parse them', () => {
    const { result, cols: c } = run('x,not a number,1\ny,"also, not",2\n', simpleSpec(['skip', 'skip', 'int32']));
    expect(result.columns.map((col) => col.column)).toEqual([2]);
    expect(c).toEqual([[1, 2]]);
  });

  it('skips blank lines, in a one-column file too, where a null is written ""', () => {
    expect(cols('\n1,2\n\n\r\n3,4\n\n', ['int32', 'int32'])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(cols('1\n\n2\r\n\r\n3\n', ['int32'])).toEqual([[1, 2, 3]]);
    expect(cols('1\n""\n2\r\n""\r\n3\n', ['int32'])).toEqual([[1, null, 2, null, 3]]);
    expect(cols('', ['int32', 'int32'])).toEqual([[], []]);
  });

  it('skips comment lines, whose quotes must pair up', () => {
    const spec = simpleSpec(['utf8', 'int32'], { dialect: { delimiter: 44, quote: 34, comment: utf8('//') } });
    expect(run('// head "x", y\na,1\n//\n"//b",2\n/c,3\n// tail', spec).cols).toEqual([
      ['a', '//b', '/c'],
      [1, 2, 3],
    ]);
    expect(() => run('a,1\n// don"t\nb,2\n', spec)).toThrow(/comment-quote/);
  });

  it('pads short and truncates long records when asked, and fails otherwise', () => {
    const text = '1,a,x\n2\n3,c,z,extra,"more\nlines"\n';
    expect(cols(text, ['int32', 'utf8', 'skip'], { truncateRaggedLines: true })).toEqual([
      [1, 2, 3],
      ['a', null, 'c'],
    ]);
    expect(() => cols(text, ['int32', 'utf8', 'skip'])).toThrow(/field-count/);
  });

  it('keeps chunks full when short ragged records pack many rows into few bytes', () => {
    const text = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? String(i % 10) : `${i % 10},x,y`)).join('\n');
    const { result, cols: c } = run(text, simpleSpec(['int32', 'utf8', 'skip'], { chunkSize: 7, truncateRaggedLines: true }));
    expect(result.columns[0]!.chunks.map((ch) => ch.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    expect(c[1]).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? null : 'x')));
  });

  it('stops after maxRows and reports where it stopped', () => {
    const text = '1\n2\n3\n4\n';
    const { result, cols: c } = run(text, simpleSpec(['int32'], { maxRows: 2, chunkSize: 1 }));
    expect(c).toEqual([[1, 2]]);
    expect(result.end).toBe(4);
    const rest = parseCsvRange(utf8(text), result.end, text.length, simpleSpec(['int32']));
    expect(decode(rest)).toEqual([[3, 4]]);
  });

  it('reads the last record past end, and nothing that starts at or after end', () => {
    const text = '1,"a\nb"\n2,c\n3,d\n';
    const bytes = utf8(text);
    const first = parseCsvRange(bytes, 0, 5, simpleSpec(['int32', 'utf8']));
    expect(decode(first)).toEqual([[1], ['a\nb']]);
    expect(first.end).toBe(8);
    expect(decode(parseCsvRange(bytes, 8, 12, simpleSpec(['int32', 'utf8'])))).toEqual([[2], ['c']]);
  });

  it('treats quotes as data when quoting is off, and supports other delimiters', () => {
    const spec = simpleSpec(['utf8', 'int32'], { dialect: { delimiter: 9, quote: null, comment: null } });
    expect(run('"a,b"\t1\nc"\t2\n', spec).cols).toEqual([
      ['"a,b"', 'c"'],
      [1, 2],
    ]);
    const semi = simpleSpec(['utf8', 'float64'], { dialect: { delimiter: 59, quote: 39, comment: null } });
    expect(run("'x;y';1.25\n'it''s';-0\n", semi).cols).toEqual([
      ['x;y', "it's"],
      [1.25, -0],
    ]);
  });

  it('reads numbers when the delimiter is a sign or a decimal point', () => {
    const minus = simpleSpec(['int32', 'float64', 'int32'], { dialect: { delimiter: 45, quote: 34, comment: null } });
    expect(run('1-2.5-3\n-1.5-\n', minus).cols).toEqual([
      [1, null],
      [2.5, 1.5],
      [3, null],
    ]);
    const dot = simpleSpec(['int32', 'float64', 'float64'], { dialect: { delimiter: 46, quote: 34, comment: null } });
    expect(run('1.-2."3.5"\n-7.1e3.\n', dot).cols).toEqual([
      [1, -7],
      [-2, 1000],
      [3.5, null],
    ]);
    expect(() => run('1', simpleSpec(['int32'], { dialect: { delimiter: 48, quote: 34, comment: null } }))).toThrow(KernelInvariantError);
  });

  it('drops the validity bitmap of chunks without nulls', () => {
    const { result } = run('1\n2\n""\n4\n5\n', simpleSpec(['int32'], { chunkSize: 2 }));
    expect(result.columns[0]!.chunks.map((ch) => [ch.length, ch.nullCount, ch.validity === null])).toEqual([
      [2, 0, true],
      [2, 1, false],
      [1, 0, true],
    ]);
  });

  it('hands back plain data that structuredClone shares rather than copies', () => {
    const spec = simpleSpec(['utf8', 'float64'], { columns: [{ kind: 'utf8', nullValues: [utf8('NA')] }, { kind: 'float64' }] });
    const { result } = run('a,1\nNA,2\n', structuredClone(spec));
    const copy = structuredClone(result);
    expect(decode(copy)).toEqual(decode(result));
    const values = copy.columns[1]!.chunks[0]!.values as Float64Array;
    (result.columns[1]!.chunks[0]!.values as Float64Array)[0] = 42;
    expect(values[0]).toBe(42);
  });

  it('rejects bad dialects and specs', () => {
    expect(() => cols('a', ['utf8'], { dialect: { delimiter: 10, quote: 34, comment: null } })).toThrow(KernelInvariantError);
    expect(() => cols('a', ['utf8'], { dialect: { delimiter: 34, quote: 34, comment: null } })).toThrow(KernelInvariantError);
    expect(() => cols('a', ['utf8'], { dialect: { delimiter: 44, quote: 13, comment: null } })).toThrow(KernelInvariantError);
    expect(() => cols('a', ['utf8'], { chunkSize: 0 })).toThrow(KernelInvariantError);
    expect(() => cols('a', [])).toThrow(KernelInvariantError);
  });
});
