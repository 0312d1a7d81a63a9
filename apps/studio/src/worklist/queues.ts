/**
 * The queues and filters of the worklist (mine, my groups', overdue, escalated, waiting for a second approval) and the `GET /work-items` query each
 * one means. The runtime scopes every query to the caller's tenant and projects items for them;
 * the studio only chooses filters.
 */
import type { WorkItemFilter } from '@mandate/client';

/** The queue tabs. */
export type QueueId = 'mine' | 'available' | 'overdue' | 'high-priority' | 'all-open';

/** Items at or above this priority are "high priority" (the priority models' urgent band). */
export const HIGH_PRIORITY_MIN = 100;

/** A queue as a tab; its label and description are the `worklist` namespace's `queues.<id>`. */
export interface Queue {
  id: QueueId;
}

/** The queues in tab order. */
export const QUEUES: readonly Queue[] = [{ id: 'mine' }, { id: 'available' }, { id: 'overdue' }, { id: 'high-priority' }, { id: 'all-open' }];

/** Narrowing filters on top of a queue. */
export interface QueueFilters {
  taskType?: string;
  candidateGroup?: string;
  businessObjectId?: string;
}

/** Whether a string names a queue. */
export function isQueueId(value: string | null | undefined): value is QueueId {
  return QUEUES.some((q) => q.id === value);
}

/** The runtime filter of a queue with its narrowing filters, for the signed-in user. */
export function queueFilter(queue: QueueId, filters: QueueFilters, userId: string): WorkItemFilter {
  const narrowing: WorkItemFilter = {
    ...(filters.taskType ? { taskType: filters.taskType } : {}),
    ...(filters.candidateGroup ? { candidateGroup: filters.candidateGroup } : {}),
    ...(filters.businessObjectId?.trim() ? { businessObjectId: filters.businessObjectId.trim() } : {}),
  };
  switch (queue) {
    case 'mine':
      return { ...narrowing, assignee: userId, status: 'claimed' };
    case 'available':
      return { ...narrowing, status: 'available' };
    case 'overdue':
      return { ...narrowing, overdue: true };
    case 'high-priority':
      return { ...narrowing, priorityMin: HIGH_PRIORITY_MIN };
    case 'all-open':
      return narrowing;
  }
}

/** The URL search parameters of a worklist view, and back: views are bookmarkable. */
export function viewFromSearch(search: URLSearchParams): { queue: QueueId; filters: QueueFilters } {
  const queue = search.get('queue');
  const filters: QueueFilters = {};
  for (const key of ['taskType', 'candidateGroup', 'businessObjectId'] as const) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return { queue: isQueueId(queue) ? queue : 'available', filters };
}

/** The search parameters of a view (the default queue and empty filters are left out). */
export function searchFromView(queue: QueueId, filters: QueueFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (queue !== 'available') search.set('queue', queue);
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, String(value));
  return search;
}
