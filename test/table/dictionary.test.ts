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

  it('makes values appended by count into strings only when they are read, in code order', () => {
    const d = new Dictionary(['a']);
    let calls = 0;
    const first = d.appendLater(2, () => {
      calls++;
      return ['b', 'c'];
    });
    expect(first).toBe(1);
    expect(d.appendLater(1, () => ['d'])).toBe(3);
    expect(d.size).toBe(4);
    expect(calls).toBe(0);
    expect(d.get(2)).toBe('c');
    expect(calls).toBe(1);
    expect(d.values).toEqual(['a', 'b', 'c', 'd']);
    // a search after the decode finds them, and interning goes on after them
    expect(d.codeOf('d')).toBe(3);
    expect(d.intern('e')).toBe(4);
    d.appendLater(1, () => ['f']);
    expect(d.codeOf('f')).toBe(5);
    expect(calls).toBe(1);
  });
});
