// Test support: an inventory reservation with an unknown outcome, and its recovery.
import type { Actor, PolicyContext } from '../src/PolicyInput.js';

/** Fulfilment operators; the lead holds the elevated role for dangerous operations. */
export const operators = {
  operator: { id: 'u-ops', roles: ['FULFILLMENT_OPERATOR'], groups: ['fulfillment-operations'], tenant: 'ACME_US', region: 'NA' },
  lead: { id: 'u-ops-lead', roles: ['FULFILLMENT_OPERATOR', 'OPERATIONS_LEAD'], groups: ['fulfillment-operations', 'operations-leads'], tenant: 'ACME_US', region: 'NA' },
} satisfies Record<string, Actor>;

/** ORD-2026-000117: reserve-inventory timed out at INV-CORE; `reconciliation` as given. */
export function unknownOutcome(actor: Actor, reconciliation: Record<string, unknown>, taskType = 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME'): PolicyContext {
  return {
    actor,
    now: '2026-07-02T15:00:00Z',
    item: {
      id: 'wi-ord-117',
      taskType,
      state: 'claimed',
      tenant: 'ACME_US',
      region: 'NA',
      assignee: actor.id,
      candidateGroups: ['fulfillment-operations', 'inventory-operations'],
      escalationLevel: 0,
      escalationGroup: 'operations-leads',
      createdAt: '2026-07-02T14:15:30Z',
      businessObjectVersion: 7,
    },
    businessObject: { type: 'ORDER', id: 'ORD-2026-000117', version: 7, tenant: 'ACME_US', customerImpacting: true },
    evidence: {
      orderId: 'ORD-2026-000117',
      orderStatus: 'FALLOUT',
      step: 'RESERVE_INVENTORY',
      externalSystem: 'INV-CORE',
      correlationId: 'inv-req-119',
      requestSentAt: '2026-07-02T14:15:00Z',
      timeoutAt: '2026-07-02T14:15:30Z',
      reconciliation,
    },
  };
}
