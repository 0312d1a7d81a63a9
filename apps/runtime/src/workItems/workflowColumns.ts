import type { WorkItemRecord } from '@mandate/store';
import { parseCallerRef } from '@mandate/workflow';

/** The engine's process instance and task of an item created by a workflow, for its outbox rows. */
export function workflowColumns(item: WorkItemRecord): { processInstanceId?: string; taskId?: string } {
  const ref = parseCallerRef(item.callerRef);
  return ref ? { processInstanceId: ref.processInstanceId, taskId: ref.taskId } : {};
}
