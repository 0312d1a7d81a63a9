import type { ApprovalRequestRecord } from '../approvals/ApprovalRequestStore.js';
import type { BusinessObjectRecord } from '../businessObjects/BusinessObjectStore.js';
import type { ReadStatement, WriteStatement } from '../statements.js';
import type { StoreTransaction } from '../StoreTransaction.js';

/** A work item as the store keeps it: the read model queues and screens are served from. */
export interface WorkItemRecord {
  id: string;
  tenantId: string;
  taskType: string;
  taskTypeVersion: number;
  /** `ID@VERSION` of every definition the item evaluates under. */
  pinnedDefinitions: string[];
  state: string;
  title: string;
  businessObject: { type: string; id: string; version: number; revision?: number };
  region?: string;
  productFamily?: string;
  assignee?: string;
  owner?: string;
  requestedBy?: string;
  delegatedTo?: string;
  candidateGroups: string[];
  priority: number;
  priorityReasons: string[];
  riskClass?: string;
  escalationGroup?: string;
  escalationLevel: number;
  dueAt?: string;
  /** SLA warning and escalation instants (business time), fired by the SLA scheduler. */
  slaWarnAt?: string;
  slaEscalateAt?: string;
  /** When the item expires if still open (given at creation); absent: never. */
  expiresAt?: string;
  evidence: Record<string, unknown>;
  /** The workflow activation that waits for this item's decision (see @mandate/workflow CallerRef). */
  callerRef?: Record<string, unknown>;
  /** The caller reference as one stable key: one live item per activation. */
  callerKey?: string;
  outcomeReason?: string;
  /** A decision or dangerous action waiting for a second person's approval. */
  pendingApproval?: PendingApprovalRecord;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** The first half of a four-eyes pair: what was asked for, by whom, and the row that records it. */
export interface PendingApprovalRecord {
  kind: 'decision' | 'action';
  code: string;
  requestedBy: string;
  /** The decision or recovery action row waiting for the second approval. */
  id: string;
}

/** What a new work item needs; the store assigns row version and timestamps. */
export type NewWorkItem = Omit<WorkItemRecord, 'rowVersion' | 'createdAt' | 'updatedAt'>;

/** The queue filters (state, groups, assignee, business object, region, product family, priority, overdue). */
export interface WorkItemFilter {
  state?: string;
  taskType?: string;
  assignee?: string;
  candidateGroup?: string;
  /** Due before this instant (and not finished). */
  overdueAt?: string;
  priorityMin?: number;
  businessObjectType?: string;
  businessObjectId?: string;
  region?: string;
  productFamily?: string;
}

/** One page of a queue, highest priority first, with a cursor for the next page. */
export interface WorkItemPage {
  items: WorkItemRecord[];
  nextCursor?: string;
}

/** An item as a worklist row shows it: everything but its evidence (which the full views project per caller). */
export type WorkItemSummary = Omit<WorkItemRecord, 'evidence'>;

/** One page of summaries, in the queue's order. */
export interface WorkItemSummaryPage {
  items: WorkItemSummary[];
  nextCursor?: string;
}

/** An item with what its policy reads besides the item: its business object's latest version and its approval request. */
export interface WorkItemWithContext {
  item: WorkItemRecord;
  businessObject?: BusinessObjectRecord;
  approvalRequest?: ApprovalRequestRecord;
}

/** One page of a queue, each item with its context. */
export interface WorkItemWithContextPage {
  items: WorkItemWithContext[];
  nextCursor?: string;
}

/** Columns a transition may change. */
export type WorkItemChanges = Partial<Pick<WorkItemRecord, 'taskTypeVersion' | 'pinnedDefinitions' | 'state' | 'assignee' | 'owner' | 'delegatedTo' | 'escalationLevel' | 'escalationGroup' | 'dueAt' | 'slaWarnAt' | 'slaEscalateAt' | 'priority' | 'priorityReasons' | 'outcomeReason' | 'pendingApproval' | 'evidence'>>;

/** A page request: at most `limit` items (1-200, default 50) after the `cursor` of the previous page. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/**
 * Work items: the worklist read model. Every query of a tenant is scoped by it (another tenant's
 * item is simply not found); the cross-tenant reads serve the background passes. State changes
 * are conditional on the row version, so of two concurrent claims exactly one succeeds.
 */
export interface WorkItemStore {
  /** Inserts an item and its candidate groups inside the caller's transaction. */
  create(tx: StoreTransaction, item: NewWorkItem, now: string): Promise<WorkItemRecord>;
  /** One item of the tenant, or undefined (also for another tenant's id). */
  get(tenantId: string, id: string, tx?: StoreTransaction): Promise<WorkItemRecord | undefined>;
  /** One item of the tenant with its business object and approval request, in one statement, or undefined. */
  getWithContext(tenantId: string, id: string): Promise<WorkItemWithContext | undefined>;
  /**
   * The same read with another read sent in the same statement, on the same snapshot: `beside`'s
   * first row comes back as `besideRow` (null when it found none), whether or not the item exists;
   * the item is mapped when `loaded` is called. An id that is no UUID reads nothing.
   */
  getWithContextReading<Row>(tenantId: string, id: string, beside: ReadStatement): Promise<{ loaded: () => WorkItemWithContext | undefined; besideRow: Row | null } | undefined>;
  /** The tenant's live item of a workflow activation (any state that holds the key), if one was created. */
  byCallerKey(tenantId: string, callerKey: string): Promise<WorkItemRecord | undefined>;
  /** Open items whose SLA instant has passed, oldest first, across tenants. */
  slaDue(column: 'sla_warn_at' | 'sla_escalate_at' | 'expires_at', now: string, limit: number): Promise<WorkItemRecord[]>;
  /** Open items per task type and state across tenants, with the creation time of the oldest (the queue-age metrics). */
  openQueues(): Promise<{ taskType: string; state: string; count: number; oldestCreatedAt: string }[]>;
  /** Decided items that have waited longer than `before` for their completion, across tenants. */
  decidedAwaitingCompletion(before: string, limit: number): Promise<WorkItemRecord[]>;
  /** Whether any item exists, in any tenant (a demo seeds an empty database only). */
  hasAny(): Promise<boolean>;
  /** A page of the tenant's queue: highest priority first, then earliest due, then id. */
  list(tenantId: string, filter?: WorkItemFilter, page?: PageRequest): Promise<WorkItemPage>;
  /** The same page, each item with its business object and approval request, in one statement. */
  listWithContext(tenantId: string, filter?: WorkItemFilter, page?: PageRequest): Promise<WorkItemWithContextPage>;
  /** The same page as summaries, without evidence or context: what a worklist shows. */
  listSummaries(tenantId: string, filter?: WorkItemFilter, page?: PageRequest): Promise<WorkItemSummaryPage>;
  /** Items of one task type for a definition migration, in id order: by `version` and `states`, and/or by `ids` (at most `limit`). */
  ofTaskType(tenantId: string, taskType: string, filter: { version?: number; states?: readonly string[]; ids?: readonly string[] }, limit: number): Promise<WorkItemRecord[]>;
  /** Replaces an item's candidate groups inside the caller's transaction (an escalation hands it to the escalation group). */
  replaceCandidateGroups(tx: StoreTransaction, id: string, groups: string[]): Promise<void>;
  /** How many items of the tenant match. */
  count(tenantId: string, filter?: WorkItemFilter): Promise<number>;
  /** The same count, stopping after `max` matches: `{ count: max, capped: true }` when there are more. */
  countUpTo(tenantId: string, filter: WorkItemFilter, max: number): Promise<{ count: number; capped: boolean }>;
  /** Applies changes inside the caller's transaction if the item is still at `expectedRowVersion`; the new record, or undefined when someone else changed it first. */
  transition(tx: StoreTransaction, tenantId: string, id: string, expectedRowVersion: number, changes: WorkItemChanges, now: string): Promise<WorkItemRecord | undefined>;
  /**
   * The same transition and the command's other writes in one statement: all of them commit when
   * the item is still at `expectedRowVersion`, none of them otherwise. Answers whether they did.
   */
  transitionTogether(tenantId: string, id: string, expectedRowVersion: number, changes: WorkItemChanges, now: string, writes: readonly WriteStatement[]): Promise<boolean>;
}
