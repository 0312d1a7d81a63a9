import { describe, expect, it } from 'vitest';
import { baseVersionOf } from './baseVersionOf.js';

describe('baseVersionOf', () => {
  it('compares a candidate with the newest published or retired version before it', () => {
    const versions = [
      { version: 1, status: 'retired' as const },
      { version: 2, status: 'published' as const },
      { version: 3, status: 'in_review' as const },
    ];
    expect(baseVersionOf(versions, 3)).toBe(2);
  });

  it('skips a rejected draft in between but falls back to the previous version when nothing governs yet', () => {
    expect(baseVersionOf([{ version: 1, status: 'published' }, { version: 2, status: 'draft' }, { version: 3, status: 'in_review' }], 3)).toBe(1);
    expect(baseVersionOf([{ version: 1, status: 'draft' }, { version: 2, status: 'in_review' }], 2)).toBe(1);
    expect(baseVersionOf([{ version: 1, status: 'in_review' }], 1)).toBeUndefined();
  });
});
