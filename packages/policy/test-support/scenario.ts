// Test support: the shipped definitions and a realistic discount approval (a quote above the standard limit, with its evidence).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDefinitionSources, type Definition } from '@mandate/definitions';
import { pinDefinitions } from '../src/PinnedDefinitions.js';
import { policyFor } from '../src/policyCache.js';
import type { Actor, PolicyContext } from '../src/PolicyInput.js';

const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../definitions');

let shipped: Definition[] | undefined;

/** The shipped definition set, validated. */
export function shippedDefinitions(): Definition[] {
  if (!shipped) {
    const sources = readdirSync(definitionsDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, text: readFileSync(join(definitionsDir, f), 'utf8') }));
    const result = validateDefinitionSources(sources);
    if (!result.ok) throw new Error(`shipped definitions do not validate: ${result.findings[0]?.code}`);
    shipped = result.definitions.map((d) => d.definition);
  }
  return shipped;
}

/** The compiled policy of a shipped task type version. */
export function shippedPolicy(taskTypeRef: string) {
  return policyFor(pinDefinitions(taskTypeRef, shippedDefinitions()));
}

/** Demo people. Groups route work; roles carry authority and visibility. */
export const people = {
  salesRep: { id: 'u-sales-rep', roles: ['SALES_REP'], groups: ['sales-reps'], tenant: 'ACME_EU', region: 'EMEA' },
  salesManager: { id: 'u-sales-manager', roles: ['SALES_MANAGER'], groups: ['sales-managers'], tenant: 'ACME_EU', region: 'EMEA' },
  director: { id: 'u-director', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' },
  financeApprover: { id: 'u-finance', roles: ['FINANCE_APPROVER'], groups: ['finance-approvers', 'sales-managers'], tenant: 'ACME_EU', region: 'EMEA' },
  riskOfficer: { id: 'u-risk', roles: ['RISK_OFFICER'], groups: ['risk-officers'], tenant: 'ACME_EU', region: 'EMEA' },
} satisfies Record<string, Actor>;

/** A discount approval for quote Q-2026-000918 rev 3: 32% requested, claimed by `actor`. */
export function discountApproval(actor: Actor, overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    actor,
    now: '2026-07-02T10:00:00Z',
    item: {
      id: 'wi-1',
      taskType: 'DISCOUNT_APPROVAL',
      state: 'claimed',
      tenant: 'ACME_EU',
      region: 'EMEA',
      productFamily: 'BROADBAND',
      assignee: actor.id,
      owner: actor.id,
      requestedBy: 'u-sales-rep',
      candidateGroups: ['sales-managers', 'regional-sales-directors'],
      escalationLevel: 0,
      escalationGroup: 'sales-managers',
      createdAt: '2026-07-02T08:00:00Z',
      dueAt: '2026-07-02T16:00:00Z',
      businessObjectVersion: 12,
      businessObjectRevision: 3,
    },
    businessObject: {
      type: 'QUOTE',
      id: 'Q-2026-000918',
      version: 12,
      revision: 3,
      ownerId: 'u-sales-rep',
      tenant: 'ACME_EU',
      region: 'EMEA',
      productFamily: 'BROADBAND',
      customerTier: 'PLATINUM',
      totalAmount: 420000,
      currency: 'EUR',
      regulatoryRisk: true,
    },
    evidence: {
      quoteId: 'Q-2026-000918',
      quoteRevision: 3,
      customerName: 'Acme Manufacturing',
      requestedDiscountPercent: 32,
      standardLimitPercent: 25,
      marginImpactPercent: -4.2,
      pricingResultId: 'price-771',
      competitorPrice: 18250,
      internalApprovalNotes: 'Committed multi-year expansion.',
      riskScore: 71,
      lines: [
        { sku: 'BB-1000', listPrice: 1000, netPrice: 680, costBasis: 610, marginPercent: 10.3 },
        { sku: 'BB-INSTALL', listPrice: 200, netPrice: 136, costBasis: 90, marginPercent: 33.8 },
      ],
    },
    ...overrides,
  };
}
