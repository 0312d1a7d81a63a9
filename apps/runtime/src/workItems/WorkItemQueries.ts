/**
 * Work item reads: one item or a queue page, each item's evidence projected for the caller by its
 * pinned visibility policy; worklist summaries and counts; the actions the caller may take. All
 * tenant-scoped: another tenant's item is not found.
 */
import { allowedActions } from '@mandate/policy';
import type { PageRequest, Stores, WorkItemFilter } from '@mandate/store';
import type { Principal } from '../identity/Principal.js';
import type { WorkItemView } from './types.js';
import type { WorkItemLoader } from './WorkItemLoader.js';
import { viewOf } from './workItemView.js';

/** The reads of `/work-items` (see the module comment). */
export class WorkItemQueries {
  constructor(
    private readonly stores: Pick<Stores, 'workItems'>,
    private readonly loader: WorkItemLoader,
  ) {}

  /** One item, its evidence projected for the caller. */
  async get(principal: Principal, id: string): Promise<WorkItemView> {
    return viewOf(await this.loader.load(principal, id));
  }

  /** A page of the tenant's queue, each item projected for the caller. */
  async list(principal: Principal, filter: WorkItemFilter, page: PageRequest) {
    const result = await this.stores.workItems.listWithContext(principal.tenant, filter, page);
    const items = await Promise.all((await this.loader.fromContextEnsured(principal, result.items)).map(viewOf));
    return { items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
  }

  /** The same page as summaries (no evidence, so no projection): what a worklist shows. */
  async listSummaries(principal: Principal, filter: WorkItemFilter, page: PageRequest) {
    return this.stores.workItems.listSummaries(principal.tenant, filter, page);
  }

  /** How many items of the tenant's queue match the filter (the numbers on the queue tabs). */
  async count(principal: Principal, filter: WorkItemFilter): Promise<{ count: number }> {
    return { count: await this.stores.workItems.count(principal.tenant, filter) };
  }

  /** The same count, stopping after `max`: `{ count, capped }` (a queue tab's "999+"). */
  async countUpTo(principal: Principal, filter: WorkItemFilter, max: number) {
    return this.stores.workItems.countUpTo(principal.tenant, filter, max);
  }

  /** Allowed actions for the caller. */
  async allowedActions(principal: Principal, id: string) {
    const { policy, ctx } = await this.loader.load(principal, id);
    return allowedActions(policy, ctx);
  }
}
