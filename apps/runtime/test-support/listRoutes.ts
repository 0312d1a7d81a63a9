// Test support: the routes an Express 5 app answers, read from its own router stack (nested
// routers included), so a test can hold every route to a declaration (the OpenAPI document, the
// attack matrix) and a route added without one fails.
import type { Express } from 'express';

/** One route: an HTTP method and its path template in OpenAPI form (`/work-items/{id}`). */
export interface RouteTemplate {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

/** The parts of a router layer this reads (Express 5's `router` package; not part of its typings). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** `/:kind/:id` -> `/{kind}/{id}`; a mount at `/` adds nothing. */
function joinPath(prefix: string, path: unknown): string {
  if (typeof path !== 'string') throw new Error(`listRoutes: a route path that is not a string (${String(path)}) cannot be listed; declare routes with string paths`);
  const joined = `${prefix}${path === '/' ? '' : path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return joined === '' ? '/' : joined;
}

function walk(stack: readonly Layer[], prefix: string, out: RouteTemplate[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = joinPath(prefix, layer.route.path);
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && METHODS.has(method)) out.push({ method: method as RouteTemplate['method'], path });
      }
    } else if (Array.isArray(layer.handle.stack)) {
      const mount = joinPath(prefix, layer.rawPath ?? '/');
      walk(layer.handle.stack, mount === '/' ? '' : mount, out);
    }
  }
}

/**
 * Every (method, path template) the app routes, in stack order, without duplicates. Middleware
 * (`app.use(fn)`) is not a route; a mounted router contributes its routes under its mount path.
 *
 * @example
 * listRoutes(app) // [{ method: 'get', path: '/healthz' }, { method: 'get', path: '/work-items/{id}' }, ...]
 */
export function listRoutes(app: Express): RouteTemplate[] {
  const out: RouteTemplate[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
