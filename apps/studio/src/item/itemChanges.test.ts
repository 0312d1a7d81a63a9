import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n.js';
import { itemChanges, labelOf } from './itemChanges.js';

const t = i18n.getFixedT('en', 'item');

const base = {
  state: 'claimed',
  businessObject: { type: 'QUOTE', id: 'Q-1', version: 12, revision: 3 },
  assignee: 'dana',
  evidence: { requestedDiscountPercent: 32, customerName: 'Acme', lines: [{ sku: 'A' }] },
  rowVersion: 2,
  escalationLevel: 0,
};

describe('itemChanges', () => {
  it('lists business object, state and evidence changes, and nothing that stayed', () => {
    const after = { ...base, state: 'obsolete', outcomeReason: 'OBSOLETE_BUSINESS_OBJECT_CHANGED', businessObject: { ...base.businessObject, version: 13, revision: 4 }, evidence: { ...base.evidence, requestedDiscountPercent: 30, lines: [{ sku: 'B' }] } };
    expect(itemChanges(base, after, t)).toEqual([
      { label: 'QUOTE version', before: '12', after: '13' },
      { label: 'QUOTE revision', before: '3', after: '4' },
      { label: 'Status', before: 'claimed', after: 'obsolete' },
      { label: 'Outcome', before: '—', after: 'OBSOLETE_BUSINESS_OBJECT_CHANGED' },
      { label: 'Lines', before: '[{"sku":"A"}]', after: '[{"sku":"B"}]' },
      { label: 'Requested discount percent', before: '32', after: '30' },
    ]);
    expect(itemChanges(base, { ...base, rowVersion: 3 }, t)).toEqual([]);
  });

  it('labels camelCase and snake_case keys as words', () => {
    expect(labelOf('marginImpactPercent')).toBe('Margin impact percent');
    expect(labelOf('external_system-id')).toBe('External system id');
  });
});
