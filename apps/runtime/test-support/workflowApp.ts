// Test support: the runtime with the shipped BPMN processes on the embedded engine, BPMN timers on
// a manual scheduler, and a clock the test moves.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStores, type Database } from '@mandate/store';
import type { Camunda7Port } from '@mandate/workflow';
import { ManualTimerScheduler } from '@mandate/workflow/test-support';
import { createRuntime } from '../src/createServer.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';
import { DefinitionRegistry } from '../src/DefinitionRegistry.js';
import { importDefinitions } from '../src/governance/importDefinitions.js';
import { loadProcesses } from '../src/workflow/loadProcesses.js';
import { TEST_NOW } from './testApp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Camunda 7 (a double, in tests) alongside the embedded engine. */
export interface CamundaSetup {
  port: Camunda7Port;
  processKeys: string[];
  tenantId: string;
}

export async function workflowApp(open: () => Promise<Database>, options: { camunda?: CamundaSetup } = {}) {
  const db = await open();
  const identity = createDevIdentity();
  const clock = { now: Date.parse(TEST_NOW) };
  const stores = createStores(db);
  const definitionImport = await importDefinitions(stores, join(root, 'definitions'), () => new Date(clock.now));
  const registry = await DefinitionRegistry.fromSource(stores.definitions, { clock: () => new Date(clock.now) });
  const { processes, bindings } = await loadProcesses(join(root, 'bpmn'));
  const timers = new ManualTimerScheduler();
  const { app, workflow } = createRuntime({
    db,
    stores,
    registry,
    definitionImport,
    identity,
    clock: () => new Date(clock.now),
    workflow: { processes, bindings, timers, ...(options.camunda ? { camunda: options.camunda } : {}), relay: { retry: { maxAttempts: 3, backoffMs: () => 1000 } } },
  });
  const token = async (userId: string) => `Bearer ${await identity.issueDevToken!(userId)}`;
  return { app, db, stores, registry, workflow: workflow!, timers, clock, token };
}

/** Start variables of a quote-approval instance: a 32% discount on a high-value regulated quote of rita's (the binding maps them). */
export const quoteVariables = (quoteId: string) => ({
  quoteId,
  quoteVersion: 12,
  quoteRevision: 3,
  salesRepId: 'rita',
  customerName: 'Acme Manufacturing',
  customerTier: 'PLATINUM',
  totalAmount: 420000,
  currency: 'EUR',
  regulatoryRisk: true,
  requestedDiscountPercent: 32,
  standardLimitPercent: 25,
  marginImpactPercent: -4.2,
  pricingResultId: 'price-771',
  region: 'EMEA',
  productFamily: 'BROADBAND',
  slaReminderAfter: 'PT4H',
  slaEscalateAfter: 'PT8H',
});

/** Start variables of order-fulfilment: an inventory reservation whose outcome is unknown. */
export const orderVariables = (orderId: string) => ({
  orderId,
  orderVersion: 7,
  orderStatus: 'IN_PROGRESS',
  customerImpacting: true,
  region: 'EMEA',
  orderLines: [{ sku: 'ONT-G2', quantity: 3, warehouse: 'FRA-2' }],
  reservationOutcome: 'UNKNOWN',
  reservationCorrelationId: 'inv-req-119',
  reservationRequestSentAt: '2026-07-02T07:15:00Z',
  reservationTimeoutAt: '2026-07-02T07:15:30Z',
  reservationRequestSummary: 'RESERVE 3 x ONT-G2 at FRA-2',
  cancellationRequested: false,
});
