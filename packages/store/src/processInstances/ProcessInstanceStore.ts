import type { StoreTransaction } from '../StoreTransaction.js';

/** RUNNING, or how it ended: COMPLETED at an end event, CANCELLED by a caller, FAILED on an engine error. */
export type ProcessInstanceStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/** A user task activation waiting for Mandate. */
export interface WaitingUserTask {
  /** The user task element id. */
  activityId: string;
  /** The activation: bpmn-engine's execution id. */
  taskId: string;
  /** The element's name in the BPMN, when it has one. */
  elementName?: string;
}

/** A process instance as read: everything but the engine state. */
export interface ProcessInstanceRecord {
  id: string;
  tenantId: string;
  processKey: string;
  businessKey?: string;
  status: ProcessInstanceStatus;
  variables: Record<string, unknown>;
  waitingTasks: WaitingUserTask[];
  endEventId?: string;
  completedCommandIds: string[];
  /** Which command completed each user task activation (taskId to commandId). */
  completedTasks: Record<string, string>;
  failure?: string;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A process instance with the engine state it resumes from. */
export interface StoredProcessInstance extends ProcessInstanceRecord {
  state: unknown;
}

/** What a save writes; the fields left out keep their value. */
export interface ProcessInstanceChanges {
  status?: ProcessInstanceStatus;
  state?: unknown;
  variables?: Record<string, unknown>;
  waitingTasks?: WaitingUserTask[];
  endEventId?: string;
  completedCommandIds?: string[];
  completedTasks?: Record<string, string>;
  failure?: string;
}

/** What a new instance is written with, in the transaction that ran it to its first wait. */
export type NewProcessInstance = { id: string; tenantId: string; processKey: string; businessKey?: string } & Required<Pick<ProcessInstanceChanges, 'status' | 'state' | 'variables' | 'waitingTasks'>> & Pick<ProcessInstanceChanges, 'endEventId'>;

/**
 * The embedded workflow engine's process instances. Every change runs inside the caller's
 * transaction on a row it locked with `lock`, and checks the version it loaded, so two runtime
 * instances completing tasks of one process serialise instead of overwriting each other.
 */
export interface ProcessInstanceStore {
  /** Writes a new instance inside the caller's transaction. */
  insert(tx: StoreTransaction, instance: NewProcessInstance, now: string): Promise<void>;
  /** Loads an instance and locks its row until the transaction ends. */
  lock(tx: StoreTransaction, id: string): Promise<StoredProcessInstance | undefined>;
  /** Saves changes to a locked row and returns its new version; throws when the row is not at `expectedVersion`. */
  save(tx: StoreTransaction, id: string, expectedVersion: number, changes: ProcessInstanceChanges, now: string): Promise<number>;
  /** One instance, without its engine state. */
  get(id: string): Promise<ProcessInstanceRecord | undefined>;
  /** Ids of the RUNNING instances, oldest first; with a business key, only the tenant's with that key. */
  runningIds(withKey?: { tenantId: string; businessKey: string }): Promise<string[]>;
}
