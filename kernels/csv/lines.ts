/** Newline counting, for turning the byte offset of an error into a line number. */

const LF = 10;

/**
 * Number of LF bytes in [start, end). Newlines inside quoted fields count too, because line
 * numbers should match what an editor shows. Summed across ranges by the caller: the line of an
 * error at file offset `o` is `1 + countNewlines(file, 0, o)`.
 */
export function countNewlines(bytes: Uint8Array, start: number, end: number): number {
  // A view bounded at `end`, so the last search stops there instead of at the end of the buffer.
  const view = bytes.subarray(start, end);
  let n = 0;
  for (let i = view.indexOf(LF); i !== -1; i = view.indexOf(LF, i + 1)) n++;
  return n;
}
