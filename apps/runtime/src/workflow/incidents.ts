/**
 * Workflow incidents: a command the relay could not deliver (dead-lettered) or one the engine
 * disagrees with (someone else completed the task) becomes a WORKFLOW_COMMAND_INCIDENT work item
 * for workflow operations, never a silent drop. Deciding that item acts on the command: retry it
 * with a fresh budget, or close it as fixed in the engine or no longer needed.
 */
import { OPEN_WORK_ITEM_STATES, type Stores, type WorkflowCommand } from '@mandate/store';
import { parseCallerRef, type OperatorAttention, type RoutedCommand } from '@mandate/workflow';
import { systemPrincipal } from '../identity/systemPrincipal.js';
import type { WorkItemCommands } from '../workItems/WorkItemCommands.js';

export const INCIDENT_TASK_TYPE = 'WORKFLOW_COMMAND_INCIDENT';

/** Opens the operator item for a command, once per command while one is open. */
export async function openIncident(stores: Stores, commands: WorkItemCommands, { kind, command, reason }: OperatorAttention): Promise<void> {
  const items = stores.workItems;
  const open = await items.list(command.tenantId, { taskType: INCIDENT_TASK_TYPE, businessObjectId: command.id }, { limit: 5 });
  if (open.items.some((i) => OPEN_WORK_ITEM_STATES.includes(i.state))) return;
  const item = typeof command.payload.workItemId === 'string' ? await items.get(command.tenantId, command.payload.workItemId) : undefined;
  const ref = parseCallerRef(item?.callerRef);
  await commands.create(systemPrincipal(command.tenantId, 'mandate-outbox-relay'), {
    taskType: INCIDENT_TASK_TYPE,
    title: `${kind === 'DEAD_LETTER' ? 'Undelivered' : 'Disputed'} ${command.commandType}${ref ? ` for ${ref.processKey}/${ref.activityId}` : ''}`,
    businessObject: { type: 'WORKFLOW_COMMAND', id: command.id, version: command.attemptCount },
    evidence: {
      kind,
      commandId: command.id,
      commandType: command.commandType,
      attempts: command.attemptCount,
      ...(ref ? { engine: ref.engine, processKey: ref.processKey, processInstanceId: ref.processInstanceId, activityId: ref.activityId, taskId: ref.taskId } : {}),
      ...(typeof command.payload.workItemId === 'string' ? { workItemId: command.payload.workItemId } : {}),
      ...(typeof command.payload.decision === 'string' ? { decision: command.payload.decision } : {}),
      ...(kind === 'DEAD_LETTER' ? { lastError: reason } : { note: reason }),
      firstAttemptAt: command.createdAt,
      payloadSummary: JSON.stringify(command.payload).slice(0, 500),
    },
  });
}

/**
 * A decided incident item acts on its command (the decision's outcome says how); the decision's
 * own outbox row then needs no engine. Returns undefined for every other command.
 */
export async function handleIncidentDecision(stores: Stores, command: WorkflowCommand, now: string): Promise<RoutedCommand | undefined> {
  if (command.commandType !== 'COMPLETE_TASK' || command.payload.taskType !== INCIDENT_TASK_TYPE) return undefined;
  const item = await stores.workItems.get(command.tenantId, String(command.payload.workItemId));
  const target = item?.businessObject.id;
  if (!target) return { kind: 'none', note: 'the incident item is gone' };
  const { outbox } = stores;
  const outcome = (command.payload.outcome ?? {}) as { workflowCommand?: string };
  const by = `${String(command.payload.decidedBy)} (${String(command.payload.decision)}, ${String(command.payload.reasonCode)})`;
  if (outcome.workflowCommand === 'RETRY') {
    const requeued = await outbox.requeue(target, now);
    return { kind: 'none', note: requeued ? `command ${target} sent again by ${by}` : `command ${target} was no longer dead-lettered` };
  }
  const comment = typeof command.payload.comment === 'string' ? `: ${command.payload.comment}` : '';
  const closed = await outbox.closeByOperator(target, `closed by ${by}${comment}`, now);
  return { kind: 'none', note: closed ? `command ${target} closed by ${by}` : `command ${target} was no longer open` };
}
