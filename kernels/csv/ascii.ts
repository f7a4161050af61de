/** Byte-to-string copies for text already known to be ASCII (validated numbers). */

const decoder = new TextDecoder();
/** Spread arguments are capped well below V8's limits; longer text goes through TextDecoder. */
const MAX_APPLY = 1024;

/** The text of ASCII bytes [start, end). UTF-8 decoding gives the same text, only slower for short inputs. */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const view = bytes.subarray(start, end);
  return view.length <= MAX_APPLY ? String.fromCharCode.apply(null, view as unknown as number[]) : decoder.decode(view);
}
