import { describe, expect, it } from 'vitest';
import { shipped } from '../../test-support/shippedDefinitions.js';
import type { ActionPolicy, AuthorityPolicy, Definition, ReasonCodeSet, SlaPolicy, TaskType } from '../generated/types.js';
import { diffDefinitionSets, diffDefinitions } from './diffDefinitions.js';
import { formatDiffMarkdown, formatDiffText } from './formatDiffText.js';

const pair = (kind: string, id: string) => diffDefinitions(shipped(kind, id, 1), shipped(kind, id, 2));
const lines = (kind: string, id: string) => pair(kind, id).changes.map((c) => `${c.control}: ${c.summary}`);

describe('diffDefinitions on the shipped versions', () => {
  it('DISCOUNT_APPROVAL_REASONS 1 -> 2', () => {
    expect(lines('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS')).toEqual([
      'tightening: reason code COMPETITIVE_MATCH risk level MEDIUM -> HIGH',
      'tightening: second approval for reason code COMPETITIVE_MATCH now required',
      'loosening: reason code REGULATORY_REVIEW_REQUIRED added to DISCOUNT_APPROVAL_REASONS',
      'neutral: description changed',
    ]);
  });

  it('CPQ_OMS_PRIORITY 1 -> 2', () => {
    expect(lines('PriorityModel', 'CPQ_OMS_PRIORITY')).toEqual([
      'neutral: description changed',
      'neutral: priority rule HIGH_VALUE_QUOTE condition changed: businessObject.totalAmount >= 250000 -> businessObject.type == "QUOTE" and businessObject.totalAmount >= 250000',
      'neutral: priority weight HIGH_VALUE_QUOTE +40 -> +50',
      'neutral: priority weight DUE_WITHIN_1H +15 -> +20',
      'neutral: priority rule HIGH_RISK_COMPENSATION added (+30)',
    ]);
  });

  it('QUOTE_COMMERCIAL_VISIBILITY 1 -> 2: widening visibility is loosening', () => {
    expect(lines('VisibilityPolicy', 'QUOTE_COMMERCIAL_VISIBILITY')).toEqual([
      'neutral: description changed',
      'loosening: field evidence.marginImpactPercent now visible to SALES_MANAGER',
      'tightening: field evidence.lines[].costBasis visibility condition added: relation.sameTenant == true',
      'tightening: field evidence.lines[].marginPercent visibility condition added: relation.sameTenant == true',
      'tightening: field evidence.competitorPrice no longer visible to SALES_MANAGER',
      'loosening: field evidence.riskScore now visible to FINANCE_APPROVER',
    ]);
  });

  it('QUOTE_APPROVAL_SLA 1 -> 2: a shorter due time and a lower high-value threshold tighten', () => {
    expect(lines('SlaPolicy', 'QUOTE_APPROVAL_SLA')).toEqual([
      'neutral: description changed',
      'tightening: SLA dueIn 8h -> 4h business time',
      'tightening: rule HIGH_VALUE_QUOTE condition changed: businessObject.totalAmount >= 250000 -> >= 150000',
    ]);
  });

  it('DISCOUNT_APPROVAL 1 -> 2', () => {
    const diff = pair('TaskType', 'DISCOUNT_APPROVAL');
    expect(diff.from).toBe('DISCOUNT_APPROVAL@1');
    expect(diff.to).toBe('DISCOUNT_APPROVAL@2');
    expect(diff.changes.map((c) => `${c.control}: ${c.summary}`)).toEqual([
      'neutral: description changed',
      'tightening: APPROVE now requires the acknowledgement "This approval allows a discount above your standard limit for this quote revision."',
      'neutral: reason-code set DISCOUNT_APPROVAL_REASONS@1 -> DISCOUNT_APPROVAL_REASONS@2',
      'neutral: SLA policy QUOTE_APPROVAL_SLA@1 -> QUOTE_APPROVAL_SLA@2',
      'neutral: priority model CPQ_OMS_PRIORITY@1 -> CPQ_OMS_PRIORITY@2',
      'neutral: visibility policy QUOTE_COMMERCIAL_VISIBILITY@1 -> QUOTE_COMMERCIAL_VISIBILITY@2',
      'tightening: role SALES_REP may no longer decide (four-eyes)',
    ]);
    expect(diff.control).toEqual({ tightening: 2, loosening: 0, neutral: 5 });
    expect(diff.changedInPlace).toBe(false);
    expect(diff.changes.find((c) => c.path === 'fourEyes.forbiddenRoles[SALES_REP]')).toMatchObject({ op: 'added', after: 'SALES_REP' });
  });
});

