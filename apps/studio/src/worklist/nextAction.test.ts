import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n.js';
import { blockerOf, nextAction } from './nextAction.js';

const t = i18n.getFixedT('en', 'worklist');

describe('nextAction', () => {
  it('offers an escalated item to be claimed, and calls only finished items closed', () => {
    expect(nextAction({ state: 'escalated' }, 'dana', t)).toBe('Escalated: claim and decide');
    expect(nextAction({ state: 'available' }, 'dana', t)).toBe('Claim and decide');
    for (const state of ['decided', 'completed', 'cancelled', 'obsolete', 'expired']) expect(nextAction({ state }, 'dana', t)).toBe('None: the item is closed');
  });

  it('names why an obsolete or expired item ended', () => {
    expect(blockerOf({ state: 'expired', outcomeReason: 'EXPIRED' }, t)).toBe('EXPIRED');
    expect(blockerOf({ state: 'expired' }, t)).toBe('Expired');
    expect(blockerOf({ state: 'obsolete', outcomeReason: 'OBSOLETE_BUSINESS_OBJECT_CHANGED' }, t)).toBe('OBSOLETE_BUSINESS_OBJECT_CHANGED');
    expect(blockerOf({ state: 'escalated' }, t)).toBeUndefined();
  });
});
