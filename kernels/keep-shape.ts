/** Object shapes kept alive for a thread's life, so the optimized code that depends on them stays. */

const kept: object[] = [];

/**
 * Keep `instance` alive for the life of this thread. V8 lets an object shape (a "map") die once
 * no object has it, and throws away every optimized function that checks for it ("weak objects").
 * A class whose instances each live one task loses its shape at the first collection that finds
 * none alive: the CSV tokenizer's ColumnWriter lives one byte range, so between two reads its
 * shape died and the tokenizer's hot functions were thrown away and recompiled on every read
 * (about 130 ms of compiling per 1e7-row H2O read over the process's threads, besides the time
 * run unoptimized meanwhile). One instance kept per class keeps the shape.
 *
 * @example
 * keepShape(new QuotedFieldReader(34, 44));
 */
export function keepShape(instance: object): void {
  kept.push(instance);
}
