import type { WorkItem } from '@mandate/client';
import { MutationObserver, QueryObserver, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queueFilter } from '../worklist/queues.js';
import { auditKeys, itemHistoryQuery } from './auditQueries.js';
import { createQueryClient } from './createQueryClient.js';
import { definitionKeys } from './definitionQueries.js';
import { fakeRuntime, problem, type FakeRoutes } from './fakeRuntime.js';
import { itemCommands, staleItemContext, workItemKeys, workItemQueries } from './workItemQueries.js';

const item = (id: string, state: string): Partial<WorkItem> => ({ id, state, taskType: 'DISCOUNT_APPROVAL', taskTypeVersion: 2, pinnedDefinitions: [], businessObject: { type: 'QUOTE', id: 'Q-1', version: 12 }, evidence: {} });
const page = (...items: Partial<WorkItem>[]) => ({ status: 200, body: { items } });

/** The runtime of one available item wi-1 (and wi-2 beside it), where a claim or a decision changes wi-1. */
function runtimeWithItem(overrides: FakeRoutes = {}) {
  let state = 'available';
  return fakeRuntime({
    'GET /work-items': () => page(item('wi-1', state), item('wi-2', 'available')),
    'GET /work-items/count': { status: 200, body: { count: 2, capped: false } },
    'GET /work-items/wi-1': () => ({ status: 200, body: item('wi-1', state) }),
    'GET /work-items/wi-2': { status: 200, body: item('wi-2', 'available') },
    'GET /work-items/wi-1/allowed-actions': { status: 200, body: { actions: [] } },
    'GET /audit': { status: 200, body: { events: [] } },
    'POST /work-items/wi-1/claim': () => ((state = 'claimed'), { status: 200, body: { id: 'wi-1', state } }),
    'POST /work-items/wi-1/decisions': () => ((state = 'decided'), { status: 201, body: { id: 'd-1', decision: 'APPROVE', status: 'RECORDED' } }),
    ...overrides,
  });
}

/** Loads every query the worklist and the item screen of wi-1 show, and one of wi-2 and of definitions. */
async function loadScreens(queryClient: QueryClient, runtime: ReturnType<typeof fakeRuntime>) {
  const { client } = runtime;
  const available = queueFilter('available', {}, 'dana');
  await queryClient.fetchInfiniteQuery(workItemQueries.summaries(client, available));
  await queryClient.fetchQuery(workItemQueries.counts(client, {}, 'dana'));
  await queryClient.fetchQuery(workItemQueries.detail(client, 'wi-1'));
  await queryClient.fetchQuery(workItemQueries.allowedActions(client, 'wi-1'));
  await queryClient.fetchQuery(itemHistoryQuery(client, 'wi-1'));
  await queryClient.fetchQuery(workItemQueries.detail(client, 'wi-2'));
  queryClient.setQueryData(definitionKeys.list(undefined), []);
  return {
    worklist: workItemKeys.summaries(available),
    counts: workItemKeys.counts({}, 'dana'),
    item: workItemKeys.detail('wi-1'),
    actions: workItemKeys.allowedActions('wi-1'),
    history: auditKeys.itemHistory('wi-1'),
    otherItem: workItemKeys.detail('wi-2'),
    definitions: definitionKeys.list(undefined),
  };
}

const invalidated = (queryClient: QueryClient, key: QueryKey) => queryClient.getQueryState(key)?.isInvalidated ?? false;

