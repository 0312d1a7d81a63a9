import { describe, expect, it } from 'vitest';
import { auditFilterOf, auditFilterProblem, instantOf } from './auditFilter.js';

describe('audit filter', () => {
  it('reads the query and lets route parameters win', () => {
    expect(auditFilterOf({}, new URLSearchParams('actor=gabe&from=2026-01-01T00:00:00Z&ignored=1'))).toEqual({ actor: 'gabe', from: '2026-01-01T00:00:00Z' });
    expect(auditFilterOf({ workItemId: 'w1' }, new URLSearchParams('workItemId=w2'))).toEqual({ workItemId: 'w1' });
    expect(auditFilterOf({ type: 'Quote', id: 'Q-1' }, new URLSearchParams())).toEqual({ businessObjectType: 'Quote', businessObjectId: 'Q-1' });
  });

  it('refuses a business object type without an id, and an inverted range', () => {
    expect(auditFilterProblem({ businessObjectType: 'Quote' })).toMatch(/id/);
    expect(auditFilterProblem({ businessObjectId: 'Q-1' })).toBeUndefined();
    expect(auditFilterProblem({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatch(/after/);
    expect(auditFilterProblem({ businessObjectType: 'Quote', businessObjectId: 'Q-1' })).toBeUndefined();
  });

  it('turns typed instants into ISO ones and leaves anything else alone', () => {
    expect(instantOf('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(instantOf('soon')).toBe('soon');
  });
});
