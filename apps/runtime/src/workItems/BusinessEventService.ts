/**
 * Business events: the systems that own the business objects tell Mandate an object changed (a
 * quote revised, an order cancelled). The new version is recorded; open items whose task type
 * names the event become obsolete (their decision on the old version would be stale), and a new
 * task is requested where the definition says so, taking over the waiting workflow activation.
 */
import { OPEN_WORK_ITEM_STATES, type Stores, type WorkItemRecord } from '@mandate/store';
import { parseCallerRef } from '@mandate/workflow';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, NotAllowedError } from '@mandate/problems';
import type { Metrics } from '../http/metrics.js';
import type { Principal } from '../identity/Principal.js';
import { actsForOthers, SERVICE_ROLE } from '../identity/actsForOthers.js';
import type { BusinessEvent, CreateWorkItem } from './types.js';
import { withCanonicalOwner } from './withCanonicalPrincipals.js';
import { cancelTaskCommand } from './workflowCommands.js';
import { knownVersion, WorkItemCreation, type PlannedCreation } from './WorkItemCreation.js';

/** `POST /events` (see the module comment). */
export class BusinessEventService {
  private readonly creation: WorkItemCreation;

  constructor(
    private readonly stores: Stores,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly metrics?: Metrics,
  ) {
    this.creation = new WorkItemCreation(stores, registry, clock);
  }

  /**
   * A business event, e.g. QuoteRevised: records the new business object
   * version, makes open items whose task type names the event obsolete (with the definition's
   * outcome), and requests a new task where the definition says so. One transaction per event.
   */
  async handle(principal: Principal, given: BusinessEvent): Promise<{ obsoleted: string[]; created: string[] }> {
    // Business events come from the systems that own the objects, never from a person: an event
    // makes open approvals obsolete.
    if (!actsForOthers(principal)) throw new NotAllowedError('SERVICE_ROLE_REQUIRED', `business events come from a service (role ${SERVICE_ROLE}), not from a person`);
    const event = { ...given, businessObject: withCanonicalOwner(given.businessObject) };
    const now = this.clock().toISOString();
    const bo = event.businessObject;
    const open = await this.stores.workItems.list(principal.tenant, { businessObjectType: bo.type, businessObjectId: bo.id }, { limit: 200 });
    const affected = open.items.filter((item) => OPEN_WORK_ITEM_STATES.includes(item.state) && item.businessObject.version < bo.version);
    await this.registry.ensure(affected.map((item) => `${item.taskType}@${item.taskTypeVersion}`));
    const lapsing = affected.flatMap((item) => {
      const trigger = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`).pinned.taskType.obsolescence?.find((o) => o.event === event.type);
      return trigger ? [{ item, trigger }] : [];
    });
    // Renewals are planned (and their evidence checked) before anything is written, and written in
    // the same transaction as the obsoletion: a renewal that cannot be created leaves the old
    // request open, never a business object without an approval request.
    const renewals = new Map<string, PlannedCreation>();
    const known = knownVersion(principal.tenant, bo);
    try {
      for (const { item, trigger } of lapsing) {
        if (trigger.requestNewTask) renewals.set(item.id, await this.creation.plan(principal, renewalOf(item, event)));
      }
    } catch (error) {
      // The new version is a fact whatever becomes of the renewal: recorded, it makes a decision on
      // the old version stale (409) until the event is sent again with what the renewal needs.
      await this.stores.transaction((tx) => this.stores.businessObjects.record(tx, known, now));
      throw error;
    }
    await this.stores.transaction(async (tx) => {
      await this.stores.businessObjects.record(tx, known, now);
      for (const { item, trigger } of lapsing) {
        const moved = await this.stores.workItems.transition(tx, principal.tenant, item.id, item.rowVersion, { state: 'obsolete', outcomeReason: trigger.outcome, pendingApproval: undefined }, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', `work item ${item.id} changed meanwhile; send the event again`);
        await this.stores.audit.append(tx, { tenantId: principal.tenant, eventType: 'TaskObsoleted', workItemId: item.id, businessObject: { type: bo.type, id: bo.id }, actor: principal.id, payload: { event: event.type, outcome: trigger.outcome, newVersion: bo.version, newRevision: bo.revision ?? null, lapsedSecondApproval: item.pendingApproval?.id ?? null }, occurredAt: now });
        // A renewal takes over the waiting workflow task (its caller key is free once the old item is obsolete); without one, the workflow hears the item ended.
        const renewal = renewals.get(item.id);
        if (renewal) await renewal.write(tx);
        else await this.stores.outbox.enqueue(tx, cancelTaskCommand(item, trigger.outcome), now);
      }
    });
    for (const { trigger } of lapsing) this.metrics?.obsolete.inc({ reason: trigger.outcome });
    for (const renewal of renewals.values()) this.metrics?.created.inc({ task_type: renewal.taskType });
    return { obsoleted: lapsing.map(({ item }) => item.id), created: [...renewals.values()].map((r) => r.id) };
  }
}

/** The request that takes over from an item a business event made obsolete: the new version, evidence from the event when it brings some. */
function renewalOf(item: WorkItemRecord, event: BusinessEvent): CreateWorkItem {
  const callerRef = parseCallerRef(item.callerRef);
  return {
    taskType: item.taskType,
    title: item.title,
    businessObject: event.businessObject,
    evidence: event.evidence ?? item.evidence,
    ...(item.requestedBy ? { requestedBy: item.requestedBy } : {}),
    // A narrowed routing carries over; an escalated one (the escalation group) restarts at the task type's.
    ...(item.escalationLevel === 0 ? { candidateGroups: item.candidateGroups } : {}),
    ...(item.region ? { region: item.region } : {}),
    ...(item.productFamily ? { productFamily: item.productFamily } : {}),
    // The renewal keeps the deadline (an item already past it is expired at the scheduler's next pass).
    ...(item.expiresAt ? { expiresAt: item.expiresAt } : {}),
    ...(callerRef ? { callerRef } : {}),
  };
}
