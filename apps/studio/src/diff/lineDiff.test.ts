import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff.js';

describe('lineDiff', () => {
  it('keeps common lines and marks removed and added ones', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'removed', left: 'b' },
      { kind: 'added', right: 'x' },
      { kind: 'same', left: 'c', right: 'c' },
      { kind: 'added', right: 'd' },
    ]);
  });

  it('handles empty sides', () => {
    expect(lineDiff([], ['a'])).toEqual([{ kind: 'added', right: 'a' }]);
    expect(lineDiff(['a'], [])).toEqual([{ kind: 'removed', left: 'a' }]);
    expect(lineDiff([], [])).toEqual([]);
  });

  it('puts the removed lines of a replaced block before the added ones', () => {
    expect(lineDiff(['a', 'b', 'c', 'd'], ['a', 'x', 'y', 'd'])).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'removed', left: 'b' },
      { kind: 'removed', left: 'c' },
      { kind: 'added', right: 'x' },
      { kind: 'added', right: 'y' },
      { kind: 'same', left: 'd', right: 'd' },
    ]);
  });

  it('diffs documents of many thousand lines with one change', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i === 10_000 ? 'changed' : line));
    const rows = lineDiff(before, after);
    expect(rows.filter((r) => r.kind !== 'same')).toEqual([
      { kind: 'removed', left: 'line 10000' },
      { kind: 'added', right: 'changed' },
    ]);
    expect(rows).toHaveLength(20_001);
  });
});
