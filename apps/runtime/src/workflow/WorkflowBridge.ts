/**
 * Where workflow engines meet work items (the workflow-to-human-task round trip, docs/workflow.md). A user task that starts waiting
 * becomes one work item through its binding's input mapping, however often the engine reports
 * it; a decision goes back through the binding's output mapping; a user task the process
 * abandoned (an interrupting timer, a cancelled process) cancels its item.
 */
import { OPEN_WORK_ITEM_STATES, type Stores } from '@mandate/store';
import { durationMinutes } from '@mandate/definitions';
import { callerKey, type BindingCatalog, type CallerRef, type DecisionOutput } from '@mandate/workflow';
import type { Logger } from 'pino';
import type { WorkItemView } from '../workItems/types.js';
import type { WorkItemCommands } from '../workItems/WorkItemCommands.js';
import { systemPrincipal } from '../identity/systemPrincipal.js';

/** A user task activation reported by an engine adapter. */
export interface UserTaskActivation {
  callerRef: CallerRef;
  tenantId: string;
  variables: Record<string, unknown>;
}

/** The variables every completion carries, whatever the mapping says (gateways may route on them). */
export function defaultVariables(decision: DecisionOutput): Record<string, unknown> {
  return { decision: decision.decision, reasonCode: decision.reasonCode, ...decision.outcome };
}

export class WorkflowBridge {
  constructor(
    private readonly stores: Stores,
    private readonly commands: WorkItemCommands,
    private readonly bindings: BindingCatalog,
    private readonly clock: () => Date,
    private readonly logger?: Logger,
  ) {}

  /**
   * Creates the work item of an activation (or finds the one created before). An unbound task or a
   * failing input mapping throws (BpmnBindingError, MappingError): the process keeps waiting.
   */
  async onUserTask(activation: UserTaskActivation): Promise<WorkItemView> {
    const { callerRef } = activation;
    const request = await this.bindings.workItemRequest(callerRef.processKey, callerRef.activityId, activation.variables);
    const binding = this.bindings.get(callerRef.processKey, callerRef.activityId)?.binding;
    // A person who started the process (POST /processes sets these two) is the requester, whatever the
    // variables name: four-eyes forbids the requester. Instances a service, the runtime or Camunda started keep the mapping's.
    const { startedBy, startedByService } = activation.variables;
    const requestedBy = typeof startedBy === 'string' && startedByService !== true ? startedBy : request.requestedBy;
    // The mapping's expiresAt (e.g. a quote's validity end), else the inline binding's mandate.expiresIn from now.
    const expiresAt = request.expiresAt ?? (binding?.kind === 'inline' && binding.expiresIn ? new Date(this.clock().getTime() + durationMinutes(binding.expiresIn) * 60_000).toISOString() : undefined);
    return this.commands.create(systemPrincipal(activation.tenantId, `workflow:${callerRef.engine}`), {
      ...request,
      ...(requestedBy !== undefined ? { requestedBy } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(binding?.version !== undefined ? { taskTypeVersion: binding.version } : {}),
      callerRef,
    });
  }

  /** The process (of `tenantId`) abandoned the user task: the tenant's live item is cancelled (nothing to send back). */
  async onUserTaskEnded(callerRef: CallerRef, reason: string, tenantId: string): Promise<void> {
    const item = await this.stores.workItems.byCallerKey(tenantId, callerKey(callerRef));
    if (!item || !OPEN_WORK_ITEM_STATES.includes(item.state)) return;
    const now = this.clock().toISOString();
    await this.stores.transaction(async (tx) => {
      const moved = await this.stores.workItems.transition(tx, item.tenantId, item.id, item.rowVersion, { state: 'cancelled', outcomeReason: 'CANCELLED_PROCESS_ENDED', pendingApproval: undefined }, now);
      if (!moved) return;
      await this.stores.audit.append(tx, { tenantId: item.tenantId, eventType: 'TaskCancelled', workItemId: item.id, businessObject: { type: item.businessObject.type, id: item.businessObject.id }, actor: `workflow:${callerRef.engine}`, payload: { reason, callerRef }, occurredAt: now });
    });
  }

  /** The process variables of a decision: the output mapping's, else the defaults. A failing mapping is logged; the decision stands. */
  async outputVariables(ref: CallerRef, decision: DecisionOutput): Promise<Record<string, unknown>> {
    try {
      return { ...defaultVariables(decision), ...(await this.bindings.outputVariables(ref.processKey, ref.activityId, decision)) };
    } catch (error) {
      this.logger?.warn({ err: error, callerRef: ref, workItemId: decision.workItemId }, 'output mapping failed; completing with the default decision variables');
      return defaultVariables(decision);
    }
  }
}
