/**
 * Moves open work items of a task type from one pinned version to another: the explicit,
 * audited exception to "an item keeps the versions it was created under" (docs/governance.md).
 *
 * A dry run computes, per item, what the new version would change (pinned references, priority
 * with reasons, SLA due/warning/escalation instants from the item's creation time, escalation
 * group) and what blocks it (evidence that no longer fits, another business object type, a
 * second approval half-way), and writes nothing. Applying recomputes the same, refuses if any
 * selected item is blocked, and writes every item and an audit event per item, plus one summary
 * event, in one transaction; an item that changed meanwhile fails the whole migration (409).
 */
import { diffDefinitions, type SemanticChange, type TaskType } from '@mandate/definitions';
import { priority, sla } from '@mandate/policy';
import { OPEN_WORK_ITEM_STATES, type Stores, type WorkItemChanges, type WorkItemRecord } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { EvidenceValidator } from '../workItems/evidenceValidator.js';
import { WorkItemLoader } from '../workItems/WorkItemLoader.js';
import { assertGovernanceAdmin } from './governanceRoles.js';

/** At most this many items per call; apply again for the rest (migrated items no longer match). */
export const MIGRATION_BATCH = 1000;

/** A migration request. */
export interface MigrateWorkItems {
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  /** Only these items (each must be open and at `fromVersion`); all open items at `fromVersion` when absent. */
  workItemIds?: string[];
}

/** A value before and after the migration. */
export interface Change<T> {
  from: T;
  to: T;
}

/** Why an item cannot move to the new version. */
export interface MigrationBlocker {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What the migration does (or would do) to one item. */
export interface ItemMigration {
  workItemId: string;
  state: string;
  pinnedDefinitions: Change<string[]> & { changed: string[] };
  priority: Change<number> & { reasons: Change<string[]> };
  dueAt: Change<string | null>;
  slaWarnAt: Change<string | null>;
  slaEscalateAt: Change<string | null>;
  escalationGroup: Change<string | null>;
  blockers: MigrationBlocker[];
}

/** The answer of a dry run or an applied migration. */
export interface MigrationResult {
  taskType: string;
  from: string;
  to: string;
  dryRun: boolean;
  applied: boolean;
  /** The task type's semantic changes from one version to the other. */
  definitionChanges: SemanticChange[];
  decisionOptions: { added: string[]; removed: string[] };
  items: ItemMigration[];
  /** Requested items that are not migrated: unknown, finished or at another version. */
  skipped: { workItemId: string; reason: 'NOT_FOUND' | 'NOT_OPEN' | 'NOT_AT_FROM_VERSION' }[];
  /** More open items are at `fromVersion` than one call takes: apply again for the rest. */
  truncated: boolean;
}

/** Plans and applies migrations of open work items between task type versions (see the module comment). */
export class WorkItemMigrationService {
  private readonly loader: WorkItemLoader;
  private readonly evidence = new EvidenceValidator();

  constructor(
    private readonly stores: Stores,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
  ) {
    this.loader = new WorkItemLoader(stores, registry, () => this.clock().toISOString());
  }

