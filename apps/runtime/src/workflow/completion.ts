/**
 * After the engine took a decision (or no longer waits for it), the decided item is completed:
 * `decided` means "Mandate decided", `completed` means "the workflow has it". Reconciliation
 * (seed 000 section 20, option A) finds decided items whose completion never reached the engine
 * and sends it again; the port detects a completion that did happen, so sending twice is safe.
 */
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { completeTaskCommand } from '../workItems/workflowCommands.js';
import { KnexAuditLog, KnexDecisionStore, KnexWorkItemStore, KnexWorkflowOutbox, type Database, type Settlement, type WorkflowCommand } from '@mandate/store';

const OUTSTANDING = ['PENDING', 'FAILED', 'INCIDENT'];

/** Marks the item of a settled COMPLETE_TASK command completed; other commands change nothing. */
export async function completeAfterSettlement(db: Database, command: WorkflowCommand, settlement: Settlement, now: string): Promise<void> {
  if (command.commandType !== 'COMPLETE_TASK' || settlement.status === 'INCIDENT') return;
  const items = new KnexWorkItemStore(db.knex);
  const item = await items.get(command.tenantId, String(command.payload.workItemId));
  if (item?.state !== 'decided') return;
  await db.knex.transaction(async (trx) => {
    const moved = await items.transition(trx, item.tenantId, item.id, item.rowVersion, { state: 'completed' }, now);
    if (!moved) return;
    await new KnexAuditLog(db.knex, db.auditKeys).append(trx, {
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
export async function reconcileDecisions(db: Database, registry: DefinitionRegistry, now: Date, graceMs = 5 * 60_000, limit = 100): Promise<{ completed: string[]; resent: string[] }> {
  const items = new KnexWorkItemStore(db.knex);
  const outbox = new KnexWorkflowOutbox(db.knex);
  const decisions = new KnexDecisionStore(db.knex);
  const result = { completed: [] as string[], resent: [] as string[] };
  for (const item of await items.decidedAwaitingCompletion(new Date(now.getTime() - graceMs).toISOString(), limit)) {
    const commands = await db.knex('workflow_command_outbox').where({ tenant_id: item.tenantId, command_type: 'COMPLETE_TASK' }).whereRaw(`payload->>'workItemId' = ?`, [item.id]).select('id', 'status', 'note');
    if (commands.some((c: { status: string }) => OUTSTANDING.includes(c.status))) continue;
    const settled = commands.find((c: { status: string }) => c.status === 'SENT' || c.status === 'CLOSED') as { id: string; status: 'SENT' | 'CLOSED'; note: string | null } | undefined;
    if (settled) {
      const command = await outbox.get(settled.id);
      if (command) await completeAfterSettlement(db, command, { status: settled.status, ...(settled.note ? { note: settled.note } : {}) }, now.toISOString());
      result.completed.push(item.id);
      continue;
    }
    const decision = (await decisions.forWorkItem(item.tenantId, item.id)).findLast((d) => d.status === 'EFFECTIVE');
    if (!decision) continue;
    await registry.ensure([`${item.taskType}@${item.taskTypeVersion}`]);
    const option = registry.policy(`${item.taskType}@${item.taskTypeVersion}`).pinned.taskType.decisionOptions.find((o) => o.code === decision.decision);
    await db.knex.transaction((trx) =>
      outbox.enqueue(trx, completeTaskCommand(item, { decisionId: decision.id, decision: decision.decision, reasonCode: decision.reasonCode ?? null, comment: decision.comment ?? null, decidedBy: decision.actor, outcome: option?.outcome ?? {}, reconciled: true }), now.toISOString()),
    );
    result.resent.push(item.id);
  }
  return result;
}
