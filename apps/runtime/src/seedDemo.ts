import type { Stores } from '@mandate/store';
import { DEV_ISSUER, DEV_USERS } from './identity/devIdentity.js';
import type { DefinitionRegistry } from './DefinitionRegistry.js';
import { WorkItemCommands } from './workItems/WorkItemCommands.js';

/** Demo work items for the dev start: three discount approvals and an unknown-outcome fallout, created through the service. */
export async function seedDemo(stores: Stores, registry: DefinitionRegistry): Promise<number> {
  if (await stores.workItems.hasAny()) return 0;
  const service = new WorkItemCommands(stores, registry, () => new Date());
  const rita = { id: 'rita', issuer: DEV_ISSUER, ...DEV_USERS.rita! };
  const quotes = [
    { id: 'Q-2026-000918', discount: 32, amount: 420000, tier: 'PLATINUM', regulatory: true },
    { id: 'Q-2026-000921', discount: 18, amount: 90000, tier: 'GOLD', regulatory: false },
    { id: 'Q-2026-000930', discount: 41, amount: 1200000, tier: 'PLATINUM', regulatory: false },
  ];
  for (const q of quotes) {
    await service.create(rita, {
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: q.id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: q.amount, currency: 'EUR', customerTier: q.tier, regulatoryRisk: q.regulatory } },
      region: 'EMEA',
      productFamily: 'BROADBAND',
      evidence: { quoteId: q.id, quoteRevision: 3, customerName: 'Acme Manufacturing', requestedDiscountPercent: q.discount, standardLimitPercent: 25, marginImpactPercent: -4.2, pricingResultId: 'price-771', competitorPrice: 18250, internalApprovalNotes: 'Committed multi-year expansion.', riskScore: 71 },
    });
  }
  // A reservation whose outcome is unknown: the fulfilment service asks operations to reconcile it.
  const oms = { id: 'oms', issuer: DEV_ISSUER, ...DEV_USERS.oms! };
  await service.create(oms, {
    taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME',
    businessObject: { type: 'ORDER', id: 'ORD-2026-004411', version: 7, snapshot: { customerImpacting: true } },
    region: 'EMEA',
    evidence: {
      orderId: 'ORD-2026-004411',
      orderStatus: 'IN_PROGRESS',
      step: 'RESERVE_INVENTORY',
      externalSystem: 'INV-CORE',
      correlationId: 'inv-req-119',
      requestSentAt: '2026-07-02T10:15:00Z',
      timeoutAt: '2026-07-02T10:15:30Z',
      lastRequestSummary: 'RESERVE 3 x ONT-G2 at warehouse FRA-2',
      reconciliation: { status: 'NOT_STARTED' },
      recommendedSteps: ['Query reservation by correlation id', 'If it exists, attach the result and confirm', 'If not found, attach the result and mark no-effect', 'If the query is unavailable, escalate to inventory operations'],
    },
  });
  return quotes.length + 1;
}

/** Start variables of the demo quote-approval process (the binding's input mapping reads them). */
export const demoQuoteProcessVariables = {
  quoteId: 'Q-2026-000944',
  quoteVersion: 4,
  quoteRevision: 2,
  salesRepId: 'rita',
  customerName: 'Nordlicht Logistics',
  customerTier: 'GOLD',
  totalAmount: 185000,
  currency: 'EUR',
  regulatoryRisk: false,
  requestedDiscountPercent: 28,
  standardLimitPercent: 25,
  marginImpactPercent: -3.1,
  pricingResultId: 'price-944',
  region: 'EMEA',
  productFamily: 'BROADBAND',
  slaReminderAfter: 'PT4H',
  slaEscalateAfter: 'PT8H',
};