  /** Plans (dry run) or applies a migration of the caller's tenant's open items of a task type. */
  async migrate(principal: Principal, taskTypeId: string, input: MigrateWorkItems): Promise<MigrationResult> {
    assertGovernanceAdmin(principal);
    const now = this.clock().toISOString();
    const { fromVersion, toVersion } = input;
    if (fromVersion === toVersion) throw new UnprocessableError('MIGRATION_SAME_VERSION', 'fromVersion and toVersion are the same');
    const [source, target] = await Promise.all([this.stores.definitions.get('TaskType', taskTypeId, fromVersion), this.stores.definitions.get('TaskType', taskTypeId, toVersion)]);
    if (!source) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no TaskType ${taskTypeId} version ${fromVersion}`);
    if (!target) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no TaskType ${taskTypeId} version ${toVersion}`);
    if (target.status !== 'published') throw new UnprocessableError('MIGRATION_TARGET_NOT_PUBLISHED', `${taskTypeId}@${toVersion} is ${target.status}; items move only to a published version`);
    if (target.effectiveFrom && Date.parse(target.effectiveFrom) > Date.parse(now)) throw new UnprocessableError('MIGRATION_TARGET_NOT_IN_EFFECT', `${taskTypeId}@${toVersion} is in effect from ${target.effectiveFrom}`);
    const fromRef = `${taskTypeId}@${fromVersion}`;
    const toRef = `${taskTypeId}@${toVersion}`;
    await this.registry.ensure([fromRef, toRef]);
    const newPolicy = this.registry.policy(toRef);
    const newPins = this.registry.pinnedRefs(toRef);

    const { items, skipped, truncated } = await this.select(principal.tenant, taskTypeId, input);
    const loaded = await this.loader.withPolicies(principal, items);
    const plans = await Promise.all(
      loaded.map(async ({ item, ctx }) => {
        const blockers = this.blockers(newPolicy.pinned.taskType, item);
        const terms = await sla(newPolicy, ctx);
        const score = await priority(newPolicy, ctx);
        const plan: ItemMigration = {
          workItemId: item.id,
          state: item.state,
          pinnedDefinitions: { from: item.pinnedDefinitions, to: newPins, changed: newPins.filter((r) => !item.pinnedDefinitions.includes(r)) },
          priority: { from: item.priority, to: score.priorityScore, reasons: { from: item.priorityReasons, to: score.reasons } },
          dueAt: { from: item.dueAt ?? null, to: terms.dueAt },
          // A warning or escalation already fired stays fired (its instant is cleared); pending ones move.
          slaWarnAt: { from: item.slaWarnAt ?? null, to: item.slaWarnAt ? terms.warnAt : null },
          slaEscalateAt: { from: item.slaEscalateAt ?? null, to: item.slaEscalateAt ? terms.escalateAt : null },
          escalationGroup: { from: item.escalationGroup ?? null, to: terms.terms.escalationGroup ?? null },
          blockers,
        };
        return { item, plan };
      }),
    );
    const oldTaskType = source.content as unknown as TaskType;
    const newTaskType = newPolicy.pinned.taskType;
    const oldOptions = new Set((oldTaskType.decisionOptions ?? []).map((o) => o.code));
    const newOptions = new Set(newTaskType.decisionOptions.map((o) => o.code));
    const result: MigrationResult = {
      taskType: taskTypeId,
      from: fromRef,
      to: toRef,
      dryRun: input.dryRun,
      applied: false,
      definitionChanges: diffDefinitions(oldTaskType, newTaskType).changes,
      decisionOptions: { added: [...newOptions].filter((c) => !oldOptions.has(c)), removed: [...oldOptions].filter((c) => !newOptions.has(c)) },
      items: plans.map((p) => p.plan),
      skipped,
      truncated,
    };
    if (input.dryRun) return result;

