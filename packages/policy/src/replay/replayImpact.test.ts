import { refOf, type AuthorityPolicy, type Definition, type PriorityModel, type SlaPolicy, type VisibilityPolicy } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { people, shippedDefinitions, shippedPolicy } from '../../test-support/scenario.js';
import { pinDefinitions } from '../PinnedDefinitions.js';
import { policyFor } from '../policyCache.js';
import type { Actor, PolicyContext } from '../PolicyInput.js';
import { priority } from '../priority.js';
import { sla } from '../sla/sla.js';
import type { ReplayCase } from './ReplayCase.js';
import { replayImpact } from './replayImpact.js';

const definitions = shippedDefinitions();
const find = <K extends Definition['kind']>(kind: K, ref: string) => definitions.find((d) => d.kind === kind && refOf(d) === ref) as Extract<Definition, { kind: K }>;
const pinnedRefs = (taskTypeRef: string) =>
  Object.values(pinDefinitions(taskTypeRef, definitions))
    .filter((d): d is Definition => d !== undefined)
    .map(refOf);

const globexDirector: Actor = { ...people.director, id: 'u-director-globex', tenant: 'GLOBEX' };
const apacDirector: Actor = { id: 'u-director-apac', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_APAC', region: 'APAC' };

interface Seed {
  id: string;
  actor: Actor;
  percent: number;
  decision?: 'APPROVE' | 'REJECT';
  taskType?: string;
  tenant?: string;
  region?: string;
  productFamily?: string;
  open?: boolean;
  withActor?: boolean;
}

/** A discount approval as the store would hand it over: decided by `actor`, or open and claimed by them. */
function approval(seed: Seed): ReplayCase {
  const taskType = seed.taskType ?? 'DISCOUNT_APPROVAL@2';
  const tenant = seed.tenant ?? seed.actor.tenant;
  const decision = seed.decision ?? 'APPROVE';
  const c: ReplayCase = {
    pinnedDefinitions: pinnedRefs(taskType),
    item: {
      id: seed.id,
      taskType: 'DISCOUNT_APPROVAL',
      state: seed.open ? 'claimed' : 'decided',
      tenant,
      region: seed.region ?? seed.actor.region ?? 'EMEA',
      productFamily: seed.productFamily ?? 'BROADBAND',
      assignee: seed.actor.id,
      owner: seed.actor.id,
      requestedBy: 'u-sales-rep',
      candidateGroups: ['sales-managers', 'regional-sales-directors'],
      escalationLevel: 0,
      escalationGroup: 'sales-managers',
      createdAt: '2026-07-01T08:00:00Z',
      dueAt: '2026-07-01T12:00:00Z',
      businessObjectVersion: 4,
      businessObjectRevision: 2,
      forbiddenApprovers: ['u-sales-rep'],
    },
    // The quote has moved on since (a later version): the replay judges the decision on the version decided on.
    businessObject: { type: 'QUOTE', id: `Q-${seed.id}`, version: 5, revision: 3, ownerId: 'u-sales-rep', tenant, totalAmount: 120000, currency: 'EUR', customerTier: 'GOLD' },
    evidence: { quoteId: `Q-${seed.id}`, quoteRevision: 2, requestedDiscountPercent: seed.percent, standardLimitPercent: 10, marginImpactPercent: -3, competitorPrice: 100, lines: [{ sku: 'BB-1', costBasis: 10, marginPercent: 20 }] },
  };
  if (seed.open) {
    if (seed.withActor !== false) c.actor = seed.actor;
  } else {
    c.decision = {
      id: `d-${seed.id}`,
      actor: seed.actor,
      decidedAt: '2026-07-01T10:00:00Z',
      command:
        decision === 'APPROVE'
          ? { decision, reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', expectedBusinessObjectVersion: 4 }
          : { decision, reasonCode: 'MARGIN_BELOW_FLOOR', expectedBusinessObjectVersion: 4 },
    };
  }
  return c;
}

const authority = find('AuthorityPolicy', 'COMMERCIAL_AUTHORITY@1');
/** The draft: the EMEA director's discount authority lowered from 35 % to 30 %. */
const lowered: AuthorityPolicy = {
  ...authority,
  version: 2,
  status: 'draft',
  grants: authority.grants.map((g) => (g.name === 'REGIONAL_DIRECTOR_EMEA' ? { ...g, limits: { ...g.limits, discountPercent: 30 } } : g)),
};

const seeds: Seed[] = [
  { id: 'dana-25', actor: people.director, percent: 25 },
  { id: 'dana-30', actor: people.director, percent: 30 },
  { id: 'dana-30.5', actor: people.director, percent: 30.5 },
  { id: 'dana-32', actor: people.director, percent: 32 },
  { id: 'dana-35', actor: people.director, percent: 35 },
  { id: 'dana-32-reject', actor: people.director, percent: 32, decision: 'REJECT' },
  { id: 'dana-33-v1', actor: people.director, percent: 33, taskType: 'DISCOUNT_APPROVAL@1' },
  { id: 'globex-33', actor: globexDirector, percent: 33 },
  { id: 'fiona-35.5', actor: people.financeApprover, percent: 35.5 },
  { id: 'fiona-32', actor: people.financeApprover, percent: 32 },
  { id: 'sam-12', actor: people.salesManager, percent: 12 },
  { id: 'apac-32', actor: apacDirector, percent: 32 },
  { id: 'dana-34-open', actor: people.director, percent: 34, open: true },
  { id: 'dana-31-open-unknown', actor: people.director, percent: 31, open: true, withActor: false },
];

function fallout(): ReplayCase {
  const c = approval({ id: 'fallout', actor: people.director, percent: 0 });
  return { ...c, pinnedDefinitions: pinnedRefs('FULFILLMENT_FALLOUT@1') };
}

const NOW = '2026-07-02T10:00:00Z';

describe('replayImpact: lowering the EMEA director discount authority from 35 % to 30 %', () => {
  const cases = [...seeds.map(approval), fallout()];
  const report = replayImpact(cases, definitions, lowered, { now: NOW, maxExamples: 20 });

  it('refuses exactly the EMEA director approvals in (30 %, 35 %], and names the authority check and grant', () => {
    const refused = report.findings.filter((f) => f.aspect === 'decision');
    expect(refused.map(({ rule, check, change, count }) => ({ rule, check, change, count }))).toEqual([{ rule: 'decision:APPROVE', check: 'AUTHORITY_LIMIT_EXCEEDED', change: 'accepted -> refused', count: 5 }]);
    expect(refused[0]!.examples.map((e) => e.itemId).sort()).toEqual(['dana-30.5', 'dana-32', 'dana-33-v1', 'dana-35', 'globex-33']);
    const example = refused[0]!.examples.find((e) => e.itemId === 'dana-32')!;
    expect(example).toMatchObject({
      decisionId: 'd-dana-32',
      actor: people.director.id,
      businessObject: { type: 'QUOTE', id: 'Q-dana-32' },
      before: { ok: true, violations: [], authority: { grant: 'REGIONAL_DIRECTOR_EMEA', limit: 35 } },
      after: { ok: false, violations: ['AUTHORITY_LIMIT_EXCEEDED'], authority: { grant: 'REGIONAL_DIRECTOR_EMEA', limit: 30 } },
    });
    expect(report.totals).toMatchObject({ refusedDecisions: 5, baselineRefused: 0 });
  });

  it('flips the APPROVE action for the deciders and for the open item claimed by the director, nothing else', () => {
    const actions = report.findings.filter((f) => f.aspect === 'action');
    expect(actions.map(({ rule, check, change, count }) => ({ rule, check, change, count }))).toEqual([{ rule: 'decision:APPROVE', check: 'AUTHORITY_LIMIT_EXCEEDED', change: 'enabled -> disabled', count: 7 }]);
    // The REJECT decided at 32 % flips the director's APPROVE action too: it was available when they decided.
    expect(actions[0]!.examples.map((e) => e.itemId).sort()).toEqual(['dana-30.5', 'dana-32', 'dana-32-reject', 'dana-33-v1', 'dana-34-open', 'dana-35', 'globex-33']);
  });

  it('counts every case once: unaffected includes the items that do not pin the authority policy', () => {
    expect(report.totals).toEqual({
      cases: 15,
      affected: 7,
      unaffected: 8,
      notReferencing: 1,
      failed: 0,
      decided: 13,
      open: 2,
      closed: 0,
      withoutActor: 1,
      refusedDecisions: 5,
      baselineRefused: 0,
      byAspect: { decision: 5, action: 7, priority: 0, sla: 0, visibility: 0 },
    });
    expect(report.candidate).toEqual({ kind: 'AuthorityPolicy', id: 'COMMERCIAL_AUTHORITY', version: 2, status: 'draft' });
  });

  it('finds no impact when the candidate is the pinned version itself', () => {
    const none = replayImpact(cases, definitions, authority, { now: NOW });
    expect(none.totals).toMatchObject({ affected: 0, unaffected: 15, baselineRefused: 0 });
    expect(none.findings).toEqual([]);
  });

  it('does not judge a past decider again on eligibility: a decision recorded without the decider\'s groups is no baseline refusal', () => {
    // Decisions from before the decider's context was recorded carry the roles, not the groups.
    const recordedWithoutGroups = approval({ id: 'dana-20-legacy', actor: { ...people.director, groups: [] }, percent: 20 });
    const out = replayImpact([recordedWithoutGroups], definitions, lowered, { now: NOW });
    expect(out.totals).toMatchObject({ baselineRefused: 0, refusedDecisions: 0 });
    const over = replayImpact([approval({ id: 'dana-32-legacy', actor: { ...people.director, groups: [] }, percent: 32 })], definitions, lowered, { now: NOW });
    expect(over.totals).toMatchObject({ baselineRefused: 0, refusedDecisions: 1 });
  });

  it('raising the limit back only loosens: a 36 % approval by the director is refused under the baseline', () => {
    const raised: AuthorityPolicy = { ...lowered, grants: authority.grants.map((g) => (g.name === 'REGIONAL_DIRECTOR_EMEA' ? { ...g, limits: { ...g.limits, discountPercent: 40 } } : g)) };
    const out = replayImpact([approval({ id: 'dana-36', actor: people.director, percent: 36 })], definitions, raised, { now: NOW });
    expect(out.totals).toMatchObject({ baselineRefused: 1, refusedDecisions: 0 });
    expect(out.findings.map((f) => [f.aspect, f.check, f.change])).toEqual(
      expect.arrayContaining([
        ['decision', 'AUTHORITY_LIMIT_EXCEEDED', 'refused -> accepted'],
        ['action', 'AUTHORITY_LIMIT_EXCEEDED', 'disabled -> enabled'],
      ]),
    );
  });

  it('reports a pinned reference that does not resolve as a failed case, not as unaffected', () => {
    const broken = { ...approval({ id: 'broken', actor: people.director, percent: 20 }), pinnedDefinitions: ['DISCOUNT_APPROVAL@2', 'COMMERCIAL_AUTHORITY@1', 'QUOTE_APPROVAL_SLA@9'] };
    const out = replayImpact([broken], definitions, lowered, { now: NOW });
    expect(out.totals).toMatchObject({ failed: 1, affected: 0, unaffected: 0 });
    expect(out.errors[0]).toMatchObject({ itemId: 'broken', message: expect.stringContaining('QUOTE_APPROVAL_SLA@9') });
  });
});

describe('replayImpact: priority, SLA and visibility agree with the enforcing functions', () => {
  const base = approval({ id: 'big', actor: people.salesManager, percent: 12, open: true });
  const big: ReplayCase = { ...base, businessObject: { ...base.businessObject, totalAmount: 300000, regulatoryRisk: true } };
  const createdCtx = (c: ReplayCase, dueAt?: string): PolicyContext => {
    const { assignee: _a, owner: _o, dueAt: _d, escalationGroup: _g, ...item } = c.item;
    return { item: { ...item, state: 'available', ...(dueAt ? { dueAt } : {}) }, businessObject: c.businessObject, evidence: c.evidence, actor: { id: 'u-sales-rep', roles: [], groups: [], tenant: c.item.tenant }, now: c.item.createdAt };
  };

  it('a priority weight change is reported per rule, with the scores priority() gives', async () => {
    const model = find('PriorityModel', 'CPQ_OMS_PRIORITY@2');
    const candidate: PriorityModel = { ...model, version: 3, status: 'draft', rules: model.rules.map((r) => (r.name === 'HIGH_VALUE_QUOTE' ? { ...r, event: { ...r.event, params: { weight: 80 } } } : r)) };
    const report = replayImpact([big], definitions, candidate, { now: NOW });
    expect(report.findings.map(({ aspect, rule, change, count }) => ({ aspect, rule, change, count }))).toEqual([{ aspect: 'priority', rule: 'HIGH_VALUE_QUOTE', change: 'weight 50 -> 80', count: 1 }]);
    const baselinePolicy = shippedPolicy('DISCOUNT_APPROVAL@2');
    const candidatePolicy = policyFor({ ...baselinePolicy.pinned, priority: candidate });
    const terms = await sla(baselinePolicy, createdCtx(big));
    const expectedBefore = await priority(baselinePolicy, createdCtx(big, terms.dueAt));
    const expectedAfter = await priority(candidatePolicy, createdCtx(big, terms.dueAt));
    expect(report.findings[0]!.examples[0]).toMatchObject({
      before: { priorityScore: expectedBefore.priorityScore, reasons: expectedBefore.reasons },
      after: { priorityScore: expectedAfter.priorityScore, reasons: expectedAfter.reasons },
    });
    expect(expectedAfter.priorityScore - expectedBefore.priorityScore).toBe(30);
  });

  it('an SLA change reports the rule and the changed terms, with the instants sla() gives', async () => {
    const policy = find('SlaPolicy', 'QUOTE_APPROVAL_SLA@2');
    const candidate: SlaPolicy = { ...policy, version: 3, status: 'draft', rules: (policy.rules ?? []).map((r) => ({ ...r, event: { ...r.event, params: { ...r.event.params, dueIn: 'PT1H', warnBefore: 'PT15M' } } })) };
    const small = approval({ id: 'small', actor: people.salesManager, percent: 12, open: true });
    const report = replayImpact([big, small], definitions, candidate, { now: NOW });
    const slaFindings = report.findings.filter((f) => f.aspect === 'sla');
    expect(slaFindings.map(({ rule, change, count }) => ({ rule, change, count }))).toEqual([{ rule: 'HIGH_VALUE_QUOTE', change: 'due, warn, escalate changed', count: 1 }]);
    const before = await sla(shippedPolicy('DISCOUNT_APPROVAL@2'), createdCtx(big));
    const after = await sla(policyFor({ ...shippedPolicy('DISCOUNT_APPROVAL@2').pinned, sla: candidate }), createdCtx(big));
    expect(slaFindings[0]!.examples[0]).toMatchObject({
      itemId: 'big',
      before: { rule: before.appliedRule, dueAt: before.dueAt, warnAt: before.warnAt, escalateAt: before.escalateAt },
      after: { rule: after.appliedRule, dueAt: after.dueAt, warnAt: after.warnAt, escalateAt: after.escalateAt },
    });
    expect(report.totals.byAspect.sla).toBe(1);
  });

  it('a field hidden from a role is reported for that role only', () => {
    const visibility = find('VisibilityPolicy', 'QUOTE_COMMERCIAL_VISIBILITY@2');
    const candidate: VisibilityPolicy = {
      ...visibility,
      version: 3,
      status: 'draft',
      fields: visibility.fields.map((f) => (f.path === 'evidence.marginImpactPercent' ? { ...f, visibleToRoles: f.visibleToRoles.filter((r) => r !== 'SALES_MANAGER') } : f)),
    };
    const cases = [approval({ id: 'sam', actor: people.salesManager, percent: 12 }), approval({ id: 'dana', actor: people.director, percent: 20 })];
    const report = replayImpact(cases, definitions, candidate, { now: NOW });
    expect(report.findings.map(({ aspect, rule, change, count }) => ({ aspect, rule, change, count }))).toEqual([{ aspect: 'visibility', rule: 'evidence.marginImpactPercent', change: 'visible -> hidden', count: 1 }]);
    expect(report.findings[0]!.examples[0]).toMatchObject({ itemId: 'sam', actor: people.salesManager.id });
  });
});
