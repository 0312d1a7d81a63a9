import type { PendingApprovalRecord, WorkItemRecord } from '../workItems/WorkItemStore.js';

/**
 * Who decided, as recorded with the decision. `groups` is empty and `region` the item's for
 * decisions recorded before the decision row kept the actor's context.
 */
export interface DecisionActorContext {
  id: string;
  roles: string[];
  groups: string[];
  tenant: string;
  region?: string;
}

/** One stored item with what an impact replay evaluates: its business object, approval request and effective decision. */
export interface ReplayCaseRecord {
  /** The item's fields a replay reads (a second approval's first half without its row id). */
  item: Pick<WorkItemRecord, 'id' | 'tenantId' | 'taskType' | 'taskTypeVersion' | 'pinnedDefinitions' | 'state' | 'businessObject' | 'region' | 'productFamily' | 'assignee' | 'owner' | 'requestedBy' | 'delegatedTo' | 'candidateGroups' | 'escalationGroup' | 'escalationLevel' | 'dueAt' | 'evidence' | 'createdAt'> & { pendingApproval?: Omit<PendingApprovalRecord, 'id'> };
  /** The business object's latest known version; absent when the store never recorded it. */
  businessObject?: {
    version: number;
    revision?: number;
    snapshot: Record<string, unknown>;
  };
  approvalRequest?: { requestedBy: string; forbiddenApproverUserIds: string[] };
  /** The latest EFFECTIVE decision, for decided items. */
  decision?: {
    id: string;
    decision: string;
    reasonCode?: string;
    comment?: string;
    payload: Record<string, unknown>;
    businessObjectVersion: number;
    decidedAt: string;
    secondApprovalOf?: string;
    actor: DecisionActorContext;
  };
}

/** Which items a replay reads. */
export interface ReplayCaseFilter {
  /** One tenant; all tenants when absent. */
  tenantId?: string;
  /**
   * Time range, from inclusive, to exclusive (ISO 8601): on `decided_at` for items with an
   * effective decision, on `created_at` for the others.
   */
  from?: string;
  to?: string;
  /** Only items whose pinned definitions name a version of this definition id. */
  definitionId?: string;
  /** Rows per batch (default 1,000). */
  batchSize?: number;
}

/** Where an impact replay reads its cases: the stored items with their context, in batches. Read-only. */
export interface ReplayCaseSource {
  /** The matching items, in batches of at most `batchSize`, in item id order (empty batches are skipped). */
  batches(filter?: ReplayCaseFilter): AsyncGenerator<ReplayCaseRecord[]>;
}
