import type { SimulatedItem } from '@mandate/client';
import { describe, expect, it } from 'vitest';
import { comparedRows } from './simulationRows.js';

type Side = SimulatedItem['draft'];

const side = (over: Partial<{ hidden: string[]; evidence: Record<string, unknown>; approve: boolean; score: number; dueAt: string }> = {}): Side => ({
  definitions: ['DISCOUNT_APPROVAL@3'],
  actions: [
    { code: 'APPROVE', label: 'Approve', kind: 'decision', enabled: over.approve ?? true, ...(over.approve === false ? { disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' } : {}), failedChecks: over.approve === false ? ['AUTHORITY_LIMIT_EXCEEDED'] : [], requiresSecondApproval: false, dangerous: false },
    { code: 'CLAIM', label: 'Claim', kind: 'lifecycle', enabled: true, failedChecks: [], requiresSecondApproval: false, dangerous: false },
  ],
  view: { evidence: over.evidence ?? { customer: 'ACME', marginPercent: 12 }, redactedPaths: over.hidden ?? [], withheldPaths: [] },
  priority: { score: over.score ?? 40, reasons: ['STRATEGIC:+20'], model: 'QUOTE_PRIORITY@1' },
  sla: { policy: 'QUOTE_SLA@1', calendar: 'EU@1', appliedRule: 'default', reason: 'default terms', dueAt: over.dueAt ?? '2026-12-08T12:00:00Z', warnAt: '2026-12-08T10:00:00Z', escalateAt: '2026-12-08T14:00:00Z', state: 'on_track', breached: false },
});

const item = (draft: Side, published: Side | undefined, differences: SimulatedItem['differences']): SimulatedItem => ({ sample: true, taskType: 'DISCOUNT_APPROVAL', businessObject: { type: 'Quote', id: 'SAMPLE' }, draft, ...(published ? { published } : {}), differences });

describe('comparedRows', () => {
  it('marks exactly the rows the server names as different, and shows a field hidden on one side as hidden there', () => {
    const rows = comparedRows(
      item(side({ hidden: ['evidence.marginPercent'], evidence: { customer: 'ACME' } }), side(), [{ path: 'view.evidence.marginPercent', draft: 'hidden', published: 'visible' }]),
      { marginPercent: 'Margin' },
    );
    expect(rows.filter((r) => r.differs).map((r) => `${r.group}:${r.key}`)).toEqual(['view:marginPercent']);
    const margin = rows.find((r) => r.key === 'marginPercent')!;
    expect(margin).toMatchObject({ label: 'Margin', draft: { type: 'visibility', visible: false }, published: { type: 'visibility', visible: true } });
    expect(rows.find((r) => r.key === 'customer')).toMatchObject({ label: 'customer', differs: false, draft: { visible: true }, published: { visible: true } });
  });

  it('gives an action, the priority and each deadline a row in that order, with a refusal reason and a changed instant', () => {
    const rows = comparedRows(item(side({ approve: false, dueAt: '2026-12-08T15:00:00Z' }), side(), [
      { path: 'actions.APPROVE.enabled', draft: false, published: true },
      { path: 'sla.dueAt', draft: '2026-12-08T15:00:00Z', published: '2026-12-08T12:00:00Z' },
    ]));
    expect(rows.map((r) => `${r.group}:${r.key}`)).toEqual(['actions:APPROVE', 'actions:CLAIM', 'view:customer', 'view:marginPercent', 'priority:score', 'sla:dueAt', 'sla:warnAt', 'sla:escalateAt']);
    expect(rows[0]).toMatchObject({ differs: true, draft: { type: 'action', enabled: false, reason: 'AUTHORITY_LIMIT_EXCEEDED' }, published: { type: 'action', enabled: true } });
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['APPROVE', 'dueAt']);
  });

  it('leaves the published column empty when nothing is published', () => {
    const rows = comparedRows(item(side(), undefined, []));
    expect(rows.every((r) => r.published === undefined && !r.differs)).toBe(true);
  });
});

describe('comparedRows, withheld fields', () => {
  it('lists a field the person would see but the asking admin may not read as shown and withheld, never dropped', () => {
    const draft = side({ evidence: { customer: 'ACME' } });
    draft.view.withheldPaths = ['evidence.marginPercent'];
    const rows = comparedRows(item(draft, undefined, []));
    expect(rows.find((r) => r.key === 'marginPercent')).toMatchObject({ draft: { type: 'visibility', visible: true, withheld: true } });
  });
});
