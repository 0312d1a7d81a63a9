/**
 * Work items as server state: the queues (summary pages, tab counts, filter choices), one item
 * with its allowed actions and pinned task type, and the commands on an item. A command changes
 * the item, the queues and the audit trail, so it invalidates exactly those; a 409 says the item
 * changed under the screen, so the item and the queues are invalidated then too. Only commands
 * with an idempotency key (decide, recovery actions) are retried, always with the same key, so a
 * retry replays the first answer instead of acting twice.
 */
import { MandateProblem, type ActionCommand, type DecideCommand, type MandateClient, type WorkItem, type WorkItemCount, type WorkItemFilter, type WorkItemQuery } from '@mandate/client';
import {
  infiniteQueryOptions,
  keepPreviousData,
  mutationOptions,
  queryOptions,
  skipToken,
  useInfiniteQuery,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationOptions,
} from '@tanstack/react-query';
import { loadPinnedTaskType } from '../item/pinnedDefinitions.js';
import { useSession } from '../session/SessionContext.js';
import { QUEUES, queueFilter, type QueueFilters, type QueueId } from '../worklist/queues.js';
import { auditKeys } from './auditQueries.js';
import { shouldRetry } from './createQueryClient.js';
import { definitionKeys } from './definitionQueries.js';

/** Rows per worklist page. */
export const WORKLIST_PAGE_SIZE = 50;
/** Queue tabs count up to this and show "999+" beyond: the count's cost follows it, not the queue's size. */
export const TAB_COUNT_MAX = 999;
/** How many items the filter choices (task types, groups) are taken from. */
const CHOICES_SAMPLE = 200;

/** The query keys of work items. Everything under `queues()` is a list or count a command may change. */
export const workItemKeys = {
  all: ['work-items'] as const,
  queues: () => ['work-items', 'queues'] as const,
  summaries: (filter: WorkItemFilter) => ['work-items', 'queues', 'summaries', filter] as const,
  counts: (filters: QueueFilters, userId: string) => ['work-items', 'queues', 'counts', filters, userId] as const,
  choices: () => ['work-items', 'queues', 'choices'] as const,
  list: (query: WorkItemQuery) => ['work-items', 'queues', 'items', query] as const,
  item: (id: string) => ['work-items', 'item', id] as const,
  detail: (id: string) => [...workItemKeys.item(id), 'detail'] as const,
  allowedActions: (id: string) => [...workItemKeys.item(id), 'allowed-actions'] as const,
  /** The key of every command on an item (`useIsMutating` tells whether one is running). */
  commands: (id: string) => [...workItemKeys.item(id), 'command'] as const,
};

