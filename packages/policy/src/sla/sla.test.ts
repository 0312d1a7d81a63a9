import { describe, expect, it } from 'vitest';
import { operators, unknownOutcome } from '../../test-support/fallout.js';
import { discountApproval, people, shippedPolicy } from '../../test-support/scenario.js';
import { sla } from './sla.js';

describe('sla', () => {
  it('a normal discount approval is due in 8 business hours (v1) and 4 (v2), escalating to sales managers', async () => {
    const ctx = discountApproval(people.director);
    ctx.businessObject = { ...ctx.businessObject, totalAmount: 90_000 };
    ctx.item = { ...ctx.item, createdAt: '2026-07-03T12:00:00Z' }; // Fri 14:00 CEST
    const v1 = await sla(shippedPolicy('DISCOUNT_APPROVAL@1'), ctx);
    expect(v1).toMatchObject({
      policy: 'QUOTE_APPROVAL_SLA@1',
      appliedRule: 'default',
      reason: 'no rule matched: default terms',
      dueAt: '2026-07-06T10:00:00.000Z', // 4h Friday, 4h Monday from 08:00 CEST
      warnAt: '2026-07-06T09:00:00.000Z',
      escalateAt: '2026-07-06T10:00:00.000Z',
    });
    expect(v1.terms.escalationGroup).toBe('sales-managers');
    const v2 = await sla(shippedPolicy('DISCOUNT_APPROVAL@2'), ctx, { evaluator: 'compiled' });
    expect(v2.dueAt).toBe('2026-07-03T16:00:00.000Z'); // 14:00 + 4h = 18:00 CEST
  });

  it('a high-value quote gets 2 business hours, escalated to regional directors, and says why', async () => {
    const ctx = discountApproval(people.director); // 420,000 EUR, created Thu 10:00 CEST
    const result = await sla(shippedPolicy('DISCOUNT_APPROVAL@2'), ctx);
    expect(result).toMatchObject({ appliedRule: 'HIGH_VALUE_QUOTE', reason: 'rule HIGH_VALUE_QUOTE matched', dueAt: '2026-07-02T10:00:00.000Z' });
    expect(result.terms.escalationGroup).toBe('regional-sales-directors');
    expect(result).toMatchObject({ state: 'breached', breached: true }); // now = 12:00 CEST
    const early = await sla(shippedPolicy('DISCOUNT_APPROVAL@2'), { ...ctx, now: '2026-07-02T09:40:00Z' });
    expect(early).toMatchObject({ state: 'warning', breached: false });
  });

  it('customer-impacting fallout runs on wall-clock time: 1 hour, escalated to operations leads', async () => {
    const ctx = unknownOutcome(operators.operator, { status: 'NOT_STARTED' });
    const result = await sla(shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2'), ctx);
    expect(result.terms).toMatchObject({ dueIn: 'PT1H', basis: 'calendar', escalationGroup: 'operations-leads' });
    expect(result.dueAt).toBe('2026-07-02T15:15:30.000Z');
  });
});