    const blocked = result.items.filter((i) => i.blockers.length);
    if (blocked.length) {
      throw new UnprocessableError('MIGRATION_BLOCKED', `${blocked.length} of ${result.items.length} items cannot move to ${toRef}; leave them out (workItemIds) or fix them`, { blocked: blocked.map((i) => ({ workItemId: i.workItemId, blockers: i.blockers })) });
    }
    await this.stores.transaction(async (tx) => {
      for (const { item, plan } of plans) {
        const changes: WorkItemChanges = {
          taskTypeVersion: toVersion,
          pinnedDefinitions: plan.pinnedDefinitions.to,
          priority: plan.priority.to,
          priorityReasons: plan.priority.reasons.to,
          dueAt: plan.dueAt.to ?? undefined,
          slaWarnAt: plan.slaWarnAt.to ?? undefined,
          slaEscalateAt: plan.slaEscalateAt.to ?? undefined,
          escalationGroup: plan.escalationGroup.to ?? undefined,
        };
        const moved = await this.stores.workItems.transition(tx, principal.tenant, item.id, item.rowVersion, changes, now);
        if (!moved) throw new ConflictError('CONCURRENT_CHANGE', `work item ${item.id} changed meanwhile; run the dry run again and retry`, { workItemId: item.id });
        await this.stores.audit.append(tx, {
          tenantId: principal.tenant,
          eventType: 'WorkItemMigrated',
          workItemId: item.id,
          businessObject: { type: item.businessObject.type, id: item.businessObject.id },
          actor: principal.id,
          payload: { taskType: { from: fromRef, to: toRef }, pinnedDefinitions: plan.pinnedDefinitions, priority: plan.priority, dueAt: plan.dueAt, slaWarnAt: plan.slaWarnAt, slaEscalateAt: plan.slaEscalateAt, escalationGroup: plan.escalationGroup },
          occurredAt: now,
        });
      }
      await this.stores.audit.append(tx, {
        tenantId: principal.tenant,
        eventType: 'WorkItemsMigrated',
        actor: principal.id,
        payload: { taskType: taskTypeId, from: fromRef, to: toRef, workItemIds: plans.map((p) => p.item.id), count: plans.length, requested: input.workItemIds ?? null, truncated },
        occurredAt: now,
      });
    });
    return { ...result, applied: true };
  }

  /** The items to migrate, and why requested ones are left out. */
  private async select(tenantId: string, taskTypeId: string, input: MigrateWorkItems): Promise<{ items: WorkItemRecord[]; skipped: MigrationResult['skipped']; truncated: boolean }> {
    const items = this.stores.workItems;
    if (!input.workItemIds) {
      const found = await items.ofTaskType(tenantId, taskTypeId, { version: input.fromVersion, states: OPEN_WORK_ITEM_STATES }, MIGRATION_BATCH + 1);
      return { items: found.slice(0, MIGRATION_BATCH), skipped: [], truncated: found.length > MIGRATION_BATCH };
    }
    const found = new Map((await items.ofTaskType(tenantId, taskTypeId, { ids: input.workItemIds }, input.workItemIds.length)).map((i) => [i.id, i]));
    const selected: WorkItemRecord[] = [];
    const skipped: MigrationResult['skipped'] = [];
    for (const id of input.workItemIds) {
      const item = found.get(id.toLowerCase()) ?? found.get(id);
      if (!item) skipped.push({ workItemId: id, reason: 'NOT_FOUND' });
      else if (!OPEN_WORK_ITEM_STATES.includes(item.state)) skipped.push({ workItemId: id, reason: 'NOT_OPEN' });
      else if (item.taskTypeVersion !== input.fromVersion) skipped.push({ workItemId: id, reason: 'NOT_AT_FROM_VERSION' });
      else selected.push(item);
    }
    return { items: selected, skipped, truncated: false };
  }

  /** What keeps an item from moving to the new task type version. */
  private blockers(taskType: TaskType, item: WorkItemRecord): MigrationBlocker[] {
    const blockers: MigrationBlocker[] = [];
    if (item.businessObject.type !== taskType.businessObjectType) {
      blockers.push({ code: 'BUSINESS_OBJECT_TYPE_MISMATCH', message: `${taskType.id}@${taskType.version} decides on ${taskType.businessObjectType}, not ${item.businessObject.type}` });
    }
    try {
      this.evidence.assertValid(taskType, item.evidence);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      blockers.push({ code: error.code, message: error.message, details: error.details });
    }
    if (item.pendingApproval) {
      blockers.push({ code: 'SECOND_APPROVAL_PENDING', message: `${item.pendingApproval.code} by ${item.pendingApproval.requestedBy} waits for a second approval under the old version; give it or let it lapse first` });
    }
    return blockers;
  }
}