/** The query options of work items. */
export const workItemQueries = {
  /** A queue's rows, {@link WORKLIST_PAGE_SIZE} a page, paged by cursor. */
  summaries: (client: MandateClient, filter: WorkItemFilter) =>
    infiniteQueryOptions({
      queryKey: workItemKeys.summaries(filter),
      queryFn: ({ pageParam }) => client.listWorkItemSummaries({ ...filter, limit: WORKLIST_PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor,
    }),
  /** Every queue tab's count under the same narrowing filters. */
  counts: (client: MandateClient, filters: QueueFilters, userId: string) =>
    queryOptions({
      queryKey: workItemKeys.counts(filters, userId),
      queryFn: async () =>
        Object.fromEntries(await Promise.all(QUEUES.map(async (q) => [q.id, await client.countWorkItems(queueFilter(q.id, filters, userId), { max: TAB_COUNT_MAX })] as const))) as Record<QueueId, WorkItemCount>,
    }),
  /** The filter choices: the task types and groups of the items the user may see. */
  choices: (client: MandateClient) =>
    queryOptions({
      queryKey: workItemKeys.choices(),
      queryFn: async () => {
        const { items } = await client.listWorkItemSummaries({ limit: CHOICES_SAMPLE });
        return { taskTypes: [...new Set(items.map((i) => i.taskType))].sort(), groups: [...new Set(items.flatMap((i) => i.candidateGroups))] };
      },
    }),
  /** Full items (with evidence) of a query. */
  list: (client: MandateClient, query: WorkItemQuery) => queryOptions({ queryKey: workItemKeys.list(query), queryFn: () => client.listWorkItems(query) }),
  detail: (client: MandateClient, id: string) => queryOptions({ queryKey: workItemKeys.detail(id), queryFn: () => client.getWorkItem(id) }),
  allowedActions: (client: MandateClient, id: string) => queryOptions({ queryKey: workItemKeys.allowedActions(id), queryFn: () => client.allowedActions(id) }),
  /** The task type an item is pinned to, with its reason codes; asked once the item is known. */
  pinnedTaskType: (client: MandateClient, item: WorkItem | undefined) =>
    queryOptions({
      queryKey: definitionKeys.pinnedTaskType(item?.taskType ?? '', item?.taskTypeVersion ?? 0, item?.pinnedDefinitions ?? []),
      queryFn: item ? () => loadPinnedTaskType(client, item) : skipToken,
      // Published versions never change.
      staleTime: Infinity,
    }),
};

/** The rows of a queue (`filter` from `queueFilter`), page by page. */
export function useWorklist(filter: WorkItemFilter) {
  const { client } = useSession();
  return useInfiniteQuery(workItemQueries.summaries(client, filter));
}

/** The queue tabs' counts; the previous counts stay while new filters are counted. */
export function useQueueCounts(filters: QueueFilters) {
  const { client, user } = useSession();
  return useQuery({ ...workItemQueries.counts(client, filters, user.id), placeholderData: keepPreviousData });
}

/** The task types and candidate groups to filter by: the user's own groups and those of the items they see. */
export function useFilterChoices(): { taskTypes: string[]; groups: string[] } {
  const { client, user } = useSession();
  const { data } = useQuery(workItemQueries.choices(client));
  return data ? { taskTypes: data.taskTypes, groups: [...new Set([...user.groups, ...data.groups])].sort() } : { taskTypes: [], groups: user.groups };
}

/** One work item, as the visibility policy lets the user see it. */
export function useWorkItem(id: string) {
  const { client } = useSession();
  return useQuery(workItemQueries.detail(client, id));
}

/** What the user may do on an item now, with the reasons for what they may not. */
export function useAllowedActions(id: string) {
  const { client } = useSession();
  return useQuery(workItemQueries.allowedActions(client, id));
}

/** The pinned task type of an item (waits for the item). */
export function usePinnedTaskType(item: WorkItem | undefined) {
  const { client } = useSession();
  return useQuery(workItemQueries.pinnedTaskType(client, item));
}

/** Whether a command on the item is running. */
export function useItemBusy(id: string): boolean {
  return useIsMutating({ mutationKey: workItemKeys.commands(id) }) > 0;
}

/** Invalidates what a command on item `id` changes: the item, the queues and the audit trail. */
export async function invalidateAfterCommand(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([workItemKeys.item(id), workItemKeys.queues(), auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

function itemCommand<TData, TVariables>(queryClient: QueryClient, id: string, send: (variables: TVariables) => Promise<TData>, idempotent = false) {
  return mutationOptions<TData, Error, TVariables>({
    mutationKey: workItemKeys.commands(id),
    mutationFn: send,
    retry: idempotent ? shouldRetry : false,
    onSuccess: () => invalidateAfterCommand(queryClient, id),
    onError: async (error) => {
      if (error instanceof MandateProblem && error.status === 409) {
        await Promise.all([workItemKeys.item(id), workItemKeys.queues()].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      }
    },
  });
}

/** A decision, sent under `idempotencyKey`: one key per submit, reused by every retry. */
export interface DecideVariables {
  command: DecideCommand;
  idempotencyKey: string;
}

/** A recovery action, sent under `idempotencyKey` like a decision. */
export interface ActionVariables {
  code: string;
  body: ActionCommand;
  idempotencyKey: string;
}

/** The mutation options of the commands on item `id`. */
export const itemCommands = {
  claim: (client: MandateClient, queryClient: QueryClient, id: string) => itemCommand(queryClient, id, (_: void) => client.claim(id)),
  release: (client: MandateClient, queryClient: QueryClient, id: string) => itemCommand(queryClient, id, (_: void) => client.release(id)),
  delegate: (client: MandateClient, queryClient: QueryClient, id: string) =>
    itemCommand(queryClient, id, (body: { delegateTo: string; comment: string }) => client.delegate(id, body)),
  reassign: (client: MandateClient, queryClient: QueryClient, id: string) =>
    itemCommand(queryClient, id, (body: { assignee: string; comment?: string }) => client.reassign(id, body)),
  escalate: (client: MandateClient, queryClient: QueryClient, id: string) => itemCommand(queryClient, id, (body: { comment?: string }) => client.escalate(id, body)),
  comment: (client: MandateClient, queryClient: QueryClient, id: string) => itemCommand(queryClient, id, (body: { comment: string }) => client.comment(id, body)),
  decide: (client: MandateClient, queryClient: QueryClient, id: string) =>
    itemCommand(queryClient, id, ({ command, idempotencyKey }: DecideVariables) => client.decide(id, command, { idempotencyKey }), true),
  runAction: (client: MandateClient, queryClient: QueryClient, id: string) =>
    itemCommand(queryClient, id, ({ code, body, idempotencyKey }: ActionVariables) => client.runAction(id, code, body, { idempotencyKey }), true),
};

function useItemCommand<TData, TVariables>(options: (client: MandateClient, queryClient: QueryClient) => UseMutationOptions<TData, Error, TVariables>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation(options(client, queryClient));
}

/** Claims the item for the user. */
export const useClaim = (id: string) => useItemCommand((client, queryClient) => itemCommands.claim(client, queryClient, id));
/** Puts the item back in its queue. */
export const useRelease = (id: string) => useItemCommand((client, queryClient) => itemCommands.release(client, queryClient, id));
/** Asks someone for input; the user stays the owner. */
export const useDelegate = (id: string) => useItemCommand((client, queryClient) => itemCommands.delegate(client, queryClient, id));
/** Gives the item to another assignee. */
export const useReassign = (id: string) => useItemCommand((client, queryClient) => itemCommands.reassign(client, queryClient, id));
/** Escalates the item one level. */
export const useEscalate = (id: string) => useItemCommand((client, queryClient) => itemCommands.escalate(client, queryClient, id));
/** Comments on the item. */
export const useComment = (id: string) => useItemCommand((client, queryClient) => itemCommands.comment(client, queryClient, id));
/** Decides the item. */
export const useDecide = (id: string) => useItemCommand((client, queryClient) => itemCommands.decide(client, queryClient, id));
/** Takes a recovery action on the item. */
export const useRunAction = (id: string) => useItemCommand((client, queryClient) => itemCommands.runAction(client, queryClient, id));

/** After a 409: the item as it is now and the open items of its business object that replaced it (either may be missing). */
export async function staleItemContext(queryClient: QueryClient, client: MandateClient, before: WorkItem): Promise<{ now: WorkItem | undefined; successors: WorkItem[] }> {
  const now = await queryClient.fetchQuery(workItemQueries.detail(client, before.id)).catch(() => undefined);
  if (!now) return { now, successors: [] };
  const { items } = await queryClient.fetchQuery(workItemQueries.list(client, { businessObjectId: before.businessObject.id, limit: 20 })).catch(() => ({ items: [] as WorkItem[] }));
  return { now, successors: items.filter((i) => i.id !== before.id && ['available', 'claimed', 'delegated', 'escalated'].includes(i.state)) };
}
