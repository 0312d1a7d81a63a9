/**
 * The SLA scheduler: at the business-time instants the policy computed at
 * creation, it warns (the item stays where it is, its priority is recomputed) and escalates (the
 * item goes to the SLA's escalation group, one level up, with its priority recomputed from the
 * pinned priority model). Each firing is one transaction guarded by a unique (item, kind, level)
 * row, so however many runtime instances run the scheduler, and across restarts, each fires once.
 * It also expires open items past the expiration instant their creator gave (`expiresAt`): state
 * `expired`, audit TaskExpired, and the waiting workflow task is told it ended (CANCEL_TASK), once,
 * guarded by the item's row version.
 * The clock is injected: `runOnce()` fires what is due at the clock's now.
 */
import { escalationOf, priority } from '@mandate/policy';
import type { Stores, WorkItemChanges, WorkItemRecord } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import type { Metrics } from '../http/metrics.js';
import { systemPrincipal } from '../identity/systemPrincipal.js';
import { PeriodicTask } from '../PeriodicTask.js';
import { policyContext } from '../workItems/policyContext.js';
import { cancelTaskCommand } from '../workItems/workflowCommands.js';

export interface SlaPass {
  warned: string[];
  escalated: string[];
  expired: string[];
}

export class SlaScheduler {
  private readonly periodic = new PeriodicTask('SLA scheduler pass', () => this.runOnce());

  constructor(
    private readonly stores: Stores,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly metrics?: Metrics,
    private readonly batchSize = 100,
  ) {}

  async runOnce(): Promise<SlaPass> {
    const now = this.clock().toISOString();
    const pass: SlaPass = { warned: [], escalated: [], expired: [] };
    // Expiry first: an item past its expiration is closed, not warned about or escalated.
    for (const item of await this.stores.workItems.slaDue('expires_at', now, this.batchSize)) {
      if (await this.expire(item, now)) pass.expired.push(item.id);
    }
    for (const item of await this.stores.workItems.slaDue('sla_warn_at', now, this.batchSize)) {
      if (await this.fire(item, 'WARNING', now)) pass.warned.push(item.id);
    }
    for (const item of await this.stores.workItems.slaDue('sla_escalate_at', now, this.batchSize)) {
      if (await this.fire(item, 'ESCALATION', now)) pass.escalated.push(item.id);
    }
    return pass;
  }

  /** Runs a pass now and then every interval (one at a time). */
  start(intervalMs = 15_000): void {
    void this.periodic.runOnce();
    this.periodic.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Fires one warning or escalation; false when another scheduler fired it or the item moved on. */
  private async fire(item: WorkItemRecord, kind: 'WARNING' | 'ESCALATION', now: string): Promise<boolean> {
    const escalating = kind === 'ESCALATION';
    const escalation = escalating ? escalationOf(item) : undefined;
    const level = escalation?.changes.escalationLevel ?? item.escalationLevel;
    const changes: WorkItemChanges = escalation ? { ...escalation.changes } : { slaWarnAt: undefined };
    const score = await this.rescore({ ...item, ...changes, escalationLevel: level, state: escalation?.changes.state ?? item.state }, now);
    changes.priority = score.priorityScore;
    changes.priorityReasons = score.reasons;
    const dueAt = escalating ? item.slaEscalateAt! : item.slaWarnAt!;
    const fired = await this.stores.transaction(async (tx) => {
      if (!(await this.stores.slaFirings.record(tx, { workItemId: item.id, tenantId: item.tenantId, kind, level, dueAt, firedAt: now }))) return false;
      const moved = await this.stores.workItems.transition(tx, item.tenantId, item.id, item.rowVersion, changes, now);
      // The item changed meanwhile (claimed, decided): roll back and look again on the next pass.
      if (!moved) throw new ItemMovedOn();
      if (escalation?.candidateGroups) await this.stores.workItems.replaceCandidateGroups(tx, item.id, escalation.candidateGroups);
      await this.stores.audit.append(tx, {
        tenantId: item.tenantId,
        eventType: escalating ? 'TaskEscalated' : 'TaskSlaWarning',
        workItemId: item.id,
        businessObject: { type: item.businessObject.type, id: item.businessObject.id },
        actor: 'mandate-sla-scheduler',
        payload: {
          reason: escalating ? 'SLA_BREACH' : 'SLA_WARNING',
          dueAt: item.dueAt ?? null,
          firedFor: dueAt,
          ...(escalating ? { level, from: { assignee: item.assignee ?? null, candidateGroups: item.candidateGroups, state: item.state }, to: { candidateGroups: item.escalationGroup ? [item.escalationGroup] : item.candidateGroups, state: 'escalated' } } : {}),
          priority: { from: item.priority, to: score.priorityScore, reasons: score.reasons },
        },
        occurredAt: now,
      });
      return true;
    }).catch((error: unknown) => {
      if (error instanceof ItemMovedOn) return false;
      throw error;
    });
    if (fired) (escalating ? this.metrics?.slaBreached : this.metrics?.slaWarned)?.inc({ task_type: item.taskType });
    return fired;
  }

  /** Closes one item past its expiration; false when the item moved on meanwhile (decided, or another scheduler expired it). */
  private async expire(item: WorkItemRecord, now: string): Promise<boolean> {
    const businessObject = { type: item.businessObject.type, id: item.businessObject.id };
    const expired = await this.stores
      .transaction(async (tx) => {
        const moved = await this.stores.workItems.transition(tx, item.tenantId, item.id, item.rowVersion, { state: 'expired', outcomeReason: 'EXPIRED', assignee: undefined, delegatedTo: undefined, pendingApproval: undefined, slaWarnAt: undefined, slaEscalateAt: undefined }, now);
        if (!moved) throw new ItemMovedOn();
        await this.stores.audit.append(tx, {
          tenantId: item.tenantId,
          eventType: 'TaskExpired',
          workItemId: item.id,
          businessObject,
          actor: 'mandate-sla-scheduler',
          payload: { expiresAt: item.expiresAt ?? null, from: { state: item.state, assignee: item.assignee ?? null, delegatedTo: item.delegatedTo ?? null }, lapsedSecondApproval: item.pendingApproval?.id ?? null },
          occurredAt: now,
        });
        await this.stores.outbox.enqueue(tx, cancelTaskCommand(item, 'EXPIRED'), now);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof ItemMovedOn) return false;
        throw error;
      });
    if (expired) this.metrics?.expired.inc({ task_type: item.taskType });
    return expired;
  }

  /** The item's priority from its pinned model, as it will be after the firing. */
  private async rescore(item: WorkItemRecord, now: string) {
    const current = await this.stores.businessObjects.get(item.tenantId, item.businessObject.type, item.businessObject.id);
    await this.registry.ensure([`${item.taskType}@${item.taskTypeVersion}`]);
    const policy = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`);
    const ctx = policyContext(systemPrincipal(item.tenantId, 'mandate-sla-scheduler'), item, { snapshot: current?.snapshot ?? {}, version: current?.version ?? item.businessObject.version, revision: current?.revision ?? item.businessObject.revision }, now);
    return priority(policy, ctx);
  }
}

class ItemMovedOn extends Error {}
