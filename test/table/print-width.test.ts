/** Printing lines up columns of wide characters: CJK and emoji take two terminal columns, combining marks none. */
import { describe, expect, it } from 'vitest';
import { DataFrame } from '../../src/index.js';

describe('printing wide and combining characters', () => {
  it('pads each cell by the columns a terminal gives it', () => {
    const df = new DataFrame({ s: ['中文', 'e\u0301', '😀', 'ab', '👨\u200d👩\u200d👧', 'ｆｕｌｌ'], n: [1, 2, 3, 4, 5, 6] });
    expect(df.toString()).toBe(
      [
        'shape: (6, 2)',
        '┌────────────┬─────┐',
        '│ s          ┆ n   │',
        '│ ---        ┆ --- │',
        '│ str        ┆ i32 │',
        '╞════════════╪═════╡',
        '│ "中文"     ┆ 1   │',
        '│ "e\u0301"        ┆ 2   │',
        '│ "😀"       ┆ 3   │',
        '│ "ab"       ┆ 4   │',
        '│ "👨\u200d👩\u200d👧"       ┆ 5   │',
        '│ "ｆｕｌｌ" ┆ 6   │',
        '└────────────┴─────┘',
      ].join('\n'),
    );
  });
});
