// Regression tests for holes an independent review found: each would let an actor do or see
// something the design says they must not (docs/policy.md).
import { describe, expect, it } from 'vitest';
import { operators, unknownOutcome } from '../test-support/fallout.js';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';
import { actionBadges, allowedActions } from './allowedActions.js';
import { authorityOf } from './facts/buildFacts.js';
import { PolicyInputError, type Actor } from './PolicyInput.js';
import { priority } from './priority.js';
import { compiledEvaluator, RuleCompileError } from './rules/compiledEvaluator.js';
import { jsonRulesEngineEvaluator } from './rules/jsonRulesEngineEvaluator.js';
import type { RuleSpec } from './rules/RuleSpec.js';
import { sla } from './sla/sla.js';
import { validateDecision } from './validateDecision.js';

const approval = shippedPolicy('DISCOUNT_APPROVAL@2');

describe('evaluator agreement on inherited names', () => {
  it('a path step named like an array method reads nothing from an array, in both evaluators', async () => {
    const rules: RuleSpec[] = ['values', 'at', 'some', 'length', 'constructor', 'toString'].map((key) => ({
      name: key,
      conditions: { all: [{ fact: 'evidence', path: `reconciliation.${key}`, operator: 'isPresent', value: true }] },
      event: { type: 'X' },
    }));
    for (const reconciliation of [['x'], { values: 1 }, {}]) {
      const facts = { evidence: { reconciliation } };
      expect(await compiledEvaluator(rules).evaluate(facts)).toEqual(await jsonRulesEngineEvaluator(rules).evaluate(facts));
    }
    expect(compiledEvaluator(rules).firedSync({ evidence: { reconciliation: ['x'] } })).toEqual([false, false, false, true, false, false]);
  });

  it('condition priorities are refused by the compiler (and by the definitions schema)', () => {
    const rule = { name: 'R', conditions: { all: [{ fact: 'item', path: 'state', operator: 'equal', value: 'claimed', priority: 5 }] }, event: { type: 'X' } } as unknown as RuleSpec;
    expect(() => compiledEvaluator([rule])).toThrow(RuleCompileError);
  });
});

