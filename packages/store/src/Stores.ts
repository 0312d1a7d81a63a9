import type { ApprovalRequestStore } from './approvals/ApprovalRequestStore.js';
import type { AuditLog } from './audit/AuditLog.js';
import type { BusinessObjectStore } from './businessObjects/BusinessObjectStore.js';
import type { CommentStore } from './comments/CommentStore.js';
import type { DecisionStore } from './decisions/DecisionStore.js';
import type { DefinitionVersionStore } from './definitions/DefinitionVersionStore.js';
import type { IdempotencyStore } from './idempotency/IdempotencyStore.js';
import type { WorkflowOutbox } from './outbox/WorkflowOutbox.js';
import type { ProcessInstanceStore } from './processInstances/ProcessInstanceStore.js';
import type { RateLimitCounter } from './rateLimits/RateLimitCounter.js';
import type { RecoveryActionStore } from './recoveryActions/RecoveryActionStore.js';
import type { ReplayCaseSource } from './replay/ReplayCaseSource.js';
import type { SlaFiringStore } from './sla/SlaFiringStore.js';
import type { StoreTransaction } from './StoreTransaction.js';
import type { WorkItemStore } from './workItems/WorkItemStore.js';

/**
 * Every store of one database, built once (`createStores`) and handed to the services, which
 * see these ports only: no knex, no SQL, and a transaction they cannot look into. A command that
 * writes several stores opens one transaction and passes it to each.
 */
export interface Stores {
  readonly workItems: WorkItemStore;
  readonly businessObjects: BusinessObjectStore;
  readonly approvals: ApprovalRequestStore;
  readonly decisions: DecisionStore;
  readonly recoveryActions: RecoveryActionStore;
  readonly comments: CommentStore;
  readonly slaFirings: SlaFiringStore;
  readonly audit: AuditLog;
  readonly outbox: WorkflowOutbox;
  readonly idempotency: IdempotencyStore;
  readonly definitions: DefinitionVersionStore;
  readonly replayCases: ReplayCaseSource;
  readonly processInstances: ProcessInstanceStore;
  readonly rateLimits: RateLimitCounter;
  /** Runs `run` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(run: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}
