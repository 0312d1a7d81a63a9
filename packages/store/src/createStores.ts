import { KnexApprovalRequestStore } from './approvals/KnexApprovalRequestStore.js';
import { KnexAuditLog } from './audit/KnexAuditLog.js';
import { KnexBusinessObjectStore } from './businessObjects/KnexBusinessObjectStore.js';
import { KnexCommentStore } from './comments/KnexCommentStore.js';
import type { Database } from './createDatabase.js';
import { KnexDecisionStore } from './decisions/KnexDecisionStore.js';
import { KnexDefinitionVersionStore } from './definitions/KnexDefinitionVersionStore.js';
import { KnexIdempotencyStore } from './idempotency/KnexIdempotencyStore.js';
import { KnexWorkflowOutbox } from './outbox/KnexWorkflowOutbox.js';
import { KnexProcessInstanceStore } from './processInstances/KnexProcessInstanceStore.js';
import { KnexRateLimitCounter } from './rateLimits/KnexRateLimitCounter.js';
import { KnexRecoveryActionStore } from './recoveryActions/KnexRecoveryActionStore.js';
import { KnexReplayCaseSource } from './replay/KnexReplayCaseSource.js';
import { KnexSlaFiringStore } from './sla/KnexSlaFiringStore.js';
import type { Stores } from './Stores.js';
import { KnexWorkItemStore } from './workItems/KnexWorkItemStore.js';

/**
 * The knex stores of a database, built once: the one place a runtime (or a tool) turns a
 * `Database` into the ports its services take. The audit log signs with the database's keys.
 *
 * @example
 * const db = createDatabase(databaseOptionsFromEnv(), auditKeys);
 * const stores = createStores(db);
 * const registry = await DefinitionRegistry.fromSource(stores.definitions);
 */
export function createStores(db: Database): Stores {
  const { knex } = db;
  return {
    workItems: new KnexWorkItemStore(knex),
    businessObjects: new KnexBusinessObjectStore(knex),
    approvals: new KnexApprovalRequestStore(knex),
    decisions: new KnexDecisionStore(knex),
    recoveryActions: new KnexRecoveryActionStore(knex),
    comments: new KnexCommentStore(),
    slaFirings: new KnexSlaFiringStore(),
    audit: new KnexAuditLog(knex, db.auditKeys),
    outbox: new KnexWorkflowOutbox(knex),
    idempotency: new KnexIdempotencyStore(knex),
    definitions: new KnexDefinitionVersionStore(knex),
    replayCases: new KnexReplayCaseSource(knex),
    processInstances: new KnexProcessInstanceStore(knex),
    rateLimits: new KnexRateLimitCounter(knex),
    transaction: db.transaction,
  };
}
