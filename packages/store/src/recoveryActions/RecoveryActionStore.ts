import type { StoreTransaction } from '../StoreTransaction.js';

/** A recovery action taken on a work item; written once, never updated. */
export interface RecoveryActionRecord {
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
  /** The request this action gives the second approval for. */
  secondApprovalOf?: string;
  policyTrace: unknown;
  takenAt: string;
}

/** Recovery actions of work items, tenant-scoped: written once, in the action's transaction. */
export interface RecoveryActionStore {
  /** Writes an action inside the caller's transaction. */
  insert(tx: StoreTransaction, action: RecoveryActionRecord): Promise<void>;
  /** The actions taken on an item, oldest first. */
  forWorkItem(tenantId: string, workItemId: string): Promise<RecoveryActionRecord[]>;
}
