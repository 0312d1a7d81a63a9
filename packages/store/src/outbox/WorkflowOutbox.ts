import type { WriteStatement } from '../statements.js';
import type { StoreTransaction } from '../StoreTransaction.js';

/** A workflow command to send after the decision committed (the outbox: written with the decision, sent by the relay). */
export interface WorkflowCommandInput {
  tenantId: string;
  commandType: string;
  processInstanceId?: string;
  taskId?: string;
  businessKey?: string;
  payload: Record<string, unknown>;
}

/** A command as stored. */
export interface WorkflowCommand extends WorkflowCommandInput {
  id: string;
  status: WorkflowCommandStatus;
  attemptCount: number;
  lastError?: string;
  note?: string;
  createdAt: string;
}

/**
 * PENDING (to send), SENT, CLOSED (nothing to do: the process no longer waits), INCIDENT (the
 * engine disagrees, e.g. someone else completed the task: an operator looks), FAILED (dead-lettered).
 */
export type WorkflowCommandStatus = 'PENDING' | 'SENT' | 'CLOSED' | 'INCIDENT' | 'FAILED';

/** How a sent command ended. */
export interface Settlement {
  status: 'SENT' | 'CLOSED' | 'INCIDENT';
  note?: string;
}

/** Retry policy: attempts before dead-lettering, and the backoff before attempt n+1. */
export interface RetryPolicy {
  maxAttempts: number;
  backoffMs: (attempt: number) => number;
}

/**
 * The workflow command outbox. A command is written in the decision's transaction (or statement).
 * A relay claims due commands under a lease (several relays never take the same command; one that
 * dies lets go when its lease ends), sends them outside any transaction, and settles each: sent,
 * closed with a note, an incident, or a retry with backoff until the last attempt dead-letters it.
 */
export interface WorkflowOutbox {
  /** Writes a command inside the caller's transaction; returns its id. */
  enqueue(tx: StoreTransaction, input: WorkflowCommandInput, now: string): Promise<string>;
  /** The insert, not yet sent, and the command's id: one write of a command that commits in one statement (`WorkItemStore.transitionTogether`). */
  enqueueStatement(input: WorkflowCommandInput, now: string): { id: string; statement: WriteStatement };
  /** Leases up to `limit` due commands to `owner` for `leaseMs`, oldest first. */
  claim(now: string, options: { owner: string; limit: number; leaseMs: number }): Promise<WorkflowCommand[]>;
  /** Records how a leased command ended; false when the lease was lost (another relay took over). */
  settle(id: string, owner: string, settlement: Settlement, now: string): Promise<boolean>;
  /** A send failed: due again after the backoff of `retry` (the store's policy when absent), or dead-lettered (FAILED) after its last attempt. */
  retryLater(id: string, owner: string, error: string, now: string, retry?: RetryPolicy): Promise<WorkflowCommandStatus | undefined>;
  /** Sends a dead-lettered command (or an incident's) again with a fresh retry budget: an operator's retry. */
  requeue(id: string, now: string): Promise<boolean>;
  /** Closes a dead-lettered command or an incident with an operator's note. */
  closeByOperator(id: string, note: string, now: string): Promise<boolean>;
  /** One command, for inspection. */
  get(id: string): Promise<WorkflowCommand | undefined>;
  /** The tenant's commands of one type for a work item (`payload.workItemId`), oldest first: what reconciliation looks at. */
  forWorkItem(tenantId: string, commandType: string, workItemId: string): Promise<WorkflowCommand[]>;
}
