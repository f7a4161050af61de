/** Boolean parsing straight from bytes. */

const CASE_BIT = 0x20;

/** 1 for `true`, 0 for `false` (any letter case), -1 for anything else. */
export function parseBooleanBytes(bytes: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len === 4) {
    return (bytes[start]! | CASE_BIT) === 0x74 &&
      (bytes[start + 1]! | CASE_BIT) === 0x72 &&
      (bytes[start + 2]! | CASE_BIT) === 0x75 &&
      (bytes[start + 3]! | CASE_BIT) === 0x65
      ? 1
      : -1;
  }
  if (len === 5) {
    return (bytes[start]! | CASE_BIT) === 0x66 &&
      (bytes[start + 1]! | CASE_BIT) === 0x61 &&
      (bytes[start + 2]! | CASE_BIT) === 0x6c &&
      (bytes[start + 3]! | CASE_BIT) === 0x73 &&
      (bytes[start + 4]! | CASE_BIT) === 0x65
      ? 0
      : -1;
  }
  return -1;
}
