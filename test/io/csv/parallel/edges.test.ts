/** The range reader on the files that break naive splitting: quoted newlines at range starts, CRLF, tiny and empty files. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvReport } from '../../../../src/io/csv/parallel/read.js';
import type { CsvReadOptions } from '../../../../src/io/csv/options.js';
import { readCsvText as readCsvString } from '../../../../src/io/csv/read.js';
import { fingerprint, outcome, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** Reads `text` from a file with both readers at every range size from 1 to `maxRange`, expecting one result. */
async function sameAtEveryRange(text: string, options: CsvReadOptions = {}, maxRange = text.length + 2): Promise<unknown> {
  const path = tmp.file(`e${n++}.csv`, text);
  const expected = await outcome(() => readCsvString(readFileSync(path, 'utf8'), { ...options, sourceName: path }));
  for (let rangeSize = 1; rangeSize <= maxRange; rangeSize++) {
    const got = await outcome(async () => {
      const r = await readCsvReport(path, { ...options, rangeSize });
      expect(r.onePieceFrom).toBeNull();
      return r.frame;
    });
    expect(got, `range size ${rangeSize}`).toEqual(expected);
  }
  return expected;
}

describe('range boundaries', () => {
  it('ranges starting inside quoted fields with newlines, delimiters and doubled quotes', async () => {
    const text = 'id,text,v\n1,"a\nb,c",1.5\n2,"""x""\n\n""y""",2\n3,"\n",3\n4,"say ""hi"",\nbye",4\n5,plain,5\n';
    const r = (await sameAtEveryRange(text)) as { columns: unknown[][] };
    expect(r.columns[1]).toEqual(['a\nb,c', '"x"\n\n"y"', '\n', 'say "hi",\nbye', 'plain']);
  });

  it('CRLF files, with CRLF inside quoted fields too', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n"3",""\r\n';
    const r = (await sameAtEveryRange(text)) as { columns: unknown[][] };
    expect(r.columns).toEqual([
      [1, 2, 3],
      ['x\r\ny', 'z', null],
    ]);
  });

  it('a file smaller than its number of ranges', async () => {
    const r = (await sameAtEveryRange('a,b\n1,2\n')) as { height: number };
    expect(r.height).toBe(1);
  });

  it('an empty file, a header-only file and one-row files', async () => {
    expect(await sameAtEveryRange('')).toMatchObject({ height: 0, fields: [] });
    expect(await sameAtEveryRange('a,b\n')).toMatchObject({ height: 0, fields: ['a:Utf8', 'b:Utf8'] });
    expect(await sameAtEveryRange('a,b')).toMatchObject({ height: 0, fields: ['a:Utf8', 'b:Utf8'] });
    expect(await sameAtEveryRange('a,b\n1,x\n')).toMatchObject({ height: 1, columns: [[1], ['x']] });
    expect(await sameAtEveryRange('a,b\n1,x')).toMatchObject({ height: 1, columns: [[1], ['x']] });
    expect(await sameAtEveryRange('1,x', { hasHeader: false })).toMatchObject({ height: 1, columns: [[1], ['x']] });
  });

  it('a byte order mark, blank lines and comments around range starts', async () => {
    const text = '\uFEFFa;b\n\n# c "q" ;\n1;x\n\n\n2;y\n# end\n';
    const r = (await sameAtEveryRange(text, { commentPrefix: '#' })) as { columns: unknown[][]; fields: string[] };
    expect(r.fields).toEqual(['a:Int32', 'b:Utf8']);
    expect(r.columns).toEqual([
      [1, 2],
      ['x', 'y'],
    ]);
  });
});

describe('records, not lines', () => {
  const text = 'junk,"skipped\nrow"\nid,v\n1,"one\nline"\n2,"two\n\nlines"\n3,three\n4,four\n';

  it('skipRows counts records whose quoted fields hold newlines', async () => {
    const r = (await sameAtEveryRange(text, { skipRows: 1 })) as { columns: unknown[][] };
    expect(r.columns[0]).toEqual([1, 2, 3, 4]);
  });

  it('nRows counts records, and stops the dictionaries at the last row kept', async () => {
    const r = (await sameAtEveryRange(text, { skipRows: 1, nRows: 2 })) as { columns: unknown[][]; dictionaries: unknown[] };
    expect(r.columns[1]).toEqual(['one\nline', 'two\n\nlines']);
    expect(r.dictionaries[1]).toEqual(['one\nline', 'two\n\nlines']);
  });
});

