import { describe, expect, it } from 'vitest';
import { keyFromLabel, keyProblem, uniqueKey } from './fieldKey.js';

describe('field keys', () => {
  it('are the camelCase of the label, accents dropped', () => {
    expect(keyFromLabel('Credit amount')).toBe('creditAmount');
    expect(keyFromLabel('Customer informed?')).toBe('customerInformed');
    expect(keyFromLabel('Begründung (Detail)')).toBe('begrundungDetail');
    expect(keyFromLabel('Straße')).toBe('strasse');
    expect(keyFromLabel('2nd approver')).toBe('field2ndApprover');
    expect(keyFromLabel('  ')).toBe('field');
  });

  it('are unique, the built-in keys always taken', () => {
    expect(uniqueKey('creditAmount', [])).toBe('creditAmount');
    expect(uniqueKey('creditAmount', ['creditAmount', 'creditAmount2'])).toBe('creditAmount3');
    expect(uniqueKey('comment', [])).toBe('comment2');
    expect(keyProblem('reasonCode', [])).toBe('taken');
    expect(keyProblem('Credit', [])).toBe('pattern');
    expect(keyProblem('credit-amount', [])).toBe('pattern');
    expect(keyProblem('creditAmount', ['other'])).toBeUndefined();
  });
});
