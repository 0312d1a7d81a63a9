import { describe, expect, it } from 'vitest';
import { namesIn } from './knownNames.js';

describe('names the definitions declare', () => {
  it('collects roles wherever a kind has them', () => {
    const grants = { grants: [{ name: 'EMEA', roles: ['REGIONAL_SALES_DIRECTOR', 'FINANCE_APPROVER'], limits: { discountPercent: 35 } }, { name: 'X', roles: ['FINANCE_APPROVER'], limits: { amount: 1 } }] };
    expect(namesIn('AuthorityPolicy', grants, 'Role')).toEqual(['REGIONAL_SALES_DIRECTOR', 'FINANCE_APPROVER']);
  });

  it('collects groups and evidence fields of a task type, and nothing else', () => {
    const taskType = {
      candidateGroups: ['regional-sales-directors'],
      authority: { measure: 'discountPercent', evidencePath: 'evidence.quote.discountPercent' },
      decisionOptions: [{ code: 'APPROVE', requiresEvidence: ['evidence.reconciliation'] }],
      fourEyes: { forbiddenRoles: ['SALES_REP'] },
    };
    expect(namesIn('TaskType', taskType, 'Group')).toEqual(['regional-sales-directors']);
    expect(namesIn('TaskType', taskType, 'EvidencePath').sort()).toEqual(['evidence.quote.discountPercent', 'evidence.reconciliation']);
    expect(namesIn('TaskType', taskType, 'Role')).toEqual(['SALES_REP']);
  });

  it('reads an SLA policy escalation group in its default terms and in rules', () => {
    const sla = { default: { dueIn: 'PT4H', escalationGroup: 'ops-leads' }, rules: [{ event: { params: { escalationGroup: 'finance' } } }] };
    expect(namesIn('SlaPolicy', sla, 'Group').sort()).toEqual(['finance', 'ops-leads']);
  });
});
