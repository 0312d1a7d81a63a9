import type { Stores, WorkflowCommand } from '@mandate/store';
import { parseCallerRef, type CallerRef } from '../WorkflowPort.js';
import type { RoutedCommand } from './OutboxRelay.js';

/** The decision as an output mapping reads it: what was decided, why, by whom, with what outcome. */
export interface DecisionOutput {
  workItemId: string;
  taskType: string;
  decisionId: string;
  decision: string;
  reasonCode: string | null;
  comment: string | null;
  decidedBy: string;
  outcome: Record<string, unknown>;
}

/** The process variables a decision sets on the task it completes (the binding's output mapping). */
export type OutputVariables = (ref: CallerRef, decision: DecisionOutput) => Promise<Record<string, unknown>>;

/**
 * Routes outbox commands to the engine waiting for their work item: COMPLETE_TASK completes the
 * user task with the decision's output variables, CANCEL_TASK completes it with the reason the
 * item ended (`mandateOutcome`, and `decision: null` so the process takes its default flow), RECOVERY_ACTION correlates the
 * message `mandate:<ACTION>` to the process instance. A command whose item no workflow waits for
 * is closed with a note.
 */
export function commandRouter(stores: Pick<Stores, 'workItems'>, outputVariables: OutputVariables): (command: WorkflowCommand) => Promise<RoutedCommand> {
  const items = stores.workItems;
  return async (command) => {
    const workItemId = command.payload.workItemId;
    const item = typeof workItemId === 'string' ? await items.get(command.tenantId, workItemId) : undefined;
    if (!item) return { kind: 'none', note: `work item ${String(workItemId)} does not exist` };
    const ref = parseCallerRef(item.callerRef);
    if (!ref) return { kind: 'none', note: 'no workflow waits for this work item' };
    switch (command.commandType) {
      case 'COMPLETE_TASK':
        return { kind: 'complete', engine: ref.engine, command: { commandId: command.id, tenantId: command.tenantId, callerRef: ref, variables: await outputVariables(ref, command.payload as unknown as DecisionOutput) } };
      case 'CANCEL_TASK':
        // `decision: null` so the gateway after the task takes its default flow, not a stale decision of an earlier loop.
        return { kind: 'complete', engine: ref.engine, command: { commandId: command.id, tenantId: command.tenantId, callerRef: ref, variables: { mandateOutcome: String(command.payload.reason), decision: null } } };
      case 'RECOVERY_ACTION':
        return {
          kind: 'correlate',
          engine: ref.engine,
          command: {
            commandId: command.id,
            tenantId: command.tenantId,
            messageName: `mandate:${String(command.payload.action)}`,
            processInstanceId: ref.processInstanceId,
            variables: { mandateAction: command.payload.action, ...(command.payload.evidence ? { mandateEvidence: command.payload.evidence } : {}) },
          },
        };
      default:
        return { kind: 'none', note: `no workflow meaning for ${command.commandType}` };
    }
  };
}
