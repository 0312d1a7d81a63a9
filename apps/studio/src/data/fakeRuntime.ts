/**
 * For the data layer's tests: a MandateClient over a scripted `fetch`, so queries and commands run
 * through the real client (status codes become MandateProblems as in the browser) without a runtime.
 */
import { MandateClient } from '@mandate/client';

/** A request the fake runtime received. */
export interface FakeRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

/** An answer: a status and a JSON body (a problem document for 4xx/5xx), or a thrown network failure. */
export type FakeAnswer = { status: number; body?: unknown } | 'network-failure';

/** Answers `METHOD /path` (the path without its query); several answers are given in turn, the last one repeats. */
export type FakeRoutes = Record<string, FakeAnswer | FakeAnswer[] | ((request: FakeRequest) => FakeAnswer)>;

/** A problem document for a status. */
export function problem(status: number, code: string): FakeAnswer {
  return { status, body: { type: 'about:blank', title: code, status, code, detail: `${code} (test)` } };
}

/** A MandateClient whose runtime answers `routes`, and the requests it sent. */
export function fakeRuntime(routes: FakeRoutes): { client: MandateClient; requests: FakeRequest[]; count: (route: string) => number } {
  const requests: FakeRequest[] = [];
  const served = new Map<string, number>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const request: FakeRequest = {
      method,
      path: url.pathname,
      search: url.searchParams,
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    const route = `${method} ${url.pathname}`;
    const script = routes[route];
    if (script === undefined) return Promise.resolve(json(problem(404, 'ROUTE_NOT_FOUND') as { status: number; body: unknown }));
    const n = served.get(route) ?? 0;
    served.set(route, n + 1);
    const answer = typeof script === 'function' ? script(request) : Array.isArray(script) ? script[Math.min(n, script.length - 1)]! : script;
    return answer === 'network-failure' ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(json(answer));
  };
  return {
    client: new MandateClient({ baseUrl: 'http://runtime.test', token: 'test-token', fetch }),
    requests,
    count: (route) => requests.filter((r) => `${r.method} ${r.path}` === route).length,
  };
}

function json({ status, body }: { status: number; body?: unknown }): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}
