// What the two sides of a simulation decide differently, as paths; values of evidence never.
import { describe, expect, it } from 'vitest';
import type { EvaluatedSide } from './evaluateSide.js';
import { simulationDifferences } from './simulationDifferences.js';

const side = (over: Partial<EvaluatedSide> = {}): EvaluatedSide => ({
  definitions: ['DISCOUNT_APPROVAL@3'],
  actions: [
    { code: 'APPROVE', label: 'Approve', kind: 'decision', enabled: true, failedChecks: [], requiresSecondApproval: false, dangerous: false },
    { code: 'CLAIM', label: 'Claim', kind: 'lifecycle', enabled: true, failedChecks: [], requiresSecondApproval: false, dangerous: false },
  ],
  view: { evidence: { a: 1 }, redactedPaths: ['evidence.marginImpactPercent'] },
  priority: { score: 60, reasons: ['REGULATORY_RISK:+50', 'BASE_DISCOUNT_APPROVAL:+10'], model: 'CPQ_OMS_PRIORITY@2' },
  sla: { policy: 'QUOTE_APPROVAL_SLA@2', calendar: 'EU_SALES_CALENDAR@1', appliedRule: 'default', reason: 'no rule matched: default terms', dueAt: '2026-07-02T12:00:00.000Z', warnAt: '2026-07-02T11:00:00.000Z', escalateAt: '2026-07-02T12:00:00.000Z', escalationGroup: 'sales-managers', state: 'on_track', breached: false },
  ...over,
});

describe('simulationDifferences', () => {
  it('is empty for equal sides, whatever the versions evaluated', () => {
    expect(simulationDifferences(side({ definitions: ['DISCOUNT_APPROVAL@4'] }), side())).toEqual([]);
  });

  it('names actions, view paths, priority and SLA that differ, in that order', () => {
    const published = side();
    const draft = side({
      actions: [{ ...published.actions[0]!, enabled: false, disabledReason: 'AUTHORITY_LIMIT_EXCEEDED', failedChecks: ['AUTHORITY_LIMIT_EXCEEDED'] }, published.actions[1]!, { code: 'ESCALATE', label: 'Escalate', kind: 'lifecycle', enabled: true, failedChecks: [], requiresSecondApproval: false, dangerous: false }],
      view: { evidence: {}, redactedPaths: ['evidence.competitorPrice'] },
      priority: { ...published.priority, score: 70, model: 'CPQ_OMS_PRIORITY@3' },
      sla: { ...published.sla, policy: 'QUOTE_APPROVAL_SLA@3', dueAt: '2026-07-02T16:00:00.000Z' },
    });
    expect(simulationDifferences(draft, published)).toEqual([
      { path: 'actions.APPROVE.enabled', draft: false, published: true },
      { path: 'actions.APPROVE.disabledReason', draft: 'AUTHORITY_LIMIT_EXCEEDED', published: null },
      { path: 'actions.APPROVE.failedChecks', draft: ['AUTHORITY_LIMIT_EXCEEDED'], published: [] },
      { path: 'actions.ESCALATE', draft: 'offered', published: null },
      { path: 'view.evidence.competitorPrice', draft: 'hidden', published: 'visible' },
      { path: 'view.evidence.marginImpactPercent', draft: 'visible', published: 'hidden' },
      { path: 'priority.score', draft: 70, published: 60 },
      { path: 'sla.dueAt', draft: '2026-07-02T16:00:00.000Z', published: '2026-07-02T12:00:00.000Z' },
    ]);
  });
});
