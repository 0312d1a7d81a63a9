import { describe, expect, it } from 'vitest';
import { groupByKind, headlineVersion, reviewInbox, searchMatch, standingOf } from './definitionsHome.js';
import type { DefinitionSummary, VersionView } from './governanceTypes.js';

const NOW = new Date('2026-07-02T08:00:00Z');
const summary = (kind: string, id: string, title: string, versions: [number, string, string?][], currentVersions: number[], facts: string[] = []): DefinitionSummary =>
  ({ kind, id, title, currentVersions, facts, versions: versions.map(([version, status, effectiveFrom]) => ({ version, status, effectiveFrom: effectiveFrom ?? null, references: [], referencedBy: [] })) }) as DefinitionSummary;

describe('the definitions home', () => {
  it('groups by kind in the kinds\' order (task types first, calendars last), each group by title', () => {
    const groups = groupByKind([
      summary('BusinessCalendar', 'EU_SALES_CALENDAR', 'EU sales', [[1, 'published']], [1]),
      summary('TaskType', 'PRICE_OVERRIDE_APPROVAL', 'Price override', [[1, 'published']], [1]),
      summary('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 'Discount reasons', [[1, 'published']], [1]),
      summary('TaskType', 'DISCOUNT_APPROVAL', 'Discount approval', [[1, 'published']], [1]),
    ]);
    expect(groups.map((g) => [g.kind, g.definitions.map((d) => d.id)])).toEqual([
      ['TaskType', ['DISCOUNT_APPROVAL', 'PRICE_OVERRIDE_APPROVAL']],
      ['ReasonCodeSet', ['DISCOUNT_APPROVAL_REASONS']],
      ['BusinessCalendar', ['EU_SALES_CALENDAR']],
    ]);
  });

  it('names each version\'s standing: current, superseded below it, scheduled, not in use above it, and the open ones', () => {
    const s = summary('ReasonCodeSet', 'R', 'R', [[1, 'published'], [2, 'published'], [3, 'published'], [4, 'published', '2026-08-01T00:00:00Z'], [5, 'in_review'], [6, 'retired']], [2]);
    expect(s.versions.map((v) => standingOf(s, v, NOW))).toEqual(['superseded', 'current', 'notInUse', 'scheduled', 'inReview', 'retired']);
    expect(standingOf(s, { version: 5, status: 'in_review', effectiveFrom: null, approvedAt: '2026-07-01T00:00:00Z' }, NOW)).toBe('approved');
    expect(standingOf(s, { version: 7, status: 'draft', effectiveFrom: null }, NOW)).toBe('draft');
  });

  it('a row describes the current version, else the highest published, else the latest', () => {
    expect(headlineVersion(summary('TaskType', 'T', 'T', [[1, 'published'], [2, 'published'], [3, 'draft']], [1]))?.version).toBe(1);
    expect(headlineVersion(summary('ReasonCodeSet', 'R', 'R', [[1, 'published'], [2, 'published'], [3, 'draft']], []))?.version).toBe(2);
    expect(headlineVersion(summary('TaskType', 'N', 'N', [[1, 'draft']], []))?.version).toBe(1);
  });

  it('searches id, title and the facts conditions read; a fact match says which facts', () => {
    const s = summary('PriorityModel', 'CPQ_OMS_PRIORITY', 'Quote and order priority', [[1, 'published']], [1], ['businessObject.customerTier', 'businessObject.totalAmount']);
    expect(searchMatch(s, 'totalamount')).toEqual({ facts: ['businessObject.totalAmount'] });
    expect(searchMatch(s, 'cpq_oms')).toEqual({ facts: [] });
    expect(searchMatch(s, 'order priority')).toEqual({ facts: [] });
    expect(searchMatch(s, 'regulatory')).toBeUndefined();
  });

  it('the inbox: versions in review that the user contributed nothing to, not yet approved; and the user\'s own open versions', () => {
    const v = (id: string, status: string, author: string, extra: Partial<VersionView> = {}) =>
      ({ kind: 'SlaPolicy', id, version: 2, status, author, contributors: [{ seq: 1, contributor: author, action: 'created', contentHash: 'h', contributedAt: '' }], approvedAt: null, submittedAt: '2026-07-01T10:00:00Z', updatedAt: '2026-07-01T10:00:00Z', ...extra }) as unknown as VersionView;
    const views = [
      v('BY_GABE', 'in_review', 'gabe'),
      v('BY_GINA', 'in_review', 'gina'),
      v('EDITED_BY_GINA', 'in_review', 'gabe', { contributors: [{ seq: 1, contributor: 'gabe', action: 'created', contentHash: 'h', contributedAt: '' }, { seq: 2, contributor: 'gina', action: 'edited', contentHash: 'i', contributedAt: '' }] }),
      v('APPROVED', 'in_review', 'gabe', { approvedAt: '2026-07-01T11:00:00Z' }),
      v('OLDER_BY_GABE', 'in_review', 'gabe', { submittedAt: '2026-06-30T10:00:00Z' }),
      v('GINAS_DRAFT', 'draft', 'gina'),
      v('GABES_DRAFT', 'draft', 'gabe'),
    ];
    const inbox = reviewInbox(views, 'gina');
    expect(inbox.awaitingMyReview.map((x) => x.id)).toEqual(['OLDER_BY_GABE', 'BY_GABE']);
    expect(inbox.myDrafts.map((x) => x.id).sort()).toEqual(['BY_GINA', 'GINAS_DRAFT']);
  });
});
