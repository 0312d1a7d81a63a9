import { describe, expect, it } from 'vitest';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';
import type { EvaluatorKind } from './rules/RuleSpec.js';
import { validateDecision, type DecisionCommand } from './validateDecision.js';

const policy = shippedPolicy('DISCOUNT_APPROVAL@2');
const approve: DecisionCommand = {
  decision: 'APPROVE',
  reasonCode: 'STRATEGIC_CUSTOMER_RETENTION',
  comment: 'Approved due to committed multi-year expansion opportunity.',
  acknowledged: true,
  expectedBusinessObjectVersion: 12,
};
const codes = (v: { violations: { code: string }[] }) => v.violations.map((x) => x.code);

describe.each<EvaluatorKind>(['json-rules-engine', 'compiled'])('validateDecision (%s)', (evaluator) => {
  const validate = (ctx: ReturnType<typeof discountApproval>, command: DecisionCommand) => validateDecision(policy, ctx, command, { evaluator });

  it('accepts a complete decision by an authorised approver', async () => {
    const result = await validate(discountApproval(people.financeApprover), approve);
    expect(result).toMatchObject({ ok: true, violations: [], requiresSecondApproval: false });
  });

  it('rejects an approval against an old quote revision or version (stale approval)', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.businessObject = { ...ctx.businessObject, version: 13, revision: 4 };
    const result = await validate(ctx, approve);
    expect(codes(result)).toEqual(['STALE_BUSINESS_OBJECT', 'STALE_BUSINESS_OBJECT']);
    expect(codes(await validate(discountApproval(people.financeApprover), { ...approve, expectedBusinessObjectVersion: 11 }))).toEqual(['STALE_BUSINESS_OBJECT']);
  });

  it('whoever asked for the first approval, or is a forbidden approver, cannot give the second', async () => {
    const pending = discountApproval(people.financeApprover);
    pending.item = { ...pending.item, pendingApproval: { kind: 'decision', code: 'APPROVE', requestedBy: people.financeApprover.id } };
    expect(codes(await validate(pending, approve))).toEqual(['FOUR_EYES_VIOLATION']);
    const forbidden = discountApproval(people.financeApprover);
    forbidden.item = { ...forbidden.item, forbiddenApprovers: [people.financeApprover.id] };
    expect(codes(await validate(forbidden, approve))).toEqual(['FOUR_EYES_VIOLATION']);
    // A pending dangerous action binds its own requester only, not the decisions.
    const pendingAction = discountApproval(people.financeApprover);
    pendingAction.item = { ...pendingAction.item, pendingApproval: { kind: 'action', code: 'FORCE_ORDER_COMPLETED', requestedBy: people.financeApprover.id } };
    expect(codes(await validate(pendingAction, approve))).toEqual([]);
  });

  it('a high-risk reason requires a second approval', async () => {
    const result = await validate(discountApproval(people.financeApprover), { ...approve, reasonCode: 'PRICE_BOOK_EXCEPTION' });
    expect(result).toMatchObject({ ok: true, requiresSecondApproval: true });
  });

  it('reports every violation at once: four-eyes, authority, reason, comment, acknowledgement', async () => {
    const ctx = discountApproval(people.salesManager);
    ctx.businessObject = { ...ctx.businessObject, ownerId: people.salesManager.id };
    const result = await validate(ctx, { decision: 'APPROVE', expectedBusinessObjectVersion: 12, form: { decision: 'APPROVE' } });
    expect(codes(result)).toEqual([
      'DECISION_PAYLOAD_INVALID',
      'FOUR_EYES_VIOLATION',
      'AUTHORITY_LIMIT_EXCEEDED',
      'REASON_CODE_REQUIRED',
      'COMMENT_REQUIRED',
      'ACKNOWLEDGEMENT_REQUIRED',
    ]);
    expect(result.violations[0]).toMatchObject({ pointer: '' });
  });

  it('refuses a reason code that does not justify the decision, and unknown decisions', async () => {
    expect(codes(await validate(discountApproval(people.financeApprover), { ...approve, reasonCode: 'MARGIN_BELOW_FLOOR' }))).toEqual(['REASON_CODE_NOT_ALLOWED']);
    expect(codes(await validate(discountApproval(people.financeApprover), { ...approve, reasonCode: 'NOT_A_CODE' }))).toEqual(['REASON_CODE_NOT_ALLOWED']);
    expect(codes(await validate(discountApproval(people.financeApprover), { ...approve, decision: 'APPROVE_ALL' }))).toEqual(['UNKNOWN_DECISION']);
  });

  it('an item that is not claimed by the actor cannot be decided', async () => {
    const ctx = discountApproval(people.financeApprover);
    ctx.item = { ...ctx.item, state: 'available', assignee: undefined };
    expect(codes(await validate(ctx, approve))).toEqual(['INVALID_STATE', 'NOT_ASSIGNEE']);
  });
});