describe('diffDefinitions keys changes by ids, not positions', () => {
  const reasons = shipped<ReasonCodeSet>('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 1);

  it('reordering a list is no change', () => {
    const reordered = { ...reasons, codes: [...reasons.codes].reverse() };
    const diff = diffDefinitions(reasons, reordered);
    expect(diff.changes).toEqual([]);
  });

  it('one reason code inserted in the middle is one change', () => {
    const codes = [...reasons.codes];
    codes.splice(2, 0, { code: 'BUNDLE_PROMOTION', label: 'Bundle promotion', appliesTo: ['APPROVE'], riskLevel: 'LOW' });
    const diff = diffDefinitions(reasons, { ...reasons, codes });
    expect(diff.changes.map((c) => [c.op, c.path, c.control])).toEqual([['added', 'codes[BUNDLE_PROMOTION]', 'loosening']]);
    expect(diff.patch).toEqual([{ op: 'add', path: '/codes/2', value: codes[2] }]);
    expect(diff.changedInPlace).toBe(true);
  });

  it('a removed reason code is tightening', () => {
    const diff = diffDefinitions(reasons, { ...reasons, codes: reasons.codes.filter((c) => c.code !== 'COMPETITIVE_MATCH') });
    expect(diff.changes.map((c) => `${c.control}: ${c.summary}`)).toEqual(['tightening: reason code COMPETITIVE_MATCH removed from DISCOUNT_APPROVAL_REASONS']);
  });

  it('raising an authority limit, dropping four-eyes and dropping a forbidden action are loosening', () => {
    const authority = shipped<AuthorityPolicy>('AuthorityPolicy', 'COMMERCIAL_AUTHORITY', 1);
    const raised = structuredClone(authority);
    raised.grants[1]!.limits.discountPercent = 40;
    delete raised.grants[1]!.regions;
    expect(diffDefinitions(authority, raised).changes.map((c) => `${c.control}: ${c.summary}`)).toEqual([
      'loosening: authority grant REGIONAL_DIRECTOR_EMEA now covers every region (was ["EMEA"])',
      'loosening: authority limit REGIONAL_DIRECTOR_EMEA discountPercent 35 -> 40',
    ]);

    const task = shipped<TaskType>('TaskType', 'DISCOUNT_APPROVAL', 1);
    const lax = structuredClone(task);
    lax.fourEyes.forbidBusinessObjectOwner = false;
    expect(diffDefinitions(task, lax).changes.map((c) => `${c.control}: ${c.summary}`)).toEqual([
      'loosening: four-eyes (business object owner may not decide) no longer required',
    ]);

    const actions = shipped<ActionPolicy>('ActionPolicy', 'APPROVAL_ACTIONS', 1);
    const open = structuredClone(actions);
    open.forbiddenActions = open.forbiddenActions!.filter((a) => a.code !== 'EDIT_QUOTE_PRICE');
    open.safeActions[1]!.requires = { reasonCode: true };
    expect(diffDefinitions(actions, open).changes.map((c) => `${c.control}: ${c.summary}`)).toEqual([
      'tightening: reason code for RELEASE now required',
      'loosening: forbidden action EDIT_QUOTE_PRICE dropped',
    ]);
  });

  it('diff of a definition with itself is empty, with an empty patch', () => {
    const diff = diffDefinitions(reasons, structuredClone(reasons));
    expect(diff.changes).toEqual([]);
    expect(diff.patch).toEqual([]);
  });
});

describe('diffDefinitionSets', () => {
  it('pairs ids by their latest version and lists added and removed versions', () => {
    const before = [shipped('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 1), shipped('SlaPolicy', 'QUOTE_APPROVAL_SLA', 1), shipped('BusinessCalendar', 'EU_SALES_CALENDAR', 1)];
    const after = [shipped('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 1), shipped('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 2), shipped('SlaPolicy', 'QUOTE_APPROVAL_SLA', 1), shipped('BusinessCalendar', 'US_OPERATIONS_CALENDAR', 1)];
    const diff = diffDefinitionSets(before, after);
    expect(diff.added).toEqual([
      { kind: 'ReasonCodeSet', ref: 'DISCOUNT_APPROVAL_REASONS@2' },
      { kind: 'BusinessCalendar', ref: 'US_OPERATIONS_CALENDAR@1' },
    ]);
    expect(diff.removed).toEqual([{ kind: 'BusinessCalendar', ref: 'EU_SALES_CALENDAR@1' }]);
    expect(diff.changed.map((d) => `${d.from} -> ${d.to}`)).toEqual(['DISCOUNT_APPROVAL_REASONS@1 -> DISCOUNT_APPROVAL_REASONS@2']);
    expect(diff.control).toEqual({ tightening: 2, loosening: 1, neutral: 1 });
  });

  it('reports an old version edited in place or deleted, not only the newest', () => {
    const v1 = shipped<ReasonCodeSet>('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 1);
    const v2 = shipped<ReasonCodeSet>('ReasonCodeSet', 'DISCOUNT_APPROVAL_REASONS', 2);
    const edited = { ...v1, codes: [...v1.codes, { code: 'LATE_ADDITION', label: 'Late', appliesTo: ['APPROVE'], riskLevel: 'LOW' as const }] };
    const diff = diffDefinitionSets([v1, v2], [edited, v2]);
    expect(diff.changed.map((d) => [d.from, d.to, d.changedInPlace])).toEqual([['DISCOUNT_APPROVAL_REASONS@1', 'DISCOUNT_APPROVAL_REASONS@1', true]]);
    expect(diffDefinitionSets([v1, v2], [v2]).removed).toEqual([{ kind: 'ReasonCodeSet', ref: 'DISCOUNT_APPROVAL_REASONS@1' }]);
  });
});

describe('classification of changes that are easy to get backwards', () => {
  const sla = shipped<SlaPolicy>('SlaPolicy', 'QUOTE_APPROVAL_SLA', 1);
  const classes = (before: Definition, after: Definition) => diffDefinitions(before, after).changes.map((c) => `${c.control}: ${c.summary}`);

  it('SLA: dropping a stricter rule loosens, calendar time tightens, dropping the warning loosens', () => {
    expect(classes(sla, { ...sla, rules: [] })).toEqual(['loosening: SLA rule HIGH_VALUE_QUOTE removed (due in 2h)']);
    expect(classes(sla, { ...sla, default: { ...sla.default, basis: 'calendar' } })).toEqual(['tightening: SLA basis: counts calendar time (was business)']);
    const { warnBefore: _dropped, ...noWarning } = sla.default;
    expect(classes(sla, { ...sla, default: noWarning })).toEqual(['loosening: SLA warnBefore 1h -> none business time']);
  });

  it('elevated roles: the list appearing restricts, vanishing opens', () => {
    const actions = shipped<ActionPolicy>('ActionPolicy', 'APPROVAL_ACTIONS', 1);
    const restricted = structuredClone(actions);
    restricted.safeActions[0]!.requires = { elevatedRoles: ['TEAM_LEAD'] };
    expect(classes(actions, restricted)).toEqual(['tightening: action CLAIM now restricted to roles ["TEAM_LEAD"]']);
    expect(classes(restricted, actions)).toEqual(['loosening: action CLAIM no longer needs an elevated role (was ["TEAM_LEAD"])']);
  });

  it('the order of decision form fields is content', () => {
    const task = shipped<TaskType>('TaskType', 'DISCOUNT_APPROVAL', 1);
    const reordered = structuredClone(task);
    reordered.uiSchema = { ...reordered.uiSchema, 'ui:order': ['comment', 'decision', 'reasonCode', 'evidenceAcknowledgement'] };
    expect(classes(task, reordered)).toEqual([
      'neutral: decision form field order ["decision","reasonCode","comment","evidenceAcknowledgement"] -> ["comment","decision","reasonCode","evidenceAcknowledgement"]',
    ]);
  });
});

describe('formatting', () => {
  it('prints text and markdown with the control class of every change', () => {
    const diff = pair('SlaPolicy', 'QUOTE_APPROVAL_SLA');
    expect(formatDiffText(diff)).toBe(
      [
        'SlaPolicy QUOTE_APPROVAL_SLA@1 -> QUOTE_APPROVAL_SLA@2: 3 changes (2 tightening, 0 loosening, 1 neutral)',
        '  ~ neutral     description changed',
        '  ~ tightening  SLA dueIn 8h -> 4h business time',
        '  ~ tightening  rule HIGH_VALUE_QUOTE condition changed: businessObject.totalAmount >= 250000 -> >= 150000',
      ].join('\n'),
    );
    const markdown = formatDiffMarkdown(diff);
    expect(markdown).toContain('| tightening | SLA dueIn 8h -> 4h business time | `default.dueIn` |');
    expect(markdown.split('\n')[0]).toBe('### SlaPolicy `QUOTE_APPROVAL_SLA@1` → `QUOTE_APPROVAL_SLA@2`');
  });
});

describe('drafts that are not even schema-valid', () => {
  it('diffing a definition whose id is an object (null prototype) names it instead of crashing', () => {
    const draft = { kind: 'ReasonCodeSet', id: Object.assign(Object.create(null) as object, { a: 1 }), version: 1 } as unknown as Definition;
    const diff = diffDefinitions(draft, structuredClone(draft));
    expect(diff.changes).toEqual([]);
    expect(diff.from).toBe('{"a":1}@1');
  });
});
