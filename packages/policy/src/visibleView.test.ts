import fc from 'fast-check';
import { refOf, type TaskType } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { discountApproval, people, shippedDefinitions, shippedPolicy } from '../test-support/scenario.js';
import type { Actor } from './PolicyInput.js';
import { visibleView } from './visibleView.js';

const approval = shippedPolicy('DISCOUNT_APPROVAL@2');

describe('visibleView', () => {
  it('hides margin from a sales rep and shows it to a finance approver', async () => {
    const rep = await visibleView(approval, discountApproval(people.salesRep));
    expect(rep.evidence).not.toHaveProperty('marginImpactPercent');
    expect(rep.evidence).toHaveProperty('requestedDiscountPercent', 32);
    expect(rep.redactedPaths).toContain('evidence.marginImpactPercent');
    expect(rep.redactedPaths).toContain('evidence.lines[1].costBasis');
    expect(JSON.stringify(rep)).not.toContain('-4.2');

    const finance = await visibleView(approval, discountApproval(people.financeApprover));
    expect(finance.evidence).toHaveProperty('marginImpactPercent', -4.2);
    expect((finance.evidence.lines as { costBasis?: number }[])[0]).toHaveProperty('costBasis', 610);
  });

  it('v2 shows the margin summary to sales managers, not line cost', async () => {
    const manager = await visibleView(approval, discountApproval(people.salesManager));
    expect(manager.evidence).toHaveProperty('marginImpactPercent');
    expect((manager.evidence.lines as object[])[0]).not.toHaveProperty('costBasis');
  });

  it('applies conditions: internal notes need the same tenant', async () => {
    const ctx = discountApproval({ ...people.financeApprover, tenant: 'GLOBEX' });
    const view = await visibleView(approval, ctx);
    expect(view.evidence).not.toHaveProperty('internalApprovalNotes');
    expect(view.hiddenFields).toContain('evidence.internalApprovalNotes');
  });

  it('never mutates the input evidence', async () => {
    const ctx = discountApproval(people.salesRep);
    const before = JSON.stringify(ctx.evidence);
    await visibleView(approval, ctx);
    expect(JSON.stringify(ctx.evidence)).toBe(before);
  });
});

const SECRET = 'SECRET-7f3a';
const taskTypes = shippedDefinitions().filter((d): d is TaskType => d.kind === 'TaskType');
const roles = [...new Set(shippedDefinitions().flatMap((d) => (d.kind === 'VisibilityPolicy' ? d.fields.flatMap((f) => f.visibleToRoles) : [])))].concat('SALES_REP', 'PARTNER_AGENT');

/** Sets `value` at a policy path in `node`; `name[]` fills two array elements. */
function fill(node: Record<string, unknown>, steps: string[], value: string): void {
  const [step, ...rest] = steps;
  if (step === undefined) return;
  const key = step.replace('[]', '');
  if (step.endsWith('[]')) {
    const list = (node[key] ??= rest.length ? [{}, {}] : []) as unknown[];
    if (rest.length === 0) node[key] = [value, value];
    else for (const element of list) fill(element as Record<string, unknown>, rest, value);
  } else if (rest.length === 0) node[key] = value;
  else fill((node[key] ??= {}) as Record<string, unknown>, rest, value);
}

