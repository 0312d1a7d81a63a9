import type { WorkItemRecord } from '@mandate/store';
import { parseCallerRef, type DecisionOutput } from '@mandate/workflow';

/** The engine's process instance and task of an item created by a workflow, for its outbox rows. */
export function workflowColumns(item: WorkItemRecord): { processInstanceId?: string; taskId?: string } {
  const ref = parseCallerRef(item.callerRef);
  return ref ? { processInstanceId: ref.processInstanceId, taskId: ref.taskId } : {};
}

/** What the workflow hears of a decision (the relay adds the item; the binding's output mapping reads it). */
export type DecisionForWorkflow = Omit<DecisionOutput, 'workItemId' | 'taskType'> & {
  /** Sent again by reconciliation. */
  reconciled?: boolean;
};

/** The command that completes the workflow task with the decision (the relay maps it to output variables). */
export function completeTaskCommand(item: WorkItemRecord, decision: DecisionForWorkflow) {
  return taskCommand(item, 'COMPLETE_TASK', { taskType: item.taskType, ...decision });
}

/** The command that tells the workflow task its item ended without a decision (obsolete, expired): `reason` becomes `mandateOutcome`. */
export function cancelTaskCommand(item: WorkItemRecord, reason: string) {
  return taskCommand(item, 'CANCEL_TASK', { reason });
}

/** An outbox command about the workflow task waiting for `item`. */
function taskCommand(item: WorkItemRecord, commandType: string, payload: Record<string, unknown>) {
  return { tenantId: item.tenantId, commandType, businessKey: `${item.businessObject.type}:${item.businessObject.id}`, ...workflowColumns(item), payload: { workItemId: item.id, ...payload } };
}
