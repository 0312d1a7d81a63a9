// Differential: the replay's synchronous decision verdict reports the codes validateDecision
// reports (json-rules-engine, the enforcing path), for every decision a scenario can throw at it.
import { describe, expect, it } from 'vitest';
import { discountApproval, people, shippedPolicy } from '../../test-support/scenario.js';
import { buildFacts } from '../facts/buildFacts.js';
import type { PolicyContext } from '../PolicyInput.js';
import { validateDecision, type DecisionCommand } from '../validateDecision.js';
import { decisionVerdict } from './decisionVerdict.js';

const contexts: [string, PolicyContext][] = [];
for (const [name, actor] of Object.entries(people)) {
  for (const percent of [12, 30, 35, 35.5, 50]) {
    const ctx = discountApproval(actor);
    contexts.push([`${name} ${percent}%`, { ...ctx, evidence: { ...ctx.evidence, requestedDiscountPercent: percent } }]);
  }
}
const base = discountApproval(people.director);
contexts.push(['not claimed', { ...base, item: { ...base.item, state: 'available', assignee: undefined } }]);
contexts.push(['stale', { ...base, businessObject: { ...base.businessObject, version: 13 } }]);
contexts.push(['stale revision', { ...base, businessObject: { ...base.businessObject, revision: 4 } }]);
contexts.push(['owner decides', { ...base, businessObject: { ...base.businessObject, ownerId: people.director.id } }]);
contexts.push(['other tenant', { ...base, actor: { ...people.director, tenant: 'GLOBEX' } }]);
contexts.push(['forbidden approver', { ...base, item: { ...base.item, forbiddenApprovers: [people.director.id] } }]);
contexts.push(['wrong evidence type', { ...base, evidence: { ...base.evidence, requestedDiscountPercent: '32' } }]);

const commands: DecisionCommand[] = [
  { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'ok', acknowledged: true, expectedBusinessObjectVersion: 12 },
  { decision: 'APPROVE', reasonCode: 'MARGIN_BELOW_FLOOR', comment: ' ', expectedBusinessObjectVersion: 12 },
  { decision: 'APPROVE', expectedBusinessObjectVersion: 11 },
  { decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12 },
  { decision: 'REJECT', reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 12, form: { decision: 'REJECT', reasonCode: 'OTHER', extra: 1, comment: 5 } },
  { decision: 'ESCALATE', reasonCode: 'OUTSIDE_AUTHORITY', expectedBusinessObjectVersion: 12 },
  { decision: 'SHRUG', expectedBusinessObjectVersion: 12 },
];

describe.each(['DISCOUNT_APPROVAL@1', 'DISCOUNT_APPROVAL@2'])('decisionVerdict agrees with validateDecision on %s', (ref) => {
  const policy = shippedPolicy(ref);
  it.each(contexts)('%s', async (_, ctx) => {
    const { facts } = buildFacts(ctx, policy.pinned.taskType, policy.pinned.authority, policy.evidenceTypes);
    for (const command of commands) {
      const expected = await validateDecision(policy, ctx, command);
      expect(decisionVerdict(policy, ctx, facts, command), command.decision).toEqual(expected.violations.map((v) => v.code));
    }
  });
});
