/**
 * Wire types of the runtime API: what the client sends and what it gets back, as JSON.
 *
 * Why declared here instead of imported from `@mandate/store`: the studio must never pull in knex,
 * not even its types, so records are restated in their JSON form. The client's tests check that
 * they still equal the store's records. Allowed actions come from `@mandate/policy` (pure, no I/O;
 * the import is type-only and erased from any bundle).
 */
import type { ActionAvailability, AllowedActions, ImpactAspect, ImpactExample, ImpactFinding, ImpactReport, ImpactTotals } from '@mandate/policy';
import type { ProblemCode } from '@mandate/problems';

export type { ActionAvailability, AllowedActions, ImpactAspect, ImpactExample, ImpactFinding, ImpactReport, ImpactTotals, ProblemCode };

/** `GET /healthz`. */
export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgresql';
  auth: 'dev' | 'jwt';
  /** How many definitions the runtime loaded. */
  definitions: number;
}

/** `GET /openapi.json`: the OpenAPI 3.1 document of the runtime. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [member: string]: unknown;
}

/** `POST /auth/dev/token` (dev identity only). */
export interface DevToken {
  token: string;
}

/** A reference to the business object a work item decides on, at one version. */
export interface BusinessObjectRef {
  type: string;
  id: string;
  version: number;
  revision?: number;
}

/** The first half of a four-eyes pair: what was asked for, and by whom. */
export interface PendingApproval {
  kind: 'decision' | 'action';
  code: string;
  requestedBy: string;
  /** The decision or recovery action waiting for the second approval. */
  id: string;
}

/**
 * A work item as the caller may see it: evidence fields the visibility policy hides are absent
 * from `evidence`, and their paths are listed in `redactedPaths` (never their values).
 */
export interface WorkItem {
  id: string;
  tenantId: string;
  taskType: string;
  taskTypeVersion: number;
  /** `ID@VERSION` of every definition the item evaluates under. */
  pinnedDefinitions: string[];
  state: string;
  title: string;
  businessObject: BusinessObjectRef;
  region?: string;
  productFamily?: string;
  assignee?: string;
  owner?: string;
  requestedBy?: string;
  delegatedTo?: string;
  candidateGroups: string[];
  priority: number;
  /** Why the priority is what it is, e.g. `HIGH_VALUE_QUOTE:+50`. */
  priorityReasons: string[];
  riskClass?: string;
  escalationGroup?: string;
  escalationLevel: number;
  /** ISO 8601 instant. */
  dueAt?: string;
  /** SLA warning and escalation instants (business time). */
  slaWarnAt?: string;
  slaEscalateAt?: string;
  /** When the item expires if still open (ISO 8601 instant); absent: never. */
  expiresAt?: string;
  evidence: Record<string, unknown>;
  callerRef?: Record<string, unknown>;
  /** The workflow activation's key, when a workflow waits for this item. */
  callerKey?: string;
  outcomeReason?: string;
  /** A decision or dangerous action waiting for a second person's approval. */
  pendingApproval?: PendingApproval;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
  redactedPaths: string[];
}

/** Queue filters of `GET /work-items` and `GET /work-items/count`. */
export interface WorkItemFilter {
  status?: string;
  taskType?: string;
  assignee?: string;
  candidateGroup?: string;
  /** Only items past their due time. */
  overdue?: boolean;
  priorityMin?: number;
  businessObjectType?: string;
  businessObjectId?: string;
  region?: string;
  productFamily?: string;
}

/** A queue query: filters, page size and the cursor of the page to fetch. */
export interface WorkItemQuery extends WorkItemFilter {
  limit?: number;
  cursor?: string;
}

/** One page of the queue, highest priority first. */
export interface WorkItemPage {
  items: WorkItem[];
  /** Present when there is a next page. */
  nextCursor?: string;
}

/** A worklist row (`GET /work-items?view=summary`): the item without its evidence, so nothing to redact. */
export type WorkItemSummary = Omit<WorkItem, 'evidence' | 'redactedPaths'>;

/** One page of summaries, in the queue's order. */
export interface WorkItemSummaryPage {
  items: WorkItemSummary[];
  /** Present when there is a next page. */
  nextCursor?: string;
}

/** `GET /work-items/count`. */
export interface WorkItemCount {
  count: number;
  /** Asked with `max`: whether more items match than `count` (a tab shows "999+"). */
  capped?: boolean;
}