describe('work item commands', () => {
  it('a claim invalidates the item, the worklist, the tab counts and the history, and nothing else', async () => {
    const runtime = runtimeWithItem();
    const queryClient = createQueryClient({ retryDelay: 0 });
    const keys = await loadScreens(queryClient, runtime);

    await new MutationObserver(queryClient, itemCommands.claim(runtime.client, queryClient, 'wi-1')).mutate();

    for (const key of [keys.worklist, keys.counts, keys.item, keys.actions, keys.history]) expect(invalidated(queryClient, key), JSON.stringify(key)).toBe(true);
    expect(invalidated(queryClient, keys.otherItem)).toBe(false);
    expect(invalidated(queryClient, keys.definitions)).toBe(false);
  });

  it('after a decision, the worklist and the item on screen refresh by themselves', async () => {
    const runtime = runtimeWithItem();
    const queryClient = createQueryClient({ retryDelay: 0 });
    const available = queueFilter('available', {}, 'dana');
    const itemScreen = new QueryObserver(queryClient, workItemQueries.detail(runtime.client, 'wi-1'));
    const worklistScreen = new QueryObserver(queryClient, { queryKey: workItemKeys.list(available), queryFn: () => runtime.client.listWorkItems(available) });
    const stopItem = itemScreen.subscribe(() => undefined);
    const stopWorklist = worklistScreen.subscribe(() => undefined);
    await itemScreen.refetch();
    await worklistScreen.refetch();
    expect(itemScreen.getCurrentResult().data?.state).toBe('available');
    const itemReads = runtime.count('GET /work-items/wi-1');
    const worklistReads = runtime.count('GET /work-items');

    await new MutationObserver(queryClient, itemCommands.decide(runtime.client, queryClient, 'wi-1')).mutate({ command: { decision: 'APPROVE', expectedBusinessObjectVersion: 12 }, idempotencyKey: 'k-1' });

    expect(runtime.count('GET /work-items/wi-1')).toBe(itemReads + 1);
    expect(runtime.count('GET /work-items')).toBe(worklistReads + 1);
    expect(itemScreen.getCurrentResult().data?.state).toBe('decided');
    expect(worklistScreen.getCurrentResult().data?.items[0]?.state).toBe('decided');
    stopItem();
    stopWorklist();
  });

  it('retries a decision after a 503 under the same idempotency key', async () => {
    const runtime = runtimeWithItem({ 'POST /work-items/wi-1/decisions': [problem(503, 'DATABASE_UNAVAILABLE'), { status: 201, body: { id: 'd-1', decision: 'APPROVE', status: 'RECORDED' } }] });
    const queryClient = createQueryClient({ retryDelay: 0 });

    const { result } = await new MutationObserver(queryClient, itemCommands.decide(runtime.client, queryClient, 'wi-1')).mutate({ command: { decision: 'APPROVE', expectedBusinessObjectVersion: 12 }, idempotencyKey: 'k-1' });

    expect(result.decision).toBe('APPROVE');
    const sent = runtime.requests.filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['k-1', 'k-1']);
  });

  it('never retries a claim (no idempotency key), even after a 503', async () => {
    const runtime = runtimeWithItem({ 'POST /work-items/wi-1/claim': problem(503, 'DATABASE_UNAVAILABLE') });
    const queryClient = createQueryClient({ retryDelay: 0 });
    await expect(new MutationObserver(queryClient, itemCommands.claim(runtime.client, queryClient, 'wi-1')).mutate()).rejects.toMatchObject({ status: 503 });
    expect(runtime.count('POST /work-items/wi-1/claim')).toBe(1);
  });

  it('a refused command (403) is not retried and changes nothing', async () => {
    const runtime = runtimeWithItem({ 'POST /work-items/wi-1/decisions': problem(403, 'FOUR_EYES_VIOLATION') });
    const queryClient = createQueryClient({ retryDelay: 0 });
    const keys = await loadScreens(queryClient, runtime);

    await expect(
      new MutationObserver(queryClient, itemCommands.decide(runtime.client, queryClient, 'wi-1')).mutate({ command: { decision: 'APPROVE', expectedBusinessObjectVersion: 12 }, idempotencyKey: 'k-1' }),
    ).rejects.toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });

    expect(runtime.count('POST /work-items/wi-1/decisions')).toBe(1);
    for (const key of Object.values(keys)) expect(invalidated(queryClient, key), JSON.stringify(key)).toBe(false);
  });

  it('a 409 is not retried; the item and the queues are stale then, and the conflict reads them fresh', async () => {
    const runtime = runtimeWithItem({
      'POST /work-items/wi-1/decisions': problem(409, 'STALE_BUSINESS_OBJECT'),
      'GET /work-items': (request) => (request.search.get('businessObjectId') === 'Q-1' ? page(item('wi-1', 'obsolete'), item('wi-3', 'available')) : page(item('wi-1', 'obsolete'))),
      'GET /work-items/wi-1': { status: 200, body: item('wi-1', 'obsolete') },
    });
    const queryClient = createQueryClient({ retryDelay: 0 });
    const keys = await loadScreens(queryClient, runtime);
    const before = item('wi-1', 'available') as WorkItem;

    await expect(
      new MutationObserver(queryClient, itemCommands.decide(runtime.client, queryClient, 'wi-1')).mutate({ command: { decision: 'APPROVE', expectedBusinessObjectVersion: 12 }, idempotencyKey: 'k-1' }),
    ).rejects.toMatchObject({ status: 409 });

    expect(runtime.count('POST /work-items/wi-1/decisions')).toBe(1);
    for (const key of [keys.item, keys.actions, keys.worklist, keys.counts]) expect(invalidated(queryClient, key), JSON.stringify(key)).toBe(true);
    expect(invalidated(queryClient, keys.history)).toBe(false);
    const { now, successors } = await staleItemContext(queryClient, runtime.client, before);
    expect(now?.state).toBe('obsolete');
    expect(successors.map((s) => s.id)).toEqual(['wi-3']);
  });
});
