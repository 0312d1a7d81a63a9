import type { WriteStatement } from '../statements.js';
import type { StoreTransaction } from '../StoreTransaction.js';

/** A decision on a work item; immutable once written. */
export interface DecisionRecord {
  id: string;
  workItemId: string;
  tenantId: string;
  decision: string;
  reasonCode?: string;
  comment?: string;
  actor: string;
  actorRoles: string[];
  businessObjectVersion: number;
  payload: Record<string, unknown>;
  policyTrace: unknown;
  status: 'EFFECTIVE' | 'AWAITING_SECOND_APPROVAL';
  /** The first decision this one gives the second approval for. */
  secondApprovalOf?: string;
  /** The decider as the policy saw them (for replaying the decision under another version). */
  actorContext?: Record<string, unknown>;
  decidedAt: string;
}

/** Decisions: written once, in the command's transaction or statement, never updated. */
export interface DecisionStore {
  /** Writes a decision inside the caller's transaction. */
  insert(tx: StoreTransaction, decision: DecisionRecord): Promise<DecisionRecord>;
  /** The insert, not yet sent: one write of a command that commits in one statement (`WorkItemStore.transitionTogether`). */
  insertStatement(decision: DecisionRecord): WriteStatement;
  /** The decisions of an item, oldest first. */
  forWorkItem(tenantId: string, workItemId: string): Promise<DecisionRecord[]>;
}
