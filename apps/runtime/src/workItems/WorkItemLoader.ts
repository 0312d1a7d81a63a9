import type { Knex } from 'knex';
import { KnexApprovalRequestStore, KnexBusinessObjectStore, KnexWorkItemStore, type WorkItemRecord } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { NotFoundError } from '../http/errors.js';
import type { Principal } from '../identity/Principal.js';
import { policyContext } from './policyContext.js';

/**
 * Loads a work item for one principal (tenant-scoped: another tenant's item is not found) with
 * its pinned policy and the evaluation context at the business object's current version.
 */
export class WorkItemLoader {
  readonly items: KnexWorkItemStore;
  private readonly objects: KnexBusinessObjectStore;
  private readonly approvals: KnexApprovalRequestStore;

  constructor(
    knex: Knex,
    private readonly registry: DefinitionRegistry,
    private readonly now: () => string,
  ) {
    this.items = new KnexWorkItemStore(knex);
    this.objects = new KnexBusinessObjectStore(knex);
    this.approvals = new KnexApprovalRequestStore(knex);
  }

  async load(principal: Principal, id: string) {
    const item = await this.items.get(principal.tenant, id);
    if (!item) throw new NotFoundError('WORK_ITEM_NOT_FOUND', `no work item ${id}`);
    return this.withPolicy(principal, item);
  }

  /** The pinned policy and the evaluation context of an item already loaded. */
  async withPolicy(principal: Principal, item: WorkItemRecord) {
    const [current, approval] = await Promise.all([this.objects.get(principal.tenant, item.businessObject.type, item.businessObject.id), this.approvals.forWorkItem(item.id)]);
    const policy = this.registry.policy(`${item.taskType}@${item.taskTypeVersion}`);
    const ctx = policyContext(
      principal,
      item,
      { snapshot: current?.snapshot ?? {}, version: current?.version ?? item.businessObject.version, revision: current?.revision ?? item.businessObject.revision },
      this.now(),
      approval,
    );
    return { item, policy, ctx };
  }
}

/** An item with its policy and context, as the loader returns it. */
export type LoadedWorkItem = Awaited<ReturnType<WorkItemLoader['withPolicy']>>;
