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
});
