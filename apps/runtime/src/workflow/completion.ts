/**
 * After the engine took a decision (or no longer waits for it), the decided item is completed:
 * `decided` means "Mandate decided", `completed` means "the workflow has it". Reconciliation
 * finds decided items whose completion never reached the engine
 * and sends it again; the port detects a completion that did happen, so sending twice is safe.
 */
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { completeTaskCommand } from '../workItems/workflowCommands.js';
import type { Settlement, Stores, WorkflowCommand } from '@mandate/store';

const OUTSTANDING = ['PENDING', 'FAILED', 'INCIDENT'];

/** Marks the item of a settled COMPLETE_TASK command completed; other commands change nothing. */
export async function completeAfterSettlement(stores: Stores, command: WorkflowCommand, settlement: Settlement, now: string): Promise<void> {
  if (command.commandType !== 'COMPLETE_TASK' || settlement.status === 'INCIDENT') return;
  const item = await stores.workItems.get(command.tenantId, String(command.payload.workItemId));
  if (item?.state !== 'decided') return;
  await stores.transaction(async (tx) => {
    const moved = await stores.workItems.transition(tx, item.tenantId, item.id, item.rowVersion, { state: 'completed' }, now);
    if (!moved) return;
    await stores.audit.append(tx, {
      tenantId: item.tenantId,
      eventType: 'TaskCompleted',
      workItemId: item.id,
      businessObject: { type: item.businessObject.type, id: item.businessObject.id },
      actor: 'mandate-outbox-relay',
      payload: { commandId: command.id, workflow: settlement.status === 'SENT' ? 'TASK_COMPLETED' : 'NO_LONGER_WAITING', note: settlement.note ?? null },
      occurredAt: now,
    });
  });
}

/**
 * Decided items older than `graceMs` with no command outstanding: completed at once when their
 * command was settled (the completion step failed, e.g. the runtime died between settling and
 * completing), else their decision is sent again. Items without a workflow too: their command
 * is settled CLOSED by the relay, and a crash before the completion left them `decided` forever.
 */
export async function reconcileDecisions(stores: Stores, registry: DefinitionRegistry, now: Date, graceMs = 5 * 60_000, limit = 100): Promise<{ completed: string[]; resent: string[] }> {
  const result = { completed: [] as string[], resent: [] as string[] };
  for (const item of await stores.workItems.decidedAwaitingCompletion(new Date(now.getTime() - graceMs).toISOString(), limit)) {
    const commands = await stores.outbox.forWorkItem(item.tenantId, 'COMPLETE_TASK', item.id);
    if (commands.some((c) => OUTSTANDING.includes(c.status))) continue;
    const settled = commands.find((c): c is WorkflowCommand & { status: 'SENT' | 'CLOSED' } => c.status === 'SENT' || c.status === 'CLOSED');
    if (settled) {
      await completeAfterSettlement(stores, settled, { status: settled.status, ...(settled.note ? { note: settled.note } : {}) }, now.toISOString());
      result.completed.push(item.id);
      continue;
    }
    const decision = (await stores.decisions.forWorkItem(item.tenantId, item.id)).findLast((d) => d.status === 'EFFECTIVE');
    if (!decision) continue;
    await registry.ensure([`${item.taskType}@${item.taskTypeVersion}`]);
    const option = registry.policy(`${item.taskType}@${item.taskTypeVersion}`).pinned.taskType.decisionOptions.find((o) => o.code === decision.decision);
    await stores.transaction((tx) =>
      stores.outbox.enqueue(tx, completeTaskCommand(item, { decisionId: decision.id, decision: decision.decision, reasonCode: decision.reasonCode ?? null, comment: decision.comment ?? null, decidedBy: decision.actor, outcome: option?.outcome ?? {}, reconciled: true }), now.toISOString()),
    );
    result.resent.push(item.id);
  }
  return result;
}
