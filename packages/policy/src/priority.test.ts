import { describe, expect, it } from 'vitest';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';
import { priority } from './priority.js';

describe('priority', () => {
  it('explains the score by its reasons, largest first', async () => {
    const ctx = discountApproval(people.director);
    ctx.now = '2026-07-02T15:20:00Z'; // due 16:00: within the hour
    const v1 = await priority(shippedPolicy('DISCOUNT_APPROVAL@1'), ctx);
    expect(v1).toMatchObject({
      priorityScore: 145,
      reasons: ['REGULATORY_RISK:+50', 'HIGH_VALUE_QUOTE:+40', 'PLATINUM_CUSTOMER:+30', 'DUE_WITHIN_1H:+15', 'BASE_DISCOUNT_APPROVAL:+10'],
      model: 'CPQ_OMS_PRIORITY@1',
    });
    // The trace tells which rules did not fire and why: OVERDUE's minutesUntilDue was 40.
    expect(v1.trace.find((t) => t.name === 'OVERDUE')).toMatchObject({ fired: false, trace: { all: [{ fact: 'item', path: 'minutesUntilDue', factValue: 40, result: false }] } });
    const v2 = await priority(shippedPolicy('DISCOUNT_APPROVAL@2'), ctx, { evaluator: 'compiled' });
    expect(v2.reasons).toEqual(['HIGH_VALUE_QUOTE:+50', 'REGULATORY_RISK:+50', 'PLATINUM_CUSTOMER:+30', 'DUE_WITHIN_1H:+20', 'BASE_DISCOUNT_APPROVAL:+10']);
    expect(v2.priorityScore).toBe(160);
  });

  it('time-dependent weights follow `now`: overdue replaces due-within-1h', async () => {
    const ctx = discountApproval(people.director);
    ctx.now = '2026-07-02T16:30:00Z';
    const result = await priority(shippedPolicy('DISCOUNT_APPROVAL@1'), ctx);
    expect(result.reasons).toContain('OVERDUE:+35');
    expect(result.reasons.some((r) => r.startsWith('DUE_WITHIN_1H'))).toBe(false);
  });
});
