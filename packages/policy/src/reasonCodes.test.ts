import { describe, expect, it } from 'vitest';
import { discountApproval, people, shippedPolicy } from '../test-support/scenario.js';
import { allowedActions } from './allowedActions.js';
import { reasonCodeFailure, reasonCodesFor, reasonCodeViolations } from './reasonCodes.js';
import type { EvaluatorKind } from './rules/RuleSpec.js';

const v2 = shippedPolicy('DISCOUNT_APPROVAL@2');
const v3 = shippedPolicy('DISCOUNT_APPROVAL@3');
const evaluators: EvaluatorKind[] = ['json-rules-engine', 'compiled'];

describe('reason codes of a command', () => {
  it('a lifecycle action accepts the codes its pinned set declares for it, and no other', () => {
    const set = v3.pinned.reasonCodes;
    expect(reasonCodesFor(set, 'REASSIGN').map((c) => c.code)).toEqual(['WORKLOAD', 'ASSIGNEE_UNAVAILABLE', 'EXPERTISE_REQUIRED']);
    expect(reasonCodeViolations(set, 'REASSIGN', 'WORKLOAD', { required: true })).toEqual([]);
    expect(reasonCodeViolations(set, 'REASSIGN', 'BECAUSE_I_SAY_SO', { required: true })).toEqual([
      { code: 'REASON_CODE_NOT_ALLOWED', message: 'BECAUSE_I_SAY_SO is not a reason for REASSIGN in DISCOUNT_APPROVAL_REASONS@3; its reasons for REASSIGN: WORKLOAD, ASSIGNEE_UNAVAILABLE, EXPERTISE_REQUIRED', pointer: '/reasonCode' },
    ]);
    // Declared, but for another action or a decision.
    expect(reasonCodeFailure(set, 'REASSIGN', 'OUTSIDE_AUTHORITY', true)).toBe('REASON_CODE_NOT_ALLOWED');
    expect(reasonCodeFailure(set, 'ESCALATE', 'MARGIN_BELOW_FLOOR', true)).toBe('REASON_CODE_NOT_ALLOWED');
    expect(reasonCodeFailure(set, 'ESCALATE', 'SLA_AT_RISK', true)).toBeUndefined();
    // A reason is optional where the definitions do not require one, but checked when given.
    expect(reasonCodeFailure(set, 'RELEASE', undefined, false)).toBeUndefined();
    expect(reasonCodeFailure(set, 'REASSIGN', undefined, true)).toBe('REASON_CODE_REQUIRED');
    expect(reasonCodeViolations(set, 'RELEASE', 'WORKLOAD', { required: false })[0]?.message).toBe('WORKLOAD is not a reason for RELEASE in DISCOUNT_APPROVAL_REASONS@3; it declares none for RELEASE');
  });

  it('decisions go through the same check', () => {
    const set = v3.pinned.reasonCodes;
    expect(reasonCodeFailure(set, 'REJECT', 'MARGIN_BELOW_FLOOR', true)).toBeUndefined();
    expect(reasonCodeFailure(set, 'REJECT', 'WORKLOAD', true)).toBe('REASON_CODE_NOT_ALLOWED');
    // A decision option and a lifecycle action of one code share its reasons.
    expect(reasonCodeFailure(set, 'ESCALATE', 'OUTSIDE_AUTHORITY', true)).toBeUndefined();
  });
});

describe.each(evaluators)('a version that declares no reason for a lifecycle action (%s)', (evaluator) => {
  const lifecycle = async (policy: typeof v2, code: string) => (await allowedActions(policy, discountApproval(people.salesManager), { evaluator })).actions.find((a) => a.kind === 'lifecycle' && a.code === code)!;

  it('does not offer an action that requires one: no reason would be accepted', async () => {
    expect(reasonCodesFor(v2.pinned.reasonCodes, 'REASSIGN')).toEqual([]);
    expect(await lifecycle(v2, 'REASSIGN')).toMatchObject({ enabled: false, disabledReason: 'REASON_CODES_NOT_DECLARED', requiredFields: ['reasonCode'] });
    // v2's set already has escalation reasons (for the ESCALATE decision), so escalating stays available.
    expect(await lifecycle(v2, 'ESCALATE')).toMatchObject({ enabled: true });
    // Actions that need no reason are untouched.
    expect(await lifecycle(v2, 'RELEASE')).toMatchObject({ enabled: true, failedChecks: [] });
    expect(await lifecycle(v3, 'REASSIGN')).toMatchObject({ enabled: true, failedChecks: [] });
  });
});
