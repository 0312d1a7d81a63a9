/**
 * The studio's server state is one TanStack Query cache. Every query and command lives in a
 * `*Queries` module of this folder, with the keys it reads and the keys it invalidates; screens
 * only call their hooks, and `ui/QueryStatus` renders loading, failure and retry the same way on
 * every screen.
 *
 * Why these defaults: a retry helps only when the runtime could not be reached or failed (5xx,
 * e.g. 503 while it starts or sheds load); a 4xx is the runtime's answer and is shown, never
 * retried. Commands are not retried unless they carry an idempotency key (see workItemQueries).
 */
import { MandateProblem } from '@mandate/client';
import { QueryClient } from '@tanstack/react-query';
import { runtimeKeys } from './runtimeQueries.js';

/** Retries after the first failure, for queries and idempotent commands. */
export const MAX_RETRIES = 3;

/** Whether another try may succeed: a network failure (fetch rejects with a TypeError) or a 5xx problem. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MandateProblem) return error.status >= 500;
  return error instanceof TypeError;
}

/** The `retry` option: up to {@link MAX_RETRIES} times, only for {@link isRetryable} errors. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryable(error);
}

/** Options for tests: a retry delay of 0 keeps retries instant. */
export interface StudioQueryClientOptions {
  retryDelay?: number;
}

/**
 * The QueryClient of one studio tab.
 *
 * - data is fresh for 10 s, so moving between screens shows it at once; commands invalidate what
 *   they change, so a stale screen after one's own action never waits for that;
 * - no refetch on window focus: an open decision form does not change under the worker; a command
 *   on a changed item answers 409 and the item screen shows what changed;
 * - retries per {@link shouldRetry}, with exponential back-off unless `retryDelay` is given.
 *
 * @example
 * ```tsx
 * const queryClient = createQueryClient();
 * <QueryClientProvider client={queryClient}>…</QueryClientProvider>
 * ```
 */
export function createQueryClient(options: StudioQueryClientOptions = {}): QueryClient {
  const delay = options.retryDelay === undefined ? {} : { retryDelay: options.retryDelay };
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: shouldRetry, ...delay },
      mutations: { retry: false, ...delay },
    },
  });
}

/** Drops every query the signed-in user made (all but the runtime's anonymous ones): called before the user changes. */
export function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== runtimeKeys.health()[0] });
}
