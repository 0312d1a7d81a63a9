import type { Database } from '@mandate/store';
import { DEV_ISSUER, DEV_USERS } from './identity/devIdentity.js';
import type { DefinitionRegistry } from './DefinitionRegistry.js';
import { WorkItemService } from './workItems/WorkItemService.js';

/** Demo work items for the dev start: a few approvals and a fallout, created through the service. */
export async function seedDemo(db: Database, registry: DefinitionRegistry): Promise<number> {
  const existing = Number((await db.knex('work_item').count('* as n').first())?.n ?? 0);
  if (existing > 0) return 0;
  const service = new WorkItemService(db, registry, () => new Date());
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
  return quotes.length;
}
