import { MandateProblem } from '@mandate/client';
import { QueryObserver, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createQueryClient, forgetUserData, isRetryable, MAX_RETRIES } from './createQueryClient.js';
import { fakeRuntime, problem } from './fakeRuntime.js';
import { healthQuery } from './runtimeQueries.js';
import { workItemQueries } from './workItemQueries.js';

const ITEM = { status: 200, body: { id: 'wi-1', state: 'available' } };
const problemOf = (status: number) => new MandateProblem({ type: 'about:blank', title: 't', status, code: `HTTP_${status}`, detail: '' });

/** Watches a query as `useQuery` does and resolves with its first settled result. */
function settled<T, K extends QueryKey>(observer: QueryObserver<T, Error, T, T, K>) {
  return new Promise<ReturnType<QueryObserver<T, Error, T, T, K>['getCurrentResult']>>((resolve) => {
    const unsubscribe = observer.subscribe((result) => {
      if (result.status !== 'pending' && result.fetchStatus === 'idle') {
        unsubscribe();
        resolve(result);
      }
    });
  });
}

describe('isRetryable', () => {
  it.each([400, 401, 403, 404, 409, 412, 422, 429])('never retries a %i', (status) => expect(isRetryable(problemOf(status))).toBe(false));
  it.each([500, 502, 503, 504])('retries a %i', (status) => expect(isRetryable(problemOf(status))).toBe(true));
  it('retries a network failure (fetch rejects with a TypeError), not a bug of ours', () => {
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    expect(isRetryable(new Error('the runtime issued a token without user claims'))).toBe(false);
  });
});

describe('createQueryClient', () => {
  it('does not retry a 4xx: the problem is shown after one request', async () => {
    const runtime = fakeRuntime({ 'GET /work-items/wi-1': problem(404, 'WORK_ITEM_NOT_FOUND') });
    const queryClient = createQueryClient({ retryDelay: 0 });
    const result = await settled(new QueryObserver(queryClient, workItemQueries.detail(runtime.client, 'wi-1')));
    expect(result.status).toBe('error');
    expect(result.error).toBeInstanceOf(MandateProblem);
    expect((result.error as MandateProblem).code).toBe('WORK_ITEM_NOT_FOUND');
    expect(runtime.count('GET /work-items/wi-1')).toBe(1);
  });

  it('retries a 503 until the runtime answers', async () => {
    const runtime = fakeRuntime({ 'GET /work-items/wi-1': [problem(503, 'DATABASE_UNAVAILABLE'), problem(503, 'DATABASE_UNAVAILABLE'), ITEM] });
    const queryClient = createQueryClient({ retryDelay: 0 });
    const result = await settled(new QueryObserver(queryClient, workItemQueries.detail(runtime.client, 'wi-1')));
    expect(result.status).toBe('success');
    expect(result.data).toMatchObject({ id: 'wi-1' });
    expect(runtime.count('GET /work-items/wi-1')).toBe(3);
  });

  it('retries a network failure', async () => {
    const runtime = fakeRuntime({ 'GET /work-items/wi-1': ['network-failure', ITEM] });
    const queryClient = createQueryClient({ retryDelay: 0 });
    await expect(queryClient.fetchQuery(workItemQueries.detail(runtime.client, 'wi-1'))).resolves.toMatchObject({ id: 'wi-1' });
    expect(runtime.count('GET /work-items/wi-1')).toBe(2);
  });

  it(`gives up after ${MAX_RETRIES} retries and shows the last problem`, async () => {
    const runtime = fakeRuntime({ 'GET /work-items/wi-1': problem(503, 'DATABASE_UNAVAILABLE') });
    const queryClient = createQueryClient({ retryDelay: 0 });
    await expect(queryClient.fetchQuery(workItemQueries.detail(runtime.client, 'wi-1'))).rejects.toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(runtime.count('GET /work-items/wi-1')).toBe(1 + MAX_RETRIES);
  });

  it('forgets what the signed-in user was shown, not the runtime health', async () => {
    const runtime = fakeRuntime({ 'GET /work-items/wi-1': ITEM, 'GET /healthz': { status: 200, body: { status: 'ok', auth: 'dev' } } });
    const queryClient = createQueryClient();
    await queryClient.fetchQuery(workItemQueries.detail(runtime.client, 'wi-1'));
    await queryClient.fetchQuery(healthQuery(runtime.client));
    forgetUserData(queryClient);
    expect(queryClient.getQueryData(workItemQueries.detail(runtime.client, 'wi-1').queryKey)).toBeUndefined();
    expect(queryClient.getQueryData(healthQuery(runtime.client).queryKey)).toMatchObject({ auth: 'dev' });
  });
});
