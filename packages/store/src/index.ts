/**
 * @mandate/store: knex over embedded PGlite (default) or PostgreSQL, one set of migrations and
 * queries. Services take the ports (`Stores` and the interfaces in it) with an opaque
 * `StoreTransaction`; `createStores(db)` builds the knex adapters once.
 */
export { createDatabase, createIsolatedDatabase, createMemoryDatabase, databaseOptionsFromEnv, type Database, type DatabaseKind, type DatabaseOptions, type UnscopedAccess } from './createDatabase.js';
export { createStores } from './createStores.js';
export type { Stores } from './Stores.js';
export type { StoreTransaction } from './StoreTransaction.js';
export type { ReadStatement, WriteStatement } from './statements.js';
export { asOwner, asSystem, currentTenantScope, withTenant, type TenantScope } from './tenancy/tenantScope.js';
export { isDatabaseUnavailable } from './databaseUnavailable.js';
export type { AuditEvent, AuditEventInput, AuditFilter, AuditLog, ChainVerification } from './audit/AuditLog.js';
export { KnexAuditLog } from './audit/KnexAuditLog.js';
export { AuditKeys } from './audit/AuditKeys.js';
export type { AuditCheckpoint, AuditFinding, AuditFindingCode } from './audit/checkpointFindings.js';
export { canonicalJson } from './canonicalJson.js';
export type { RetryPolicy, Settlement, WorkflowCommand, WorkflowCommandInput, WorkflowCommandStatus, WorkflowOutbox } from './outbox/WorkflowOutbox.js';
export { KnexWorkflowOutbox, defaultRetryPolicy } from './outbox/KnexWorkflowOutbox.js';
export type { NewWorkItem, PageRequest, PendingApprovalRecord, WorkItemChanges, WorkItemFilter, WorkItemPage, WorkItemRecord, WorkItemStore, WorkItemSummary, WorkItemSummaryPage, WorkItemWithContext, WorkItemWithContextPage } from './workItems/WorkItemStore.js';
export { KnexWorkItemStore, InvalidCursorError, OPEN_WORK_ITEM_STATES } from './workItems/KnexWorkItemStore.js';
export type { DbIdempotencyKeyRow, IdempotencyLookup, IdempotencyScope, IdempotencyStore } from './idempotency/IdempotencyStore.js';
export { ABANDONED_CLAIM_MS, KnexIdempotencyStore, isKeyTaken, requestHash } from './idempotency/KnexIdempotencyStore.js';
export type { BusinessObjectRecord, BusinessObjectStore } from './businessObjects/BusinessObjectStore.js';
export { KnexBusinessObjectStore } from './businessObjects/KnexBusinessObjectStore.js';
export type { DecisionRecord, DecisionStore } from './decisions/DecisionStore.js';
export { KnexDecisionStore } from './decisions/KnexDecisionStore.js';
export type { ApprovalRequestRecord, ApprovalRequestStore } from './approvals/ApprovalRequestStore.js';
export { KnexApprovalRequestStore } from './approvals/KnexApprovalRequestStore.js';
export type { RecoveryActionRecord, RecoveryActionStore } from './recoveryActions/RecoveryActionStore.js';
export { KnexRecoveryActionStore } from './recoveryActions/KnexRecoveryActionStore.js';
export type { CommentStore, NewComment } from './comments/CommentStore.js';
export { KnexCommentStore } from './comments/KnexCommentStore.js';
export type { SlaFiring, SlaFiringStore } from './sla/SlaFiringStore.js';
export { KnexSlaFiringStore } from './sla/KnexSlaFiringStore.js';
export type { DefinitionContribution, DefinitionVersionChanges, DefinitionVersionFilter, DefinitionVersionMeta, DefinitionVersionRecord, DefinitionVersionStatus, DefinitionVersionStore, NewDefinitionVersion } from './definitions/DefinitionVersionStore.js';
export { KnexDefinitionVersionStore, definitionContentHash } from './definitions/KnexDefinitionVersionStore.js';
export type { DecisionActorContext, ReplayCaseFilter, ReplayCaseRecord, ReplayCaseSource } from './replay/ReplayCaseSource.js';
export { KnexReplayCaseSource } from './replay/KnexReplayCaseSource.js';
export type { NewProcessInstance, ProcessInstanceChanges, ProcessInstanceRecord, ProcessInstanceStatus, ProcessInstanceStore, StoredProcessInstance, WaitingUserTask } from './processInstances/ProcessInstanceStore.js';
export { KnexProcessInstanceStore } from './processInstances/KnexProcessInstanceStore.js';
export type { RateLimitCounter, RateLimitHits } from './rateLimits/RateLimitCounter.js';
export { KnexRateLimitCounter } from './rateLimits/KnexRateLimitCounter.js';