/** `POST /work-items`: create a work item from a binding or a domain service. */
export interface CreateWorkItem {
  taskType: string;
  title?: string;
  businessObject: BusinessObjectRef & { snapshot?: Record<string, unknown> };
  evidence: Record<string, unknown>;
  requestedBy?: string;
  candidateGroups?: string[];
  region?: string;
  productFamily?: string;
  /** ISO 8601 instant after now: an item still open then becomes `expired`. */
  expiresAt?: string;
}

/** The body of claim, release, delegate, resolve-delegation, reassign, escalate and comment. */
export interface LifecycleCommand {
  reasonCode?: string;
  comment?: string;
  /** Delegate: who is asked for input. */
  delegateTo?: string;
  /** Reassign: the new assignee. */
  assignee?: string;
}

/** The item after a lifecycle command. */
export interface LifecycleResult {
  id: string;
  state: string;
  assignee: string | null;
  owner: string | null;
  delegatedTo: string | null;
  escalationLevel: number;
  rowVersion: number;
}

/** `POST /work-items/{id}/decisions`. */
export interface DecideCommand {
  decision: string;
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  /** The business object version the decider saw; a newer one makes the decision 409. */
  expectedBusinessObjectVersion: number;
  form?: Record<string, unknown>;
}

/** A recorded decision. */
export interface Decision {
  id: string;
  workItemId: string;
  decision: string;
  reasonCode: string | null;
  status: 'EFFECTIVE' | 'AWAITING_SECOND_APPROVAL';
  /** The decision this one gives the second approval for. */
  secondApprovalOf?: string;
  /** ISO 8601 instant. */
  decidedAt: string;
}

/** `POST /work-items/{id}/actions/{actionCode}`: a recovery action (reconcile, retry, ...). */
export interface ActionCommand {
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  evidence?: Record<string, unknown>;
  expectedBusinessObjectVersion?: number;
}

/** A recovery action taken: effective (201), or waiting for a second person's approval (202). */
export interface ActionResult {
  id: string;
  workItemId: string;
  action: string;
  status: 'EFFECTIVE' | 'AWAITING_SECOND_APPROVAL';
  /** The action this one gives the second approval for. */
  secondApprovalOf?: string;
  /** ISO 8601 instant. */
  takenAt: string;
}

/** A recovery action as recorded, in `GET /work-items/{id}/actions`. */
export interface RecoveryAction {
  id: string;
  tenantId: string;
  workItemId: string;
  actionCode: string;
  actor: string;
  actorRoles: string[];
  reasonCode?: string;
  comment?: string;
  /** Evidence the action recorded on the item, as sent. */
  attachedEvidence?: Record<string, unknown>;
  status: 'EFFECTIVE' | 'AWAITING_SECOND_APPROVAL';
  secondApprovalOf?: string;
  policyTrace: unknown;
  /** ISO 8601 instant. */
  takenAt: string;
}

/** `GET /work-items/{id}/actions`: the item's recovery actions, oldest first. */
export interface RecoveryActions {
  actions: RecoveryAction[];
}

/** A command sent with an Idempotency-Key, and what came back. */
export interface IdempotentResult<T> {
  /** The key sent; send it again to retry without deciding twice. */
  idempotencyKey: string;
  /** The HTTP status (a replay has the status of the first response). */
  status: number;
  result: T;
}

/** Options of idempotent commands. */
export interface IdempotencyOptions {
  /** Defaults to a new `crypto.randomUUID()`. */
  idempotencyKey?: string;
}

/** `POST /events`: the business object changed in its own domain (e.g. `QuoteRevised`). */
export interface BusinessEvent {
  type: string;
  businessObject: BusinessObjectRef & { snapshot?: Record<string, unknown> };
  evidence?: Record<string, unknown>;
}

/** What a business event did: items made obsolete and items requested anew. */
export interface BusinessEventResult {
  obsoleted: string[];
  created: string[];
}

/** Filters of `GET /audit`. */
export interface AuditFilter {
  workItemId?: string;
  /** Narrows `businessObjectId` to one type; the runtime refuses it alone. */
  businessObjectType?: string;
  businessObjectId?: string;
  actor?: string;
  /** ISO 8601 instant. */
  from?: string;
  /** ISO 8601 instant. */
  to?: string;
  /** Events after this sequence: the `nextAfter` of the previous page. */
  after?: string;
  /** Page size (the runtime's default is 500). */
  limit?: number;
}

