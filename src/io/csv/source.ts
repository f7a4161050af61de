/** Turning a CSV source (file path, Buffer, bytes, text) into one string for the parser. */
import { readFile } from 'node:fs/promises';
import { CsvError } from './errors.js';

/** CSV text with the name its errors carry. */
export interface CsvText {
  readonly text: string;
  readonly file: string;
}

/**
 * Read a file as UTF-8. A missing or unreadable file becomes a CsvError naming the path.
 *
 * @example
 * const { text } = await readCsvFile('data.csv');
 */
export async function readCsvFile(path: string): Promise<CsvText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    let why = err.code === 'ENOENT' ? 'file not found' : (err.message ?? String(e));
    // CSV text passed where a path belongs is an easy slip to make
    if (err.code === 'ENOENT' && /[\r\n]/.test(path)) why += ' (readCsv takes a path; use readCsvString for CSV text)';
    throw new CsvError(path, null, null, `cannot read file: ${why}`);
  }
  return { text: decodeCsvBytes(bytes, path), file: path };
}

/**
 * Decode UTF-8 bytes, dropping a leading BOM.
 *
 * @example
 * decodeCsvBytes(Buffer.from('\uFEFFa\n1'), '<buffer>'); // 'a\n1'
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string): string {
  try {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return stripBom(buf.toString('utf8'));
  } catch (e) {
    // V8 caps strings near 512 MiB; larger files wait for the byte tokenizer
    throw new CsvError(file, null, null, `cannot decode as one UTF-8 string (${bytes.byteLength} bytes): ${(e as Error).message}`);
  }
}

/**
 * Drop a UTF-8 byte order mark, which editors on Windows put before the header.
 *
 * @example
 * stripBom('\uFEFFid,v'); // 'id,v'
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
