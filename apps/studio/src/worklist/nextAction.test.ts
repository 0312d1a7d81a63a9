import { describe, expect, it } from 'vitest';
import { blockerOf, nextAction } from './nextAction.js';

describe('nextAction', () => {
  it('offers an escalated item to be claimed, and calls only finished items closed', () => {
    expect(nextAction({ state: 'escalated' }, 'dana')).toBe('Escalated: claim and decide');
    expect(nextAction({ state: 'available' }, 'dana')).toBe('Claim and decide');
    for (const state of ['decided', 'completed', 'cancelled', 'obsolete', 'expired']) expect(nextAction({ state }, 'dana')).toBe('None: the item is closed');
  });

  it('names why an obsolete or expired item ended', () => {
    expect(blockerOf({ state: 'expired', outcomeReason: 'EXPIRED' })).toBe('EXPIRED');
    expect(blockerOf({ state: 'expired' })).toBe('Expired');
    expect(blockerOf({ state: 'obsolete', outcomeReason: 'OBSOLETE_BUSINESS_OBJECT_CHANGED' })).toBe('OBSOLETE_BUSINESS_OBJECT_CHANGED');
    expect(blockerOf({ state: 'escalated' })).toBeUndefined();
  });
});