/** An audit event with its place in the tenant's hash chain. */
export interface AuditEvent {
  tenantId: string;
  sequence: number;
  eventType: string;
  workItemId?: string;
  businessObject?: { type: string; id: string };
  actor?: string;
  payload: Record<string, unknown>;
  /** ISO 8601 instant. */
  occurredAt: string;
  prevHash: string;
  hash: string;
}

/** `GET /audit`: one page of events in chain order. */
export interface AuditEvents {
  events: AuditEvent[];
  /** Present when the page is full: pass it as `after` for the next page. */
  nextAfter?: string;
}

/** A signed chain head: the tenant's chain had `sequence` events, the last with `hash`, at `signedAt`. */
export interface AuditCheckpoint {
  tenantId: string;
  sequence: number;
  hash: string;
  /** ISO 8601 instant. */
  signedAt: string;
  /** Which signing key signed it. */
  keyId: string;
  /** Ed25519, base64url. */
  signature: string;
}

/** What verification found wrong, by kind. */
export type AuditFindingCode =
  | 'SEQUENCE_MISSING'
  | 'LINK_BROKEN'
  | 'CONTENT_CHANGED'
  | 'TRUNCATED'
  | 'REHASHED'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME';

/** One thing wrong with a tenant's trail: at a chain sequence, or an unsealed event by its id. */
export interface AuditFinding {
  code: AuditFindingCode;
  /** The first sequence that can no longer be trusted. */
  sequence?: number;
  /** An unsealed event, which has no sequence. */
  eventId?: string;
  reason: string;
}

/**
 * `GET /audit/verify`: the chain walked and held against its signed checkpoints. `checkpoint` is
 * the latest one that verifies (events after it are only hash-chained); when not ok, `findings`
 * lists everything found and `brokenAt`/`reason` repeat the first finding that has a sequence.
 */
export type ChainVerification =
  | { ok: true; events: number; checkpoint?: AuditCheckpoint }
  | { ok: false; events: number; checkpoint?: AuditCheckpoint; brokenAt?: number; reason: string; findings: AuditFinding[] };

/** `POST /audit/checkpoints`: the checkpoint written, or the latest one when the head was already signed (`created: false`). */
export interface AuditCheckpointResult {
  created: boolean;
  checkpoint?: AuditCheckpoint;
}

/** One reason a request or a decision was refused. */
export interface ProblemViolation {
  /** Policy violations carry a code (`FOUR_EYES_VIOLATION`); schema violations do not. */
  code?: string;
  message: string;
  /** JSON Pointer into the body or form. */
  pointer?: string;
  /** The unexpected property, for `additionalProperties` violations. */
  property?: string;
}

/**
 * The code of a {@link Problem}: one of the runtime's catalogue (docs/problems.md), or
 * `HTTP_<status>` for an error response that is no problem document.
 */
export type MandateProblemCode = ProblemCode | `HTTP_${number}`;

/** An RFC 9457 problem document as the runtime sends it, with its extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Stable SCREAMING_SNAKE code, e.g. `WORK_ITEM_NOT_FOUND`. */
  code: MandateProblemCode;
  detail: string;
  instance?: string;
  violations?: ProblemViolation[];
  failedChecks?: string[];
  requiredFields?: string[];
  [extension: string]: unknown;
}

/** The lifecycle states of a definition version (docs/governance.md). */
export type DefinitionVersionStatus = 'draft' | 'in_review' | 'published' | 'retired';

/** A definition version's lifecycle record, without its content (`GET /definitions/{kind}/{id}/versions`). */
export interface DefinitionVersionMeta {
  kind: string;
  id: string;
  version: number;
  status: DefinitionVersionStatus;
  title: string;
  /** SHA-256 of the canonical content without `status` and `$schema`. */
  contentHash: string;
  author: string;
  reviewer: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  /** The content hash the approval saw; publishing needs it to equal `contentHash`. Null while not approved. */
  approvedContentHash: string | null;
  publishedAt: string | null;
  /** From when new work items resolve to it; null: since publication. */
  effectiveFrom: string | null;
  retiredAt: string | null;
  changeNote: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A definition version with its content (`GET /definitions/{kind}/{id}/versions/{version}`). */
export interface DefinitionVersionRecord extends DefinitionVersionMeta {
  content: Record<string, unknown>;
}

/** A validation or lint finding of a version, located by JSON Pointer into its content. */
export interface DraftFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  pointer: string;
}

/**
 * One contribution to a version's content: its author's first content (`created`, seq 1) or a
 * later edit, with the content hash right after it. No contributor may approve the version.
 */
export interface DefinitionContribution {
  seq: number;
  contributor: string;
  action: 'created' | 'edited';
  contentHash: string;
  contributedAt: string;
}