describe('visibleView never leaks a hidden value', () => {
  it.each(taskTypes.map((t) => refOf(t)))('%s: for every demo role, no hidden value appears anywhere in the serialised output', async (ref) => {
    const policy = shippedPolicy(ref);
    const paths = policy.pinned.visibility.fields.map((f) => f.path);
    const secretOf = (path: string) => `${SECRET}-${paths.indexOf(path)}`;
    for (const role of roles) {
      const actor: Actor = { id: `u-${role}`, roles: [role], groups: [], tenant: 'ACME_EU' };
      const evidence: Record<string, unknown> = { visible: 'ok' };
      for (const path of paths) fill(evidence, path.split('.').slice(1), secretOf(path));
      const view = await visibleView(policy, { ...discountApproval(actor), evidence });
      const serialised = JSON.stringify(view);
      const audience = policy.pinned.visibility.restrictedAudiences?.find((a) => a.name === view.audience);
      const allowed = (path: string) => !audience || audience.visiblePaths.some((p) => path === p || path.startsWith(`${p}.`));
      for (const path of paths) {
        // A secret of a hidden field never appears; one of a shown field does (the test can fail both ways).
        if (view.hiddenFields.includes(path) || !allowed(path)) expect(serialised, `${role} sees ${path}`).not.toContain(`"${secretOf(path)}"`);
        else expect(serialised, `${role} should see ${path}`).toContain(`"${secretOf(path)}"`);
      }
      expect(view.evidence.visible).toBe(audience ? undefined : 'ok');
    }
  });

  it('for random actors and random evidence, no hidden path survives in the projection', async () => {
    const policy = approval;
    const fields = policy.pinned.visibility.fields;
    const valueArb = fc.oneof(fc.integer(), fc.string(), fc.constant(SECRET));
    const evidenceArb = fc.record(
      {
        marginImpactPercent: valueArb,
        competitorPrice: valueArb,
        internalApprovalNotes: valueArb,
        riskScore: valueArb,
        requestedDiscountPercent: fc.integer({ min: 0, max: 60 }),
        lines: fc.array(fc.record({ sku: fc.string(), costBasis: valueArb, marginPercent: valueArb }, { requiredKeys: ['sku'] }), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    const actorArb = fc.record({ id: fc.constantFrom('a', 'b'), roles: fc.subarray(roles), groups: fc.constant<string[]>([]), tenant: fc.constantFrom('ACME_EU', 'GLOBEX') });
    await fc.assert(
      fc.asyncProperty(actorArb, evidenceArb, async (actor, evidence) => {
        const view = await visibleView(policy, { ...discountApproval(actor), evidence });
        for (const hidden of view.hiddenFields) {
          const steps = hidden.split('.').slice(1);
          const present = (node: unknown, i: number): boolean => {
            if (i === steps.length) return true;
            if (node === null || typeof node !== 'object') return false;
            const step = steps[i]!;
            const key = step.replace('[]', '');
            if (!Object.hasOwn(node, key)) return false;
            const next = (node as Record<string, unknown>)[key];
            if (step.endsWith('[]')) return Array.isArray(next) && next.some((el) => i + 1 === steps.length ? el !== null : present(el, i + 1));
            return present(next, i + 1);
          };
          expect(present(view.evidence, 0), hidden).toBe(false);
        }
        expect(fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('restricted audiences (partners see only partner-scoped details)', () => {
  const fallout = shippedPolicy('FULFILLMENT_FALLOUT@1');
  const evidence = {
    orderId: 'ORD-1001',
    orderStatus: 'FALLOUT',
    failedStep: 'ACTIVATE_SERVICE',
    correlationId: 'act-77',
    lastResponseSummary: 'HTTP 504 from ACT-CORE',
    reconciliation: { status: 'COMPLETED', result: 'NOT_FOUND' },
    partner: { ticketReference: 'P-5521', slaCommitment: '4h' },
    customerContact: { name: 'Jane Doe', phone: '+1 555 0100' },
    internalNotes: 'Escalate if not fixed by noon.',
  };
  const partner: Actor = { id: 'u-partner', roles: ['PARTNER_AGENT'], groups: ['partner-agents'], tenant: 'ACME_EU' };

  it('a partner sees only the allow-listed paths, and protected fields among them as the rules say', async () => {
    const view = await visibleView(fallout, { ...discountApproval(partner), evidence });
    expect(view.audience).toBe('EXTERNAL_PARTNER');
    expect(view.evidence).toEqual({
      orderId: 'ORD-1001',
      orderStatus: 'FALLOUT',
      failedStep: 'ACTIVATE_SERVICE',
      correlationId: 'act-77',
      partner: { ticketReference: 'P-5521', slaCommitment: '4h' },
    });
    expect(view.redactedPaths).toEqual(['evidence.customerContact', 'evidence.internalNotes', 'evidence.lastResponseSummary', 'evidence.reconciliation']);
  });

  it('a partner of another tenant loses even the partner fields', async () => {
    const other = await visibleView(fallout, { ...discountApproval({ ...partner, tenant: 'GLOBEX' }), evidence });
    expect(other.evidence.partner).toEqual({});
  });

  it('an operations agent is no restricted audience; an extra role never lifts a partner out of it', async () => {
    const agent = await visibleView(fallout, { ...discountApproval({ ...partner, roles: ['OPERATIONS_AGENT'] }), evidence });
    expect(agent.audience).toBeUndefined();
    expect(agent.evidence).toHaveProperty('reconciliation');
    const partnerViewer = await visibleView(fallout, { ...discountApproval({ ...partner, roles: ['PARTNER_AGENT', 'VIEWER'] }), evidence });
    expect(partnerViewer.audience).toBe('EXTERNAL_PARTNER');
    expect(partnerViewer.evidence).not.toHaveProperty('reconciliation');
  });
});
