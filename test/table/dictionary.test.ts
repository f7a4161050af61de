/** The string dictionary: codes by position, a lookup built only when something searches by string. */
import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../src/table/dictionary.js';

describe('Dictionary', () => {
  it('appends values known to be distinct, and finds them afterwards by string', () => {
    const d = new Dictionary(['a']);
    expect(d.appendDistinct(['x', 'b', 'c', 'y'], 1, 3)).toBe(1);
    expect(d.values).toEqual(['a', 'b', 'c']);
    expect(d.codeOf('c')).toBe(2);
    expect(d.codeOf('x')).toBe(-1);
    expect(d.intern('b')).toBe(1);
    expect(d.intern('d')).toBe(3);
  });

  it('keeps the lookup true when values are appended after a search', () => {
    const d = new Dictionary();
    expect(d.codeOf('a')).toBe(-1);
    d.appendDistinct(['a', 'b'], 0, 2);
    expect(d.codeOf('b')).toBe(1);
    expect(d.intern('a')).toBe(0);
    expect(d.size).toBe(2);
  });
});