/**
 * A version as `GET .../versions/{version}` and the governance commands answer: with its
 * contributors in order (the author first), and its findings where the command computes them (drafts).
 */
export interface DefinitionVersionView extends DefinitionVersionRecord {
  contributors: DefinitionContribution[];
  findings?: DraftFinding[];
}

/** One definition with its versions (`GET /definitions`). */
export interface DefinitionSummary {
  kind: string;
  id: string;
  title: string;
  versions: { version: number; status: DefinitionVersionStatus; effectiveFrom: string | null }[];
}

/** `GET /definitions`. */
export interface DefinitionList {
  definitions: DefinitionSummary[];
}

/** `GET /definitions/{kind}/{id}/versions`, oldest first. */
export interface DefinitionVersions {
  versions: DefinitionVersionMeta[];
}

/** `POST /definitions/{kind}/{id}/drafts`: empty, a copy of version `from`, or the given `content`; not both. */
export interface CreateDraft {
  from?: number;
  content?: Record<string, unknown>;
  changeNote?: string;
}

/** `PUT /definitions/{kind}/{id}/versions/{version}`: a draft's new content. */
export interface UpdateDraft {
  content: Record<string, unknown>;
  changeNote?: string;
}

/** Whether a change tightens control, loosens it, or neither. */
export type ControlEffect = 'tightening' | 'loosening' | 'neutral';

/** One semantic change between two versions, e.g. "reason code COMPETITIVE_MATCH added". */
export interface SemanticChange {
  /** Stable path keyed by ids, e.g. `codes[COMPETITIVE_MATCH].riskLevel`. */
  path: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  control: ControlEffect;
  summary: string;
}

/** An RFC 6902 JSON Patch operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** `GET /definitions/{kind}/{id}/diff?from=&to=`: semantic changes, their counts by control effect, and the JSON Patch. */
export interface DefinitionVersionDiff {
  /** `ID@VERSION` of each side. */
  from: string;
  to: string;
  changes: SemanticChange[];
  control: Record<ControlEffect, number>;
  patch: JsonPatchOperation[];
}

/** `POST /definitions/TaskType/{id}/migrations`. */
export interface MigrateWorkItems {
  fromVersion: number;
  toVersion: number;
  /** true: report what would change, write nothing. */
  dryRun: boolean;
  /** These items (at most 1,000); all open items at `fromVersion` when absent. */
  workItemIds?: string[];
}

/** A value before and after a migration. */
export interface Change<T> {
  from: T;
  to: T;
}

/** Why an item cannot be migrated (`EVIDENCE_INVALID`, `BUSINESS_OBJECT_TYPE_MISMATCH`, `SECOND_APPROVAL_PENDING`). */
export interface MigrationBlocker {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What a migration changes on one item. */
export interface ItemMigration {
  workItemId: string;
  state: string;
  pinnedDefinitions: Change<string[]> & { changed: string[] };
  priority: Change<number> & { reasons: Change<string[]> };
  dueAt: Change<string | null>;
  slaWarnAt: Change<string | null>;
  slaEscalateAt: Change<string | null>;
  escalationGroup: Change<string | null>;
  blockers: MigrationBlocker[];
}

/** The answer of a migration, dry run or applied. */
export interface MigrationResult {
  taskType: string;
  from: string;
  to: string;
  dryRun: boolean;
  applied: boolean;
  definitionChanges: SemanticChange[];
  decisionOptions: { added: string[]; removed: string[] };
  items: ItemMigration[];
  skipped: { workItemId: string; reason: 'NOT_FOUND' | 'NOT_OPEN' | 'NOT_AT_FROM_VERSION' }[];
  /** More than 1,000 items matched: apply again. */
  truncated: boolean;
}

/** A shipped definition file that differs from its stored version (the stored one is kept). */
export interface ImportConflict {
  kind: string;
  id: string;
  version: number;
  file: string;
  fileStatus: string;
  fileHash: string;
  storedStatus: DefinitionVersionStatus;
  storedHash: string;
  resolution: 'STORED_VERSION_KEPT';
}

/** `GET /definitions/import-conflicts`. */
export interface ImportConflicts {
  importedAt: string | null;
  conflicts: ImportConflict[];
}

/** `GET /definitions/{kind}/{id}/impact`: the candidate version and the time range (ISO 8601, from inclusive, to exclusive). */
export interface ImpactQuery {
  candidate: number;
  from?: string;
  to?: string;
}