describe('authorisation holes', () => {
  it('an actor of another tenant can neither claim nor decide, whatever the grant', async () => {
    const foreign: Actor = { ...people.salesManager, tenant: 'GLOBEX' };
    const ctx = discountApproval(foreign);
    ctx.evidence = { ...ctx.evidence, requestedDiscountPercent: 10 };
    const actions = (await allowedActions(approval, ctx)).actions;
    expect(actions.filter((a) => a.kind !== 'forbidden').every((a) => !a.enabled && a.disabledReason === 'TENANT_MISMATCH')).toBe(true);
    const result = await validateDecision(approval, ctx, { decision: 'APPROVE', reasonCode: 'COMPETITIVE_MATCH', comment: 'x', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(result.violations.map((v) => v.code)).toContain('TENANT_MISMATCH');
  });

  it('fulfilment fallout (v2) cannot be resolved without the reconciliation result', () => {
    const fallout = shippedPolicy('FULFILLMENT_FALLOUT@2');
    const none = actionBadges(fallout, unknownOutcome(operators.operator, { status: 'NOT_STARTED' }, 'FULFILLMENT_FALLOUT'));
    expect(none.find((b) => b.code === 'CONFIRM_EXTERNAL_SUCCESS')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    expect(none.find((b) => b.code === 'RETRY_STEP')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    const found = actionBadges(fallout, unknownOutcome(operators.operator, { status: 'COMPLETED', result: 'FOUND' }, 'FULFILLMENT_FALLOUT'));
    expect(found.find((b) => b.code === 'CONFIRM_EXTERNAL_SUCCESS')).toMatchObject({ enabled: true });
    expect(found.find((b) => b.code === 'RETRY_STEP')).toMatchObject({ enabled: false, disabledReason: 'NO_EFFECT_NOT_CONFIRMED' });
  });

  it('the form cannot carry another reason than the command (second approval bypass)', async () => {
    const result = await validateDecision(approval, discountApproval(people.financeApprover), {
      decision: 'APPROVE',
      reasonCode: 'STRATEGIC_CUSTOMER_RETENTION',
      comment: 'x',
      acknowledged: true,
      expectedBusinessObjectVersion: 12,
      form: { decision: 'APPROVE', reasonCode: 'PRICE_BOOK_EXCEPTION', comment: 'x' },
    });
    expect(result.ok).toBe(false);
    expect(result.violations).toContainEqual(expect.objectContaining({ code: 'DECISION_PAYLOAD_INVALID', pointer: '/reasonCode' }));
  });

  it('an amount limit holds in its own currency only', () => {
    const compensation = shippedPolicy('COMPENSATION_APPROVAL@1');
    const grant = compensation.pinned.authority!.grants.find((g) => g.limits.compensationAmount !== undefined && g.currency)!;
    const base = discountApproval({ ...people.financeApprover, roles: grant.roles });
    const ctx = { ...base, item: { ...base.item, tenant: grant.tenants?.[0] ?? base.item.tenant, region: grant.regions?.[0] ?? base.item.region, productFamily: grant.productFamilies?.[0] ?? base.item.productFamily } };
    const inCurrency = authorityOf(compensation.pinned.taskType, compensation.pinned.authority, { ...ctx, businessObject: { ...ctx.businessObject, currency: grant.currency } });
    expect(inCurrency.limit).toBeDefined();
    const other = grant.currency === 'GBP' ? 'EUR' : 'GBP';
    const foreign = authorityOf(compensation.pinned.taskType, compensation.pinned.authority, { ...ctx, businessObject: { ...ctx.businessObject, currency: other } });
    expect(foreign.grant).not.toBe(grant.name);
  });

  it('an unknown current revision is not proof of freshness', async () => {
    const ctx = discountApproval(people.financeApprover);
    const { revision: _unknown, ...withoutRevision } = ctx.businessObject;
    const result = await validateDecision(approval, { ...ctx, businessObject: withoutRevision }, { decision: 'APPROVE', reasonCode: 'COMPETITIVE_MATCH', comment: 'x', acknowledged: true, expectedBusinessObjectVersion: 12 });
    expect(result.violations.map((v) => v.code)).toEqual(['STALE_BUSINESS_OBJECT']);
  });
});

describe('malformed contexts are refused, not guessed', () => {
  it('instants without an offset would depend on the host time zone', async () => {
    const ctx = discountApproval(people.director);
    await expect(sla(approval, { ...ctx, now: '2026-07-02T15:30:00' })).rejects.toThrow(PolicyInputError);
    await expect(sla(approval, { ...ctx, item: { ...ctx.item, createdAt: '2026-07-02T08:00:00' } })).rejects.toThrow(/offset/);
  });

  it('evidence must be an object', () => {
    const ctx = unknownOutcome(operators.operator, {});
    expect(() => actionBadges(shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2'), { ...ctx, evidence: 'FOUND' as unknown as Record<string, unknown> })).toThrow(PolicyInputError);
  });
});

describe('traces never carry what the actor may not see', () => {
  it('a partner sees no reconciliation result or quote amount in any trace', async () => {
    const fallout = shippedPolicy('FULFILLMENT_FALLOUT@2');
    const partner: Actor = { id: 'u-partner', roles: ['PARTNER_AGENT'], groups: ['fulfillment-operations'], tenant: 'ACME_US' };
    const ctx = unknownOutcome(partner, { status: 'COMPLETED', result: 'NOT_FOUND' }, 'FULFILLMENT_FALLOUT');
    ctx.businessObject = { ...ctx.businessObject, totalAmount: 987654 };
    for (const result of [await allowedActions(fallout, ctx), await priority(fallout, ctx), await sla(fallout, ctx)]) {
      // The rules' own constants ("value") may show; the partner's data ("factValue") may not.
      const text = JSON.stringify(result);
      expect(text).not.toContain('"factValue":"NOT_FOUND"');
      expect(text).not.toContain('987654');
      expect(text).toContain('"factValue":"[redacted]"');
    }
  });

  it('a sales rep sees the margin in no trace; the finance approver does', async () => {
    const rule = { name: 'MARGIN_RISK', conditions: { all: [{ fact: 'evidence', path: 'marginImpactPercent', operator: 'lessThan', value: 0 }] }, event: { type: 'PRIORITY_WEIGHT', params: { weight: 5 } } };
    const policy = shippedPolicy('DISCOUNT_APPROVAL@2');
    const withRule = { ...policy, priority: { ...policy.priority, rules: [rule], evaluator: () => jsonRulesEngineEvaluator([rule]), compiled: () => compiledEvaluator([rule]) } };
    const rep = JSON.stringify(await priority(withRule, discountApproval(people.salesRep)));
    expect(rep).not.toContain('-4.2');
    expect(rep).toContain('[redacted]');
    expect(JSON.stringify(await priority(withRule, discountApproval(people.financeApprover)))).toContain('-4.2');
  });
});
