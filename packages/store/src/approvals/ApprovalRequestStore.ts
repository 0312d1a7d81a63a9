import type { StoreTransaction } from '../StoreTransaction.js';

/** What an approval task asks for: who asked, what authority it needs, who may not approve. */
export interface ApprovalRequestRecord {
  workItemId: string;
  requestedBy: string;
  requestedAt: string;
  /** The authority measure and the amount the approver's limit must cover, e.g. discountPercent 32. */
  requiredAuthority: { measure?: string; amount?: number };
  forbiddenApproverUserIds: string[];
  forbiddenApproverRoleCodes: string[];
}

/** Approval requests: one per approval task, written with the task. Reads go through the (tenant-scoped) item. */
export interface ApprovalRequestStore {
  /** Writes the request inside the caller's transaction (the one that creates its task). */
  insert(tx: StoreTransaction, request: ApprovalRequestRecord): Promise<void>;
  /** The request of an item the caller has already loaded for its tenant. */
  forWorkItem(workItemId: string, tx?: StoreTransaction): Promise<ApprovalRequestRecord | undefined>;
  /** The requests of several items the caller has already loaded for its tenant, in one query; items without one are left out. */
  forWorkItems(workItemIds: readonly string[], tx?: StoreTransaction): Promise<ApprovalRequestRecord[]>;
}
