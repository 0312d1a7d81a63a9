import { describe, expect, it } from 'vitest';
import { operators, unknownOutcome } from '../test-support/fallout.js';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';
import { actionBadges, allowedActions, type ActionAvailability } from './allowedActions.js';
import type { EvaluationOptions } from './evaluatePolicy.js';
import { priority } from './priority.js';
import type { EvaluatorKind } from './rules/RuleSpec.js';
import { sla } from './sla/sla.js';
import { validateDecision } from './validateDecision.js';
import { visibleView } from './visibleView.js';

const approval = shippedPolicy('DISCOUNT_APPROVAL@2');
const evaluators: EvaluatorKind[] = ['json-rules-engine', 'compiled'];

function find(actions: ActionAvailability[], kind: string, code: string): ActionAvailability {
  const found = actions.find((a) => a.kind === kind && a.code === code);
  if (!found) throw new Error(`no ${kind} ${code}`);
  return found;
}

describe.each(evaluators)('allowedActions (%s)', (evaluator) => {
  const actionsFor = async (ctx: Parameters<typeof allowedActions>[1]) => (await allowedActions(approval, ctx, { evaluator })).actions;

  it('a candidate without authority for the discount cannot approve; one with authority can', async () => {
    // The sales manager is in a candidate group, but his limit is 15% and 32% is asked.
    const manager = find(await actionsFor(discountApproval(people.salesManager)), 'decision', 'APPROVE');
    expect(manager).toMatchObject({ enabled: false, disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' });
    const authorityLeaf = manager.trace && 'all' in manager.trace ? manager.trace.all.find((c) => c.name === 'AUTHORITY_LIMIT_EXCEEDED') : undefined;
    expect(authorityLeaf).toMatchObject({ fact: 'evidence', path: 'requestedDiscountPercent', factValue: 32, result: false });
    // The EMEA director's grant covers 35% for this tenant and region.
    expect(find(await actionsFor(discountApproval(people.director)), 'decision', 'APPROVE')).toMatchObject({ enabled: true });

    const finance = find(await actionsFor(discountApproval(people.financeApprover)), 'decision', 'APPROVE');
    expect(finance).toMatchObject({ enabled: true, failedChecks: [] });
    expect(finance.requiredFields).toEqual(['comment', 'reasonCode']);
    expect(finance.requiredAcknowledgements).toEqual(['This approval allows a discount above your standard limit for this quote revision.']);
    expect(finance.secondApprovalReasonCodes).toEqual(['COMPETITIVE_MATCH', 'REGULATORY_REVIEW_REQUIRED', 'PRICE_BOOK_EXCEPTION']);
  });

  it('a discount within the limit is approvable by the same manager; outside the grant scope it is not', async () => {
    const ctx = discountApproval(people.salesManager);
    ctx.evidence = { ...ctx.evidence, requestedDiscountPercent: 12 };
    expect(find(await actionsFor(ctx), 'decision', 'APPROVE')).toMatchObject({ enabled: true });
    const director = discountApproval(people.director);
    director.item = { ...director.item, region: 'APAC', tenant: 'ACME_APAC', productFamily: 'MOBILE' }; // the APAC grant covers broadband only
    director.actor = { ...director.actor, tenant: 'ACME_APAC' };
    expect(find(await actionsFor(director), 'decision', 'APPROVE')).toMatchObject({ enabled: false, disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' });
  });

  it('holding the item is not enough: an assignee who may not claim it (handed it from outside) decides nothing', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.actor = { ...ctx.actor, groups: [] };
    for (const code of ['APPROVE', 'REJECT', 'REQUEST_REPRICE']) expect(find(await actionsFor(ctx), 'decision', code), code).toMatchObject({ enabled: false, disabledReason: 'NOT_A_CANDIDATE' });
    // A member of the escalation group may, as when it claims the escalated item.
    ctx.item = { ...ctx.item, escalationGroup: 'risk-desk' };
    ctx.actor = { ...ctx.actor, groups: ['risk-desk'] };
    expect(find(await actionsFor(ctx), 'decision', 'REJECT')).toMatchObject({ enabled: true });
  });

  it('the quote owner cannot approve their own quote, even with authority', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.businessObject = { ...ctx.businessObject, ownerId: people.financeApprover.id };
    const approve = find(await actionsFor(ctx), 'decision', 'APPROVE');
    expect(approve).toMatchObject({ enabled: false, disabledReason: 'FOUR_EYES_VIOLATION' });
  });

  it('the requester and forbidden roles cannot decide at all', async () => {
    const requester = discountApproval(people.financeApprover);
    requester.item = { ...requester.item, requestedBy: people.financeApprover.id };
    expect(find(await actionsFor(requester), 'decision', 'REJECT').disabledReason).toBe('FOUR_EYES_VIOLATION');
    const salesRep = { ...people.financeApprover, id: 'u-other', roles: ['FINANCE_APPROVER', 'SALES_REP'] };
    expect(find(await actionsFor(discountApproval(salesRep)), 'decision', 'REJECT').disabledReason).toBe('FOUR_EYES_VIOLATION');
  });

  it('decisions need the item claimed by the actor; claiming needs candidacy', async () => {
    const available = discountApproval(people.salesManager);
    available.item = { ...available.item, state: 'available', assignee: undefined };
    const actions = await actionsFor(available);
    expect(find(actions, 'decision', 'REJECT')).toMatchObject({ enabled: false, failedChecks: ['INVALID_STATE', 'NOT_ASSIGNEE'] });
    expect(find(actions, 'lifecycle', 'CLAIM')).toMatchObject({ enabled: true });
    const outsider = discountApproval({ ...people.riskOfficer });
    outsider.item = { ...outsider.item, state: 'available', assignee: undefined };
    expect(find(await actionsFor(outsider), 'lifecycle', 'CLAIM')).toMatchObject({ enabled: false, disabledReason: 'NOT_A_CANDIDATE' });
  });

  it('reassigning needs manager authority (the escalation owner group)', async () => {
    // v3: the version whose reason-code set declares reasons for REASSIGN (v2's declares none).
    const v3 = async (ctx: Parameters<typeof allowedActions>[1]) => (await allowedActions(shippedPolicy('DISCOUNT_APPROVAL@3'), ctx, { evaluator })).actions;
    const ctx = discountApproval(people.director);
    expect(find(await v3(ctx), 'lifecycle', 'REASSIGN')).toMatchObject({ enabled: false, disabledReason: 'MANAGER_AUTHORITY_REQUIRED', requiredFields: ['reasonCode'] });
    const manager = discountApproval(people.salesManager);
    expect(find(await v3(manager), 'lifecycle', 'REASSIGN')).toMatchObject({ enabled: true });
  });

  it('lists forbidden actions as disabled with the reason and the alternative', async () => {
    expect(find(await actionsFor(discountApproval(people.financeApprover)), 'forbidden', 'EDIT_QUOTE_PRICE')).toMatchObject({
      enabled: false,
      disabledReason: 'FORBIDDEN_ACTION',
      instead: 'ESCALATE',
    });
  });
});

describe.each(evaluators)('fallout recovery (%s)', (evaluator) => {
  // v3: the version whose reason-code set declares the reasons its recovery actions require.
  const fallout = shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@3');
  const actionsFor = async (ctx: Parameters<typeof allowedActions>[1]) => (await allowedActions(fallout, ctx, { evaluator })).actions;

  it('on a version whose set declares no reasons for them, recovery actions that require one are disabled by the definitions', async () => {
    const legacy = shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2');
    const actions = (await allowedActions(legacy, unknownOutcome(operators.operator, { status: 'COMPLETED', queriedAt: '2026-07-02T10:20:00Z', result: 'NOT_FOUND' }), { evaluator })).actions;
    expect(find(actions, 'recovery', 'MARK_NO_EFFECT')).toMatchObject({ enabled: false, disabledReason: 'REASON_CODES_NOT_DECLARED' });
    expect(find(actions, 'recovery', 'PAUSE_ORDER')).toMatchObject({ enabled: false, disabledReason: 'REASON_CODES_NOT_DECLARED' });
    // An action that needs no reason is unaffected.
    expect(find(actions, 'recovery', 'RUN_RECONCILIATION')).toMatchObject({ enabled: true });
  });

  it('resolution without reconciliation evidence is disabled (no "mark failed without evidence")', async () => {
    const actions = await actionsFor(unknownOutcome(operators.operator, { status: 'NOT_STARTED' }));
    expect(find(actions, 'recovery', 'MARK_NO_EFFECT')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    expect(find(actions, 'recovery', 'MARK_EXTERNAL_SUCCESS')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    expect(find(actions, 'decision', 'CONFIRM_RESERVED')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    expect(find(actions, 'decision', 'MARK_NO_EFFECT_AND_RETRY')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    expect(find(actions, 'recovery', 'RUN_RECONCILIATION')).toMatchObject({ enabled: true });
    expect(find(actions, 'forbidden', 'MARK_FAILED_WITHOUT_EVIDENCE')).toMatchObject({ enabled: false });
  });

  it('the reconciliation result enables exactly the matching resolutions', async () => {
    const notFound = await actionsFor(unknownOutcome(operators.operator, { status: 'COMPLETED', result: 'NOT_FOUND', queriedAt: '2026-07-02T14:40:00Z' }));
    expect(find(notFound, 'recovery', 'MARK_NO_EFFECT').enabled).toBe(true);
    expect(find(notFound, 'decision', 'MARK_NO_EFFECT_AND_RETRY').enabled).toBe(true);
    expect(find(notFound, 'decision', 'CONFIRM_RESERVED')).toMatchObject({ enabled: false, disabledReason: 'RESERVATION_NOT_FOUND' });
    expect(find(notFound, 'recovery', 'MARK_EXTERNAL_SUCCESS')).toMatchObject({ enabled: false, disabledReason: 'RECONCILIATION_RESULT_REQUIRED' });
    const found = await actionsFor(unknownOutcome(operators.operator, { status: 'COMPLETED', result: 'FOUND' }));
    expect(find(found, 'decision', 'CONFIRM_RESERVED').enabled).toBe(true);
    expect(find(found, 'recovery', 'MARK_NO_EFFECT').enabled).toBe(false);
  });

  it('a dangerous operation needs the elevated role, a reason, a second approval and an acknowledgement', async () => {
    const evidence = { status: 'COMPLETED', result: 'FOUND' };
    const byOperator = find(await actionsFor(unknownOutcome(operators.operator, evidence)), 'recovery', 'FORCE_ORDER_COMPLETED');
    expect(byOperator).toMatchObject({ enabled: false, disabledReason: 'ELEVATED_ROLE_REQUIRED', dangerous: true });
    const byLead = find(await actionsFor(unknownOutcome(operators.lead, evidence)), 'recovery', 'FORCE_ORDER_COMPLETED');
    expect(byLead).toMatchObject({ enabled: true, dangerous: true, requiresSecondApproval: true, requiredFields: ['reasonCode', 'comment'] });
    expect(byLead.requiredAcknowledgements).toHaveLength(1);
    // Once the lead asked for it, the second approval must come from someone else.
    const asked = unknownOutcome(operators.lead, evidence);
    asked.item = { ...asked.item, pendingApproval: { kind: 'action', code: 'FORCE_ORDER_COMPLETED', requestedBy: operators.lead.id } };
    expect(find(await actionsFor(asked), 'recovery', 'FORCE_ORDER_COMPLETED')).toMatchObject({ enabled: false, disabledReason: 'FOUR_EYES_VIOLATION' });
  });
});

describe('determinism', () => {
  it('both evaluators give the same answer, byte for byte, every time, for every result', async () => {
    const contexts = [discountApproval(people.director), discountApproval(people.financeApprover), discountApproval(people.salesRep)];
    for (const ctx of contexts) {
      for (const evaluate of [allowedActions, visibleView, priority, sla, (p: typeof approval, c: typeof ctx, o: EvaluationOptions) => validateDecision(p, c, { decision: 'APPROVE', expectedBusinessObjectVersion: 12 }, o)]) {
        const jre = JSON.stringify(await evaluate(approval, ctx, { evaluator: 'json-rules-engine' }));
        expect(JSON.stringify(await evaluate(approval, ctx, { evaluator: 'compiled' }))).toBe(jre);
        expect(JSON.stringify(await evaluate(approval, ctx, {}))).toBe(jre);
      }
    }
  });

  it('reports context values of the wrong type instead of comparing them loosely', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.businessObject = { ...ctx.businessObject, totalAmount: '420000' as unknown as number };
    const { factIssues } = await allowedActions(approval, ctx);
    expect(factIssues).toEqual([{ fact: 'businessObject', path: 'totalAmount', expected: 'number', got: 'string' }]);
  });
});

describe('actionBadges (the bulk read path)', () => {
  it('gives the same enabled flags and reasons as allowedActions, for many contexts', async () => {
    const fallout = shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2');
    const cases = [
      ...Object.values(people).map((p) => ({ policy: approval, ctx: discountApproval(p) })),
      ...[{ status: 'RUNNING' }, { status: 'COMPLETED', result: 'FOUND' }, { status: 'COMPLETED', result: 'NOT_FOUND' }].flatMap((r) =>
        Object.values(operators).map((o) => ({ policy: fallout, ctx: unknownOutcome(o, r) })),
      ),
    ];
    for (const { policy, ctx } of cases) {
      const full = (await allowedActions(policy, ctx)).actions.filter((a) => a.kind !== 'forbidden');
      expect(actionBadges(policy, ctx)).toEqual(full.map((a) => ({ code: a.code, kind: a.kind, enabled: a.enabled, ...(a.enabled ? {} : { disabledReason: a.disabledReason }) })));
    }
  });
});

describe('delegation', () => {
  it('the delegate can comment and hand the item back; the assignee keeps the decision', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.item = { ...ctx.item, state: 'delegated', delegatedTo: people.riskOfficer.id };
    const delegate = (await allowedActions(approval, { ...ctx, actor: people.riskOfficer })).actions;
    expect(delegate.find((a) => a.code === 'RESOLVE_DELEGATION')).toMatchObject({ enabled: true, requiredFields: ['comment'] });
    expect(delegate.find((a) => a.code === 'COMMENT')).toMatchObject({ enabled: true });
    expect(delegate.find((a) => a.kind === 'decision' && a.code === 'APPROVE')).toMatchObject({ enabled: false });
    const owner = (await allowedActions(approval, ctx)).actions;
    expect(owner.find((a) => a.code === 'RESOLVE_DELEGATION')).toMatchObject({ enabled: false, disabledReason: 'NOT_THE_DELEGATE' });
  });
});

describe('typed evidence', () => {
  it('a string where the evidence schema says number is dropped and reported, not compared loosely', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.evidence = { ...ctx.evidence, requestedDiscountPercent: '32' };
    const { actions, factIssues } = await allowedActions(approval, ctx);
    expect(factIssues).toEqual([{ fact: 'evidence', path: 'requestedDiscountPercent', expected: 'number', got: 'string' }]);
    expect(actions.find((a) => a.code === 'APPROVE')).toMatchObject({ enabled: false, disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' });
    expect(ctx.evidence.requestedDiscountPercent).toBe('32');
  });
});
