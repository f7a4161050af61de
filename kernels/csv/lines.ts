/** Newline counting, for turning the byte offset of an error into a line number. */
import { countByte } from './find-byte.js';

const LF = 10;

/**
 * Number of newline bytes (LF, or `newline` for a file whose records end in CR) in [start, end). Newlines inside quoted fields count too, because line
 * numbers should match what an editor shows. Summed across ranges by the caller: the line of an
 * error at file offset `o` is `1 + countNewlines(file, 0, o)`.
 */
export function countNewlines(bytes: Uint8Array, start: number, end: number, newline = LF): number {
  return countByte(bytes, start, end, newline);
}
