/** @mandate/store: knex over embedded PGlite (default) or PostgreSQL, one set of migrations and queries. */
export { createDatabase, createIsolatedDatabase, createMemoryDatabase, databaseOptionsFromEnv, type Database, type DatabaseKind, type DatabaseOptions, type UnscopedAccess } from './createDatabase.js';
export { asOwner, asSystem, currentTenantScope, withTenant, type TenantScope } from './tenancy/tenantScope.js';
export { isDatabaseUnavailable } from './databaseUnavailable.js';
export { KnexAuditLog, type AuditEvent, type AuditEventInput, type AuditFilter, type ChainVerification } from './audit/KnexAuditLog.js';
export { AuditKeys } from './audit/AuditKeys.js';
export type { AuditCheckpoint, AuditFinding, AuditFindingCode } from './audit/checkpointFindings.js';
export { canonicalJson } from './canonicalJson.js';
export { writeTogether, type WriteStatement } from './writeTogether.js';
export { KnexWorkflowOutbox, defaultRetryPolicy, type RetryPolicy, type Settlement, type WorkflowCommand, type WorkflowCommandInput, type WorkflowCommandStatus } from './outbox/KnexWorkflowOutbox.js';
export { KnexWorkItemStore, InvalidCursorError, OPEN_WORK_ITEM_STATES, type NewWorkItem, type PendingApprovalRecord, type WorkItemChanges, type WorkItemFilter, type WorkItemPage, type WorkItemRecord, type WorkItemSummary, type WorkItemSummaryPage, type WorkItemWithContext, type WorkItemWithContextPage } from './workItems/KnexWorkItemStore.js';
export { ABANDONED_CLAIM_MS, KnexIdempotencyStore, isKeyTaken, requestHash, type DbIdempotencyKeyRow, type IdempotencyLookup, type IdempotencyScope } from './idempotency/KnexIdempotencyStore.js';
export { KnexBusinessObjectStore, type BusinessObjectRecord } from './businessObjects/KnexBusinessObjectStore.js';
export { KnexDecisionStore, type DecisionRecord } from './decisions/KnexDecisionStore.js';
export { KnexApprovalRequestStore, type ApprovalRequestRecord } from './approvals/KnexApprovalRequestStore.js';
export { KnexRecoveryActionStore, type RecoveryActionRecord } from './recoveryActions/KnexRecoveryActionStore.js';
export { KnexDefinitionVersionStore, definitionContentHash, type DefinitionContribution, type DefinitionVersionChanges, type NewDefinitionVersion, type DefinitionVersionFilter, type DefinitionVersionMeta, type DefinitionVersionRecord, type DefinitionVersionStatus } from './definitions/KnexDefinitionVersionStore.js';
export { KnexReplayCaseSource, type DecisionActorContext, type ReplayCaseFilter, type ReplayCaseRecord } from './replay/KnexReplayCaseSource.js';
export { KnexRateLimitCounter, type RateLimitHits } from './rateLimits/KnexRateLimitCounter.js';
