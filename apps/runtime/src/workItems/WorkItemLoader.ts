import type { CompiledPolicy, PolicyContext } from '@mandate/policy';
import type { ApprovalRequestRecord, BusinessObjectRecord, DbIdempotencyKeyRow, ReadStatement, Stores, WorkItemRecord, WorkItemWithContext } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { NotFoundError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import { policyContext } from './policyContext.js';

const objectKey = (type: string, id: string) => `${type}\u0000${id}`;

/**
 * Loads a work item for one principal (tenant-scoped: another tenant's item is not found) with
 * its pinned policy and the evaluation context at the business object's current version. The
 * store reads an item (or a worklist page) together with its business object and approval
 * request in one statement; items loaded otherwise get theirs in one query each, never one per item.
 */
export class WorkItemLoader {
  constructor(
    private readonly stores: Pick<Stores, 'workItems' | 'businessObjects' | 'approvals'>,
    private readonly registry: DefinitionRegistry,
    private readonly now: () => string,
  ) {}

  async load(principal: Principal, id: string): Promise<LoadedWorkItem> {
    return this.fromRead(principal, id, await this.stores.workItems.getWithContext(principal.tenant, id));
  }

  /**
   * The item's read in the shape `runIdempotentAfterRead` takes. Given a key's lookup, it is sent
   * in the load's statement (one round trip for both, one snapshot) and `key` is the key's row
   * (null: none; undefined: not read). The item comes back unmapped (`value()` maps it).
   */
  readWithKey(principal: Principal, id: string) {
    return async (lookup?: ReadStatement): Promise<{ value: () => WorkItemWithContext | undefined; key?: DbIdempotencyKeyRow | null }> => {
      if (!lookup) {
        const read = await this.stores.workItems.getWithContext(principal.tenant, id);
        return { value: () => read };
      }
      const answer = await this.stores.workItems.getWithContextReading<DbIdempotencyKeyRow>(principal.tenant, id, lookup);
      return answer ? { value: answer.loaded, key: answer.besideRow } : { value: () => undefined };
    };
  }

  /** A read item with its policy and context; not found when there was none for this principal. */
  async fromRead(principal: Principal, id: string, read: WorkItemWithContext | undefined): Promise<LoadedWorkItem> {
    if (!read) throw new NotFoundError('WORK_ITEM_NOT_FOUND', `no work item ${id}`);
    return (await this.fromContextEnsured(principal, [read]))[0]!;
  }

  /**
   * The same as `fromContext`, after making sure the registry holds every pinned version (it
   * queries only when one was published by another instance since its last refresh).
   */
  async fromContextEnsured(principal: Principal, loaded: readonly WorkItemWithContext[]): Promise<LoadedWorkItem[]> {
    await this.registry.ensure(loaded.map(({ item }) => `${item.taskType}@${item.taskTypeVersion}`));
    return this.fromContext(principal, loaded);
  }

  /** Policies and contexts of items read with their context (`WorkItemStore.listWithContext`), at one instant. */
  fromContext(principal: Principal, loaded: readonly WorkItemWithContext[]): LoadedWorkItem[] {
    const now = this.now();
    return loaded.map(({ item, businessObject, approvalRequest }) => this.assemble(principal, item, businessObject, approvalRequest, now));
  }

  /** The pinned policy and the evaluation context of an item already loaded. */
  async withPolicy(principal: Principal, item: WorkItemRecord): Promise<LoadedWorkItem> {
    const [loaded] = await this.withPolicies(principal, [item]);
    return loaded!;
  }

  /** The same for items loaded without their context: their business objects and approval requests in one query each. */
  async withPolicies(principal: Principal, items: readonly WorkItemRecord[]): Promise<LoadedWorkItem[]> {
    const [objects, approvals] = await Promise.all([this.stores.businessObjects.getMany(principal.tenant, items.map((i) => i.businessObject)), this.stores.approvals.forWorkItems(items.map((i) => i.id))]);
    const objectOf = new Map(objects.map((o) => [objectKey(o.type, o.id), o]));
    const approvalOf = new Map(approvals.map((a) => [a.workItemId, a]));
    return this.fromContextEnsured(
      principal,
      items.map((item) => {
        const businessObject = objectOf.get(objectKey(item.businessObject.type, item.businessObject.id));
        const approvalRequest = approvalOf.get(item.id);
        return { item, ...(businessObject ? { businessObject } : {}), ...(approvalRequest ? { approvalRequest } : {}) };
      }),
    );
  }

  private assemble(principal: Principal, item: WorkItemRecord, current: BusinessObjectRecord | undefined, approval: ApprovalRequestRecord | undefined, now: string): LoadedWorkItem {
    const policy = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`);
    const ctx = policyContext(
      principal,
      item,
      { snapshot: current?.snapshot ?? {}, version: current?.version ?? item.businessObject.version, revision: current?.revision ?? item.businessObject.revision },
      now,
      approval,
    );
    return { item, policy, ctx };
  }
}

/** An item with its policy and context, as the loader returns it. */
export interface LoadedWorkItem {
  item: WorkItemRecord;
  policy: CompiledPolicy;
  ctx: PolicyContext;
}