describe('dictionaries', () => {
  it('are in order of first appearance in the file, across ranges', async () => {
    const rows = ['k,v', ...Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(122 - ((i * 7) % 26))}${i % 3},${i}`)];
    const r = (await sameAtEveryRange(`${rows.join('\n')}\n`, {}, 64)) as { dictionaries: (string[] | null)[]; columns: unknown[][] };
    const firstSeen = [...new Set(r.columns[0] as string[])];
    expect(r.dictionaries[0]).toEqual(firstSeen);
  });
});

describe('invalid UTF-8', () => {
  it('two byte strings that decode to one string are one dictionary value, as in the string reader', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n'),
      Buffer.from([0xff]),
      Buffer.from(',1\n'),
      Buffer.from([0xfe]),
      Buffer.from(',2\nx,3\n'),
    ]);
    const path = tmp.file(`u${n++}.csv`, bytes);
    const expected = await outcome(() => readCsvString(readFileSync(path, 'utf8'), { sourceName: path }));
    for (const rangeSize of [1, 5, 1 << 20]) {
      const r = await readCsvReport(path, { rangeSize });
      expect(r.onePieceFrom).toBeNull();
      expect(fingerprint(r.frame)).toEqual(expected);
      expect(r.frame.getColumn('a').dictionary!.values).toEqual(['\uFFFD', 'x']);
    }
  });
});

describe('projection', () => {
  it('reads only the named columns and leaves the others unparsed', async () => {
    // "oops" in column b would fail an Int32 read: skipped, it is never converted
    const text = 'a,b,c\n1,2,x\n3,oops,y\n';
    const r = (await sameAtEveryRange(text, { columns: ['a', 'c'], dtypes: { b: 'Int32' } })) as { fields: string[] };
    expect(r.fields).toEqual(['a:Int32', 'c:Utf8']);
  });
});

describe('errors', () => {
  it('a bad value in a late range: the string reader message, with lines counted across ranges', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `${i},"t\n${i}"`).join('\n');
    const text = `n,t\n${body}\n7x,"last"\n`;
    const r = (await sameAtEveryRange(text, { inferSchemaLength: 5 }, 80)) as { error: string; line: number };
    expect(r.line).toBe(62);
    expect(r.error).toMatch(/line 62, column "n": cannot read "7x" as Int32/);
  });

  it('a record with too many fields and a bad value reports the field count, as the string reader does', async () => {
    const r = (await sameAtEveryRange('a,b\n1,2\nx,2,3\n', { dtypes: { a: 'Int32' } })) as { error: string; line: number };
    expect(r.line).toBe(3);
    expect(r.error).toMatch(/expected 2 fields but found 3/);
  });

  it('the first error in file order wins, whichever range fails first', async () => {
    const text = 'a,b\n1,2\n1,2,3\n4,5\nbad,6\n';
    const r = (await sameAtEveryRange(text, { dtypes: { a: 'Int32' } })) as { line: number };
    expect(r.line).toBe(3);
  });

  it('nRows stops before a bad record, as the string reader does', async () => {
    const r = (await sameAtEveryRange('a,b\n1,2\n3,4\nbad,6\n', { dtypes: { a: 'Int32' }, nRows: 2 })) as { height: number };
    expect(r.height).toBe(2);
  });
});

describe('files the string reader used to read, now read by the tokenizer', () => {
  /** Reads `text` as a file at several range sizes; the same frame as the text, and whether a stray quote sent the rest to one piece. */
  async function sameFrame(text: string, options: CsvReadOptions, onePiece: boolean): Promise<unknown> {
    const path = tmp.file(`s${n++}.csv`, text);
    const expected = fingerprint(await readCsvString(text, { ...options, sourceName: path }));
    for (const rangeSize of [1, 3, 1 << 20]) {
      const r = await readCsvReport(path, { ...options, rangeSize });
      expect(r.onePieceFrom !== null, `range size ${rangeSize}`).toBe(onePiece && rangeSize < text.length);
      expect(fingerprint(r.frame)).toEqual(expected);
    }
    return expected;
  }

  it('a quote inside an unquoted field is text: the rest of the file is parsed in one piece', async () => {
    const r = (await sameFrame('size,name\n12,"pizza"\n14,large 14" pizza\n', {}, true)) as { columns: unknown[][] };
    expect(r.columns[1]).toEqual(['pizza', 'large 14" pizza']);
  });

  it('records ending in a lone CR', async () => {
    const r = (await sameFrame('a,b\r1,2\r3,"x\ny"\r', {}, false)) as { columns: unknown[][] };
    expect(r.columns).toEqual([
      [1, 3],
      ['2', 'x\ny'],
    ]);
  });

  it('one-column files, whose blank lines are skipped', async () => {
    const r = (await sameFrame('a\n1\n\n2\n""\n', {}, false)) as { columns: unknown[][] };
    expect(r.columns).toEqual([[1, 2, null]]);
  });
});
